/**
 * The shape of the bank as the app loads it. `scripts/bank/build.ts` writes these from the
 * authored YAML in `question-bank/`; nothing here is parsed at run time beyond JSON.
 * One file per unit and locale keeps each download small and lets the service worker precache it.
 */

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Text in both languages, used only where one payload serves both (index, families). */
export interface L10n {
	zh: string;
	en: string;
}

export type FamilyId =
	| 'mode'
	| 'direction'
	| 'category'
	| 'digital'
	| 'outsourcing-mode'
	| 'outsourcing-type'
	| 'outsourcing-class'
	| 'outsourcing-subclass'
	| 'trade-enterprise'
	| 'outsourcing-enterprise'
	| 'oecd-wto-part'
	| 'dingtao-category'
	| 'mofcom-2019-class'
	| 'mofcom-2020-domain'
	| 'ustr-class';

export interface FamilyOption {
	id: string;
	label: L10n;
	/** Parent in the ITO/BPO/KPO tree (sub-class → class → type). */
	parent?: string;
	/** True for the 其他… sub-classes, which have no worked case in the handout. */
	noCase?: boolean;
}

export interface Family {
	id: FamilyId;
	label: L10n;
	options: FamilyOption[];
}

export interface PartMeta {
	id: string;
	title: L10n;
}

export interface UnitMeta {
	/** Slug without the folder number, e.g. `modes-of-supply`. */
	id: string;
	order: number;
	parts: string[];
	title: L10n;
	summary: L10n;
	itemCount: number;
	sectionCount: number;
	/** Every concept tag used by the unit's items, for practice filters. */
	concepts: string[];
	/** Each item's id, type and concept tags (indices into `concepts`), to filter and count. */
	items: ItemFacets[];
}

export interface ItemFacets {
	id: string;
	type: ItemType;
	concepts: number[];
}

/** `index.json`: small, loaded on start; everything else is per unit. */
export interface BankIndex {
	/** Content hash of the whole bank: progress records which version an attempt was made on. */
	version: string;
	units: UnitMeta[];
	parts: PartMeta[];
	families: Family[];
}

/** Inline text: a run that is bold or not. The build parses the authoring markup into this. */
export interface Span {
	text: string;
	bold?: boolean;
}

export type Block = { kind: 'p'; spans: Span[] } | { kind: 'ul'; items: Span[][] };

export interface LessonSection {
	id: string;
	title: string;
	blocks: Block[];
	/** Item ids (same unit) asked at the end of the section. */
	check: string[];
}

export interface Lesson {
	title: string;
	summary: string;
	objectives: string[];
	sections: LessonSection[];
}

export interface Option {
	id: string;
	label: string;
}

interface ItemBase {
	id: string;
	/** Unit slug. */
	unit: string;
	part: string;
	concepts: string[];
	difficulty: 1 | 2 | 3;
	stem: string;
	explanation: string;
	/** The handout's words that prove the key (always Chinese: the original). */
	source: { part: string; quote: string };
	seedCase?: boolean;
	/** Set on items made by a generator rather than authored. */
	generated?: boolean;
}

export interface SingleItem extends ItemBase {
	type: 'single';
	options: Option[];
	answer: string;
}

export interface MultipleItem extends ItemBase {
	type: 'multiple';
	options: Option[];
	answer: string[];
}

export interface TrueFalseItem extends ItemBase {
	type: 'truefalse';
	answer: boolean;
}

export interface MatchingItem extends ItemBase {
	type: 'matching';
	/** In key order: left[i] matches right[i]. The app shuffles the right-hand side. */
	pairs: { left: string; right: string }[];
}

export interface ClassifyDimension {
	family: FamilyId;
	label: string;
	options: Option[];
	answer: string;
}

export interface ClassifyItem extends ItemBase {
	type: 'classify';
	dimensions: ClassifyDimension[];
}

export interface ClozeItem extends ItemBase {
	type: 'cloze';
	/** Accepted answers in this locale, compared after `normaliseAnswer`. */
	accept: string[];
}

export type Item =
	SingleItem | MultipleItem | TrueFalseItem | MatchingItem | ClassifyItem | ClozeItem;
export type ItemType = Item['type'];

/** `units/<unit>.<locale>.json` */
export interface UnitContent {
	id: string;
	locale: Locale;
	lesson: Lesson;
	items: Item[];
}

/** What a learner gave, per item type. */
export type Response =
	| { type: 'single'; choice: string }
	| { type: 'multiple'; choices: string[] }
	| { type: 'truefalse'; value: boolean }
	| { type: 'matching'; rightFor: Record<number, number> }
	| { type: 'classify'; values: Record<string, string> }
	| { type: 'cloze'; text: string };

export interface Score {
	correct: boolean;
	/** 0..1; partial credit for multiple, matching and classify. */
	fraction: number;
	/** Per classify dimension (family id → right or not): feedback says "mode right, direction wrong". */
	dimensions?: Partial<Record<FamilyId, boolean>>;
}

/**
 * One entry of `glossary.json` (emitted by `bank:build`, loaded lazily by the glossary page):
 * a term of `question-bank/glossary.yaml` or an option of `families.yaml`, in both languages.
 */
export interface GlossaryTerm {
	/** `glossary:service-trade` for glossary.yaml terms; the concept tag `mode.cross-border` for family options. */
	id: string;
	/** The family the option belongs to (`mode`, `category`, `outsourcing-type`…); absent for glossary.yaml terms. */
	family?: FamilyId;
	term: L10n;
	/** Other accepted forms (zhAlt/enAlt), searched too. */
	alt: { zh: string[]; en: string[] };
	/** A handout sentence using the term: the `source.quote` of the first item (unit order) whose quote contains it. */
	quote?: { text: string; part: string };
	/** The first lesson section (unit order) whose Chinese text uses the term. */
	lesson?: { unit: string; section: string; title: L10n };
	/** Where to practise it: the unit with the most items on this concept (or the lesson's unit); `concept` when items are tagged with it. */
	practice?: { unit: string; concept?: string };
}
