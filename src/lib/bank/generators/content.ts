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
	'mode' | 'direction' | 'outsourcing-type' | 'outsourcing-class' | 'outsourcing-subclass';

export const GENERATOR_FAMILY_IDS: readonly GeneratorFamilyId[] = [
	'mode',
	'direction',
	'outsourcing-type',
	'outsourcing-class',
	'outsourcing-subclass'
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
}

/** Everything the generators read, as `generated/generators.json` holds it. */
export interface GeneratorContent {
	families: Readonly<Record<GeneratorFamilyId, Family>>;
	outsourcing: OutsourcingContent;
	supplyMode: SupplyModeContent;
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
