/**
 * Generated drills: rule-based items that top up the authored bank with as many fresh,
 * correctly keyed practice items as a learner or a class wants. Pure and synchronous, so the
 * browser, the classroom server and the tests produce the same items for the same seed.
 */
import type { Item, Locale } from '../types';
import {
	generateOutsourcingScenarios,
	toOutsourcingItem,
	type OutsourcingTypeId
} from './outsourcing';
import { countDistinctScenarios, generateModeScenarios, toClassifyItem } from './supply-mode';

export * from './random';
export * from './supply-mode';
export * from './outsourcing';
export { OUTSOURCING_BUSINESS, CONFUSABLE_SUBCLASSES } from './outsourcing-business';
export type { SubclassBusinesses, TypicalBusiness } from './outsourcing-business';
export { GENERATOR_FAMILIES } from './families';

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
