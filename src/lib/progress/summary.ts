/**
 * Running aggregates the store keeps beside the history, updated in the same IndexedDB
 * transaction as the records they summarise, so the Progress and Review pages read a few small
 * records instead of every attempt and every scheduler card:
 *
 * - {@link HistorySummary}: per local study day, attempts / right / points / time, plus totals;
 * - {@link UnitDigest}: per unit, the few fields of each item state that the queues and mastery
 *   use (due, last seen, last result, notebook flag, mastery earned) as columns (typed
 *   arrays clone fast); every unit's columns are kept in ONE record ({@link ItemDigests}), so a
 *   page reads them all with one IndexedDB get.
 *
 * Pure functions; the store owns when they run.
 */
import { hasEarnedMastery } from './mastery';
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
const IN_MISTAKES = 1;
/** {@link hasEarnedMastery}: the clock-free part of mastery, fixed when the state was written. */
const MASTERY_EARNED = 2;

/**
 * What the queues and mastery read of a unit's item states, as columns (index i is one item):
 * `due` (epoch ms, NaN for an item not yet scheduled), `lastAt` (epoch ms of the last answer),
 * `flags` (in the mistakes notebook; mastery earned). The item ids are one JSON array text
 * (read with {@link digestIds}): IndexedDB clones one string several times faster than ten
 * thousand, and the counts never need them.
 */
export interface UnitDigest {
	ids: string;
	due: Float64Array;
	lastAt: Float64Array;
	flags: Uint8Array;
}

export function digestUnit(states: Record<string, ItemState>): UnitDigest {
	const ids = Object.keys(states);
	const digest: UnitDigest = {
		ids: JSON.stringify(ids),
		due: new Float64Array(ids.length),
		lastAt: new Float64Array(ids.length),
		flags: new Uint8Array(ids.length)
	};
	ids.forEach((id, i) => {
		const s = states[id];
		digest.due[i] = s.due ?? NaN;
		digest.lastAt[i] = s.lastAt;
		digest.flags[i] =
			((s.inMistakes ?? !s.lastCorrect) ? IN_MISTAKES : 0) |
			(hasEarnedMastery(s) ? MASTERY_EARNED : 0);
	});
	return digest;
}

/**
 * Every unit's {@link UnitDigest}, keyed by unit: the one record (meta `digests`) the home
 * screen, Review and Progress read. Written in the same transaction as the item states.
 */
export type ItemDigests = Record<string, UnitDigest>;

export function isItemDigests(v: unknown): v is ItemDigests {
	return (
		typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isUnitDigest)
	);
}

/** Per-item figures of one unit, tallied from its columns at `now` (see `computeProgressStats`). */
export interface DigestTally {
	/** Items with a state (answered at least once). */
	seen: number;
	/** Mastered at `now` (`isMastered`: earned, and not lapsed). */
	mastered: number;
	/** Due by `dueBy`. */
	due: number;
	/** In the mistakes notebook. */
	mistakes: number;
}

/**
 * One unit's tally from its columns, calling `each(id, mastered)` per item (for concept
 * tallies). Agrees with `isMastered`, `isDue` and `isInMistakes` over the full states.
 */
export function tallyDigest(
	digest: UnitDigest,
	now: number,
	dueBy: number,
	each?: (id: string, mastered: boolean) => void
): DigestTally {
	const { due, lastAt, flags } = digest;
	const tally: DigestTally = { seen: due.length, mastered: 0, due: 0, mistakes: 0 };
	const ids = each ? digestIds(digest) : [];
	for (let i = 0; i < due.length; i++) {
		// `isLapsed`, with NaN (never scheduled) never lapsed: NaN compares false.
		const mastered = (flags[i] & MASTERY_EARNED) !== 0 && !(now - due[i] > due[i] - lastAt[i]);
		if (mastered) tally.mastered++;
		if (due[i] <= dueBy) tally.due++;
		if (flags[i] & IN_MISTAKES) tally.mistakes++;
		if (each) each(ids[i], mastered);
	}
	return tally;
}

/**
 * The item ids of a digest, index i for item i. A digest whose ids do not parse, or do not match
 * its columns, reads as no items (it is derived data: the store rebuilds it from the states).
 */
export function digestIds(digest: UnitDigest): string[] {
	try {
		const ids: unknown = JSON.parse(digest.ids);
		if (Array.isArray(ids) && ids.length === digest.due.length) return ids as string[];
	} catch {
		// fall through
	}
	return [];
}

export function isUnitDigest(v: unknown): v is UnitDigest {
	const d = v as UnitDigest | null;
	return (
		typeof d === 'object' &&
		d !== null &&
		typeof d.ids === 'string' &&
		d.due instanceof Float64Array &&
		d.lastAt instanceof Float64Array &&
		d.flags instanceof Uint8Array &&
		d.lastAt.length === d.due.length &&
		d.flags.length === d.due.length
	);
}

/**
 * "Due by `dueBy`" and "in the mistakes notebook" counted straight from the digests' columns,
 * without building a state object per item: the home screen's and Review's figures for a learner
 * with 10,000 item states. Agrees with `dueCount`/`mistakes` over the same states (`isDue`:
 * scheduled and due at or before `dueBy`; a NaN due is never due). `dueBy` in epoch ms (pass
 * `endOfLocalDay(now)` for "due today").
 */
export function digestCounts(
	digests: readonly UnitDigest[],
	dueBy: number
): { due: number; mistakes: number } {
	let due = 0;
	let mistakes = 0;
	for (const digest of digests) {
		const column = digest.due;
		for (let i = 0; i < column.length; i++) if (column[i] <= dueBy) due++;
		const flags = digest.flags;
		for (let i = 0; i < flags.length; i++) if (flags[i] & IN_MISTAKES) mistakes++;
	}
	return { due, mistakes };
}

/** Items in (digest, index) order, sorted by a column value then id: a queue's order. */
function queueOf(
	digests: readonly UnitDigest[],
	keep: (digest: UnitDigest, i: number) => boolean,
	key: (digest: UnitDigest) => Float64Array,
	limit: number
): string[] {
	// Two flat columns and a typed array of positions, sorted in place: no object per item (a
	// learner with 10,000 items due made 10,000 objects and their garbage on each Review start).
	const ids: string[] = [];
	const at: number[] = [];
	for (const digest of digests) {
		const column = key(digest);
		const unitIds = digestIds(digest);
		for (let i = 0; i < unitIds.length; i++)
			if (keep(digest, i)) {
				ids.push(unitIds[i]);
				at.push(column[i]);
			}
	}
	const order = new Uint32Array(ids.length);
	for (let i = 0; i < order.length; i++) order[i] = i;
	order.sort((a, b) => at[a] - at[b] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
	const count = Math.min(order.length, limit);
	const queue = new Array<string>(count);
	for (let i = 0; i < count; i++) queue[i] = ids[order[i]];
	return queue;
}

/**
 * The review queue from the digests' columns: ids due by `dueBy` (epoch ms), most overdue first,
 * ties by id, at most `limit`. The same list as `dueQueue` over the same states.
 */
export function digestDueQueue(
	digests: readonly UnitDigest[],
	dueBy: number,
	limit = Infinity
): string[] {
	return queueOf(
		digests,
		(d, i) => d.due[i] <= dueBy,
		(d) => d.due,
		limit
	);
}

/**
 * The mistakes notebook from the digests' columns: longest untouched first (`lastAt`), ties by
 * id. The same list as `mistakes` over the same states.
 */
export function digestMistakes(digests: readonly UnitDigest[]): string[] {
	return queueOf(
		digests,
		(d, i) => (d.flags[i] & IN_MISTAKES) !== 0,
		(d) => d.lastAt,
		Infinity
	);
}

/**
 * The last instant (epoch ms) up to which every item's mastery (`isMastered`, earned and not
 * lapsed) stays as it is at `now`, the clock moving forward: an item mastered now lapses once
 * `t - due > due - lastAt`, i.e. after `2 * due - lastAt`; one lapsed or not earned stays so.
 * Infinity when nothing can change. Mastery figures computed at `now` hold until then.
 */
export function masteryStableUntil(digests: readonly UnitDigest[], now: number): number {
	let until = Infinity;
	for (const { due, lastAt, flags } of digests)
		for (let i = 0; i < due.length; i++) {
			const lapsesAfter = 2 * due[i] - lastAt[i];
			// NaN (never scheduled) compares false: such an item never lapses.
			if (flags[i] & MASTERY_EARNED && now <= lapsesAfter && lapsesAfter < until)
				until = lapsesAfter;
		}
	return until;
}
