/**
 * Types of "answering an item", shared by every place an item is asked: lessons, practice, exams,
 * review, mistakes, the classroom phone and the instructor's preview.
 */
import type { Response, Score } from '$lib/bank/types';
import type { FlowKind } from '$lib/progress/types';

/** What the learner gave for one item and how it scored. */
export interface AnswerRecord {
	itemId: string;
	/** The item's unit slug, copied so the store can write `Attempt.unit` without the bank. */
	unit: string;
	response: Response;
	score: Score;
	/** Time from the item being shown to the answer being submitted. */
	ms: number;
	/** Epoch ms of submission. */
	at: number;
}

/** What the `saveAttempts` actor is given: one answer (practice-like) or the whole paper (exam). */
export interface SaveAttemptsInput {
	mode: FlowKind;
	answers: AnswerRecord[];
}

export interface Tally {
	correct: number;
	total: number;
	/** Sum of partial-credit fractions, for a score out of `total`. */
	points: number;
}
