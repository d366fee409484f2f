/**
 * Every rule in question-bank/README.md "Rules the check enforces", as pure functions over loaded
 * data (no fs), so tests can feed them one broken item at a time. Each rule is its own function
 * returning BankError[]; `validateBank` runs them all and applies the `--unit` filter.
 */
import {
	CLOZE_BLANK,
	FAMILY_IDS,
	TOPICS,
	parseBankSource,
	unitFile,
	type AuthoredClassify,
	type AuthoredFamilies,
	type AuthoredFamilyId,
	type AuthoredFamilyOption,
	type AuthoredItem,
	type Bank,
	type BankError,
	type BankSource,
	type ErrorKind,
	type L10nText,
	type LoadedItem
} from './schema';
import { shapeGiveaways, type ShapedItem } from '../../src/lib/bank/shape-fairness';

export interface ValidateOptions {
	/** Unit folder: only that unit's item and lesson errors, no global coverage or part teaching. */
	unit?: string;
	/** Set false to skip coverage minimums (tiny fixtures); default true. */
	coverage?: boolean;
}

/** The README's coverage minimums, in one place so stats and messages agree. */
export const MINIMUMS = {
	total: 400,
	perCategory: 6,
	perSubclass: 3,
	modeScenarioClassify: 40,
	digitalTrade: 40,
	/** Scenario practice in unit 04 (issue #12): classify items in the digital-trade unit. */
	digitalTradeClassify: 12,
	newModels: 10,
	definitionsAndRelations: 30,
	enterpriseCriteria: 10,
	perPart: 1
} as const;

/** The unit (by unit.yaml id) whose classify items `digitalTradeClassify` counts. */
export const DIGITAL_TRADE_UNIT = 'digital-trade';

export const EXPLANATION_MIN = { zh: 20, en: 60 } as const;
export const NEAR_DUPLICATE_DICE = 0.9;

// ---------------------------------------------------------------- shared lookups

type FamilyIndex = Map<AuthoredFamilyId, Map<string, AuthoredFamilyOption>>;

export function indexFamilies(families: AuthoredFamilies): FamilyIndex {
	const index: FamilyIndex = new Map();
	for (const id of FAMILY_IDS)
		index.set(id, new Map((families[id]?.options ?? []).map((o) => [o.id, o])));
	return index;
}

/** `category.travel` → ['category', 'travel']; sub-class ids keep their own dot. */
export function splitRef(ref: string): [string, string] {
	const dot = ref.indexOf('.');
	return dot < 0 ? [ref, ''] : [ref.slice(0, dot), ref.slice(dot + 1)];
}

/**
 * OECD–WTO part → the Dingtao (2019) category that both the handout's definitions and its mapping
 * give for the same scenario (part 1.3). The third pair of the mapping, 数字驱动的贸易 ↔ 数字订购贸易,
 * is left out on purpose: an online order of goods is 数字订购贸易 by the OECD–WTO definition but
 * 数字支持的贸易 by Dingtao's own, so the handout does not settle both at once (see dig-21).
 */
const AGREEING_DIGITAL_PAIRS: Readonly<Record<string, string>> = {
	'digitally-delivered': 'digitised',
	'platform-enabled': 'digitally-supported'
};

const isFamilyId = (s: string): s is AuthoredFamilyId =>
	(FAMILY_IDS as readonly string[]).includes(s);

export function resolveRef(families: FamilyIndex, ref: string): AuthoredFamilyOption | undefined {
	const [family, option] = splitRef(ref);
	return isFamilyId(family) ? families.get(family)?.get(option) : undefined;
}

/** The option ids an item offers: a ref's id is its family option id (`travel`). */
function optionIds(item: AuthoredItem): string[] {
	if (item.type !== 'single' && item.type !== 'multiple') return [];
	return item.options.map((o) => (o.ref !== undefined ? splitRef(o.ref)[1] : (o.id ?? '')));
}

function err(kind: ErrorKind, at: LoadedItem, path: string, message: string): BankError {
	return { kind, file: at.file, id: at.item.id, path, message };
}

const allItems = (bank: Bank): LoadedItem[] => bank.units.flatMap((u) => u.items);

// ---------------------------------------------------------------- ids

/** Ids are unique in the whole bank: progress records are keyed by them. */
export function checkUniqueIds(items: LoadedItem[]): BankError[] {
	const first = new Map<string, LoadedItem>();
	const errors: BankError[] = [];
	for (const at of items) {
		const seen = first.get(at.item.id);
		if (seen)
			errors.push(err('duplicate-id', at, 'id', `duplicate id, first used in ${seen.file}`));
		else first.set(at.item.id, at);
	}
	return errors;
}

// ---------------------------------------------------------------- answers and options

export function checkOptions(at: LoadedItem, families: FamilyIndex): BankError[] {
	const { item } = at;
	if (item.type !== 'single' && item.type !== 'multiple') return [];
	const errors: BankError[] = [];
	item.options.forEach((o, i) => {
		if (o.ref !== undefined && !resolveRef(families, o.ref))
			errors.push(err('ref', at, `options[${i}].ref`, `"${o.ref}" is not a family option`));
	});
	const ids = optionIds(item);
	ids.forEach((id, i) => {
		if (ids.indexOf(id) !== i)
			errors.push(err('answer', at, `options[${i}]`, `duplicate option id "${id}"`));
	});
	const keys = item.type === 'single' ? [item.answer] : item.answer;
	keys.forEach((key, i) => {
		const path = item.type === 'single' ? 'answer' : `answer[${i}]`;
		if (!ids.includes(key))
			errors.push(err('answer', at, path, `"${key}" is not one of the options`));
		if (keys.indexOf(key) !== i) errors.push(err('answer', at, path, `"${key}" is listed twice`));
	});
	if (item.type === 'multiple') {
		const distinct = new Set(keys);
		if (distinct.size < 2)
			errors.push(
				err('answer', at, 'answer', 'a multiple item needs at least 2 keys (use single)')
			);
		if (ids.every((id) => distinct.has(id)))
			errors.push(err('answer', at, 'answer', 'a multiple item needs at least 1 wrong option'));
	}
	return errors;
}

/** Pairs are matched by position; a repeated side would make two keys indistinguishable. */
export function checkMatching(at: LoadedItem): BankError[] {
	const { item } = at;
	if (item.type !== 'matching') return [];
	const errors: BankError[] = [];
	for (const side of ['left', 'right'] as const)
		for (const lang of ['zh', 'en'] as const) {
			const seen = new Map<string, number>();
			item.pairs.forEach((p, i) => {
				const key = p[side][lang].trim().toLowerCase();
				const j = seen.get(key);
				if (j !== undefined)
					errors.push(
						err('answer', at, `pairs[${i}].${side}.${lang}`, `same as pairs[${j}].${side}.${lang}`)
					);
				else seen.set(key, i);
			});
		}
	return errors;
}

export function checkCloze(at: LoadedItem): BankError[] {
	const { item } = at;
	if (item.type !== 'cloze') return [];
	const errors: BankError[] = [];
	for (const lang of ['zh', 'en'] as const) {
		// Any run of underscores counts as a gap, so `_____` is caught rather than shown literally.
		const runs = item.stem[lang].match(/_+/g) ?? [];
		if (runs.length !== 1 || runs[0] !== CLOZE_BLANK)
			errors.push(
				err(
					'cloze',
					at,
					`stem.${lang}`,
					`needs exactly one ${CLOZE_BLANK} (found ${runs.length} gap(s)${runs.some((r) => r !== CLOZE_BLANK) ? ', not all exactly four underscores' : ''})`
				)
			);
	}
	return errors;
}

export function checkClassify(at: LoadedItem, families: FamilyIndex): BankError[] {
	const { item } = at;
	if (item.type !== 'classify') return [];
	const errors: BankError[] = [];
	const answer = item.answer as Partial<Record<AuthoredFamilyId, string>>;
	const choices = (item.choices ?? {}) as Partial<Record<AuthoredFamilyId, string[]>>;

	for (const [family, key] of Object.entries(answer) as [AuthoredFamilyId, string][]) {
		const options = families.get(family)!;
		if (!options.has(key))
			errors.push(err('classify', at, `answer.${family}`, `"${key}" is not in family ${family}`));
	}
	if (answer['outsourcing-subclass'] !== undefined && !choices['outsourcing-subclass'])
		errors.push(
			err(
				'classify',
				at,
				'choices.outsourcing-subclass',
				'required: outsourcing-subclass has too many options to show them all (give 3–6)'
			)
		);
	for (const [family, list] of Object.entries(choices) as [AuthoredFamilyId, string[]][]) {
		const path = `choices.${family}`;
		const key = answer[family];
		if (key === undefined) {
			errors.push(err('classify', at, path, `choices given for ${family}, which is not in answer`));
			continue;
		}
		if (list.length < 3 || list.length > 6)
			errors.push(err('classify', at, path, `needs 3–6 choices (has ${list.length})`));
		if (!list.includes(key))
			errors.push(err('classify', at, path, `must include the key "${key}"`));
		list.forEach((c, i) => {
			if (!families.get(family)!.has(c))
				errors.push(err('classify', at, `${path}[${i}]`, `"${c}" is not in family ${family}`));
			if (list.indexOf(c) !== i)
				errors.push(err('classify', at, `${path}[${i}]`, `"${c}" is listed twice`));
		});
	}
	if (answer.mode === 'commercial-presence' && answer.direction !== undefined)
		errors.push(
			err(
				'classify',
				at,
				'answer.direction',
				'the handout gives no export/import direction for commercial presence: do not score one (part 2.3)'
			)
		);
	const oecd = answer['oecd-wto-part'];
	const dingtao = answer['dingtao-category'];
	if (oecd !== undefined && dingtao !== undefined && AGREEING_DIGITAL_PAIRS[oecd] !== dingtao)
		errors.push(
			err(
				'classify',
				at,
				'answer.dingtao-category',
				`"${dingtao}" with OECD–WTO "${oecd}": score the two frameworks together only where the handout's definitions and its mapping agree (digitally-delivered ↔ digitised, platform-enabled ↔ digitally-supported); otherwise leave one out (part 1.3)`
			)
		);
	errors.push(...checkTree(at, item, families));
	return errors;
}

/** Sub-class → class → type answers must follow the `parent` links of families.yaml. */
function checkTree(at: LoadedItem, item: AuthoredClassify, families: FamilyIndex): BankError[] {
	const errors: BankError[] = [];
	const a = item.answer as Partial<Record<AuthoredFamilyId, string>>;
	const sub =
		a['outsourcing-subclass'] &&
		families.get('outsourcing-subclass')!.get(a['outsourcing-subclass']);
	const cls =
		a['outsourcing-class'] && families.get('outsourcing-class')!.get(a['outsourcing-class']);
	const type = a['outsourcing-type'];
	if (sub && cls && sub.parent !== cls.id)
		errors.push(
			err(
				'classify',
				at,
				'answer.outsourcing-class',
				`"${cls.id}" disagrees with sub-class "${sub.id}" (its class is "${sub.parent}")`
			)
		);
	if (cls && type && families.get('outsourcing-type')!.has(type) && cls.parent !== type)
		errors.push(
			err(
				'classify',
				at,
				'answer.outsourcing-type',
				`"${type}" disagrees with class "${cls.id}" (its type is "${cls.parent}")`
			)
		);
	if (sub && !cls && type && families.get('outsourcing-type')!.has(type)) {
		const parentType = families.get('outsourcing-class')!.get(sub.parent ?? '')?.parent;
		if (parentType !== type)
			errors.push(
				err(
					'classify',
					at,
					'answer.outsourcing-type',
					`"${type}" disagrees with sub-class "${sub.id}" (its type is "${parentType}")`
				)
			);
	}
	return errors;
}

/** Concept tags drive practice filters and coverage: each must be a family option or a topic. */
export function checkConcepts(at: LoadedItem, families: FamilyIndex): BankError[] {
	const errors: BankError[] = [];
	at.item.concepts.forEach((c, i) => {
		const known =
			(TOPICS as readonly string[]).includes(c) || resolveRef(families, c) !== undefined;
		if (!known)
			errors.push(
				err(
					'concept',
					at,
					`concepts[${i}]`,
					`"${c}" is neither a topic nor a family option (family.option)`
				)
			);
		if (at.item.concepts.indexOf(c) !== i)
			errors.push(err('concept', at, `concepts[${i}]`, `"${c}" is listed twice`));
	});
	return errors;
}

export function checkPart(at: LoadedItem, partIds: Set<string>): BankError[] {
	return partIds.has(at.item.part)
		? []
		: [err('part', at, 'part', `"${at.item.part}" is not in parts.yaml`)];
}

// ---------------------------------------------------------------- explanation and quote

/** Counted in code points without whitespace: a Chinese sentence has no spaces to pad it. */
const zhLength = (s: string) => [...s.replace(/\s+/g, '')].length;

export function checkExplanation(at: LoadedItem): BankError[] {
	const { zh, en } = at.item.explanation;
	const errors: BankError[] = [];
	if (zhLength(zh) < EXPLANATION_MIN.zh)
		errors.push(
			err(
				'explanation',
				at,
				'explanation.zh',
				`too short: ${zhLength(zh)} chars, need ≥ ${EXPLANATION_MIN.zh}`
			)
		);
	if (en.trim().length < EXPLANATION_MIN.en)
		errors.push(
			err(
				'explanation',
				at,
				'explanation.en',
				`too short: ${en.trim().length} chars, need ≥ ${EXPLANATION_MIN.en}`
			)
		);
	return errors;
}

export const stripWhitespace = (s: string) => s.replace(/\s+/g, '');

/**
 * The quote must be one contiguous run of the handout, ignoring whitespace only (it is
 * hard-wrapped). On a miss, say how far it does match: that is where the author mistyped.
 */
export function checkQuote(at: LoadedItem, seedNoSpace: string): BankError[] {
	const raw = at.item.source.quote;
	const quote = stripWhitespace(raw);
	const found = seedNoSpace.indexOf(quote);
	if (found >= 0)
		return quoteShapeProblems(raw, seedNoSpace.slice(found + quote.length)).map((m) =>
			err('quote', at, 'source.quote', m)
		);
	// Prefix presence is monotone, so binary search finds the longest matching prefix.
	const chars = [...quote];
	let lo = 0;
	let hi = chars.length;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (seedNoSpace.includes(chars.slice(0, mid).join(''))) lo = mid;
		else hi = mid - 1;
	}
	const hint =
		lo > 0
			? `; the first ${lo} of ${chars.length} chars match, then "${chars.slice(lo, lo + 8).join('')}…" does not`
			: '';
	return [
		err('quote', at, 'source.quote', `not found in source/seed.txt (whitespace ignored)${hint}`)
	];
}

// ---------------------------------------------------------------- fairness (issue #8 §1)

/**
 * How far a key-position count may stray from uniform before the bank is unfair: a quarter of
 * the expected count, plus 2 so tiny banks and fixtures are not held to an exact split.
 */
export const KEY_POSITION_TOLERANCE = { share: 0.25, slack: 2 } as const;
/** True/false items: the share answered "true" must lie in this closed range. */
export const TRUE_SHARE = { min: 0.4, max: 0.6 } as const;
/** Below this many items of a type a share says nothing (a one-item fixture is 100 % true). */
export const BALANCE_MIN_ITEMS = 10;

/**
 * Where the key sits among the options of each single item, as counts per 0-based position,
 * next to what a uniform placement would give (an item with n options adds 1/n to each of its
 * n positions). Shared by the balance rule and `bank:stats`.
 */
export function keyPositions(items: AuthoredItem[]): { observed: number[]; expected: number[] } {
	const observed: number[] = [];
	const expected: number[] = [];
	for (const item of items) {
		if (item.type !== 'single') continue;
		const ids = optionIds(item);
		const at = ids.indexOf(item.answer);
		for (let p = 0; p < ids.length; p++) {
			observed[p] = (observed[p] ?? 0) + (p === at ? 1 : 0);
			expected[p] = (expected[p] ?? 0) + 1 / ids.length;
		}
	}
	return { observed, expected };
}

/** A multiple item whose keys are exactly its first k options: "tick the first k" scores full. */
export function isPrefixKey(item: AuthoredItem): boolean {
	if (item.type !== 'multiple') return false;
	const ids = optionIds(item);
	const keys = new Set(item.answer);
	// All options keyed is its own error (a multiple item needs a wrong option).
	return keys.size < ids.length && ids.slice(0, keys.size).every((id) => keys.has(id));
}

export function checkMultiplePrefix(at: LoadedItem): BankError[] {
	return isPrefixKey(at.item)
		? [
				err(
					'balance',
					at,
					'answer',
					'the keys are exactly the first options: put a wrong option before some key'
				)
			]
		: [];
}

/** Ids of every item some lesson section checks: the pool a learner reading every lesson answers. */
function lessonCheckedIds(bank: Bank): Set<string> {
	return new Set(
		bank.units.flatMap((u) => u.unit?.sections.flatMap((section) => section.check) ?? [])
	);
}

/**
 * Fairness of a set of items: single keys spread over positions, true/false neither mostly true
 * nor mostly false. Pressing "1" or "false" throughout must not pay. Checked for each pool a
 * learner meets as a whole: the bank (a printed or exported set, practice, exams) and the lesson
 * checks (every item some section checks: a learner reading every lesson answers exactly
 * these; `npm run bench:blind` found them 15 false to 5 true while the bank was balanced).
 */
export function checkBalance(bank: Bank): BankError[] {
	const items = allItems(bank).map((at) => at.item);
	const checked = lessonCheckedIds(bank);
	return [
		...poolBalance(items, 'units', ''),
		...poolBalance(
			items.filter((it) => checked.has(it.id)),
			'lessons',
			' checked by the lessons (swap a section check for an item of the other kind)'
		)
	];
}

function poolBalance(items: AuthoredItem[], file: string, where: string): BankError[] {
	const errors: BankError[] = [];
	const push = (id: string, message: string) =>
		errors.push({ kind: 'balance', file, id, path: 'answer', message });
	const { observed, expected } = keyPositions(items);
	const singles = items.filter((it) => it.type === 'single').length;
	if (singles >= BALANCE_MIN_ITEMS)
		expected.forEach((e, p) => {
			const o = observed[p] ?? 0;
			if (Math.abs(o - e) > e * KEY_POSITION_TOLERANCE.share + KEY_POSITION_TOLERANCE.slack)
				push(
					'single',
					`${o} single items${where} have the key at option ${p + 1}, uniform would be ${e.toFixed(1)} (move keys to other positions)`
				);
		});
	const tf = items.filter((it) => it.type === 'truefalse');
	if (tf.length >= BALANCE_MIN_ITEMS) {
		const trues = tf.filter((it) => it.answer === true).length;
		const share = trues / tf.length;
		if (share < TRUE_SHARE.min || share > TRUE_SHARE.max)
			push(
				'truefalse',
				`${trues} of ${tf.length} true/false items${where} are true (${Math.round(share * 100)} %), need ${TRUE_SHARE.min * 100}–${TRUE_SHARE.max * 100} %`
			);
	}
	return errors;
}

/**
 * A classify shape must not tell its key (issue #8 §1): shapes asked at least `minItems` times,
 * and a key share at most `maxExcess` above guessing. Four items are the fewest a learner can
 * learn a pattern from ("no direction question ⇒ commercial presence"); a quarter above guessing
 * leaves room for a small shape's natural spread (2 of 4 on a four-option family passes, 3 of 4
 * does not).
 */
export const SHAPE_KEY_TOLERANCE = { minItems: 4, maxExcess: 0.25 } as const;

/**
 * The shape of an authored classify item as the shared measure (`src/lib/bank/shape-fairness.ts`)
 * sees it: its asked families, sorted (e.g. `direction+mode`), and for each the key and how many
 * options it shows (its `choices`, else the whole family).
 */
export function classifyShape(item: AuthoredClassify, families: FamilyIndex): ShapedItem {
	const answer = item.answer as Partial<Record<AuthoredFamilyId, string>>;
	const choices = (item.choices ?? {}) as Partial<Record<AuthoredFamilyId, string[]>>;
	const asked = (Object.keys(answer) as AuthoredFamilyId[]).sort();
	return {
		shape: asked.join('+'),
		dimensions: asked.map((family) => ({
			family,
			answer: answer[family]!,
			options: choices[family]?.length ?? families.get(family)?.size ?? 1
		}))
	};
}

/**
 * No classify shape gives its key away, in each pool a learner meets as a whole (the bank, the
 * lesson checks). Reported on the items carrying the over-common key, so the author sees which
 * to balance with a sibling of another key or to re-shape.
 */
export function checkShapeKeys(bank: Bank): BankError[] {
	const families = indexFamilies(bank.families);
	const checked = lessonCheckedIds(bank);
	const classify = allItems(bank).filter(
		(at): at is LoadedItem & { item: AuthoredClassify } => at.item.type === 'classify'
	);
	const pool = (items: typeof classify, where: string) => {
		const shaped = items.map((at) => classifyShape(at.item, families));
		return shapeGiveaways(shaped, SHAPE_KEY_TOLERANCE).flatMap((g) => {
			const first = items.find(
				(_, i) =>
					shaped[i].shape === g.shape &&
					shaped[i].dimensions.some((d) => d.family === g.family && d.answer === g.key)
			)!;
			return [
				err(
					'balance',
					first,
					`answer.${g.family}`,
					`${g.count} of ${g.items} classify items${where} asking ${g.shape} have ${g.family} "${g.key}" (at most ${Math.floor(g.limit * g.items)}): the shape tells the key; add items of this shape with another key, or ask some of them other questions`
				)
			];
		});
	};
	return [
		...pool(classify, ''),
		...pool(
			classify.filter((at) => checked.has(at.item.id)),
			' checked by the lessons'
		)
	];
}

/**
 * Naming an option by letter or position breaks as soon as options are shown in another order
 * (every flow shuffles them). zh: a lone Latin letter used as a label (a 和 b, B 是, D 项), or
 * 第二个选项 / 前三项 / 选项 C; en: option D, options a and b, the first option, the first
 * three options, in b / B is … . Each entry is [pattern, what it caught].
 */
export const OPTION_REFERENCE_PATTERNS: Record<'zh' | 'en', RegExp[]> = {
	zh: [
		/(?<![A-Za-z0-9_.&-])[A-Fa-f](?=\s?(?:项|和|与|或|是|中|都|、|，|；|区分|说|选项|为|则|属于))/,
		/(?:选项|答案)\s?[A-Fa-f1-6一二三四五六](?![A-Za-z0-9])/,
		/第\s?[一二三四五六1-6]\s?个?选项/,
		/[前后][两二三四五]\s?个?选?项/,
		/最后\s?一\s?个?选?项/
	],
	en: [
		/\boptions? \(?[A-Fa-f1-6]\)?(?![\w'-])/,
		/\b(?:first|second|third|fourth|fifth|sixth|last|final) (?:two |three |four )?options?\b/i,
		/\bthe first (?:two|three|four|five) options?\b/i,
		/\bthe (?:first|last) (?:two|three|four)(?= (?:are|were|all|both)\b)/i,
		/(?<![\w'’&.-])[b-f](?![\w'’&.-])/,
		/(?<![\w'’&.-])[A-F](?= (?:is|are|was|were|has|only|picks|sets)\b)/,
		/(?<![\w'’&.-])a(?=[,;:)]| (?:and|or) [b-f](?![\w'-])| (?:is|are|has)\b)/
	]
};

export function checkOptionReferences(at: LoadedItem): BankError[] {
	const errors: BankError[] = [];
	for (const lang of ['zh', 'en'] as const) {
		const text = at.item.explanation[lang];
		for (const pattern of OPTION_REFERENCE_PATTERNS[lang]) {
			const m = pattern.exec(text);
			if (!m) continue;
			const around = text.slice(Math.max(0, m.index - 6), m.index + m[0].length + 6);
			errors.push(
				err(
					'option-reference',
					at,
					`explanation.${lang}`,
					`refers to an option by letter or position ("…${around}…"): name its content, the order is shuffled`
				)
			);
			break;
		}
	}
	return errors;
}

/**
 * Chinese typography: zh text uses full-width colons and curly quotes (： “” ‘’), not ASCII
 * `:` and `"`. A colon between digits (17:20) or in a URL scheme (://) is left alone.
 * Source quotes are exempt: they must match the handout character for character.
 */
export function zhTypographyProblems(text: string): string[] {
	const problems: string[] = [];
	if (/"/.test(text)) problems.push('ASCII " in zh text: use “ ”');
	if (/(?<!\d):(?!\d|\/\/)/.test(text)) problems.push('ASCII : in zh text: use ：');
	return problems;
}

/** Every zh string a learner reads for an item (not source.quote, which is the handout's own). */
function zhTexts(item: AuthoredItem): { path: string; text: string }[] {
	const out = [
		{ path: 'stem.zh', text: item.stem.zh },
		{ path: 'explanation.zh', text: item.explanation.zh }
	];
	if (item.type === 'single' || item.type === 'multiple')
		item.options.forEach((o, i) => o.zh && out.push({ path: `options[${i}].zh`, text: o.zh }));
	if (item.type === 'matching')
		item.pairs.forEach((p, i) =>
			out.push(
				{ path: `pairs[${i}].left.zh`, text: p.left.zh },
				{ path: `pairs[${i}].right.zh`, text: p.right.zh }
			)
		);
	if (item.type === 'cloze')
		item.accept.zh.forEach((a, i) => out.push({ path: `accept.zh[${i}]`, text: a }));
	return out;
}

/**
 * Chinese left in English text: a firm, a place or a phrase an English reader cannot read
 * (视觉中国, 舟山鑫亚). Allowed are quoted source terms only: Chinese in quotes (“集佳”, 'x',
 * 「x」) or in brackets right after the English it glosses ("China Electronics (中国电子)"). Returns
 * each offending run.
 */
export function untranslatedCjk(text: string): string[] {
	const rest = text
		.replace(/[“"「『][^”"」』]*[”"」』]/g, ' ')
		.replace(/(?<![A-Za-z])'[^']*'(?![A-Za-z])/g, ' ')
		.replace(/([A-Za-z0-9.%)\]])\s*[(（][^()（）]*[)）]/g, '$1');
	return rest.match(/[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+/g) ?? [];
}

const untranslatedMessage = (run: string) =>
	`Chinese "${run}" in English text: translate it, or quote it as a source term`;

/** Every en string a learner reads for an item (the en twin of `zhTexts`). */
function enTexts(item: AuthoredItem): { path: string; text: string }[] {
	const out = [
		{ path: 'stem.en', text: item.stem.en },
		{ path: 'explanation.en', text: item.explanation.en }
	];
	if (item.type === 'single' || item.type === 'multiple')
		item.options.forEach((o, i) => o.en && out.push({ path: `options[${i}].en`, text: o.en }));
	if (item.type === 'matching')
		item.pairs.forEach((p, i) =>
			out.push(
				{ path: `pairs[${i}].left.en`, text: p.left.en },
				{ path: `pairs[${i}].right.en`, text: p.right.en }
			)
		);
	return out;
}

export function checkUntranslated(at: LoadedItem): BankError[] {
	return enTexts(at.item).flatMap(({ path, text }) =>
		untranslatedCjk(text).map((run) => err('untranslated', at, path, untranslatedMessage(run)))
	);
}

export function checkZhTypography(at: LoadedItem): BankError[] {
	return zhTexts(at.item).flatMap(({ path, text }) =>
		zhTypographyProblems(text).map((problem) => err('typography', at, path, problem))
	);
}

/**
 * A quote is shown to learners as the handout's words, so it must read as text: not letter-spaced
 * (信 息 技 术, the PDF's justified table cells), and not cut in mid-phrase: ending on a connective
 * (和 与 及 或 、 ， （ ：) while the handout's next character carries on the same phrase.
 * `after` is the seed (whitespace removed) right after the quote.
 */
export function quoteShapeProblems(raw: string, after: string): string[] {
	const problems: string[] = [];
	if (
		/\p{Script=Han}[ \t\u3000]\p{Script=Han}[ \t\u3000]\p{Script=Han}[ \t\u3000]\p{Script=Han}/u.test(
			raw
		)
	)
		problems.push('letter-spaced (信 息 技 术): copy the characters without the spaces');
	const trimmed = raw.trim();
	if (/[和与及或、，（：]$/.test(trimmed) && /^\p{Script=Han}/u.test(after))
		problems.push(
			`cut in mid-phrase: ends on "${trimmed.slice(-1)}" and the handout goes on "${[...after].slice(0, 4).join('')}…"; end at a phrase boundary`
		);
	return problems;
}

/** Option text as the learner reads it in zh: a ref's family label, else its own text. */
function optionZh(o: { ref?: string; zh?: string }, families: FamilyIndex): string {
	return (o.ref !== undefined ? resolveRef(families, o.ref)?.zh : o.zh) ?? '';
}

/** Folded for "does the stem contain this option": no whitespace, punctuation or 的. */
const foldForContainment = (s: string) => normaliseStem(s).replace(/的/g, '');

/**
 * A stem that contains a key's own words, when it contains no distractor's, gives the answer
 * away (res-09 asked what part five "服务贸易（服务外包）主管部门联系方式" gives, keyed to that
 * title). Short labels (under 4 characters) are too common to count.
 */
export function checkStemGivesKey(at: LoadedItem, families: FamilyIndex): BankError[] {
	const { item } = at;
	if (item.type !== 'single' && item.type !== 'multiple') return [];
	const stem = foldForContainment(item.stem.zh);
	const keys = new Set(item.type === 'single' ? [item.answer] : item.answer);
	const ids = optionIds(item);
	const inStem = item.options.map((o) => {
		const text = foldForContainment(optionZh(o, families));
		return [...text].length >= 4 && stem.includes(text);
	});
	const keyInStem = ids.filter((id, i) => keys.has(id) && inStem[i]);
	const distractorInStem = ids.some((id, i) => !keys.has(id) && inStem[i]);
	return keyInStem.length > 0 && !distractorInStem
		? [
				err(
					'answer',
					at,
					'stem.zh',
					`the stem contains the key's own words ("${keyInStem[0]}") and no distractor's: it gives the answer away`
				)
			]
		: [];
}

// ---------------------------------------------------------------- glossary

export interface Term {
	/** `glossary:service-trade` or `category.travel`. */
	id: string;
	zh: string[];
	en: string[];
}

/** Parenthesised tails like （ITO） or (KPO) are optional in running text. */
const withoutParen = (s: string) => s.replace(/\s*[（(][^）)]*[）)]\s*$/, '').trim();

export function buildTerms(bank: Pick<Bank, 'families' | 'glossary'>): Term[] {
	const terms: Term[] = bank.glossary.map((g) => ({
		id: `glossary:${g.id}`,
		zh: [g.zh, ...(g.zhAlt ?? [])],
		en: [g.en, ...(g.enAlt ?? [])]
	}));
	for (const family of FAMILY_IDS)
		for (const o of bank.families[family]?.options ?? [])
			terms.push({
				id: `${family}.${o.id}`,
				zh: [...new Set([o.zh, withoutParen(o.zh), ...(o.zhAlt ?? [])])],
				en: [...new Set([o.en, withoutParen(o.en), ...(o.enAlt ?? [])])]
			});
	return terms;
}

interface ZhForm {
	form: string;
	term: Term;
}

/** Every zh form, longest first, so 境外服务外包 is found (and removed) before 服务外包. */
export function zhFormsLongestFirst(terms: Term[]): ZhForm[] {
	return terms
		.flatMap((term) => term.zh.filter((f) => f.length > 0).map((form) => ({ form, term })))
		.sort((a, b) => b.form.length - a.form.length || a.form.localeCompare(b.form));
}

/**
 * The terms a zh text uses. Each match is blanked out before shorter forms are tried, so a
 * term inside a longer one (服务贸易 in 服务贸易总协定) does not count on its own.
 */
export function termsInZh(zh: string, forms: ZhForm[]): Term[] {
	let rest = zh;
	const found: Term[] = [];
	for (const { form, term } of forms) {
		if (!rest.includes(form)) continue;
		rest = rest.split(form).join('\u0000');
		if (!found.includes(term)) found.push(term);
	}
	return found;
}

const normaliseEn = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

export function enUsesTerm(en: string, term: Term): boolean {
	const text = normaliseEn(en);
	return term.en.some((f) => text.includes(normaliseEn(f)));
}

function glossaryPairs(item: AuthoredItem): { path: string; zh: string; en: string[] }[] {
	const pair = (path: string, t: L10nText) => ({ path: `${path}.en`, zh: t.zh, en: [t.en] });
	const out = [pair('stem', item.stem), pair('explanation', item.explanation)];
	if (item.type === 'single' || item.type === 'multiple')
		item.options.forEach((o, i) => {
			if (o.ref === undefined && o.zh && o.en)
				out.push(pair(`options[${i}]`, { zh: o.zh, en: o.en }));
		});
	if (item.type === 'matching')
		item.pairs.forEach((p, i) => {
			out.push(pair(`pairs[${i}].left`, p.left), pair(`pairs[${i}].right`, p.right));
		});
	// Accepted answers are alternatives: one English accept using the term is enough.
	if (item.type === 'cloze')
		for (const zh of item.accept.zh) out.push({ path: 'accept.en', zh, en: item.accept.en });
	return out;
}

export function checkGlossary(at: LoadedItem, forms: ZhForm[]): BankError[] {
	const errors: BankError[] = [];
	const reported = new Set<string>();
	for (const { path, zh, en } of glossaryPairs(at.item))
		for (const term of termsInZh(zh, forms)) {
			if (en.some((e) => enUsesTerm(e, term))) continue;
			const key = `${path} ${term.id}`;
			if (reported.has(key)) continue;
			reported.add(key);
			const [main, ...alts] = term.en;
			errors.push(
				err(
					'glossary',
					at,
					path,
					`zh uses ${term.zh.find((f) => zh.includes(f)) ?? term.zh[0]} (${term.id}), so en must use "${main}"${alts.length ? ` (or ${alts.map((a) => `"${a}"`).join(', ')})` : ''}`
				)
			);
		}
	return errors;
}

// ---------------------------------------------------------------- near-duplicate stems

/** Width-folded, lowercased, no whitespace or punctuation: what "the same stem" means. */
export function normaliseStem(s: string): string {
	return s
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s\p{P}\p{S}]+/gu, '');
}

function bigrams(s: string): Map<string, number> {
	const chars = [...s];
	const counts = new Map<string, number>();
	for (let i = 0; i + 1 < chars.length; i++) {
		const b = chars[i] + chars[i + 1];
		counts.set(b, (counts.get(b) ?? 0) + 1);
	}
	return counts;
}

/** Sørensen–Dice over character-bigram multisets. */
export function diceSimilarity(
	a: Map<string, number>,
	sizeA: number,
	b: Map<string, number>,
	sizeB: number
): number {
	if (sizeA + sizeB === 0) return 1;
	let shared = 0;
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	for (const [bg, n] of small) shared += Math.min(n, large.get(bg) ?? 0);
	return (2 * shared) / (sizeA + sizeB);
}

/**
 * Exact (normalised) or near (Dice ≥ 0.9) duplicate zh stems. Sorted by bigram count, a pair can
 * only reach 0.9 when the longer has ≤ 2/0.9 − 1 ≈ 1.22× the bigrams of the shorter, so each stem
 * is compared only with a short window of similar-length stems. The later item gets the error.
 */
export function checkStems(items: LoadedItem[], threshold = NEAR_DUPLICATE_DICE): BankError[] {
	const entries = items.map((at, order) => {
		const norm = normaliseStem(at.item.stem.zh);
		const grams = bigrams(norm);
		const size = Math.max(0, [...norm].length - 1);
		return { at, order, norm, grams, size };
	});
	const errors: BankError[] = [];
	const flagged = new Set<number>();
	const report = (a: (typeof entries)[0], b: (typeof entries)[0], message: string) => {
		const [earlier, later] = a.order < b.order ? [a, b] : [b, a];
		if (flagged.has(later.order)) return;
		flagged.add(later.order);
		errors.push(
			err(
				'duplicate-stem',
				later.at,
				'stem.zh',
				`${message} ${earlier.at.item.id} (${earlier.at.file})`
			)
		);
	};
	const byNorm = new Map<string, (typeof entries)[0]>();
	for (const e of entries) {
		const seen = byNorm.get(e.norm);
		if (seen) report(seen, e, 'same stem as');
		else byNorm.set(e.norm, e);
	}
	const sorted = [...entries].sort((a, b) => a.size - b.size);
	const ratio = 2 / threshold - 1;
	for (let i = 0; i < sorted.length; i++) {
		const a = sorted[i];
		for (let j = i + 1; j < sorted.length && sorted[j].size <= a.size * ratio; j++) {
			const b = sorted[j];
			if (a.norm === b.norm) continue;
			const sim = diceSimilarity(a.grams, a.size, b.grams, b.size);
			if (sim >= threshold) report(a, b, `near-duplicate stem (similarity ${sim.toFixed(2)}) of`);
		}
	}
	return errors;
}

// ---------------------------------------------------------------- lessons and parts

export function checkUnits(bank: Bank, partIds: Set<string>): BankError[] {
	const errors: BankError[] = [];
	const unitOfItem = new Map<string, string>();
	for (const u of bank.units) {
		for (const at of u.items) if (!unitOfItem.has(at.item.id)) unitOfItem.set(at.item.id, u.folder);
		for (const id of u.rejectedIds) if (!unitOfItem.has(id)) unitOfItem.set(id, u.folder);
	}
	const orders = new Map<number, string>();

	for (const u of bank.units) {
		const file = unitFile(u.folder);
		const slug = u.folder.replace(/^\d+-/, '');
		const e = (id: string, path: string, message: string, kind: ErrorKind = 'lesson') =>
			errors.push({ kind, file, id, path, message });
		if (!u.unit) {
			// A schema failure is already reported; only a missing lesson needs saying here.
			continue;
		}
		const unit = u.unit;
		if (unit.id !== slug)
			e(unit.id, 'id', `must be the folder name without its number ("${slug}")`);
		const folderNumber = Number(/^(\d+)-/.exec(u.folder)?.[1]);
		if (Number.isFinite(folderNumber) && unit.order !== folderNumber)
			e(unit.id, 'order', `is ${unit.order} but the folder is numbered ${folderNumber}`);
		const other = orders.get(unit.order);
		if (other) e(unit.id, 'order', `${unit.order} is also used by ${other}`);
		else orders.set(unit.order, u.folder);
		unit.parts.forEach((p, i) => {
			if (!partIds.has(p)) e(unit.id, `parts[${i}]`, `"${p}" is not in parts.yaml`, 'part');
		});
		for (const [path, text] of [
			['title.zh', unit.title.zh],
			['summary.zh', unit.summary.zh],
			...unit.objectives.map((o, i) => [`objectives[${i}].zh`, o.zh])
		])
			for (const problem of zhTypographyProblems(text)) e(unit.id, path, problem, 'typography');
		for (const [path, text] of [
			['title.en', unit.title.en],
			['summary.en', unit.summary.en],
			...unit.objectives.map((o, i) => [`objectives[${i}].en`, o.en])
		])
			for (const run of untranslatedCjk(text))
				e(unit.id, path, untranslatedMessage(run), 'untranslated');
		const sectionIds = new Set<string>();
		unit.sections.forEach((s, i) => {
			if (sectionIds.has(s.id)) e(s.id, `sections[${i}].id`, 'duplicate section id');
			sectionIds.add(s.id);
			for (const lang of ['zh', 'en'] as const)
				for (const problem of markupProblems(s.body[lang]))
					e(s.id, `sections[${i}].body.${lang}`, problem);
			for (const [path, text] of [
				[`sections[${i}].title.zh`, s.title.zh],
				[`sections[${i}].body.zh`, s.body.zh]
			])
				for (const problem of zhTypographyProblems(text)) e(s.id, path, problem, 'typography');
			for (const [path, text] of [
				[`sections[${i}].title.en`, s.title.en],
				[`sections[${i}].body.en`, s.body.en]
			])
				for (const run of untranslatedCjk(text))
					e(s.id, path, untranslatedMessage(run), 'untranslated');
			s.check.forEach((id, j) => {
				const path = `sections[${i}].check[${j}]`;
				const owner = unitOfItem.get(id);
				if (owner === undefined) e(s.id, path, `"${id}" is not an item id`);
				else if (owner !== u.folder)
					e(s.id, path, `"${id}" is an item of ${owner}, not of this unit`);
			});
		});
	}
	return errors;
}

/**
 * The renderer knows paragraphs, `- ` lists and `**bold**` only (README): anything else would
 * show up as literal characters, so say so at check time.
 */
export function markupProblems(body: string): string[] {
	const problems: string[] = [];
	if (/<\/?[a-z][^>]*>/i.test(body))
		problems.push('contains HTML; only paragraphs, "- " lists and **bold** render');
	if (/!?\[[^\]]*\]\([^)]*\)/.test(body))
		problems.push('contains a link or image; only paragraphs, "- " lists and **bold** render');
	if (/^#{1,6}\s/m.test(body)) problems.push('contains a # heading; use a new section instead');
	// Bold is parsed per paragraph and per list item, so each of those must pair its ** markers.
	for (const segment of body.split(/\n\s*\n|\n(?=- )/))
		if ((segment.match(/\*\*/g) ?? []).length % 2 === 1)
			problems.push(`unpaired ** in "${segment.trim().slice(0, 30)}…"`);
	return problems;
}

export function checkPartsTaught(bank: Bank): BankError[] {
	const taught = new Set(bank.units.flatMap((u) => u.unit?.parts ?? u.rejectedParts));
	return bank.parts
		.filter((p) => !taught.has(p.id))
		.map((p) => ({
			kind: 'lesson' as const,
			file: 'parts.yaml',
			id: p.id,
			path: '',
			message: 'no unit teaches this part (add it to some unit.yaml parts)'
		}));
}

// ---------------------------------------------------------------- coverage

/** The family options an item is about: its concept tags plus, for classify, its answers. */
export function itemFamilyOptions(item: AuthoredItem): Set<string> {
	const out = new Set(item.concepts.filter((c) => !c.startsWith('topic.')));
	if (item.type === 'classify')
		for (const [family, key] of Object.entries(item.answer)) out.add(`${family}.${key}`);
	return out;
}

export function checkCoverage(bank: Bank): BankError[] {
	const items = allItems(bank).map((at) => at.item);
	const errors: BankError[] = [];
	const short = (file: string, id: string, message: string) =>
		errors.push({ kind: 'coverage', file, id, path: 'coverage', message });
	const tagged = (topic: string) => items.filter((it) => it.concepts.includes(topic));
	const about = items.map(itemFamilyOptions);

	if (items.length < MINIMUMS.total)
		short('units', 'all', `${items.length} items, need ${MINIMUMS.total}`);
	for (const o of bank.families.category?.options ?? []) {
		const n = about.filter((s) => s.has(`category.${o.id}`)).length;
		if (n < MINIMUMS.perCategory)
			short('families.yaml', `category.${o.id}`, `${n} items, need ${MINIMUMS.perCategory}`);
	}
	for (const o of bank.families['outsourcing-subclass']?.options ?? []) {
		const key = `outsourcing-subclass.${o.id}`;
		const idx = about.flatMap((s, i) => (s.has(key) ? [i] : []));
		const cases = idx.filter((i) => items[i].seedCase).length;
		if (idx.length < MINIMUMS.perSubclass)
			short('families.yaml', key, `${idx.length} items, need ${MINIMUMS.perSubclass}`);
		if (!o.noCase && cases < 1)
			short(
				'families.yaml',
				key,
				`${cases} seedCase items, need 1 (the handout has a case for it)`
			);
	}
	const modeScn = tagged('topic.mode-scenario').filter((it) => it.type === 'classify').length;
	if (modeScn < MINIMUMS.modeScenarioClassify)
		short(
			'units',
			'topic.mode-scenario',
			`${modeScn} classify items, need ${MINIMUMS.modeScenarioClassify}`
		);
	// Unit 04 teaches by scenarios too: its own classify items, not those of unit 03 that carry
	// the tag. Found by the unit id (stable, README), so renumbering folders does not matter.
	const digitalUnit = bank.units.find((u) => u.unit?.id === DIGITAL_TRADE_UNIT);
	const digitalClassify = (digitalUnit?.items ?? []).filter(
		(at) => at.item.type === 'classify'
	).length;
	if (digitalClassify < MINIMUMS.digitalTradeClassify)
		short(
			'units',
			`unit ${DIGITAL_TRADE_UNIT}`,
			`${digitalClassify} classify items, need ${MINIMUMS.digitalTradeClassify}`
		);
	const topicMin: [string, number][] = [
		['topic.digital-trade', MINIMUMS.digitalTrade],
		['topic.new-models', MINIMUMS.newModels],
		['topic.enterprise-criteria', MINIMUMS.enterpriseCriteria]
	];
	for (const [topic, min] of topicMin) {
		const n = tagged(topic).length;
		if (n < min) short('units', topic, `${n} items, need ${min}`);
	}
	const defRel = items.filter(
		(it) => it.concepts.includes('topic.definitions') || it.concepts.includes('topic.relations')
	).length;
	if (defRel < MINIMUMS.definitionsAndRelations)
		short(
			'units',
			'topic.definitions+topic.relations',
			`${defRel} items, need ${MINIMUMS.definitionsAndRelations}`
		);
	for (const p of bank.parts) {
		const n = items.filter((it) => it.part === p.id).length;
		if (n < MINIMUMS.perPart) short('parts.yaml', p.id, `${n} items, need ${MINIMUMS.perPart}`);
	}
	return errors;
}

// ---------------------------------------------------------------- all together

/** Per-item rules, given the lookups built once per bank. */
export function checkItem(
	at: LoadedItem,
	ctx: { families: FamilyIndex; partIds: Set<string>; seedNoSpace: string; forms: ZhForm[] }
): BankError[] {
	return [
		...checkOptions(at, ctx.families),
		...checkMatching(at),
		...checkCloze(at),
		...checkClassify(at, ctx.families),
		...checkConcepts(at, ctx.families),
		...checkPart(at, ctx.partIds),
		...checkExplanation(at),
		...checkQuote(at, ctx.seedNoSpace),
		...checkGlossary(at, ctx.forms),
		...checkMultiplePrefix(at),
		...checkStemGivesKey(at, ctx.families),
		...checkOptionReferences(at),
		...checkZhTypography(at),
		...checkUntranslated(at)
	];
}

export function validateBank(bank: Bank, options: ValidateOptions = {}): BankError[] {
	const items = allItems(bank);
	const partIds = new Set(bank.parts.map((p) => p.id));
	const ctx = {
		families: indexFamilies(bank.families),
		partIds,
		seedNoSpace: stripWhitespace(bank.seed),
		forms: zhFormsLongestFirst(buildTerms(bank))
	};
	const errors = [
		...checkUniqueIds(items),
		...items.flatMap((at) => checkItem(at, ctx)),
		...checkStems(items),
		...checkUnits(bank, partIds)
	];
	if (options.unit !== undefined) {
		const prefix = `units/${options.unit}/`;
		if (!bank.units.some((u) => u.folder === options.unit))
			return [
				{
					kind: 'lesson',
					file: 'units',
					id: options.unit,
					path: '',
					message: `no such unit folder (have: ${bank.units.map((u) => u.folder).join(', ')})`
				}
			];
		return errors.filter((e) => e.file.startsWith(prefix) || !e.file.startsWith('units/'));
	}
	errors.push(...checkPartsTaught(bank), ...checkBalance(bank), ...checkShapeKeys(bank));
	if (options.coverage !== false) errors.push(...checkCoverage(bank));
	return errors;
}

/** Schema + rules in one call: the entry point for check, build and tests. */
export function validate(
	source: BankSource,
	options: ValidateOptions = {}
): { bank: Bank; errors: BankError[] } {
	const parsed = parseBankSource(source);
	let errors = [...parsed.errors, ...validateBank(parsed.bank, options)];
	if (options.unit !== undefined) {
		const prefix = `units/${options.unit}/`;
		errors = errors.filter((e) => e.file.startsWith(prefix) || !e.file.startsWith('units/'));
	}
	return { bank: parsed.bank, errors };
}
