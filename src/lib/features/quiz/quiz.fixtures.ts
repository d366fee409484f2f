/**
 * Small concrete items for the quiz and lesson specs. Test-only: nothing in the app imports it.
 * True/false items keep responses short; one single-choice item covers another type.
 */
import type { Item, Response, SingleItem, TrueFalseItem } from '$lib/bank/types';

const base = {
	part: '1.1',
	difficulty: 1 as const,
	explanation: 'because',
	source: { part: '1.1', quote: '跨境交付' }
};

export function trueFalse(
	id: string,
	answer: boolean,
	unit = 'modes',
	concepts: string[] = ['mode.cross-border']
): TrueFalseItem {
	return { ...base, id, unit, concepts, stem: `${id}?`, type: 'truefalse', answer };
}

export function singleChoice(id: string, answer: string, unit = 'modes'): SingleItem {
	return {
		...base,
		id,
		unit,
		concepts: ['mode.presence'],
		stem: `${id}?`,
		type: 'single',
		options: [
			{ id: 'a', label: 'A' },
			{ id: 'b', label: 'B' }
		],
		answer
	};
}

/** The right (or wrong) response to a true/false item. */
export function tf(item: Item, right: boolean): Response {
	if (item.type !== 'truefalse') throw new Error(`${item.id} is not true/false`);
	return { type: 'truefalse', value: right ? item.answer : !item.answer };
}

/** The same item "in the other language": only the stem differs. */
export function translated<T extends Item>(item: T, suffix = ' (en)'): T {
	return { ...item, stem: item.stem + suffix };
}
