/**
 * Marking and tallying answers: pure rules shared by the quiz machine, the lesson machine, their
 * view selectors and reports. No xstate, no clock, no storage: each function takes what it needs
 * and returns a new value, so no two flows can drift apart on how an answer is marked or counted.
 */
import type { Item, Response } from '$lib/bank/types';
import { scoreItem } from './scoring';
import type { AnswerRecord, Tally } from './types';

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

/**
 * Whether `v` has the shape of an {@link AnswerRecord} (read back from an untrusted place, such
 * as a snapshot saved by an older version): the fields the history and the learning state use.
 */
export function isAnswerRecord(v: unknown): v is AnswerRecord {
	const a = v as AnswerRecord | null;
	return (
		typeof a === 'object' &&
		a !== null &&
		typeof a.itemId === 'string' &&
		typeof a.unit === 'string' &&
		Number.isFinite(a.at) &&
		Number.isFinite(a.ms) &&
		typeof a.response === 'object' &&
		a.response !== null &&
		typeof a.response.type === 'string' &&
		typeof a.score?.correct === 'boolean' &&
		Number.isFinite(a.score.fraction)
	);
}

/**
 * `response` if it is a usable answer to `item` (right type, and the scorer takes it), else
 * null: for draft answers read back from an untrusted place.
 */
export function fittingResponse(item: Item, response: unknown): Response | null {
	const r = response as Response | null;
	if (typeof r !== 'object' || r === null || r.type !== item.type) return null;
	try {
		return Number.isFinite(scoreItem(item, r).fraction) ? r : null;
	} catch {
		return null;
	}
}
