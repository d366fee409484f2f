/**
 * The generators' content (answer families, vocabulary, sentence patterns) as the bank build
 * emits it: `question-bank/generators/*.yaml` and `question-bank/families.yaml`, validated by
 * `scripts/bank/generator-schema.ts`, written to `src/lib/bank/generated/generators.json`.
 *
 * In the app and in vitest the JSON is bundled into the generators' own lazy chunk (an eager glob
 * inside a module only drills import), so it is never on the home path. Scripts run by tsx
 * (bank:check, bank:stats) have no bundler: they load the YAML themselves and hand it over with
 * `useGeneratorContent` before the first generator call.
 */
import type { Family, L10n } from '../types';

/** The families the generators label their dimensions with (ids as in families.yaml). */
export type GeneratorFamilyId =
	| 'mode'
	| 'direction'
	| 'category'
	| 'digital'
	| 'outsourcing-mode'
	| 'outsourcing-type'
	| 'outsourcing-class'
	| 'outsourcing-subclass'
	| 'outsourcing-enterprise'
	| 'scope';

export const GENERATOR_FAMILY_IDS: readonly GeneratorFamilyId[] = [
	'mode',
	'direction',
	'category',
	'digital',
	'outsourcing-mode',
	'outsourcing-type',
	'outsourcing-class',
	'outsourcing-subclass',
	'outsourcing-enterprise',
	'scope'
];

/** One typical business of an ITO / BPO / KPO table row. */
export interface TypicalBusiness {
	/** The words exactly as they stand in the cell (whitespace removed): proves the key. */
	seed: string;
	/** The business as a stem phrase, "为其提供 ___". Usually `seed`, sometimes completed. */
	zh: string;
	/** Faithful English of `zh`, a noun phrase that reads after "provide". */
	en: string;
}

/** One row of the 典型业务 column (二（八）). */
export interface SubclassBusinesses {
	/** `outsourcing-subclass` option id. */
	subclass: string;
	/** The sub-class as the table prints it (whitespace removed). */
	name: string;
	/** The typical-business cell, or the contiguous part of it the businesses come from. */
	cell: string;
	/** True when `name` is immediately followed by `cell` in the handout, so a quote may join them. */
	nameJoinsCell: boolean;
	businesses: readonly TypicalBusiness[];
}

export interface OutsourcingContent {
	vendors: readonly L10n[];
	clients: readonly L10n[];
	/** Patterns with {vendor}, {client}, {business}. */
	stems: readonly L10n[];
	explanation: {
		listedAsIs: L10n;
		listedCompleted: L10n;
		key: L10n;
		sibling: L10n;
		other: L10n;
	};
	rows: readonly SubclassBusinesses[];
	confusable: readonly (readonly [string, string])[];
}

export interface PlaceContent {
	zh: string;
	en: string;
	enAdj: string;
	side: 'cn' | 'foreign';
	country: string;
	region?: true;
}

/** Words keyed by placeholder name ({use}, {entity} …), each in both languages. */
export type PhraseMap = Readonly<Record<string, L10n>>;

/**
 * The words of one mode and side of the supply-mode generator (see supply-mode.yaml): services,
 * parties, entity forms or travellers, sentence patterns and the explanation.
 */
export interface SceneContent {
	mode: 'cross-border' | 'consumption-abroad' | 'commercial-presence' | 'natural-persons';
	/** Which party is Chinese: the supplier for `export`, the consumer for `import`. */
	side: 'export' | 'import';
	/** The handout sentence for this mode and side; the rule's definition sentence when absent. */
	quote?: string;
	difficulty: 1 | 2 | 3;
	services: readonly {
		id: string;
		supplier: L10n;
		object: L10n;
		/** Consumer kinds (ids of `consumers`) this service is offered to. */
		consumers: readonly string[];
		/** Supplier homes besides the side's own (新马泰, only ever a tour destination). */
		alsoSupplierHomes?: readonly string[];
		phrases?: PhraseMap;
	}[];
	/** Consumer kinds, worded against the consumer's home ({con}, {conAdj}). */
	consumers: readonly { id: string; words: L10n }[];
	/** Entity forms (commercial presence) or travellers (movement of natural persons). */
	extras?: readonly { id: string; words: L10n; phrases?: PhraseMap }[];
	/** Which extras a service allows (`default` for services not listed); all when absent. */
	extrasFor?: Readonly<Record<string, readonly string[]>>;
	templates: readonly L10n[];
	explanation: L10n;
}

/** One of the handout's own supply-mode examples (supply-mode.yaml `examples`). */
export interface HandoutExampleContent {
	id: string;
	/** Where the handout tells it (二（三）, or 二（四） for the cross-border imports it lacks). */
	part: '2.3' | '2.4';
	/** The example as the handout tells it. */
	text: L10n;
	/** The handout's words for it (exact, whitespace aside). */
	quote: string;
	/** Which party is Chinese, as the scenes are organised. */
	side: 'export' | 'import';
	/** A point of that scene's space. */
	input: {
		service: string;
		supplierHome: string;
		consumerHome: string;
		consumer: string;
		extra?: string;
	};
	/** What the handout says it is; no direction for commercial presence (the handout gives none). */
	expected: {
		mode: SceneContent['mode'];
		direction: 'export' | 'import' | null;
	};
}

export interface SupplyModeContent {
	places: Readonly<Record<string, PlaceContent>>;
	chineseCities: readonly string[];
	foreignCountries: readonly string[];
	rules: Readonly<
		Record<
			'cross-border' | 'consumption-abroad' | 'commercial-presence' | 'natural-persons',
			{ text: L10n; quote: string }
		>
	>;
	/** Said instead of a direction in commercial-presence explanations. */
	noDirection: L10n;
	scenes: readonly SceneContent[];
	examples: readonly HandoutExampleContent[];
}

export type OutsourcingModeId = 'offshore' | 'onshore' | 'overseas';

/** The outsourcing-mode generator's content (question-bank/generators/outsourcing-mode.yaml). */
export interface OutsourcingModeContent {
	/** The handout's definition of each mode (exact, whitespace aside). */
	rules: Readonly<Record<OutsourcingModeId, { quote: string }>>;
	/** Equity a foreign branch holds (all over 50 %). */
	stakes: readonly L10n[];
	/** Patterns with {vendorHome}, {clientHome}, {business} and (overseas) {stake}. */
	templates: Readonly<Record<OutsourcingModeId, readonly L10n[]>>;
	/** Patterns with the stem's words plus {type} and {table}. */
	explanation: Readonly<Record<OutsourcingModeId, L10n>>;
}

/**
 * Sentence patterns and the lists their placeholders draw from (see ./varied.ts): {city},
 * {country} / {countryAdj} from the supply-mode places, {business} from the typical businesses
 * of an outsourcing class or type, any other name from `vary`.
 */
export interface VariedContent {
	templates: readonly L10n[];
	vary?: Readonly<Record<string, readonly L10n[]>>;
	/** An `outsourcing-class` or `outsourcing-type` option id: where {business} comes from. */
	businesses?: string;
}

/** One worked example of a category (二（四）), re-told with its parties varied. */
export interface CategorySceneContent extends VariedContent {
	id: string;
	/** `category` option id. */
	category: string;
	/** The handout's example (exact, whitespace aside). */
	quote: string;
	/** Why the example is that category, in the handout's terms (a whole sentence). */
	rule: L10n;
}

/** The category generator's content (question-bank/generators/category.yaml). */
export interface CategoryContent {
	/** UNCTAD's six digitally deliverable categories as the handout cites them (一（三）). */
	digital: { quote: string; categories: readonly string[] };
	/** Patterns: `key` with {rule} and {category}; the other two with {category}. */
	explanation: { key: L10n; deliverable: L10n; notDeliverable: L10n };
	scenes: readonly CategorySceneContent[];
}

/** One side of an exclusion case: activities the handout puts inside, or outside, the class. */
export interface ExclusionSideContent extends VariedContent {
	/** The handout's words; absent only for an inside side drawn from the tables (row quoted). */
	quote?: string;
	/** Pattern with {class}. */
	explanation: L10n;
}

/** What an exclusion case asks: membership of a category or class, or the enterprise criteria. */
export type ExclusionAsks =
	| { family: 'category' | 'outsourcing-class'; option: string }
	| { family: 'outsourcing-enterprise' };

/** One of the handout's "不包括…" clauses with the activities it does include. */
export interface ExclusionCaseContent {
	id: string;
	asks: ExclusionAsks;
	/** The scope dimension's label, with {class}; absent for the enterprise criteria. */
	question?: L10n;
	inside: ExclusionSideContent;
	outside: ExclusionSideContent;
}

/** The exclusion generator's content (question-bank/generators/exclusions.yaml). */
export interface ExclusionContent {
	cases: readonly ExclusionCaseContent[];
}

/** Everything the generators read, as `generated/generators.json` holds it. */
export interface GeneratorContent {
	families: Readonly<Record<GeneratorFamilyId, Family>>;
	outsourcing: OutsourcingContent;
	outsourcingMode: OutsourcingModeContent;
	supplyMode: SupplyModeContent;
	category: CategoryContent;
	exclusions: ExclusionContent;
}

let injected: GeneratorContent | undefined;

/** Scripts without a bundler (tsx) hand the content over before the first generator call. */
export function useGeneratorContent(content: GeneratorContent): void {
	injected = content;
	cache = undefined;
}

let cache: GeneratorContent | undefined;

/**
 * The content; throws with the command to run when the bank has not been built (the JSON is
 * generated, not committed).
 */
export function generatorContent(): GeneratorContent {
	if (cache) return cache;
	if (injected) return (cache = injected);
	const built = import.meta.glob<GeneratorContent>('../generated/generators.json', {
		eager: true,
		import: 'default'
	})['../generated/generators.json'];
	if (!built) throw new Error('generators.json is missing: run `npm run bank:build` first');
	return (cache = built);
}

/**
 * A value computed once from the content, on first use (module-level constants cannot read the
 * content at import time: under tsx it is handed over after the imports).
 */
export function fromContent<T>(compute: (content: GeneratorContent) => T): () => T {
	let value: { of: GeneratorContent; v: T } | undefined;
	return () => {
		const content = generatorContent();
		if (!value || value.of !== content) value = { of: content, v: compute(content) };
		return value.v;
	};
}
