/**
 * Running aggregates the store keeps beside the history, updated in the same IndexedDB
 * transaction as the records they summarise, so the Progress and Review pages read a few small
 * records instead of every attempt and every scheduler card:
 *
 * - {@link HistorySummary}: per local study day, attempts / right / points / time, plus totals;
 * - {@link UnitDigest}: per unit, the few fields of each item state that the queues and mastery
 *   use (due, last seen, streak, last result, notebook flag) as columns (typed arrays clone fast).
 *
 * Pure functions; the store owns when they run.
 */
import type { Attempt, ItemState } from './types';

const DAY_MS = 86_400_000;

/**
 * Longest time one attempt can add to "time studied". A question left on screen while the
 * learner makes tea would otherwise count for an hour; 5 minutes is well above the slowest
 * honest answer (a classify item read twice in a second language).
 */
export const MAX_COUNTED_ATTEMPT_MS = 5 * 60_000;

/** The UTC offset (minutes east of UTC) this device's time zone had at instant `at`. */
export function deviceOffsetAt(at: number): number {
	const offset = -new Date(at).getTimezoneOffset();
	return offset === 0 ? 0 : offset; // never -0: it would not survive JSON unchanged
}

/**
 * The learner's local day of an attempt, as a day number (days since 1970-01-01 in that local
 * time): taken with the offset recorded with the attempt, so a later DST change or a trip to
 * another zone does not move a day that already happened. Attempts without an offset (none
 * should remain after the v2 migration) count in UTC.
 */
export function attemptLocalDay(attempt: Pick<Attempt, 'at' | 'tz'>): number {
	return Math.floor((attempt.at + (attempt.tz ?? 0) * 60_000) / DAY_MS);
}

/** Totals of one local study day. */
export interface DayTotals {
	attempts: number;
	correct: number;
	/** Sum of partial-credit fractions. */
	points: number;
	/** Time answering, each attempt capped at {@link MAX_COUNTED_ATTEMPT_MS}. */
	studyMs: number;
}

/** The whole history in a few numbers: what the Progress page's chart, streak and totals need. */
export interface HistorySummary {
	/** Attempts stored. */
	count: number;
	/** All time, each attempt capped at {@link MAX_COUNTED_ATTEMPT_MS}. */
	studyMs: number;
	/** Keyed by local day number ({@link attemptLocalDay}). */
	days: Record<string, DayTotals>;
}

export const emptyHistory = (): HistorySummary => ({ count: 0, studyMs: 0, days: {} });

/** Add attempts (new ones only: the caller has removed ids already counted) to `summary`. */
export function addToHistory(
	summary: HistorySummary,
	attempts: readonly Attempt[]
): HistorySummary {
	for (const attempt of attempts) {
		const counted = Math.min(Math.max(attempt.ms, 0), MAX_COUNTED_ATTEMPT_MS);
		const key = String(attemptLocalDay(attempt));
		const day = (summary.days[key] ??= { attempts: 0, correct: 0, points: 0, studyMs: 0 });
		day.attempts++;
		if (attempt.correct) day.correct++;
		day.points += attempt.fraction;
		day.studyMs += counted;
		summary.count++;
		summary.studyMs += counted;
	}
	return summary;
}

export function isHistorySummary(v: unknown): v is HistorySummary {
	const s = v as HistorySummary | null;
	return (
		typeof s === 'object' &&
		s !== null &&
		Number.isFinite(s.count) &&
		Number.isFinite(s.studyMs) &&
		typeof s.days === 'object' &&
		s.days !== null &&
		Object.values(s.days).every(
			(d) => typeof d === 'object' && d !== null && Number.isFinite(d.attempts)
		)
	);
}

/** Bits of {@link UnitDigest.flags}. */
const LAST_CORRECT = 1;
const IN_MISTAKES = 2;

/**
 * A unit's item states without their scheduler cards, as columns (index i is one item).
 * `due` is NaN for an item not yet scheduled.
 */
export interface UnitDigest {
	ids: string[];
	due: Float64Array;
	lastAt: Float64Array;
	streak: Float64Array;
	flags: Uint8Array;
}

export function digestUnit(states: Record<string, ItemState>): UnitDigest {
	const ids = Object.keys(states);
	const digest: UnitDigest = {
		ids,
		due: new Float64Array(ids.length),
		lastAt: new Float64Array(ids.length),
		streak: new Float64Array(ids.length),
		flags: new Uint8Array(ids.length)
	};
	ids.forEach((id, i) => {
		const s = states[id];
		digest.due[i] = s.due ?? NaN;
		digest.lastAt[i] = s.lastAt;
		digest.streak[i] = s.streak;
		digest.flags[i] =
			(s.lastCorrect ? LAST_CORRECT : 0) | ((s.inMistakes ?? !s.lastCorrect) ? IN_MISTAKES : 0);
	});
	return digest;
}

export function isUnitDigest(v: unknown): v is UnitDigest {
	const d = v as UnitDigest | null;
	return (
		typeof d === 'object' &&
		d !== null &&
		Array.isArray(d.ids) &&
		d.due instanceof Float64Array &&
		d.lastAt instanceof Float64Array &&
		d.streak instanceof Float64Array &&
		d.flags instanceof Uint8Array &&
		d.due.length === d.ids.length &&
		d.lastAt.length === d.ids.length &&
		d.streak.length === d.ids.length &&
		d.flags.length === d.ids.length
	);
}

/**
 * Item states rebuilt from a digest, without `schedule`: everything the queues
 * (`dueQueue`, `mistakes`) and mastery read. Not for writing back (the card is missing).
 */
export function statesOfDigest(digest: UnitDigest): Record<string, ItemState> {
	const states: Record<string, ItemState> = {};
	for (let i = 0; i < digest.ids.length; i++) {
		const due = digest.due[i];
		states[digest.ids[i]] = {
			itemId: digest.ids[i],
			streak: digest.streak[i],
			lastCorrect: (digest.flags[i] & LAST_CORRECT) !== 0,
			lastAt: digest.lastAt[i],
			due: Number.isNaN(due) ? null : due,
			inMistakes: (digest.flags[i] & IN_MISTAKES) !== 0
		};
	}
	return states;
}
