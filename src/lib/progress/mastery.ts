/**
 * When one item counts as mastered (issue #8), split into the part fixed when the item was last
 * answered ({@link hasEarnedMastery}: it goes into the digest columns with that write) and the
 * part that moves with the clock ({@link isLapsed}: read from the `due` and `lastAt` columns), so
 * the Progress page counts mastery without reading any scheduler card.
 * Pure; no scheduler import (the Progress page should not load ts-fsrs).
 */
import { isInMistakes } from './queues';
import type { ItemState } from './types';

/**
 * An item's review is lapsed when it is overdue by more than its own interval again (e.g. a
 * 10-day interval not reviewed for 20 days): by then FSRS expects recall well below its 90%
 * target, so we no longer count it as known. Uses only `due` and `lastAt`, not the card.
 */
export function isLapsed(state: Pick<ItemState, 'due' | 'lastAt'>, now: number): boolean {
	if (state.due === null) return false;
	return now - state.due > state.due - state.lastAt;
}

/**
 * FSRS stability (days until recall is expected to fall to 90%) from which one item counts as
 * mastered even when its last two right answers fell on the same day: only an item reviewed
 * successfully across spaced intervals gets there (one very fast first answer gives about 8).
 */
export const MASTERY_STABILITY_DAYS = 21;

/**
 * Everything {@link isMastered} asks that does not depend on the clock: the last answer was
 * right, the item is out of the mistakes notebook, and either it was answered right on two
 * different days (the last two answers right, the last one at least a calendar day after the one
 * before: FSRS `elapsed_days` ≥ 1) or its FSRS stability is at least {@link MASTERY_STABILITY_DAYS}.
 * A state with no readable card (written before scheduling existed) needs two right answers in a
 * row. Changes only when the state is written, so the store keeps it as a digest flag.
 */
export function hasEarnedMastery(state: ItemState): boolean {
	if (!state.lastCorrect || isInMistakes(state)) return false;
	const card = cardFigures(state.schedule);
	if (!card) return state.streak >= 2;
	const rightOnTwoDays = state.streak >= 2 && card.elapsed_days >= 1;
	return rightOnTwoDays || card.stability >= MASTERY_STABILITY_DAYS;
}

/**
 * Mastered, from the spaced-review state rather than one right answer (issue #8): mastery earned
 * ({@link hasEarnedMastery}) and the review not lapsed at `now` ({@link isLapsed}).
 * Mastery of a unit or concept is the share of ALL its items that are mastered, so items never
 * tried count against it: 100% means the whole unit, not just the part attempted. The Progress
 * page says this in words (`progress:masteryExplained`).
 */
export function isMastered(state: ItemState, now: number): boolean {
	return hasEarnedMastery(state) && !isLapsed(state, now);
}

/**
 * The two FSRS card fields mastery reads (`StoredCard` in scheduler.ts), without importing the
 * scheduler.
 */
function cardFigures(schedule: unknown): { stability: number; elapsed_days: number } | null {
	if (typeof schedule !== 'object' || schedule === null) return null;
	const { stability, elapsed_days } = schedule as Record<string, unknown>;
	return typeof stability === 'number' && typeof elapsed_days === 'number'
		? { stability, elapsed_days }
		: null;
}
