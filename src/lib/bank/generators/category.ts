/**
 * Category drills (二（四）): one of the handout's worked examples of the twelve categories,
 * re-told with its parties varied, classified on two axes: the category, and whether that category
 * is one of the six UNCTAD counts as digitally deliverable (一（三）, as the handout cites it).
 * Deliverability is a property of the category in the handout, so it is keyed from the category
 * alone, never from how the scenario happens to be delivered.
 *
 * Words from question-bank/generators/category.yaml. Deterministic per seed; an item's id and
 * words depend only on its scene and variant.
 */
import { pickText } from '../text';
import type { ClassifyItem, L10n, Locale } from '../types';
import { fromContent, generatorContent, type CategorySceneContent } from './content';
import { familyOption, generatorFamily } from './families';
import { hashId, interleave, mulberry32, shuffle } from './random';
import { fillBoth } from './template';
import { enumerateVariants, variantKey, variantText, type Variant } from './varied';

export const CATEGORY_UNIT = 'twelve-categories';
export const CATEGORY_PART = '2.4';

export type DigitalId = 'deliverable' | 'not-deliverable';

/** One scenario as facts: a scene of category.yaml and one variant of its patterns. */
export interface CategoryFacts {
	scene: string;
	variant: Variant;
}

export interface CategoryScenario {
	/** `gen-cat-<hash of the facts>`. */
	id: string;
	facts: CategoryFacts;
	category: string;
	digital: DigitalId;
	stem: L10n;
	explanation: L10n;
	source: { part: string; quote: string };
	difficulty: 1 | 2 | 3;
}

const content = () => generatorContent().category;
const scene = (id: string): CategorySceneContent => {
	const s = content().scenes.find((x) => x.id === id);
	if (!s) throw new Error(`no category scene '${id}'`);
	return s;
};

/** The handout's rule: deliverable exactly when UNCTAD's six (as the handout lists them) include it. */
export function digitalOf(category: string): DigitalId {
	return content().digital.categories.includes(category) ? 'deliverable' : 'not-deliverable';
}

const factsKey = (f: CategoryFacts) => `${f.scene}|${variantKey(f.variant)}`;

/** Every scenario per category, in a fixed order (scenes in file order, then variants). */
const spaceByCategory = fromContent((c) => {
	const out = new Map<string, CategoryFacts[]>();
	for (const s of c.category.scenes) {
		const list = out.get(s.category) ?? [];
		for (const variant of enumerateVariants(s)) list.push({ scene: s.id, variant });
		out.set(s.category, list);
	}
	return out;
});

/** Every scenario's facts, in a fixed order. */
export function enumerateCategoryFacts(): CategoryFacts[] {
	return [...spaceByCategory().values()].flat();
}

/** Words a set of facts. */
export function describeCategory(facts: CategoryFacts): CategoryScenario {
	const s = scene(facts.scene);
	const digital = digitalOf(s.category);
	const label = familyOption(generatorFamily('category'), s.category).label;
	const { explanation } = content();
	const key = fillBoth(explanation.key, {
		zh: { rule: s.rule.zh, category: label.zh },
		en: { rule: s.rule.en, category: label.en }
	});
	const why = fillBoth(
		digital === 'deliverable' ? explanation.deliverable : explanation.notDeliverable,
		{ zh: { category: label.zh }, en: { category: label.en } }
	);
	return {
		id: `gen-cat-${hashId(factsKey(facts))}`,
		facts,
		category: s.category,
		digital,
		stem: variantText(s, facts.variant),
		explanation: { zh: key.zh + why.zh, en: `${key.en} ${why.en}` },
		source: { part: CATEGORY_PART, quote: s.quote },
		difficulty: 2
	};
}

/**
 * `count` scenarios for a seed: the twelve categories take turns (in an order shuffled by the
 * seed) so a short drill ranges over them; within a category its variants are shuffled.
 */
export function generateCategoryScenarios({
	seed,
	count
}: {
	seed: number;
	count: number;
}): CategoryScenario[] {
	const random = mulberry32(seed);
	const queues = shuffle(random, [...spaceByCategory().values()]).map((q) => shuffle(random, q));
	return interleave(queues).slice(0, Math.max(0, count)).map(describeCategory);
}

function wholeFamily(id: 'category' | 'digital', answer: string, locale: Locale) {
	const family = generatorFamily(id);
	return {
		family: id,
		label: pickText(family.label, locale),
		options: family.options.map((o) => ({ id: o.id, label: pickText(o.label, locale) })),
		answer
	};
}

/** The app's classify item: the category (all twelve), then digital deliverability. */
export function toCategoryItem(s: CategoryScenario, locale: Locale): ClassifyItem {
	return {
		id: s.id,
		type: 'classify',
		unit: CATEGORY_UNIT,
		part: CATEGORY_PART,
		concepts: [`category.${s.category}`, 'topic.digital-trade'],
		difficulty: s.difficulty,
		stem: pickText(s.stem, locale),
		explanation: pickText(s.explanation, locale),
		source: { ...s.source },
		generated: true,
		dimensions: [
			wholeFamily('category', s.category, locale),
			wholeFamily('digital', s.digital, locale)
		]
	};
}
