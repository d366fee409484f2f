import { describe, expect, it } from 'vitest';
import {
	computeProgressStats,
	dayNumberAtOffset,
	isLapsed,
	isMastered,
	MAX_COUNTED_ATTEMPT_MS,
	studyStreak,
	type StatsInput
} from './stats';
import { addToHistory, digestUnit, emptyHistory } from './summary';
import type { Attempt, ItemState } from './types';
import type { AnswerRecord } from '$lib/answering/types';
import { applyAnswer } from './learning';
import { dueCount, endOfLocalDay } from './queues';

const DAY = 86_400_000;
// 2026-03-10 12:00 UTC = 20:00 in China (UTC+8).
const NOW = Date.UTC(2026, 2, 10, 12);

let seq = 0;
function attempt(at: number, correct = true, ms = 10_000): Attempt {
	seq += 1;
	return {
		id: `a${seq}`,
		itemId: 'q1',
		unit: 'u1',
		at,
		correct,
		fraction: correct ? 1 : 0.5,
		ms,
		flow: 'practice'
	};
}

function state(itemId: string, extra: Partial<ItemState> = {}): ItemState {
	return {
		itemId,
		streak: 2,
		lastCorrect: true,
		lastAt: NOW - DAY,
		due: NOW + DAY,
		inMistakes: false,
		...extra
	};
}

/** Attempts without their own offset are taken as given at the viewing offset. */
function input({
	attempts = [],
	...extra
}: Partial<StatsInput> & { attempts?: Attempt[] } = {}): StatsInput {
	const tz = extra.utcOffsetMinutes ?? 0;
	return {
		history: addToHistory(
			emptyHistory(),
			attempts.map((a) => ({ tz, ...a }))
		),
		itemStates: {},
		units: [
			{ id: 'u1', itemCount: 4, concepts: ['c1', 'c2'] },
			{ id: 'u2', itemCount: 2, concepts: ['c2'] }
		],
		now: NOW,
		...extra
	};
}

describe('mastery', () => {
	it('needs a right last answer, out of the notebook, not lapsed', () => {
		expect(isMastered(state('a'), NOW)).toBe(true);
		expect(isMastered(state('a', { lastCorrect: false, inMistakes: true }), NOW)).toBe(false);
		expect(isMastered(state('a', { streak: 1, inMistakes: true }), NOW)).toBe(false);
		// interval 2 days (lastAt → due); overdue by more than 2 days is lapsed.
		const s = state('a', { lastAt: NOW - 2 * DAY, due: NOW });
		expect(isLapsed(s, NOW + 2 * DAY)).toBe(false);
		expect(isLapsed(s, NOW + 2 * DAY + 1)).toBe(true);
		expect(isMastered(s, NOW + 3 * DAY)).toBe(false);
		expect(isLapsed(state('a', { due: null }), NOW)).toBe(false);
	});

	it('comes from the spaced-review state, not one right answer (issue #8)', () => {
		const right = (at: number, ms = 3_000): AnswerRecord => ({
			itemId: 'a',
			unit: 'u1',
			response: { type: 'single', choice: 'a' },
			score: { correct: true, fraction: 1 },
			ms,
			at
		});
		const once = applyAnswer(undefined, right(NOW - 2 * DAY), 'practice');
		expect(isMastered(once, NOW - 2 * DAY)).toBe(false);
		// Twice the same day, even fast: still one day of evidence.
		const sameDay = applyAnswer(once, right(NOW - 2 * DAY + 3_600_000), 'practice');
		expect(isMastered(sameDay, NOW - 2 * DAY + 3_600_000)).toBe(false);
		// Right again on another day: mastered.
		const nextDay = applyAnswer(once, right(NOW - DAY), 'practice');
		expect(isMastered(nextDay, NOW - DAY)).toBe(true);
		// A wrong answer after that takes it away.
		const wrong = applyAnswer(
			nextDay,
			{ ...right(NOW), score: { correct: false, fraction: 0 } },
			'practice'
		);
		expect(isMastered(wrong, NOW)).toBe(false);
	});

	it('is the share of all the unit’s items, per unit, concept and overall', () => {
		const stats = computeProgressStats(
			input({
				itemStates: {
					u1: {
						a: state('a'),
						b: state('b', { lastCorrect: false, inMistakes: true, due: NOW - DAY }),
						c: state('c')
					},
					u2: { d: state('d', { due: NOW }) }
				},
				itemConcepts: { a: ['c1'], b: ['c1', 'c2'], c: ['c2'], d: ['c2'], e: ['c1'], f: ['c3'] }
			})
		);
		expect(stats.units).toEqual([
			{ unit: 'u1', itemCount: 4, seen: 3, mastered: 2, mastery: 0.5, due: 1, mistakes: 1 },
			{ unit: 'u2', itemCount: 2, seen: 1, mastered: 1, mastery: 0.5, due: 1, mistakes: 0 }
		]);
		expect(stats.overall).toEqual({ itemCount: 6, seen: 4, mastered: 3, mastery: 0.5 });
		expect(stats.concepts).toEqual([
			{ concept: 'c1', itemCount: 3, seen: 2, mastered: 1, mastery: 1 / 3 },
			{ concept: 'c2', itemCount: 3, seen: 3, mastered: 2, mastery: 2 / 3 },
			{ concept: 'c3', itemCount: 1, seen: 0, mastered: 0, mastery: 0 }
		]);
		expect(stats.reviewsDue).toBe(2);
		expect(stats.mistakes).toBe(1);
	});

	it('counts as due what is due by the end of the local day, as Review and the home screen do', () => {
		const states = {
			later: state('later', { due: endOfLocalDay(NOW) - 60_000 }),
			tomorrow: state('tomorrow', { due: endOfLocalDay(NOW) + 60_000 })
		};
		const stats = computeProgressStats(input({ itemStates: { u1: states } }));
		expect(stats.reviewsDue).toBe(1);
		expect(stats.units[0].due).toBe(1);
		expect(stats.reviewsDue).toBe(dueCount(states, endOfLocalDay(NOW)));
	});

	it('has no concept figures without the item → concept map, and caps at the bank size', () => {
		const many = Object.fromEntries(['a', 'b', 'c'].map((id) => [id, state(id)]));
		const stats = computeProgressStats(input({ itemStates: { u2: many } }));
		expect(stats.concepts).toEqual([]);
		expect(stats.units[1]).toMatchObject({ seen: 2, mastered: 2, mastery: 1 });
	});
});

describe('days, streaks and time', () => {
	it('charts accuracy per local day over the last N days, null on days off', () => {
		const china = 8 * 60;
		const stats = computeProgressStats(
			input({
				chartDays: 3,
				utcOffsetMinutes: china,
				attempts: [
					attempt(Date.UTC(2026, 2, 9, 17)), // 01:00 on the 10th in China
					attempt(Date.UTC(2026, 2, 10, 1), false),
					attempt(Date.UTC(2026, 2, 8, 3)),
					attempt(Date.UTC(2026, 2, 1, 3)) // outside the chart
				]
			})
		);
		expect(stats.days).toEqual([
			{ date: '2026-03-08', attempts: 1, correct: 1, accuracy: 1, points: 1, studyMs: 10_000 },
			{ date: '2026-03-09', attempts: 0, correct: 0, accuracy: null, points: 0, studyMs: 0 },
			{ date: '2026-03-10', attempts: 2, correct: 1, accuracy: 0.5, points: 1.5, studyMs: 20_000 }
		]);
		expect(stats.attemptCount).toBe(4);
	});

	it('caps each attempt’s time when adding up time studied', () => {
		const stats = computeProgressStats(
			input({ attempts: [attempt(NOW, true, 60 * 60_000), attempt(NOW, true, 1000)] })
		);
		expect(stats.totalStudyMs).toBe(MAX_COUNTED_ATTEMPT_MS + 1000);
	});

	it('counts the current and longest runs of study days', () => {
		expect(studyStreak(new Set([1, 2, 3, 7, 8, 10]), 10)).toEqual({
			current: 1,
			longest: 3,
			studiedToday: true
		});
		// A streak is still alive until today ends.
		expect(studyStreak(new Set([7, 8, 9]), 10)).toEqual({
			current: 3,
			longest: 3,
			studiedToday: false
		});
		expect(studyStreak(new Set([7, 8]), 10).current).toBe(0);
		expect(studyStreak(new Set(), 10)).toEqual({ current: 0, longest: 0, studiedToday: false });
	});

	it('uses the day function it is given', () => {
		const dayNumberOf = dayNumberAtOffset(0);
		const stats = computeProgressStats(
			input({ dayNumberOf, attempts: [attempt(NOW - DAY), attempt(NOW)] })
		);
		expect(stats.streak).toEqual({ current: 2, longest: 2, studiedToday: true });
	});

	// A heavy learner's history, for correctness at scale; its speed is measured by
	// `FLOWS_ONLY=2 npm run bench:flows`, not timed here (building the data alone takes seconds
	// on a loaded machine).
	it('counts 100,000 attempts and 10,000 item states', { timeout: 60_000 }, () => {
		const attempts = Array.from({ length: 100_000 }, (_, i) =>
			attempt(NOW - (i % 365) * DAY, i % 3 > 0)
		);
		const itemStates: StatsInput['itemStates'] = {};
		for (let u = 0; u < 100; u++) {
			itemStates[`u${u}`] = {};
			for (let i = 0; i < 100; i++) itemStates[`u${u}`][`u${u}-${i}`] = state(`u${u}-${i}`);
		}
		const units = Array.from({ length: 100 }, (_, u) => ({
			id: `u${u}`,
			itemCount: 100,
			concepts: []
		}));
		// As the page reads them: the store's digest columns, kept up to date as answers land.
		const digests = Object.fromEntries(
			Object.entries(itemStates).map(([unit, states]) => [unit, digestUnit(states)])
		);
		const data = input({ attempts, digests, units });
		const stats = computeProgressStats(data);
		expect(stats.overall.mastered).toBe(10_000);
		expect(stats.streak.longest).toBe(365);
	});

	it('keeps each day where it was studied when the learner travels (Beijing, then UTC−5)', () => {
		const beijing = 480;
		// 07:30, 21:00 and 12:00 Beijing time on three consecutive days (1–3 March).
		const studied = [
			Date.UTC(2026, 2, 0, 23, 30),
			Date.UTC(2026, 2, 2, 13),
			Date.UTC(2026, 2, 3, 4)
		];
		const stats = computeProgressStats(
			input({
				attempts: studied.map((at) => ({ ...attempt(at), tz: beijing })),
				// Viewed an hour after the last answer, from New York in winter (UTC−5): still
				// 2 March there, but the learner studied on the 1st, 2nd and 3rd of their own days.
				now: studied[2] + 3_600_000,
				utcOffsetMinutes: -300,
				chartDays: 3
			})
		);
		expect(stats.streak).toEqual({ current: 3, longest: 3, studiedToday: true });
		expect(stats.days.map((d) => [d.date, d.attempts])).toEqual([
			['2026-03-01', 1],
			['2026-03-02', 1],
			['2026-03-03', 1]
		]);
	});

	it('does not move an answer given at 00:30 summer time when the clocks go back', () => {
		// Berlin: 00:30 CEST (UTC+2) on 25 October is 22:30 UTC on the 24th.
		const at = Date.UTC(2026, 9, 24, 22, 30);
		const stats = computeProgressStats(
			input({
				attempts: [
					{ ...attempt(at), tz: 120 },
					{ ...attempt(at + 86_400_000 + 3_600_000), tz: 60 }
				],
				// Viewed on the 26th in winter time (UTC+1).
				now: Date.UTC(2026, 9, 26, 10),
				utcOffsetMinutes: 60,
				chartDays: 3
			})
		);
		expect(stats.days.map((d) => [d.date, d.attempts])).toEqual([
			['2026-10-24', 0],
			['2026-10-25', 1],
			['2026-10-26', 1]
		]);
		expect(stats.streak).toMatchObject({ current: 2, studiedToday: true });
	});
});
