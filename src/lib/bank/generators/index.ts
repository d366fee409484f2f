/**
 * Generated drills: rule-based items that top up the authored bank with as many fresh,
 * correctly keyed practice items as a learner or a class wants. Pure and synchronous, so the
 * browser, the classroom server and the tests produce the same items for the same seed.
 */
import type { ClassifyItem, Item, Locale } from '../types';
import {
	describeCategory,
	enumerateCategoryFacts,
	generateCategoryScenarios,
	toCategoryItem
} from './category';
import {
	describeExclusion,
	enumerateExclusionFacts,
	generateExclusionScenarios,
	toExclusionItem
} from './exclusions';
import {
	describeOutsourcing,
	enumerateOutsourcingKeys,
	generateOutsourcingScenarios,
	toOutsourcingItem,
	type OutsourcingTypeId
} from './outsourcing';
import {
	describeOutsourcingMode,
	enumerateOutsourcingModeFacts,
	generateOutsourcingModeScenarios,
	toOutsourcingModeItem
} from './outsourcing-mode';
import type { DrillKind } from './kinds';
import {
	enumerateSupplyModeQuestions,
	generateSupplyModeQuestions,
	toSupplyModeItem
} from './supply-mode-questions';
import {
	countDistinctScenarios,
	describeScenario,
	enumerateScenarioFacts,
	generateModeScenarios,
	toClassifyItem
} from './supply-mode';

export * from './random';
export * from './supply-mode';
export * from './supply-mode-questions';
export * from './outsourcing';
export * from './outsourcing-mode';
export * from './category';
export * from './exclusions';
export * from './kinds';
export { generatorFamily } from './families';
export { useGeneratorContent, type GeneratorContent } from './content';

export { countDistinctScenarios };

export interface DrillOptions {
	/**
	 * `supply-mode`: supply-mode scenarios, each item asking the mode or the direction (unit
	 * modes-of-supply); `mode` (retired): the same scenarios asking both in one item; `outsourcing`: ITO/BPO/KPO cases;
	 * `outsourcing-mode`: offshore / onshore / overseas with the outsourcing type (unit
	 * outsourcing-models); `category`: the twelve categories with digital deliverability (unit
	 * twelve-categories); `exclusion`: the handout's "not included" clauses (several units).
	 */
	kind: DrillKind;
	/** Same seed, same items in the same order: share it to give a class one drill. */
	seed: number;
	count: number;
	locale: Locale;
	/** Outsourcing only: keep to one type (the ito, bpo or kpo unit). */
	outsourcingType?: OutsourcingTypeId;
}

/** A ready-to-ask list of generated items in one locale. */
export function generateDrill({
	kind,
	seed,
	count,
	locale,
	outsourcingType
}: DrillOptions): Item[] {
	if (kind === 'supply-mode')
		return generateSupplyModeQuestions({ seed, count }).map((q) => toSupplyModeItem(q, locale));
	if (kind === 'mode') {
		return generateModeScenarios({ seed, count }).map((s) => toClassifyItem(s, locale));
	}
	if (kind === 'outsourcing-mode') {
		return generateOutsourcingModeScenarios({ seed, count }).map((s) =>
			toOutsourcingModeItem(s, locale)
		);
	}
	if (kind === 'category')
		return generateCategoryScenarios({ seed, count }).map((s) => toCategoryItem(s, locale));
	if (kind === 'exclusion')
		return generateExclusionScenarios({ seed, count }).map((s) => toExclusionItem(s, locale));
	return generateOutsourcingScenarios({ seed, count, type: outsourcingType }).map((s) =>
		toOutsourcingItem(s, locale)
	);
}

/** One generated item in both locales (same id, same keys). */
export interface BilingualItem {
	zh: ClassifyItem;
	en: ClassifyItem;
}

/**
 * A generator's whole space, for the text check (`scripts/bank/generator-check.ts`) and
 * `bank:stats`: every distinct item it can yield, worded in both languages. Not for the app
 * (a drill asks `generateDrill` for a few).
 */
export interface GeneratorSpace {
	kind: DrillKind;
	/** Every distinct item, in a fixed order. */
	enumerate(): BilingualItem[];
}

const both = <S>(scenario: S, toItem: (s: S, locale: Locale) => ClassifyItem): BilingualItem => ({
	zh: toItem(scenario, 'zh-CN'),
	en: toItem(scenario, 'en')
});

/** One space per readable kind (retired ones too: what they generate is still asked). */
export const GENERATOR_SPACES: readonly GeneratorSpace[] = [
	{
		kind: 'supply-mode',
		enumerate: () => enumerateSupplyModeQuestions().map((q) => both(q, toSupplyModeItem))
	},
	{
		kind: 'outsourcing',
		enumerate: () =>
			enumerateOutsourcingKeys().map((key) => both(describeOutsourcing(key), toOutsourcingItem))
	},
	{
		kind: 'outsourcing-mode',
		enumerate: () =>
			enumerateOutsourcingModeFacts().map((facts) =>
				both(describeOutsourcingMode(facts), toOutsourcingModeItem)
			)
	},
	{
		kind: 'category',
		enumerate: () =>
			enumerateCategoryFacts().map((facts) => both(describeCategory(facts), toCategoryItem))
	},
	{
		kind: 'exclusion',
		enumerate: () =>
			enumerateExclusionFacts().map((facts) => both(describeExclusion(facts), toExclusionItem))
	},
	{
		// Retired: see kinds.ts.
		kind: 'mode',
		enumerate: () =>
			enumerateScenarioFacts().map((facts) => both(describeScenario(facts), toClassifyItem))
	}
];
