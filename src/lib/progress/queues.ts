/**
 * The queues built from item states: spaced review (due items) and the mistakes notebook.
 * Kept apart from `learning.ts` so the home screen's counts load without the scheduler.
 */
import type { ItemState } from './types';

/**
 * The end of the learner's local calendar day containing `now` (epoch ms of the next local
 * midnight): "due today" means due before this, not only due before now, so an item due this
 * evening is counted (and asked) in the morning's review. Local time is the device's, which is
 * the learner's in the browser.
 */
export function endOfLocalDay(now: number): number {
	const midnight = new Date(now);
	midnight.setHours(24, 0, 0, 0);
	return midnight.getTime();
}

/**
 * Whether an item is due for review by `by` (epoch ms). "Due today" everywhere (home, Review,
 * Progress) is `isDue(state, endOfLocalDay(now))`: one rule, so the figures agree.
 */
export function isDue(state: Pick<ItemState, 'due'>, by: number): boolean {
	return state.due !== null && state.due <= by;
}

/** Right answers in a row that take an item out of the mistakes notebook. */
export const MISTAKES_CLEAR_STREAK = 2;

/** Whether the item is in the mistakes notebook; states written before the field use lastCorrect. */
export function isInMistakes(state: ItemState): boolean {
	return state.inMistakes ?? !state.lastCorrect;
}

/**
 * Ids of the items due for review by `now` (pass {@link endOfLocalDay} for "due today"), most
 * overdue first (earliest due; ties by id, so the
 * order is stable). `limit` caps the list for a session; the count is {@link dueCount}.
 */
export function dueQueue(
	states: Record<string, ItemState>,
	now: number,
	limit = Infinity
): string[] {
	const due: ItemState[] = [];
	for (const id in states) {
		const state = states[id];
		if (isDue(state, now)) due.push(state);
	}
	due.sort((a, b) => a.due! - b.due! || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
	const ids = new Array<string>(Math.min(limit, due.length));
	for (let i = 0; i < ids.length; i++) ids[i] = due[i].itemId;
	return ids;
}

/** How many items are due for review by `now` (pass {@link endOfLocalDay} for "due today"). */
export function dueCount(states: Record<string, ItemState>, now: number): number {
	let count = 0;
	for (const id in states) if (isDue(states[id], now)) count++;
	return count;
}

/**
 * The mistakes notebook: items answered wrong and not yet answered right twice in a row since.
 * Longest-untouched first (ties by id), so a session starts with the mistakes waiting longest.
 */
export function mistakes(states: Record<string, ItemState>): string[] {
	const inNotebook: ItemState[] = [];
	for (const id in states) if (isInMistakes(states[id])) inNotebook.push(states[id]);
	inNotebook.sort(
		(a, b) => a.lastAt - b.lastAt || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)
	);
	return inNotebook.map((s) => s.itemId);
}
