/**
 * Generated drills: rule-based items that top up the authored bank with as many fresh,
 * correctly keyed practice items as a learner or a class wants. Pure and synchronous, so the
 * browser, the classroom server and the tests produce the same items for the same seed.
 */
import type { ClassifyItem, Item, Locale } from '../types';
import {
	describeOutsourcing,
	enumerateOutsourcingKeys,
	generateOutsourcingScenarios,
	toOutsourcingItem,
	type OutsourcingTypeId
} from './outsourcing';
import {
	countDistinctScenarios,
	describeScenario,
	enumerateScenarioFacts,
	generateModeScenarios,
	toClassifyItem
} from './supply-mode';

export * from './random';
export * from './supply-mode';
export * from './outsourcing';
export { generatorFamily } from './families';
export { useGeneratorContent, type GeneratorContent } from './content';

export { countDistinctScenarios };

export interface DrillOptions {
	/** `mode`: supply-mode scenarios (unit modes-of-supply); `outsourcing`: ITO/BPO/KPO cases. */
	kind: 'mode' | 'outsourcing';
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
	if (kind === 'mode') {
		return generateModeScenarios({ seed, count }).map((s) => toClassifyItem(s, locale));
	}
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
	kind: DrillOptions['kind'];
	/** Every distinct item, in a fixed order. */
	enumerate(): BilingualItem[];
}

const both = <S>(scenario: S, toItem: (s: S, locale: Locale) => ClassifyItem): BilingualItem => ({
	zh: toItem(scenario, 'zh-CN'),
	en: toItem(scenario, 'en')
});

export const GENERATOR_SPACES: readonly GeneratorSpace[] = [
	{
		kind: 'mode',
		enumerate: () =>
			enumerateScenarioFacts().map((facts) => both(describeScenario(facts), toClassifyItem))
	},
	{
		kind: 'outsourcing',
		enumerate: () =>
			enumerateOutsourcingKeys().map((key) => both(describeOutsourcing(key), toOutsourcingItem))
	}
];
