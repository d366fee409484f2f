import { mulberry32, sample, shuffle } from './generators/random';
import type { Item, ItemType } from './types';

/** What a learner asks for on the Practice screen. Empty lists mean "any". */
export interface PracticeFilter {
	units: string[];
	types: ItemType[];
	/** Concept tags; an item matches if it carries any of them. */
	concepts: string[];
	count: number;
}

export function matchesFilter(
	item: Pick<Item, 'type' | 'concepts'> & { unit?: string },
	filter: Omit<PracticeFilter, 'count'>
): boolean {
	return (
		(filter.units.length === 0 || (item.unit !== undefined && filter.units.includes(item.unit))) &&
		(filter.types.length === 0 || filter.types.includes(item.type)) &&
		(filter.concepts.length === 0 || item.concepts.some((c) => filter.concepts.includes(c)))
	);
}

/**
 * A practice set: items matching the filter, the ones the learner has seen least first, in a
 * seeded order (so a resumed or shared set is the same set).
 */
export function selectPractice(
	pool: Item[],
	filter: PracticeFilter,
	seed: number,
	timesSeen: (itemId: string) => number = () => 0
): Item[] {
	const random = mulberry32(seed);
	const candidates = shuffle(
		random,
		pool.filter((item) => matchesFilter(item, filter))
	);
	// Stable sort keeps the shuffle within each "times seen" group.
	candidates.sort((a, b) => timesSeen(a.id) - timesSeen(b.id));
	return shuffle(random, candidates.slice(0, filter.count));
}

/**
 * An exam paper that samples every unit in the pool in proportion to its size, so a mock exam
 * covers the whole handout rather than whichever unit is largest.
 */
export function selectExamPaper(pool: Item[], count: number, seed: number): Item[] {
	const random = mulberry32(seed);
	const byUnit = new Map<string, Item[]>();
	for (const item of pool) byUnit.set(item.unit, [...(byUnit.get(item.unit) ?? []), item]);
	const units = [...byUnit.keys()].sort();
	const total = pool.length;
	const quotas = units.map((u) => Math.floor((byUnit.get(u)!.length / total) * count));
	// Hand out what rounding down left over, largest units first.
	let left = Math.min(count, total) - quotas.reduce((a, b) => a + b, 0);
	const bySize = units
		.map((u, i) => i)
		.sort((a, b) => byUnit.get(units[b])!.length - byUnit.get(units[a])!.length);
	for (let k = 0; left > 0; k = (k + 1) % bySize.length) {
		const i = bySize[k];
		if (quotas[i] < byUnit.get(units[i])!.length) {
			quotas[i] += 1;
			left -= 1;
		}
	}
	const paper = units.flatMap((u, i) => sample(random, byUnit.get(u)!, quotas[i]));
	return shuffle(random, paper);
}
