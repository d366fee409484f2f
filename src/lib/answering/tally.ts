/**
 * Tallying marked answers: pure, and apart from the scoring rules (`marking.ts` re-exports it),
 * so a screen that only counts (a lesson's first screen, issue #14) does not load those rules.
 */
import type { AnswerRecord, Tally } from './types';

export const emptyTally = (): Tally => ({ correct: 0, total: 0, points: 0 });

/** Adds one item's result to a tally; `answer` null means unanswered, which counts as wrong. */
export function addToTally(tally: Tally, answer: AnswerRecord | null): Tally {
	return {
		correct: tally.correct + (answer?.score.correct ? 1 : 0),
		total: tally.total + 1,
		points: tally.points + (answer?.score.fraction ?? 0)
	};
}

/**
 * The first answer given to each item, by item id. Summaries score the first try: in mistakes
 * mode a wrong item is asked again until it is right, so the last answer is always right and
 * would say nothing about what the learner knew.
 */
export function firstAnswers(answers: readonly AnswerRecord[]): Map<string, AnswerRecord> {
	const first = new Map<string, AnswerRecord>();
	for (const answer of answers) if (!first.has(answer.itemId)) first.set(answer.itemId, answer);
	return first;
}

/** The last answer given to each item, by item id: what a review screen shows. */
export function lastAnswers(answers: readonly AnswerRecord[]): Map<string, AnswerRecord> {
	return new Map(answers.map((answer) => [answer.itemId, answer]));
}

/**
 * The score of a tally in whole percent: partial credit (`points`) out of `total`. Always shown
 * next to the count right (`correct / total`) and named as a score, never alone in brackets
 * after the count: "20 / 30 right (79%)" read as a count that does not add up.
 */
export function scorePercent(tally: Tally): number {
	return tally.total === 0 ? 0 : Math.round((tally.points / tally.total) * 100);
}
