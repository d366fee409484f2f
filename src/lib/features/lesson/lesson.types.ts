import type { Item, Response } from '$lib/bank/types';
import type { AnswerRecord, SaveAttemptsInput, Tally } from '$lib/answering/types';

/**
 * The lesson player: read a section, answer its check questions with instant feedback (stored
 * exactly like practice, through the same `saveAttempts` actor, mode 'lesson'), move on, and end
 * on a summary. The section text is not in the machine: the screen renders it from the loaded
 * lesson by `sections[i].id`, so switching language needs no machine event for the prose.
 */
export interface LessonInput {
	/** Unit slug, for the summary and the saved flow. */
	unit: string;
	/** The lesson's sections in reading order, with the item ids checked at the end of each. */
	sections: { id: string; check: string[] }[];
	/** The check items, localized. A check id with no item here is skipped, not fatal. */
	items: Item[];
	/** Epoch ms when the lesson was opened (machines never read the clock). */
	startedAt: number;
	/** This reading's option-order seed (`newOrderSeed()`); defaults to `startedAt`. */
	orderSeed?: number;
	/** Already finished once (a restart keeps the unit "completed"); defaults to false. */
	completed?: boolean;
}

export interface LessonContext {
	unit: string;
	sections: LessonInput['sections'];
	items: Item[];
	/** The section on screen (reading) or being checked. */
	sectionIndex: number;
	/** The furthest section reached: `lesson.goto` may revisit any section up to it. */
	furthest: number;
	/** Ids of sections whose checks have all been answered (or that have none and were passed). */
	checkedSections: string[];
	/** Checking: indices into `items` for the current section's questions, in order. */
	checkQueue: number[];
	/** Checking: position in `checkQueue`. */
	checkPosition: number;
	/** Every check answer so far, in the order given; each stored before the learner moved on. */
	answers: AnswerRecord[];
	startedAt: number;
	/** Option order of the check questions: kept so a reload or language switch shows the same order. */
	orderSeed: number;
	/** Last time an event told the machine. */
	now: number;
	/** When the current check question was shown, for response time. */
	shownAt: number;
	/** Set when storing a check answer failed: the screen says so and offers retry. */
	saveError: string | null;
	/**
	 * Reached the summary once. From then on the lesson stays "completed" in the unit list
	 * whatever is re-read, and its sections open from the summary read-only (all checked).
	 */
	completed: boolean;
}

export type LessonEvent =
	/** Reading: start this section's check questions (or go straight on when it has none). */
	| { type: 'lesson.check'; at: number }
	/** Reading a checked section, or after the last check's feedback: the next section or summary. */
	| { type: 'lesson.next'; at: number }
	/** Reading, or the summary of a finished lesson: open any section already reached. */
	| { type: 'lesson.goto'; index: number }
	| { type: 'answer.submit'; response: Response; at: number }
	/** Feedback: the section's next check question. */
	| { type: 'question.next'; at: number }
	| { type: 'save.retry'; at: number }
	| { type: 'items.relocalize'; items: Item[] }
	| { type: 'lesson.quit' };

/** Effects the route supplies with `.provide()`: the same store function as the quiz. */
export interface LessonActors {
	saveAttempts: (input: SaveAttemptsInput) => Promise<void>;
}

export type LessonStatus =
	| 'reading'
	/** A check question waits for an answer. */
	| 'answering'
	| 'saving'
	| 'save-failed'
	| 'feedback'
	/** All sections done: what was covered and what to review. */
	| 'summary'
	/** Left on purpose: the route clears the saved flow. */
	| 'quit';

export interface LessonSectionView {
	id: string;
	index: number;
	/** Reached before, so `lesson.goto` may open it. */
	reachable: boolean;
	current: boolean;
	/** Every check answered (or none to answer). */
	checked: boolean;
	/** This section's check results so far (first try per item). */
	checks: Tally;
}

/** Everything a lesson screen shows, derived from a snapshot by `selectLessonView`. */
export interface LessonView {
	status: LessonStatus;
	unit: string;
	/** Finished once: sections re-read from the summary are read-only (see `LessonContext`). */
	completed: boolean;
	/** The reading's option-order seed, for `ItemView`. */
	orderSeed: number;
	/** The section on screen or being checked. */
	section: LessonSectionView;
	/** All sections, for a table of contents. */
	sections: LessonSectionView[];
	/** Checking: the question on screen, its 1-based number and how many the section has. */
	item: Item | null;
	checkNumber: number;
	checkTotal: number;
	/** From submit on: the answer just given, with its score (the feedback panel). */
	feedback: AnswerRecord | null;
	saveError: string | null;
	/** What the learner can do now: each maps to `snapshot.can(event)`. */
	can: {
		check: boolean;
		next: boolean;
		submit: boolean;
		nextQuestion: boolean;
		retrySave: boolean;
	};
	summary: {
		sectionsCovered: number;
		sectionsTotal: number;
		/** Check questions right out of answered, first try per item. */
		checks: Tally;
		/**
		 * Answered wrong at their first try ("what to review"): the learner's first answer, and
		 * the index of the section that checks the item (-1 if none), so the summary can show the
		 * item again and lead back to its section.
		 */
		review: { itemId: string; section: number; answer: AnswerRecord }[];
	} | null;
}
