/**
 * Case → outsourcing classification drills (二（八）): a firm is contracted for one typical
 * business from the ITO / BPO / KPO tables, and the learner names its sub-class, class and type.
 * The key is read off the table row (`outsourcingRows`) and the family tree's parent links;
 * nothing in the wording decides it.
 *
 * Deterministic like the mode drills: a seed picks and orders the scenarios; an item's id, stem,
 * distractors and explanation depend only on the scenario, so the same id always shows the same item.
 */
import { pickText } from '../text';
import type { ClassifyItem, Family, FamilyOption, L10n, Locale } from '../types';
import {
	fromContent,
	generatorContent,
	type SubclassBusinesses,
	type TypicalBusiness
} from './content';
import { familyOption, generatorFamily } from './families';
import { hash32, hashId, interleave, mulberry32, pick, shuffle } from './random';
import { fillBoth } from './template';
import { repeatsWords } from './wording';

export type { SubclassBusinesses, TypicalBusiness } from './content';

export const OUTSOURCING_PART = '2.8';
export type OutsourcingTypeId = 'ito' | 'bpo' | 'kpo';

/** The outsourcing generator's content (question-bank/generators/outsourcing.yaml). */
const content = () => generatorContent().outsourcing;

/** The typical-business rows of the ITO / BPO / KPO tables, one per sub-class (其他… excluded). */
export const outsourcingRows = (): readonly SubclassBusinesses[] => content().rows;

/** One drill scenario: a typical business of one sub-class, a vendor and a client. */
export interface OutsourcingScenario {
	/** `gen-os-<hash>` of the scenario: stable whatever the seed. */
	id: string;
	subclass: string;
	class: string;
	type: OutsourcingTypeId;
	business: TypicalBusiness;
	/** The sub-class and three distractors, in display order. */
	choices: string[];
	stem: L10n;
	explanation: L10n;
	source: { part: string; quote: string };
	difficulty: 1 | 2 | 3;
}

const parentOf = (family: Family, id: string): string => {
	const parent = familyOption(family, id).parent;
	if (!parent) throw new Error(`${family.id}.${id} has no parent`);
	return parent;
};
export const classOf = (subclass: string) =>
	parentOf(generatorFamily('outsourcing-subclass'), subclass);
export const typeOf = (subclass: string) =>
	parentOf(generatorFamily('outsourcing-class'), classOf(subclass)) as OutsourcingTypeId;

/** Pairs never offered as each other's distractor, both ways round. */
const confusable = fromContent(
	(c) => new Set(c.outsourcing.confusable.flatMap(([x, y]) => [`${x}|${y}`, `${y}|${x}`]))
);
const rowBySubclass = fromContent((c) => new Map(c.outsourcing.rows.map((r) => [r.subclass, r])));
/** Sub-classes that can be keys or distractors: those with a typical-business row. */
const tableSubclasses = fromContent((c) => c.outsourcing.rows.map((row) => row.subclass));

/**
 * The key plus three distractors: one from the same class (the near miss a learner must rule
 * out), one from another outsourcing type, one more from anywhere; never a 其他… sub-class and
 * never a sub-class whose wording overlaps the key's.
 */
export function pickDistractors(subclass: string, random: () => number): string[] {
	const usable = tableSubclasses().filter(
		(s) => s !== subclass && !confusable().has(`${subclass}|${s}`)
	);
	const sameClass = usable.filter((s) => classOf(s) === classOf(subclass));
	const otherType = usable.filter((s) => typeOf(s) !== typeOf(subclass));
	const first = pick(random, sameClass);
	const second = pick(random, otherType);
	const rest = usable.filter((s) => s !== first && s !== second);
	return [first, second, pick(random, rest)];
}

/**
 * The handout's words that prove the key: the sub-class name with its cell up to the business
 * when that is short and contiguous, otherwise the cell's run ending at the business (at least a
 * dozen characters, starting at an item boundary).
 */
export function quoteFor(row: SubclassBusinesses, business: TypicalBusiness): string {
	const at = row.cell.indexOf(business.seed);
	if (at < 0) throw new Error(`${row.subclass}: '${business.seed}' is not in its cell`);
	const end = at + business.seed.length;
	if (row.nameJoinsCell && row.name.length + end <= 60) return row.name + row.cell.slice(0, end);
	let start = at;
	while (end - start < 12 && start > 0) {
		const previous = Math.max(...[...'、，,：'].map((sep) => row.cell.lastIndexOf(sep, start - 2)));
		start = previous < 0 ? 0 : previous + 1;
	}
	return row.cell.slice(start, end);
}

/** True when two list entries would repeat the same words (工业产品的产品策划、工业产品的结构设计). */
const repetitive = (x: TypicalBusiness, y: TypicalBusiness) =>
	repeatsWords(x.zh, y.zh, 'zh') || repeatsWords(x.en, y.en, 'en');

/**
 * Up to three typical businesses of a row, for "its typical business is …": in table order,
 * skipping any that would repeat the words of one already listed.
 */
function examplesOf(subclass: string): L10n {
	const row = rowBySubclass().get(subclass);
	const businesses: TypicalBusiness[] = [];
	for (const b of row?.businesses ?? [])
		if (businesses.length < 3 && !businesses.some((o) => repetitive(o, b))) businesses.push(b);
	return {
		zh: businesses.map((b) => b.zh).join('、'),
		en: businesses.map((b) => b.en).join('; ')
	};
}

const label = (family: Family, id: string): L10n => familyOption(family, id).label;

/** Which table the row sits in, as the handout heads it. */
const TABLE: Record<OutsourcingTypeId, L10n> = {
	ito: { zh: 'ITO', en: 'ITO' },
	bpo: { zh: 'BPO', en: 'BPO' },
	kpo: { zh: 'KPO', en: 'KPO' }
};

function explain(subclass: string, business: TypicalBusiness, choices: string[]): L10n {
	const patterns = content().explanation;
	const cls = classOf(subclass);
	const type = typeOf(subclass);
	const sub = label(generatorFamily('outsourcing-subclass'), subclass);
	const clsL = label(generatorFamily('outsourcing-class'), cls);
	const typeL = label(generatorFamily('outsourcing-type'), type);
	const sibling = choices.find((c) => c !== subclass && classOf(c) === cls);
	const other = choices.find((c) => typeOf(c) !== type);
	const words = (lang: 'zh' | 'en') => ({
		seed: business.seed,
		business: business[lang],
		table: TABLE[type][lang],
		subclass: sub[lang],
		class: clsL[lang],
		type: typeL[lang]
	});
	const listed = fillBoth(
		business.zh === business.seed ? patterns.listedAsIs : patterns.listedCompleted,
		{ zh: words('zh'), en: words('en') },
		false
	);
	const parts: L10n[] = [
		fillBoth(patterns.key, {
			zh: { ...words('zh'), listed: listed.zh },
			en: { ...words('en'), listed: listed.en }
		})
	];
	if (sibling) {
		const s = label(generatorFamily('outsourcing-subclass'), sibling);
		const ex = examplesOf(sibling);
		parts.push(
			fillBoth(patterns.sibling, {
				zh: { class: clsL.zh, sibling: s.zh, examples: ex.zh },
				en: { class: clsL.en, sibling: s.en, examples: ex.en }
			})
		);
	}
	if (other) {
		const o = label(generatorFamily('outsourcing-subclass'), other);
		const oType = label(generatorFamily('outsourcing-type'), typeOf(other));
		parts.push(
			fillBoth(patterns.other, {
				zh: { other: o.zh, otherType: oType.zh },
				en: { other: o.en, otherType: oType.en }
			})
		);
	}
	return { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join(' ') };
}

export interface ScenarioKey {
	row: SubclassBusinesses;
	business: TypicalBusiness;
	vendor: number;
	client: number;
}

/** A label's telling words: without a bracketed part and a generic trailing 服务 / services. */
const labelCore = (text: string) =>
	text
		.replace(/\s*[（(][^）)]*[）)]/g, '')
		.replace(/(服务|\s+services?)$/i, '')
		.trim()
		.toLowerCase();

/**
 * True when the business names its own sub-class (软件研发 in 定制软件研发, 测试 in 测试执行服务):
 * a stem built on it would give the answer away, so it is never drilled.
 */
export function namesSubclass(subclass: string, business: TypicalBusiness): boolean {
	const { zh, en } = label(generatorFamily('outsourcing-subclass'), subclass);
	return business.zh.includes(labelCore(zh)) || business.en.toLowerCase().includes(labelCore(en));
}

/** The businesses of a row that can be drilled (see `namesSubclass`). */
export const drillBusinesses = (row: SubclassBusinesses): TypicalBusiness[] =>
	row.businesses.filter((b) => !namesSubclass(row.subclass, b));

/** Every (business, vendor, client) combination, in a fixed order. */
export function enumerateOutsourcingKeys(): ScenarioKey[] {
	const out: ScenarioKey[] = [];
	for (const row of outsourcingRows())
		for (const business of drillBusinesses(row))
			for (let vendor = 0; vendor < content().vendors.length; vendor++)
				for (let client = 0; client < content().clients.length; client++)
					out.push({ row, business, vendor, client });
	return out;
}

/** How many distinct outsourcing scenarios the generator can yield. */
export function countDistinctOutsourcingScenarios(): number {
	return enumerateOutsourcingKeys().length;
}

/** Words one scenario; everything random here is seeded by the scenario itself. */
export function describeOutsourcing(key: ScenarioKey): OutsourcingScenario {
	const { row, business } = key;
	const text = `${row.subclass}|${business.seed}|${key.vendor}|${key.client}`;
	const random = mulberry32(hash32(text));
	const choices = shuffle(random, [row.subclass, ...pickDistractors(row.subclass, random)]);
	const { stems, vendors, clients } = content();
	const [vendor, client] = [vendors[key.vendor], clients[key.client]];
	const stem = fillBoth(stems[hash32(text) % stems.length], {
		zh: { vendor: vendor.zh, client: client.zh, business: business.zh },
		en: { vendor: vendor.en, client: client.en, business: business.en }
	});
	// A completed phrase (the cell's words in context) is applied, not matched: a little harder.
	const difficulty = business.zh === business.seed ? 2 : 3;
	return {
		id: `gen-os-${hashId(text)}`,
		subclass: row.subclass,
		class: classOf(row.subclass),
		type: typeOf(row.subclass),
		business,
		choices,
		stem,
		explanation: explain(row.subclass, business, choices),
		source: { part: OUTSOURCING_PART, quote: quoteFor(row, business) },
		difficulty
	};
}

export interface OutsourcingOptions {
	seed: number;
	count: number;
	/** Restrict to one outsourcing type (a unit's drill); all three when absent. */
	type?: OutsourcingTypeId;
}

/**
 * `count` scenarios for a seed. Sub-classes take turns (in an order shuffled by the seed) so a
 * short drill ranges over the tables instead of dwelling on one row, and within a row its
 * businesses take turns too, so a business comes back only once every other one has been used.
 */
export function generateOutsourcingScenarios({
	seed,
	count,
	type
}: OutsourcingOptions): OutsourcingScenario[] {
	const random = mulberry32(seed);
	const rows = outsourcingRows().filter(
		(row) => (!type || typeOf(row.subclass) === type) && drillBusinesses(row).length > 0
	);
	const keys = enumerateOutsourcingKeys();
	const queues = shuffle(random, rows).map((row) => {
		const perBusiness = shuffle(random, drillBusinesses(row)).map((business) =>
			shuffle(
				random,
				keys.filter((k) => k.business === business)
			)
		);
		return interleave(perBusiness);
	});
	return interleave(queues).slice(0, Math.max(0, count)).map(describeOutsourcing);
}

function options(family: Family, ids: readonly string[], locale: Locale) {
	return ids.map((id) => ({ id, label: pickText(familyOption(family, id).label, locale) }));
}

const optionIds = (family: Family): string[] => family.options.map((o: FamilyOption) => o.id);

/** The app's classify item: sub-class (4 choices), class and type (all options). */
export function toOutsourcingItem(scenario: OutsourcingScenario, locale: Locale): ClassifyItem {
	return {
		id: scenario.id,
		type: 'classify',
		unit: scenario.type,
		part: OUTSOURCING_PART,
		concepts: [`outsourcing-subclass.${scenario.subclass}`, 'topic.outsourcing-types'],
		difficulty: scenario.difficulty,
		stem: pickText(scenario.stem, locale),
		explanation: pickText(scenario.explanation, locale),
		source: { ...scenario.source },
		generated: true,
		dimensions: [
			{
				family: 'outsourcing-subclass',
				label: pickText(generatorFamily('outsourcing-subclass').label, locale),
				options: options(generatorFamily('outsourcing-subclass'), scenario.choices, locale),
				answer: scenario.subclass
			},
			{
				family: 'outsourcing-class',
				label: pickText(generatorFamily('outsourcing-class').label, locale),
				options: options(
					generatorFamily('outsourcing-class'),
					optionIds(generatorFamily('outsourcing-class')),
					locale
				),
				answer: scenario.class
			},
			{
				family: 'outsourcing-type',
				label: pickText(generatorFamily('outsourcing-type').label, locale),
				options: options(
					generatorFamily('outsourcing-type'),
					optionIds(generatorFamily('outsourcing-type')),
					locale
				),
				answer: scenario.type
			}
		]
	};
}
