import { describe, expect, it, vi } from 'vitest';
import type { MultipleItem } from '$lib/bank/types';
import { singleChoice, trueFalse, tf } from './quiz.fixtures';
import { markAnswer } from '$lib/answering/marking';
import { initialQuizContext, quizMachine } from './quiz.machine';
import type { QuizContext, QuizInput } from './quiz.types';
import { quizStatus, selectQuizView } from './quiz.view';

const T0 = 5_000_000;
const a = trueFalse('a', true, 'modes', ['mode.cross-border', 'mode.cross-border']);
const b = trueFalse('b', true, 'outsourcing', ['outsourcing.ito', 'mode.cross-border']);
const c = singleChoice('c', 'b', 'modes');
const multi: MultipleItem = {
	...singleChoice('m', 'a'),
	type: 'multiple',
	options: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id })),
	answer: ['a', 'b']
};

/** A snapshot at any state with any context: the selector is tested without driving events. */
function snapshotAt(
	value: string | Record<string, string>,
	input: QuizInput,
	patch: Partial<QuizContext> = {}
) {
	return quizMachine.resolveState({ value, context: { ...initialQuizContext(input), ...patch } });
}

describe('selectQuizView', () => {
	const practice: QuizInput = { mode: 'practice', items: [a, b, c], startedAt: T0 };

	it('resolves what the learner can do only when the screen asks, once each', () => {
		const snapshot = snapshotAt({ practice: 'feedback' }, practice);
		const can = vi.spyOn(snapshot, 'can');
		const view = selectQuizView(snapshot);
		// The verdict's frame reads none of them: each would resolve a whole transition.
		expect(can).not.toHaveBeenCalled();
		expect(view.can.next).toBe(true);
		expect(view.can.next).toBe(true);
		expect(can).toHaveBeenCalledTimes(1);
		expect({ ...view.can }).toEqual({
			submit: false,
			next: true,
			submitExam: false,
			retrySave: false
		});
		expect(can).toHaveBeenCalledTimes(4);
	});
	const exam: QuizInput = { mode: 'exam', items: [a, b, c], startedAt: T0, timeLimitMs: 60_000 };

	it.each([
		[{ practice: 'answering' }, 'answering'],
		[{ practice: 'saving' }, 'saving'],
		[{ practice: 'saveFailed' }, 'save-failed'],
		[{ practice: 'feedback' }, 'feedback'],
		[{ exam: 'answering' }, 'answering'],
		[{ exam: 'saving' }, 'saving'],
		[{ exam: 'saveFailed' }, 'save-failed'],
		['finished', 'finished'],
		['quit', 'finished']
	] as const)('maps %j to status %s through tags', (value, status) => {
		expect(quizStatus(snapshotAt(value, practice))).toBe(status);
	});

	it('clamps time left at zero and leaves it null without a deadline', () => {
		const late = snapshotAt({ exam: 'answering' }, exam, { now: T0 + 90_000 });
		expect(selectQuizView(late).timeLeftMs).toBe(0);
		const mid = snapshotAt({ exam: 'answering' }, exam, { now: T0 + 15_000 });
		expect(selectQuizView(mid).timeLeftMs).toBe(45_000);
		expect(selectQuizView(snapshotAt({ practice: 'answering' }, practice)).timeLeftMs).toBeNull();
	});

	it('shows drafts and the navigator in an exam, never feedback', () => {
		const view = selectQuizView(
			snapshotAt({ exam: 'answering' }, exam, {
				position: 1,
				drafts: { b: tf(b, false), c: { type: 'single', choice: 'a' } }
			})
		);
		expect(view).toMatchObject({ item: b, position: 2, draft: tf(b, false), feedback: null });
		expect(view.navigator).toEqual([
			{ index: 0, answered: false, current: false },
			{ index: 1, answered: true, current: true },
			{ index: 2, answered: true, current: false }
		]);
	});

	it('shows the answer at the current position in practice, and no navigator or draft', () => {
		const answer = markAnswer(a, tf(a, false), T0 + 10, 10);
		const view = selectQuizView(
			snapshotAt({ practice: 'feedback' }, practice, {
				answers: [answer],
				drafts: { a: tf(a, true) }
			})
		);
		expect(view).toMatchObject({ item: a, feedback: answer, draft: null, navigator: [] });
		const next = selectQuizView(
			snapshotAt({ practice: 'answering' }, practice, { answers: [answer], position: 1 })
		);
		expect(next.feedback).toBeNull();
	});

	it('tallies overall, per unit and per concept (a tag once per item), with partial credit', () => {
		const input: QuizInput = { mode: 'exam', items: [a, b, c, multi], startedAt: T0 };
		const answers = [
			markAnswer(a, tf(a, true), T0, 1),
			markAnswer(multi, { type: 'multiple', choices: ['a'] }, T0, 1) // 3 of 4 options judged right
		];
		const summary = selectQuizView(snapshotAt('finished', input, { answers })).summary!;
		expect(summary.overall).toEqual({ correct: 1, total: 4, points: 1.75 });
		expect(summary.byUnit).toEqual({
			modes: { correct: 1, total: 3, points: 1.75 },
			outsourcing: { correct: 0, total: 1, points: 0 }
		});
		expect(summary.byConcept).toEqual({
			'mode.cross-border': { correct: 1, total: 2, points: 1 },
			'outsourcing.ito': { correct: 0, total: 1, points: 0 },
			'mode.presence': { correct: 0, total: 2, points: 0.75 }
		});
		expect(summary.review.map((r) => r.answer?.itemId ?? null)).toEqual(['a', null, null, 'm']);
		expect(summary.reviewIndex).toBe(0);
	});

	it('has no item once finished and keeps the position within the queue', () => {
		const view = selectQuizView(snapshotAt('finished', practice, { position: 3 }));
		expect(view).toMatchObject({ status: 'finished', item: null, position: 3, total: 3 });
		expect(view.can).toEqual({ submit: false, next: false, submitExam: false, retrySave: false });
	});
});
