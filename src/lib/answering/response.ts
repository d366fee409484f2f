import type { Item, Response } from '$lib/bank/types';

/** True once every part of the question has an answer: only then can it be checked. */
export function isComplete(item: Item, response: Response | null): boolean {
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
