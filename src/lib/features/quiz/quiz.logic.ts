/**
 * Pure rules shared by the quiz machine, the lesson machine and their view selectors. No xstate,
 * no clock, no storage: each function takes what it needs and returns a new value, so the two
 * machines cannot drift apart on how an answer is marked or a score is tallied.
 */
import { scoreItem } from '$lib/bank/scoring';
import type { Item, Response } from '$lib/bank/types';
import type { AnswerRecord, Tally } from './quiz.types';

/**
 * Marks one response. `ms` is clamped at 0 so a clock that steps backwards (NTP, another device's
 * time in a restored snapshot) never records a negative response time.
 */
export function markAnswer(item: Item, response: Response, at: number, ms: number): AnswerRecord {
	return {
		itemId: item.id,
		unit: item.unit,
		response,
		score: scoreItem(item, response),
		ms: Math.max(0, ms),
		at
	};
}

/**
 * Swaps items for their translation, matched by id. Items missing from `replacements` stay as
 * they are, so a partial locale file cannot empty the paper; order and count never change, which
 * keeps every queue index, draft and answer pointing at the same question.
 */
export function relocalizeItems(items: readonly Item[], replacements: readonly Item[]): Item[] {
	const byId = new Map(replacements.map((item) => [item.id, item]));
	return items.map((item) => byId.get(item.id) ?? item);
}

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

/** Words for a failed save; storage errors are not always `Error`s (IndexedDB gives DOMException). */
export function describeError(error: unknown): string {
	if (error instanceof Error) return error.message || error.name;
	if (typeof error === 'string' && error !== '') return error;
	return 'unknown error';
}
