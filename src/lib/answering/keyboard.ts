/**
 * Number keys answer an item: `1` chooses the first option *as shown* (after the attempt's seeded
 * order, see `option-order.ts`), so the key on the label and the key on the keyboard agree.
 * The one keyboard rule of every screen that asks items: the quiz screen (practice, drills, exam,
 * review, mistakes) and lesson checks both read key presses through `answerKey`.
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

/** What a key press means on a screen asking `item` (see `answerKey`). */
export type AnswerKey = { kind: 'enter' } | { kind: 'choose'; response: Response };

/**
 * What a key press means while `item` is asked: `enter` for Enter outside a button or a link (a
 * matching select submits too; buttons and links keep their own Enter; not while an input method
 * composes), `choose` with the new response for a number key (in the classify part that holds
 * focus, via its `data-family`), null for anything else: typing in a text field, a key with
 * Ctrl, Meta or Alt, a number with no option, or no item.
 */
export function answerKey(
	event: KeyboardEvent,
	item: Item | null | undefined,
	orderSeed: number | null,
	response: Response | null
): AnswerKey | null {
	const target = event.target instanceof HTMLElement ? event.target : null;
	if (event.key === 'Enter') {
		if (event.isComposing || target?.tagName === 'BUTTON' || target?.tagName === 'A') return null;
		return { kind: 'enter' };
	}
	const typing = target?.tagName === 'INPUT' && (target as HTMLInputElement).type === 'text';
	if (!item || typing || event.ctrlKey || event.metaKey || event.altKey) return null;
	const dimension = target?.closest<HTMLElement>('[data-family]')?.dataset.family as
		FamilyId | undefined;
	const chosen = numberKeyResponse(item, orderSeed, Number(event.key), response, dimension);
	return chosen ? { kind: 'choose', response: chosen } : null;
}
