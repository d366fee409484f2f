import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '$lib/answering/types';
import { applyAnswer, dueCount, dueQueue, mistakes, RELEARNING_STEP_MS } from './learning';
import { endOfLocalDay } from './queues';
import { scheduleReview } from './scheduler';
import type { ItemState } from './types';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 9);

function answer(correct: boolean, at: number, ms = 10_000, itemId = 'q1'): AnswerRecord {
	return {
		itemId,
		unit: 'u1',
		response: { type: 'single', choice: correct ? 'a' : 'b' },
		score: { correct, fraction: correct ? 1 : 0 },
		ms,
		at
	};
}

function state(itemId: string, due: number | null, extra: Partial<ItemState> = {}): ItemState {
	return { itemId, streak: 1, lastCorrect: true, lastAt: 0, due, ...extra };
}

describe('applyAnswer', () => {
	it('creates the state and its card on the first answer', () => {
		const s = applyAnswer(undefined, answer(true, T0), 'practice');
		expect(s).toMatchObject({ itemId: 'q1', streak: 1, lastCorrect: true, lastAt: T0 });
		expect(s.inMistakes).toBe(false);
		expect(s.due).toBe(T0 + 3 * DAY);
		expect(s.schedule).toMatchObject({ reps: 1 });
	});

	it('schedules in every mode', () => {
		for (const mode of ['practice', 'exam', 'lesson', 'review', 'mistakes'] as const)
			expect(applyAnswer(undefined, answer(true, T0), mode).due).toBeGreaterThan(T0);
	});

	it('grades speed in practice but not in an exam or a lesson check', () => {
		const fast = answer(true, T0, 2000); // single: 15 s expected, 2 s is easy
		expect(applyAnswer(undefined, fast, 'practice').due).toBe(T0 + 8 * DAY);
		expect(applyAnswer(undefined, fast, 'exam').due).toBe(T0 + 3 * DAY);
		expect(applyAnswer(undefined, fast, 'lesson').due).toBe(T0 + 3 * DAY);
	});

	it('keeps an item in the mistakes notebook until two right answers in a row', () => {
		let s = applyAnswer(undefined, answer(false, T0), 'practice');
		expect(s).toMatchObject({ streak: 0, lastCorrect: false, inMistakes: true });
		s = applyAnswer(s, answer(true, T0 + DAY), 'mistakes');
		expect(s).toMatchObject({ streak: 1, inMistakes: true });
		s = applyAnswer(s, answer(false, T0 + 2 * DAY), 'mistakes');
		expect(s).toMatchObject({ streak: 0, inMistakes: true });
		s = applyAnswer(s, answer(true, T0 + 3 * DAY), 'mistakes');
		s = applyAnswer(s, answer(true, T0 + 4 * DAY), 'mistakes');
		expect(s).toMatchObject({ streak: 2, inMistakes: false });
	});

	it('continues the card it was given', () => {
		const first = applyAnswer(undefined, answer(true, T0), 'practice');
		const second = applyAnswer(first, answer(true, first.due!), 'review');
		expect(second.schedule).toMatchObject({ reps: 2 });
		expect(second.due! - first.due!).toBeGreaterThan(3 * DAY);
	});

	it('brings a wrong answer back the same day (a relearning step), not tomorrow (issue #8)', () => {
		const learned = applyAnswer(undefined, answer(true, T0), 'practice');
		const wrong = applyAnswer(learned, answer(false, learned.due!), 'review');
		expect(wrong.due).toBe(learned.due! + RELEARNING_STEP_MS);
		expect(dueCount({ q1: wrong }, endOfLocalDay(learned.due!))).toBe(1);
	});

	it('does not move lastAt back for an answer older than the last one', () => {
		const s = applyAnswer(undefined, answer(true, T0), 'practice');
		expect(applyAnswer(s, answer(true, T0 - DAY), 'practice').lastAt).toBe(T0);
	});
});

describe('due today', () => {
	it('ends at the next local midnight, so an item due this evening is due today (issue #8)', () => {
		const morning = new Date(2026, 0, 5, 8, 0).getTime();
		const evening = new Date(2026, 0, 5, 20, 0).getTime();
		expect(endOfLocalDay(morning)).toBe(new Date(2026, 0, 6, 0, 0).getTime());
		const states = { e: state('e', evening), t: state('t', new Date(2026, 0, 6, 7).getTime()) };
		expect(dueCount(states, morning)).toBe(0);
		expect(dueCount(states, endOfLocalDay(morning))).toBe(1);
	});
});

describe('dueQueue and dueCount', () => {
	const states = {
		a: state('a', T0 - DAY),
		b: state('b', T0 - 3 * DAY),
		c: state('c', T0 + DAY),
		d: state('d', null),
		e: state('e', T0),
		f: state('f', T0 - 3 * DAY)
	};

	it('lists due items, most overdue first, ties by id', () => {
		expect(dueQueue(states, T0)).toEqual(['b', 'f', 'a', 'e']);
		expect(dueQueue(states, T0, 2)).toEqual(['b', 'f']);
		expect(dueQueue({}, T0)).toEqual([]);
	});

	it('counts them', () => {
		expect(dueCount(states, T0)).toBe(4);
		expect(dueCount(states, T0 + DAY)).toBe(5);
	});

	it('lists an item answered with a schedule once its day comes', () => {
		const s = { ...state('x', null), ...scheduleReview(null, 'good', T0) };
		expect(dueQueue({ x: s }, T0 + DAY)).toEqual([]);
		expect(dueQueue({ x: s }, T0 + 3 * DAY)).toEqual(['x']);
	});
});

describe('mistakes', () => {
	it('lists notebook items, longest untouched first; old states without the flag use lastCorrect', () => {
		const states = {
			a: state('a', null, { lastCorrect: false, lastAt: 5 }),
			b: state('b', null, { lastCorrect: true, inMistakes: true, lastAt: 2 }),
			c: state('c', null, { lastCorrect: true, inMistakes: false, lastAt: 1 }),
			d: state('d', null, { lastCorrect: true, lastAt: 1 })
		};
		expect(mistakes(states)).toEqual(['b', 'a']);
	});
});
