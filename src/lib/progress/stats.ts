/**
 * The Progress page's figures, computed from the store's running history summary (per local
 * day, see `summary.ts`) and one pass over item states: never from the raw attempts, so a
 * learner with 100,000 answers waits no longer than one with ten.
 * Pure: the clock and the learner's time zone are parameters, so tests are deterministic.
 */
import type { UnitMeta } from '$lib/bank/types';
import { endOfLocalDay } from './queues';
import {
	digestUnit,
	MAX_COUNTED_ATTEMPT_MS,
	tallyDigest,
	type DigestTally,
	type HistorySummary,
	type ItemDigests
} from './summary';
import type { ItemState } from './types';

export { MAX_COUNTED_ATTEMPT_MS };

const DAY_MS = 86_400_000;

/** Days shown in the accuracy chart when the caller does not say. */
export const DEFAULT_CHART_DAYS = 30;

/** Maps an instant to a whole local day number (days since 1970-01-01 in local time). */
export type DayNumberOf = (at: number) => number;

/**
 * Day numbers for a fixed offset from UTC, in minutes east of UTC (China: 480). In the browser,
 * `-new Date().getTimezoneOffset()`. Used for "today" only: past answers keep the day they were
 * given on (their own recorded offset, in the history summary).
 */
export function dayNumberAtOffset(utcOffsetMinutes: number): DayNumberOf {
	const shift = utcOffsetMinutes * 60_000;
	return (at) => Math.floor((at + shift) / DAY_MS);
}

/** 'YYYY-MM-DD' for a day number: the local calendar date it stands for. */
export function dayLabel(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The part of a bank unit the statistics need (a `UnitMeta` fits). */
export type StatsUnit = Pick<UnitMeta, 'id' | 'itemCount' | 'concepts'>;

export interface StatsInput {
	/** The store's running summary of every attempt (`ProgressStore.getHistorySummary`). */
	history: HistorySummary;
	/**
	 * The store's digest columns per unit (`ProgressStore.getDigests`): what the page reads, no
	 * scheduler card and no state object per item.
	 */
	digests?: ItemDigests;
	/** Full item states per unit instead of `digests` (digested here; for tests and scripts). */
	itemStates?: Record<string, Record<string, ItemState>>;
	/** The bank's units in display order (`BankIndex.units`): the denominators of mastery. */
	units: readonly StatsUnit[];
	/**
	 * Concept tags per item id, from the loaded unit content. The index lists a unit's concepts
	 * but not which items carry them, so without this map `concepts` is empty.
	 */
	itemConcepts?: Record<string, readonly string[]>;
	now: number;
	/** Days in the accuracy chart, ending today. */
	chartDays?: number;
	/** The learner's offset now, for "today": minutes east of UTC; ignored when `dayNumberOf` is given. Default 0 (UTC). */
	utcOffsetMinutes?: number;
	dayNumberOf?: DayNumberOf;
}

export interface Mastery {
	/** Items in the bank (unit) or tagged with the concept (concept). */
	itemCount: number;
	/** Items answered at least once. */
	seen: number;
	/** Items mastered, per {@link isMastered}. */
	mastered: number;
	/** mastered / itemCount, 0..1 (0 for an empty unit). */
	mastery: number;
}

export interface UnitStats extends Mastery {
	unit: string;
	/** Items of this unit due for review now. */
	due: number;
	/** Items of this unit in the mistakes notebook. */
	mistakes: number;
}

export interface ConceptStats extends Mastery {
	concept: string;
}

export interface DayStats {
	/** Local date, 'YYYY-MM-DD'. */
	date: string;
	attempts: number;
	correct: number;
	/** correct / attempts, or null on a day without answers (a gap in the chart, not a zero). */
	accuracy: number | null;
	/** Sum of partial-credit fractions: the score out of `attempts`. */
	points: number;
	/** Time answering that day, each attempt capped at {@link MAX_COUNTED_ATTEMPT_MS}. */
	studyMs: number;
}

export interface ProgressStats {
	overall: Mastery;
	units: UnitStats[];
	/** Concepts in order of first appearance in `units`; empty without `itemConcepts`. */
	concepts: ConceptStats[];
	/** Oldest first, `chartDays` entries ending today. */
	days: DayStats[];
	streak: {
		/** Consecutive study days ending today, or yesterday (a streak lasts until today ends). */
		current: number;
		longest: number;
		studiedToday: boolean;
	};
	/** All time, each attempt capped at {@link MAX_COUNTED_ATTEMPT_MS}. */
	totalStudyMs: number;
	attemptCount: number;
	reviewsDue: number;
	mistakes: number;
}

export { isLapsed, isMastered, MASTERY_STABILITY_DAYS } from './mastery';

const share = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : 0);

/** Everything the Progress page shows, from the stored history. */
export function computeProgressStats(input: StatsInput): ProgressStats {
	const { now, chartDays = DEFAULT_CHART_DAYS } = input;
	const dayOf = input.dayNumberOf ?? dayNumberAtOffset(input.utcOffsetMinutes ?? 0);

	// --- item states: one pass over the digest columns ---
	const digests =
		input.digests ??
		Object.fromEntries(
			Object.entries(input.itemStates ?? {}).map(([unit, states]) => [unit, digestUnit(states)])
		);
	const unitTally = new Map<string, DigestTally>();
	const conceptTally = new Map<string, { seen: number; mastered: number }>();
	let reviewsDue = 0;
	let mistakeCount = 0;
	// "Due" as the home screen and Review count it: by the end of the learner's local day.
	const dueBy = endOfLocalDay(now);
	const itemConcepts = input.itemConcepts;
	const tallyConcepts = itemConcepts
		? (id: string, mastered: boolean) => {
				const concepts = itemConcepts[id];
				if (!concepts) return;
				for (const concept of concepts) {
					let c = conceptTally.get(concept);
					if (!c) conceptTally.set(concept, (c = { seen: 0, mastered: 0 }));
					c.seen++;
					if (mastered) c.mastered++;
				}
			}
		: undefined;
	for (const unit in digests) {
		const tally = tallyDigest(digests[unit], now, dueBy, tallyConcepts);
		unitTally.set(unit, tally);
		reviewsDue += tally.due;
		mistakeCount += tally.mistakes;
	}

	const units: UnitStats[] = input.units.map((u) => {
		const t = unitTally.get(u.id) ?? { seen: 0, mastered: 0, due: 0, mistakes: 0 };
		// States can outnumber the bank's items (an item removed in a bank update): cap.
		const seen = Math.min(t.seen, u.itemCount);
		const mastered = Math.min(t.mastered, u.itemCount);
		return {
			unit: u.id,
			itemCount: u.itemCount,
			seen,
			mastered,
			mastery: share(mastered, u.itemCount),
			due: t.due,
			mistakes: t.mistakes
		};
	});

	const overall = units.reduce(
		(sum, u) => ({
			itemCount: sum.itemCount + u.itemCount,
			seen: sum.seen + u.seen,
			mastered: sum.mastered + u.mastered,
			mastery: 0
		}),
		{ itemCount: 0, seen: 0, mastered: 0, mastery: 0 }
	);
	overall.mastery = share(overall.mastered, overall.itemCount);

	const concepts = conceptStats(input, conceptTally);

	// --- the history, per local day as it was when the learner studied ---
	const studyDays = new Set<number>();
	for (const key in input.history.days)
		if (input.history.days[key].attempts > 0) studyDays.add(Number(key));
	// A learner who flew west can have studied on a date still ahead of the clock here: that
	// day is their today (they did study today), not a day in the future.
	let today = dayOf(now);
	for (const day of studyDays) if (day > today && day - today <= 1) today = day;
	const firstChartDay = today - chartDays + 1;
	const days: DayStats[] = Array.from({ length: Math.max(0, chartDays) }, (_, i) => ({
		date: dayLabel(firstChartDay + i),
		attempts: 0,
		correct: 0,
		accuracy: null,
		points: 0,
		studyMs: 0
	}));
	for (const key in input.history.days) {
		const day = Number(key);
		const totals = input.history.days[key];
		const slot = day - firstChartDay;
		if (slot >= 0 && slot < days.length) Object.assign(days[slot], totals);
	}
	for (const entry of days) entry.accuracy = entry.attempts ? entry.correct / entry.attempts : null;

	return {
		overall,
		units,
		concepts,
		days,
		streak: studyStreak(studyDays, today),
		totalStudyMs: input.history.studyMs,
		attemptCount: input.history.count,
		reviewsDue,
		mistakes: mistakeCount
	};
}

function conceptStats(
	input: StatsInput,
	tally: Map<string, { seen: number; mastered: number }>
): ConceptStats[] {
	const itemConcepts = input.itemConcepts;
	if (!itemConcepts) return [];
	const itemCount = new Map<string, number>();
	for (const id in itemConcepts)
		for (const concept of itemConcepts[id])
			itemCount.set(concept, (itemCount.get(concept) ?? 0) + 1);
	// Display order: as the units list them, then any tag only the item map knows.
	const order = new Set<string>();
	for (const unit of input.units) for (const concept of unit.concepts) order.add(concept);
	for (const concept of itemCount.keys()) order.add(concept);
	const result: ConceptStats[] = [];
	for (const concept of order) {
		const count = itemCount.get(concept) ?? 0;
		if (count === 0) continue;
		const t = tally.get(concept) ?? { seen: 0, mastered: 0 };
		const mastered = Math.min(t.mastered, count);
		result.push({
			concept,
			itemCount: count,
			seen: Math.min(t.seen, count),
			mastered,
			mastery: share(mastered, count)
		});
	}
	return result;
}

/** Current and longest runs of consecutive study days. */
export function studyStreak(
	studyDays: ReadonlySet<number>,
	today: number
): ProgressStats['streak'] {
	const sorted = [...studyDays].sort((a, b) => a - b);
	let longest = 0;
	let run = 0;
	for (let i = 0; i < sorted.length; i++) {
		run = i > 0 && sorted[i] === sorted[i - 1] + 1 ? run + 1 : 1;
		if (run > longest) longest = run;
	}
	const studiedToday = studyDays.has(today);
	let current = 0;
	for (let day = studiedToday ? today : today - 1; studyDays.has(day); day--) current++;
	return { current, longest, studiedToday };
}
