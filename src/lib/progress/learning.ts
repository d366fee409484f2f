/**
 * What one answer does to what we know about an item, and the queues built from that: spaced
 * review (due items) and the mistakes notebook. Pure functions over `ItemState`; the store
 * persists the results.
 */
import type { ItemType } from '$lib/bank/types';
import type { AnswerRecord, QuizMode } from '$lib/features/quiz/quiz.types';
import { gradeFromAnswer, scheduleReview } from './scheduler';
import type { ItemState } from './types';

/** Right answers in a row that take an item out of the mistakes notebook. */
export const MISTAKES_CLEAR_STREAK = 2;

/**
 * How long a fluent learner takes per item type, for grading speed. Rough reading + deciding
 * times for the bank's short Chinese/English stems: a true/false is one judgement, matching and
 * classify are several.
 */
export const EXPECTED_MS_BY_TYPE: Record<ItemType, number> = {
	truefalse: 10_000,
	single: 15_000,
	multiple: 25_000,
	cloze: 25_000,
	matching: 40_000,
	classify: 40_000
};

/**
 * Modes whose timing says nothing about recall, so a right answer is graded "good" whatever
 * the time: in an exam the learner moves freely between questions and `ms` is not the time spent
 * on one; a lesson check comes right after reading the answer, so speed there is short-term
 * memory, not learning.
 */
const UNTIMED_MODES: ReadonlySet<QuizMode> = new Set(['exam', 'lesson']);

/** Whether the item is in the mistakes notebook; states written before the field use lastCorrect. */
export function isInMistakes(state: ItemState): boolean {
	return state.inMistakes ?? !state.lastCorrect;
}

/**
 * The item's state after `answer`, in any mode: streak and last result, the notebook flag and
 * the FSRS schedule (the first answer ever creates the card). Every mode schedules, because
 * every answer is evidence of recall; the grade is what differs (see UNTIMED_MODES).
 */
export function applyAnswer(
	prev: ItemState | undefined,
	answer: AnswerRecord,
	mode: QuizMode
): ItemState {
	const { correct, fraction } = answer.score;
	const streak = correct ? (prev?.streak ?? 0) + 1 : 0;
	const wasInMistakes = prev ? isInMistakes(prev) : false;
	const inMistakes = !correct || (wasInMistakes && streak < MISTAKES_CLEAR_STREAK);
	const grade = gradeFromAnswer({
		correct,
		fraction,
		ms: UNTIMED_MODES.has(mode) ? 0 : answer.ms,
		expectedMs: EXPECTED_MS_BY_TYPE[answer.response.type]
	});
	const { due, schedule } = scheduleReview(prev ?? null, grade, answer.at);
	return {
		itemId: answer.itemId,
		streak,
		lastCorrect: correct,
		// An answer merged late (older than the last one seen) must not move "last seen" back.
		lastAt: Math.max(answer.at, prev?.lastAt ?? answer.at),
		due,
		schedule,
		inMistakes
	};
}

/**
 * Ids of the items due for review at `now`, most overdue first (earliest due; ties by id, so the
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
		if (state.due !== null && state.due <= now) due.push(state);
	}
	due.sort((a, b) => a.due! - b.due! || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
	const ids = new Array<string>(Math.min(limit, due.length));
	for (let i = 0; i < ids.length; i++) ids[i] = due[i].itemId;
	return ids;
}

/** How many items are due for review at `now`. */
export function dueCount(states: Record<string, ItemState>, now: number): number {
	let count = 0;
	for (const id in states) {
		const due = states[id].due;
		if (due !== null && due <= now) count++;
	}
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
