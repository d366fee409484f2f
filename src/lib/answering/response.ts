import type { Response } from '$lib/bank/types';
import type { DisplayItem } from './display';

/** True once every part of the question has an answer: only then can it be checked. */
export function isComplete(item: DisplayItem, response: Response | null): boolean {
	if (!response || response.type !== item.type) return false;
	switch (response.type) {
		case 'single':
			return response.choice !== '';
		case 'multiple':
			return response.choices.length > 0;
		case 'truefalse':
			return typeof response.value === 'boolean';
		case 'matching':
			return (
				item.type === 'matching' && Object.keys(response.rightFor).length === item.pairs.length
			);
		case 'classify':
			return (
				item.type === 'classify' &&
				item.dimensions.every((d) => typeof response.values[d.family] === 'string')
			);
		case 'cloze':
			return response.text.trim() !== '';
	}
}

/**
 * A stable shuffle of 0..n-1 from the item id: matching options appear in the same mixed order
 * on every visit (and on every phone in a classroom), never in key order.
 */
export function stableOrder(id: string, n: number): number[] {
	let h = 2166136261;
	for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
	const order = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
		const j = h % (i + 1);
		[order[i], order[j]] = [order[j], order[i]];
	}
	// A shuffle that left everything in place would give the key away.
	if (n > 1 && order.every((v, i) => v === i)) order.push(order.shift()!);
	return order;
}
