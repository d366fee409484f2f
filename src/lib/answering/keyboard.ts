/**
 * Number keys answer an item: `1` chooses the first option *as shown* (after the attempt's seeded
 * order, see `option-order.ts`), so the key on the label and the key on the keyboard agree.
 * Pure; used by the quiz screen (practice, drills, exam, review, mistakes).
 */
import type { FamilyId, Item, Response } from '$lib/bank/types';
import { presentItem } from './option-order';

/**
 * The response after pressing number `n` (1-based) on `item`, or null when the key means nothing
 * there (no such option, a matching or cloze item). Single and true/false choose; multiple
 * toggles; classify chooses in `dimension` (the one holding focus) or else the first dimension
 * not yet answered, so pressing 2 then 3 answers a two-dimension item in order.
 */
export function numberKeyResponse(
	item: Item,
	orderSeed: number | null,
	n: number,
	response: Response | null,
	dimension?: FamilyId
): Response | null {
	if (!Number.isInteger(n) || n < 1) return null;
	const shown = presentItem(item, orderSeed).item;
	switch (shown.type) {
		case 'single': {
			const option = shown.options[n - 1];
			return option ? { type: 'single', choice: option.id } : null;
		}
		case 'truefalse':
			return n <= 2 ? { type: 'truefalse', value: n === 1 } : null;
		case 'multiple': {
			const option = shown.options[n - 1];
			if (!option) return null;
			const current = response?.type === 'multiple' ? response.choices : [];
			return {
				type: 'multiple',
				choices: current.includes(option.id)
					? current.filter((c) => c !== option.id)
					: [...current, option.id]
			};
		}
		case 'classify': {
			const values = response?.type === 'classify' ? response.values : {};
			const target =
				shown.dimensions.find((d) => d.family === dimension) ??
				shown.dimensions.find((d) => values[d.family] === undefined) ??
				shown.dimensions[0];
			const option = target?.options[n - 1];
			return option
				? { type: 'classify', values: { ...values, [target.family]: option.id } }
				: null;
		}
		default:
			return null;
	}
}
