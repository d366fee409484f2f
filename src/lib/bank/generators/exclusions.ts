/**
 * Exclusion drills: the handout's "不包括…" clauses (deposit and loan interest is not financial
 * services, 二（四）; phone repair is not BPO 维修维护服务 and self-directed research is not KPO
 * 研发服务, 二（八）; a labour-dispatch or manufacturing agreement fails the service-outsourcing
 * enterprise criteria, 二（六）), each drilled against the activities the same passage includes,
 * so "does not belong" is the key about half the time.
 *
 * Words from question-bank/generators/exclusions.yaml. Deterministic per seed; an item's id and
 * words depend only on its facts.
 */
import { pickText } from '../text';
import type { ClassifyItem, FamilyId, L10n, Locale } from '../types';
import { fromContent, generatorContent, type ExclusionCaseContent } from './content';
import { familyOption, generatorFamily } from './families';
import { classOf } from './outsourcing';
import { hashId, interleave, mulberry32, shuffle } from './random';
import { fillBoth } from './template';
import {
	businessQuote,
	enumerateVariants,
	pickedBusiness,
	variantKey,
	variantText,
	type Variant
} from './varied';

export type ExclusionSide = 'inside' | 'outside';

/** One scenario as facts: a case, which side of its clause, and a variant of that side's patterns. */
export interface ExclusionFacts {
	case: string;
	side: ExclusionSide;
	variant: Variant;
}

export interface ExclusionScenario {
	/** `gen-ex-<hash of the facts>`. */
	id: string;
	facts: ExclusionFacts;
	/** The family the item is answered on, and its key. */
	family: Extract<FamilyId, 'scope' | 'outsourcing-enterprise'>;
	answer: string;
	/** The class asked about, in both languages (the enterprise criteria's label for that case). */
	asked: L10n;
	unit: string;
	part: string;
	concepts: string[];
	stem: L10n;
	explanation: L10n;
	source: { part: string; quote: string };
	difficulty: 1 | 2 | 3;
}

const content = () => generatorContent().exclusions;
const caseOf = (id: string): ExclusionCaseContent => {
	const c = content().cases.find((x) => x.id === id);
	if (!c) throw new Error(`no exclusion case '${id}'`);
	return c;
};

/**
 * Where a case sits in the bank: its unit, part and concept tag. A category is taught in unit
 * twelve-categories (二（四）), an outsourcing class in its type's unit (二（八）), the enterprise
 * criteria in foundations (二（六）).
 */
function placeOf(c: ExclusionCaseContent): { unit: string; part: string; concept: string } {
	const asks = c.asks;
	if (asks.family === 'category')
		return { unit: 'twelve-categories', part: '2.4', concept: `category.${asks.option}` };
	if (asks.family === 'outsourcing-class') {
		const type = familyOption(generatorFamily('outsourcing-class'), asks.option).parent;
		return { unit: type ?? 'bpo', part: '2.8', concept: `outsourcing-class.${asks.option}` };
	}
	return { unit: 'foundations', part: '2.6', concept: 'topic.enterprise-criteria' };
}

const factsKey = (f: ExclusionFacts) => `${f.case}|${f.side}|${variantKey(f.variant)}`;

/** Every scenario, one queue per case and side, in a fixed order. */
const queues = fromContent((c) =>
	c.exclusions.cases.flatMap((x) =>
		(['outside', 'inside'] as const).map((side) =>
			enumerateVariants(x[side]).map((variant): ExclusionFacts => ({ case: x.id, side, variant }))
		)
	)
);

/** Every scenario's facts, in a fixed order. */
export function enumerateExclusionFacts(): ExclusionFacts[] {
	return queues().flat();
}

/** Words a set of facts. */
export function describeExclusion(facts: ExclusionFacts): ExclusionScenario {
	const c = caseOf(facts.case);
	const side = c[facts.side];
	const asks = c.asks;
	const enterprise = asks.family === 'outsourcing-enterprise';
	const asked = enterprise
		? generatorFamily('outsourcing-enterprise').label
		: familyOption(generatorFamily(asks.family), asks.option).label;
	const where = placeOf(c);
	const business = pickedBusiness(side, facts.variant);
	// A table business must sit under the class asked about (or, for the criteria, be a service
	// of the tables at all): the inside key rests on it.
	if (
		business &&
		asks.family === 'outsourcing-class' &&
		classOf(business.row.subclass) !== asks.option
	)
		throw new Error(`${facts.case}: '${business.business.seed}' is not in ${asks.option}`);
	const quote = side.quote ?? (business ? businessQuote(business) : undefined);
	if (!quote) throw new Error(`${facts.case}.${facts.side}: no quote`);
	return {
		id: `gen-ex-${hashId(factsKey(facts))}`,
		facts,
		family: enterprise ? 'outsourcing-enterprise' : 'scope',
		answer: enterprise ? (facts.side === 'inside' ? 'meets' : 'fails') : facts.side,
		asked,
		unit: where.unit,
		part: where.part,
		concepts: [where.concept, 'topic.exclusions'],
		stem: variantText(side, facts.variant),
		explanation: fillBoth(side.explanation, {
			zh: { class: asked.zh },
			en: { class: asked.en }
		}),
		source: { part: where.part, quote },
		// Ruling something out by the handout's small print is the harder half.
		difficulty: facts.side === 'outside' ? 3 : 2
	};
}

/**
 * `count` scenarios for a seed: the cases' two sides take turns (in an order shuffled by the
 * seed), so a drill mixes included and excluded activities of every clause.
 */
export function generateExclusionScenarios({
	seed,
	count
}: {
	seed: number;
	count: number;
}): ExclusionScenario[] {
	const random = mulberry32(seed);
	const lists = shuffle(random, queues()).map((q) => shuffle(random, q));
	return interleave(lists).slice(0, Math.max(0, count)).map(describeExclusion);
}

/** The app's classify item: one yes / no dimension, labelled with the class asked about. */
export function toExclusionItem(s: ExclusionScenario, locale: Locale): ClassifyItem {
	const family = generatorFamily(s.family);
	const c = caseOf(s.facts.case);
	const label = c.question
		? fillBoth(c.question, { zh: { class: s.asked.zh }, en: { class: s.asked.en } })
		: family.label;
	return {
		id: s.id,
		type: 'classify',
		unit: s.unit,
		part: s.part,
		concepts: [...s.concepts],
		difficulty: s.difficulty,
		stem: pickText(s.stem, locale),
		explanation: pickText(s.explanation, locale),
		source: { ...s.source },
		generated: true,
		dimensions: [
			{
				family: s.family,
				label: pickText(label, locale),
				options: family.options.map((o) => ({ id: o.id, label: pickText(o.label, locale) })),
				answer: s.answer
			}
		]
	};
}
