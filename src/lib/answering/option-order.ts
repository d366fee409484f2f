/**
 * The order in which an item's options are shown: one home for every place an item is asked
 * (lesson checks, practice, drills, exams, review, mistakes, the classroom).
 *
 * The bank is authored with the key early (issue #8: 134 of 158 single-choice items had the key
 * first), so showing options in bank order lets a learner score by position without reading.
 * Every attempt therefore draws an `orderSeed` (a uint32 kept in the flow's machine context, so
 * the order survives a reload), and each item's options are permuted by `hash(seed, item id)`.
 * The permutation is of option *positions*, never of labels, so switching language keeps the
 * same order; a new attempt draws a new seed and gets a new order. Responses and scoring use
 * option ids and key indexes, so presentation never touches marking.
 *
 * Classify dimensions that offer a whole fixed family (the four GATS modes of supply, the twelve
 * categories, ITO/BPO/KPO…) keep the family's natural order: the same full set on every item
 * carries no hint, and a stable layout is faster to scan. A dimension offering a pick of a
 * family (four of the twelve categories) is shuffled like any option list.
 */
import { hash32, mulberry32, shuffle } from '$lib/bank/generators/random';
import type { ClassifyDimension, FamilyId, Item, Option } from '$lib/bank/types';

/**
 * How many options each classify family has in `question-bank/families.yaml` (checked against the
 * built index by `option-order.spec.ts`). A dimension listing that many options offers the whole
 * family and keeps its natural order.
 */
export const FAMILY_SIZES: Readonly<Record<FamilyId, number>> = {
	mode: 4,
	direction: 2,
	category: 12,
	digital: 2,
	'outsourcing-mode': 3,
	'outsourcing-type': 3,
	'outsourcing-class': 9,
	'outsourcing-subclass': 45,
	'trade-enterprise': 2,
	'outsourcing-enterprise': 2,
	'oecd-wto-part': 3,
	'dingtao-category': 3,
	'mofcom-2019-class': 3,
	'mofcom-2020-domain': 4,
	'ustr-class': 4,
	scope: 2
};

// A fresh seed has a module of its own (no shuffling in it) for a screen that only starts an
// attempt, such as a lesson's first screen (issue #14); it is part of this module's API too.
export { newOrderSeed } from './order-seed';

/**
 * A permutation of 0..n-1 drawn from `seed` and `key` (item id, plus the dimension for classify).
 * Deterministic: the same seed and key give the same order in every browser and in Node.
 */
export function seededOrder(seed: number, key: string, n: number): number[] {
	const random = mulberry32(hash32(`${seed >>> 0}:${key}`));
	return shuffle(
		random,
		Array.from({ length: n }, (_, i) => i)
	);
}

/**
 * The right-hand column of a matching item: seeded like the rest, and never the key order itself
 * (a column in key order would give every pair away), so an identity draw is rotated by one.
 */
export function matchingOrder(seed: number, itemId: string, n: number): number[] {
	const order = seededOrder(seed, `${itemId}#right`, n);
	if (n > 1 && order.every((v, i) => v === i)) order.push(order.shift()!);
	return order;
}

/** Whether a classify dimension offers its whole family (so keeps the natural order). */
export function isWholeFamily(dimension: Pick<ClassifyDimension, 'family' | 'options'>): boolean {
	return dimension.options.length === FAMILY_SIZES[dimension.family];
}

const permute = <T>(list: readonly T[], order: readonly number[]): T[] => order.map((i) => list[i]);

/** Options of one list in seeded order. */
function orderedOptions(seed: number, key: string, options: readonly Option[]): Option[] {
	return permute(options, seededOrder(seed, key, options.length));
}

/** An item ready to show: options in presentation order, and the matching column's order. */
export interface PresentedItem {
	/** The same item (same ids, same key) with `options` / dimension options reordered. */
	item: Item;
	/** Matching: `rightOrder[p]` is the key index shown at position p; identity for other types. */
	rightOrder: number[];
}

/**
 * The item as this attempt shows it. `seed` null means "as given": the classroom sends items
 * already in the room's order, and the instructor's preview shows the authored order.
 * True/false keeps true-then-false: two fixed words, like a whole family.
 */
export function presentItem(item: Item, seed: number | null): PresentedItem {
	const identity = (n: number) => Array.from({ length: n }, (_, i) => i);
	if (seed === null)
		return { item, rightOrder: identity(item.type === 'matching' ? item.pairs.length : 0) };
	switch (item.type) {
		case 'single':
		case 'multiple':
			return {
				item: { ...item, options: orderedOptions(seed, item.id, item.options) },
				rightOrder: []
			};
		case 'classify':
			return {
				item: {
					...item,
					dimensions: item.dimensions.map((d) =>
						isWholeFamily(d)
							? d
							: { ...d, options: orderedOptions(seed, `${item.id}/${d.family}`, d.options) }
					)
				},
				rightOrder: []
			};
		case 'matching':
			return { item, rightOrder: matchingOrder(seed, item.id, item.pairs.length) };
		default:
			return { item, rightOrder: [] };
	}
}
