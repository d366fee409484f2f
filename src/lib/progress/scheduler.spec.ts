import { describe, expect, it } from 'vitest';
import {
	DEFAULT_EXPECTED_MS,
	gradeFromAnswer,
	readStoredCard,
	scheduleReview,
	type ReviewGrade
} from './scheduler';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 9);

describe('gradeFromAnswer', () => {
	it('grades a wrong answer again, or hard when at least half of it was right', () => {
		expect(gradeFromAnswer({ correct: false, fraction: 0, ms: 3000 })).toBe('again');
		expect(gradeFromAnswer({ correct: false, fraction: 0.49, ms: 3000 })).toBe('again');
		expect(gradeFromAnswer({ correct: false, fraction: 0.5, ms: 3000 })).toBe('hard');
	});

	it('grades a right answer by speed against the expected time', () => {
		const grade = (ms: number) =>
			gradeFromAnswer({ correct: true, fraction: 1, ms, expectedMs: 10_000 });
		expect(grade(5000)).toBe('easy');
		expect(grade(5001)).toBe('good');
		expect(grade(20_000)).toBe('good');
		expect(grade(20_001)).toBe('hard');
	});

	it('uses the default expected time, and grades good when the time is unknown', () => {
		expect(gradeFromAnswer({ correct: true, fraction: 1, ms: DEFAULT_EXPECTED_MS / 2 })).toBe(
			'easy'
		);
		expect(gradeFromAnswer({ correct: true, fraction: 1, ms: 0 })).toBe('good');
		expect(gradeFromAnswer({ correct: true, fraction: 1, ms: NaN })).toBe('good');
	});
});

describe('scheduleReview', () => {
	it('creates a card on the first review, due whole days later', () => {
		const days = (grade: ReviewGrade) => (scheduleReview(null, grade, T0).due - T0) / DAY;
		expect(days('again')).toBe(1);
		expect(days('hard')).toBe(2);
		expect(days('good')).toBe(3);
		expect(days('easy')).toBe(8);
	});

	it('stores the card as plain JSON that round-trips and is read back', () => {
		const first = scheduleReview(null, 'good', T0);
		const copy = JSON.parse(JSON.stringify(first.schedule));
		expect(copy).toEqual(first.schedule);
		expect(readStoredCard(copy)).toEqual(first.schedule);
		expect(first.schedule).toMatchObject({ algorithm: 'fsrs', reps: 1, last_review: T0 });
		const second = scheduleReview({ schedule: copy }, 'good', first.due);
		expect(second.schedule.reps).toBe(2);
		expect(second.due - first.due).toBeGreaterThan(first.due - T0);
	});

	it('is deterministic (no fuzz)', () => {
		const run = () => {
			let state = scheduleReview(null, 'good', T0);
			for (let i = 0; i < 6; i++) state = scheduleReview(state, 'good', state.due);
			return state;
		};
		expect(run()).toEqual(run());
	});

	it('counts a lapse on again after a review and shortens the interval', () => {
		const learned = scheduleReview(null, 'easy', T0);
		const lapsed = scheduleReview(learned, 'again', learned.due);
		expect(lapsed.schedule.lapses).toBe(1);
		expect(lapsed.due - learned.due).toBe(DAY);
	});

	it('treats a review dated before the last one as happening at the last one', () => {
		const first = scheduleReview(null, 'good', T0);
		const early = scheduleReview(first, 'good', T0 - 5 * DAY);
		expect(early).toEqual(scheduleReview(first, 'good', T0));
	});

	it('starts a new card when the stored schedule is not one it wrote', () => {
		expect(readStoredCard({ due: 'soon' })).toBeNull();
		expect(scheduleReview({ schedule: { due: 'soon' } }, 'good', T0)).toEqual(
			scheduleReview(null, 'good', T0)
		);
	});
});
