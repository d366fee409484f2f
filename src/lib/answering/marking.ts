/**
 * Marking and tallying answers: pure rules shared by the quiz machine, the lesson machine, their
 * view selectors and reports. No xstate, no clock, no storage: each function takes what it needs
 * and returns a new value, so no two flows can drift apart on how an answer is marked or counted.
 */
import type { Item, Response } from '$lib/bank/types';
import { scoreItem } from './scoring';
import type { AnswerRecord } from './types';

// Tallies have a module of their own (no scoring rules in it) for the pages that only count,
// such as a lesson's first screen; they are part of this module's API all the same.
export { addToTally, emptyTally, firstAnswers, lastAnswers, scorePercent } from './tally';

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
