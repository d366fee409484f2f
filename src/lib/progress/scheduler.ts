/**
 * Spaced review: the ONLY module that imports ts-fsrs, so the next major version (or another
 * algorithm) is a change to this one file. Everything it hands out is plain JSON (numbers, no
 * Dates, no class instances) so it survives IndexedDB, JSON export and structuredClone.
 */
import {
	createEmptyCard,
	fsrs,
	generatorParameters,
	Rating,
	type Card,
	type CardInput,
	type Grade
} from 'ts-fsrs';
import type { ItemState } from './types';

export type ReviewGrade = 'again' | 'hard' | 'good' | 'easy';

const RATING: Record<ReviewGrade, Grade> = {
	again: Rating.Again,
	hard: Rating.Hard,
	good: Rating.Good,
	easy: Rating.Easy
};

/** Used when the caller does not know how long an item should take. */
export const DEFAULT_EXPECTED_MS = 20_000;
/** A right answer in at most this share of the expected time is fluent recall: easy. */
export const EASY_MAX_RATIO = 0.5;
/** A right answer taking more than this multiple of the expected time was a struggle: hard. */
export const HARD_MIN_RATIO = 2;
/** A wrong answer with at least this share of the parts right was partially recalled: hard. */
export const PARTIAL_MIN_FRACTION = 0.5;

export interface AnswerForGrading {
	correct: boolean;
	/** 0..1 partial credit. */
	fraction: number;
	/** Time taken; 0 or less means "unknown" (e.g. exam answers), and speed is then ignored. */
	ms: number;
	/** How long a fluent learner takes on this item; defaults to {@link DEFAULT_EXPECTED_MS}. */
	expectedMs?: number;
}

/**
 * Turn a scored answer into an FSRS grade. The learner never rates themselves (a quiz app
 * asking "how hard was that?" after every question is tiring), so the grade is inferred:
 *
 * - wrong, with fewer than half the parts right (`fraction < 0.5`) → **again**: a lapse.
 * - wrong, but at least half the parts right → **hard**: FSRS treats hard as a (poor) recall,
 *   which fits "knew most of it"; below half it would overstate what was remembered.
 * - right, in more than 2× the expected time → **hard**: got there, but slowly (rereading,
 *   eliminating options). 2× rather than 1× because reading speed and language vary a lot.
 * - right, within 0.5× the expected time → **easy**: instant recall. Kept strict because easy
 *   jumps the interval (a new card goes to ~8 days instead of ~3) and a lucky click must not.
 * - right otherwise, or when the time is unknown → **good**, the FSRS default.
 */
export function gradeFromAnswer(answer: AnswerForGrading): ReviewGrade {
	if (!answer.correct) return answer.fraction >= PARTIAL_MIN_FRACTION ? 'hard' : 'again';
	if (!(answer.ms > 0)) return 'good';
	const expected =
		answer.expectedMs && answer.expectedMs > 0 ? answer.expectedMs : DEFAULT_EXPECTED_MS;
	const ratio = answer.ms / expected;
	if (ratio <= EASY_MAX_RATIO) return 'easy';
	if (ratio > HARD_MIN_RATIO) return 'hard';
	return 'good';
}

/**
 * The ts-fsrs card as stored in `ItemState.schedule`: every field of `Card`, dates as epoch ms.
 * A type alias (not an interface) so it is assignable to `Record<string, unknown>`.
 */
export type StoredCard = {
	/** Marks the shape, so a future scheduler can tell (and migrate) cards it did not write. */
	algorithm: 'fsrs';
	due: number;
	stability: number;
	difficulty: number;
	/** Deprecated in ts-fsrs 5 but still part of its card input; kept so cards round-trip. */
	elapsed_days: number;
	scheduled_days: number;
	learning_steps: number;
	reps: number;
	lapses: number;
	/** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
	state: number;
	/** Epoch ms of the last review, null for a card never reviewed. */
	last_review: number | null;
};

/** The next scheduling fields of an ItemState after one review. */
export interface ScheduledReview {
	/** Epoch ms when the item is next due. */
	due: number;
	schedule: StoredCard;
}

// No fuzz: the same history always gives the same dates, so tests and two devices agree.
// No short-term (minute-level) learning steps: review here is a session the learner chooses to
// start, not a card deck cycling within one sitting, and a wrong answer already comes back at
// once through the mistakes notebook. Intervals are therefore whole days from the first answer.
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The stored card, or null when it is missing or not one this module wrote. */
export function readStoredCard(schedule: unknown): StoredCard | null {
	if (typeof schedule !== 'object' || schedule === null) return null;
	const c = schedule as Record<string, unknown>;
	const numeric = [
		'due',
		'stability',
		'difficulty',
		'elapsed_days',
		'scheduled_days',
		'learning_steps',
		'reps',
		'lapses',
		'state'
	] as const;
	const ok =
		c.algorithm === 'fsrs' &&
		numeric.every((key) => isFiniteNumber(c[key])) &&
		(c.last_review === null || isFiniteNumber(c.last_review));
	return ok ? (c as StoredCard) : null;
}

function toStoredCard(card: Card): StoredCard {
	return {
		algorithm: 'fsrs',
		due: card.due.getTime(),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsed_days,
		scheduled_days: card.scheduled_days,
		learning_steps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		last_review: card.last_review ? card.last_review.getTime() : null
	};
}

function toCardInput(stored: StoredCard): CardInput {
	return {
		due: stored.due,
		stability: stored.stability,
		difficulty: stored.difficulty,
		elapsed_days: stored.elapsed_days,
		scheduled_days: stored.scheduled_days,
		learning_steps: stored.learning_steps,
		reps: stored.reps,
		lapses: stored.lapses,
		state: stored.state,
		last_review: stored.last_review
	};
}

/**
 * Review one item: the card from `state.schedule` (a new card when there is none, or when it
 * is unreadable) is graded at `now`. Pure and deterministic.
 *
 * `now` earlier than the card's last review (a device clock set back, answers merged from a
 * second device) is treated as "at the last review": ts-fsrs refuses negative elapsed time, and
 * a review cannot meaningfully happen before the previous one.
 */
export function scheduleReview(
	state: Pick<ItemState, 'schedule'> | null,
	grade: ReviewGrade,
	now: number
): ScheduledReview {
	const stored = readStoredCard(state?.schedule);
	const at = stored?.last_review != null ? Math.max(now, stored.last_review) : now;
	const card: CardInput | Card = stored ? toCardInput(stored) : createEmptyCard(at);
	const { card: next } = scheduler.next(card, at, RATING[grade]);
	const schedule = toStoredCard(next);
	return { due: schedule.due, schedule };
}
