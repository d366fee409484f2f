import type { AnswerRecord, SaveAttemptsInput, Tally } from '$lib/answering/types';
import type { Item, Response } from '$lib/bank/types';
import type { FlowKind } from '$lib/progress/types';

/**
 * One quiz machine runs every question flow; the mode decides the rules:
 * - practice / review / mistakes / lesson: one question at a time, the attempt is stored, then
 *   feedback (with explanation and source quote) is shown before moving on.
 * - exam: free navigation between questions, answers can be changed, no feedback; a deadline;
 *   on submit (or when time runs out) every answer is scored and stored at once, then a review
 *   screen walks every item with the learner's answer, the key and the explanation.
 */
export type QuizMode = Exclude<FlowKind, 'lesson'> | 'lesson';

export interface QuizInput {
	mode: QuizMode;
	/** The paper, in order. Localized items; `items.relocalize` swaps them for another language. */
	items: Item[];
	/** Epoch ms when the quiz started (from the route: machines never read the clock themselves). */
	startedAt: number;
	/** Exam only: the time allowed. The deadline is absolute, so it stays truthful across reloads. */
	timeLimitMs?: number | null;
	/**
	 * Mistakes mode: an item answered wrong goes back into the queue (at the end) until it has
	 * been answered right; the notebook itself clears an item after two right answers in a row.
	 */
	requeueWrong?: boolean;
	/**
	 * This attempt's option-order seed (`newOrderSeed()`, see `$lib/answering/option-order`).
	 * Defaults to `startedAt`, which also differs between attempts; routes pass a random one.
	 */
	orderSeed?: number;
}

export interface QuizContext {
	mode: QuizMode;
	items: Item[];
	/** Indices into `items`, in the order they are asked (requeued items appear again). */
	queue: number[];
	/** Position in `queue`. */
	position: number;
	/** Exam: the current draft response per item id (not yet scored). */
	drafts: Record<string, Response>;
	/** Final answers per queue position (practice) or per item (exam, after submit). */
	answers: AnswerRecord[];
	startedAt: number;
	/** Exam only. */
	deadline: number | null;
	/** Last time the machine was told (`clock.tick`, `answer.submit`…), for time-left and ms. */
	now: number;
	/** When the current item was shown, for response time. */
	shownAt: number;
	/**
	 * Exam: milliseconds spent on each item (by id) over earlier visits; the current visit is added
	 * when the learner leaves the item or the paper is submitted. Gives exam answers a truthful `ms`.
	 */
	timeOnItem: Record<string, number>;
	/** Finished: the paper position (index into `queue`) the review screen is showing. */
	reviewIndex: number;
	requeueWrong: boolean;
	/** Option order of this attempt: kept here so a reload or a language switch shows the same order. */
	orderSeed: number;
	/** Set when storing an attempt failed (e.g. disk full): the UI says so and offers retry. */
	saveError: string | null;
}

export type QuizEvent =
	| { type: 'answer.submit'; response: Response; at: number }
	/** Exam: keep a draft answer without scoring it. */
	| { type: 'answer.draft'; response: Response; at: number }
	| { type: 'question.next'; at: number }
	/** Exam: go to any question. */
	| { type: 'question.goto'; index: number; at: number }
	| { type: 'exam.submit'; at: number }
	| { type: 'clock.tick'; at: number }
	/**
	 * Exam restored after a reload: `at` is the new page's clock. Time left becomes what the wall
	 * clock says is left, but never more than was left when the snapshot was saved (a clock set
	 * back must not give time back).
	 */
	| { type: 'clock.resume'; at: number }
	| { type: 'save.retry'; at: number }
	| { type: 'items.relocalize'; items: Item[] }
	/** Review screen after an exam, or after finishing: look at item n. */
	| { type: 'review.goto'; index: number }
	| { type: 'quiz.quit' };

/**
 * Effects the route supplies with `.provide()`; tests fake them.
 * - saveAttempts: store these answers (and update scheduling) before the learner can move on
 *   (the verdict is shown meanwhile: see the 'saving' status).
 */
export interface QuizActors {
	saveAttempts: (input: SaveAttemptsInput) => Promise<void>;
}

export type QuizStatus =
	/** A question is on screen, waiting for an answer (exam: answers can still change). */
	| 'answering'
	/**
	 * Storing the attempt(s). Practice-like modes already show the verdict (it needs only the
	 * score, and the journal holds the attempt by the time it is painted); the explanation may
	 * follow; moving on waits for the store.
	 */
	| 'saving'
	/** Storing failed: say why, keep the answer, offer retry. Nothing is lost. */
	| 'save-failed'
	/** Practice-like modes: the verdict, explanation and source quote for the last answer. */
	| 'feedback'
	/** All done: the summary (and for an exam, the review of every item). */
	| 'finished';

/** Everything a quiz screen shows, derived from a snapshot by `selectQuizView`. */
export interface QuizView {
	status: QuizStatus;
	mode: QuizMode;
	/** The attempt's option-order seed, for `ItemView` (question, feedback and the review). */
	orderSeed: number;
	/** The question on screen (answering/feedback), or null when finished. */
	item: Item | null;
	/** 1-based position in the queue and its length, for "3 / 20". */
	position: number;
	total: number;
	/** Exam: the draft answer for the item on screen, to pre-fill the form. */
	draft: Response | null;
	/** Feedback: the answer just given, with its score. */
	feedback: AnswerRecord | null;
	/** Exam: milliseconds left (never negative), else null. */
	timeLeftMs: number | null;
	/** Exam: the deadline has passed (the paper was submitted by the clock, not the learner). */
	timeUp: boolean;
	/** Exam: one entry per question for the question navigator. */
	navigator: { index: number; answered: boolean; current: boolean }[];
	/** What the learner can do now: each maps to `snapshot.can(event)`. */
	can: { submit: boolean; next: boolean; submitExam: boolean; retrySave: boolean };
	saveError: string | null;
	/** Finished: scores overall, per unit and per concept tag. */
	summary: {
		overall: Tally;
		byUnit: Record<string, Tally>;
		byConcept: Record<string, Tally>;
		/** Every item with the learner's final answer (or null if left unanswered), in paper order. */
		review: { item: Item; answer: AnswerRecord | null }[];
		/** Index into `review` that `review.goto` last chose (0 at first). */
		reviewIndex: number;
	} | null;
}
