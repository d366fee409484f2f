/**
 * What one answer does to what we know about an item. Pure functions over `ItemState`; the
 * store persists the results. The queues (due, mistakes) live in `queues.ts`.
 */
import type { ItemType } from '$lib/bank/types';
import type { AnswerRecord } from '$lib/answering/types';
import type { QuizMode } from '$lib/features/quiz/quiz.types';
import { gradeFromAnswer, scheduleReview } from './scheduler';
import { isInMistakes, MISTAKES_CLEAR_STREAK } from './queues';
import type { ItemState } from './types';

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

/**
 * A relearning step: an item answered wrong is due again this long after the answer, so it comes
 * back in today's review instead of tomorrow's (FSRS runs here without short-term steps, so its
 * "again" interval is a whole day). Ten minutes: long enough not to be the same screenful.
 */
export const RELEARNING_STEP_MS = 10 * 60_000;

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
		due: correct ? due : Math.min(due, answer.at + RELEARNING_STEP_MS),
		schedule,
		inMistakes
	};
}

export { dueCount, dueQueue, isInMistakes, mistakes, MISTAKES_CLEAR_STREAK } from './queues';
