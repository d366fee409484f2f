import { describe, expect, it } from 'vitest';
import { singleChoice } from './quiz.fixtures';
import { examPlan } from './plans';
import { EXAM_MINUTES, EXAM_QUESTIONS, readWholeNumber, valueOrDefault } from './setup-fields';

describe('setup fields (issue #8: no exam over at birth)', () => {
	it('refuses empty, non-whole and out-of-range values with a reason', () => {
		expect(readWholeNumber('', EXAM_MINUTES)).toEqual({ ok: false, error: 'required' });
		expect(readWholeNumber(null, EXAM_MINUTES)).toEqual({ ok: false, error: 'required' });
		expect(readWholeNumber('2.5', EXAM_MINUTES)).toEqual({ ok: false, error: 'whole' });
		expect(readWholeNumber('abc', EXAM_MINUTES)).toEqual({ ok: false, error: 'whole' });
		expect(readWholeNumber('0', EXAM_MINUTES)).toEqual({ ok: false, error: 'range' });
		expect(readWholeNumber('-5', EXAM_MINUTES)).toEqual({ ok: false, error: 'range' });
		expect(readWholeNumber('241', EXAM_MINUTES)).toEqual({ ok: false, error: 'range' });
		expect(readWholeNumber('4', EXAM_QUESTIONS)).toEqual({ ok: false, error: 'range' });
	});

	it('accepts whole numbers in range, full-width digits included', () => {
		expect(readWholeNumber(' 30 ', EXAM_MINUTES)).toEqual({ ok: true, value: 30 });
		expect(readWholeNumber('３０', EXAM_MINUTES)).toEqual({ ok: true, value: 30 });
		expect(readWholeNumber(240, EXAM_MINUTES)).toEqual({ ok: true, value: 240 });
	});

	it('falls back to the Settings default, then to the minimum', () => {
		expect(valueOrDefault('', EXAM_MINUTES, 20)).toBe(20);
		expect(valueOrDefault(NaN, EXAM_MINUTES, 20)).toBe(20);
		expect(valueOrDefault('', EXAM_MINUTES, 0)).toBe(EXAM_MINUTES.min);
	});

	it('never plans an exam with no time', () => {
		const pool = [singleChoice('q1', 'a', 'u')];
		for (const minutes of [0, NaN, -3, Infinity])
			expect(examPlan(pool, 1, minutes, 1).timeLimitMs).toBeGreaterThan(0);
		expect(examPlan(pool, 1, 45, 1).timeLimitMs).toBe(45 * 60_000);
	});
});
