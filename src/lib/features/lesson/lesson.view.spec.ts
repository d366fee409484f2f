import { describe, expect, it } from 'vitest';
import { trueFalse, tf } from '../quiz/quiz.fixtures';
import { markAnswer } from '$lib/answering/marking';
import { createActor } from 'xstate';
import { lessonMachine } from './lesson.machine';
import { initialLessonContext } from './lesson.rules';
import type { LessonContext, LessonInput } from './lesson.types';
import { firstLessonView, lessonStatus, selectLessonView } from './lesson.view';

const T0 = 7_000_000;
const c1 = trueFalse('c1', true);
const c2 = trueFalse('c2', false);
const input: LessonInput = {
	unit: 'modes',
	sections: [
		{ id: 's1', check: ['c1', 'c2'] },
		{ id: 's2', check: [] }
	],
	items: [c1, c2],
	startedAt: T0
};

/** A snapshot at any state with any context: the selector is tested without driving events. */
function snapshotAt(value: string | Record<string, string>, patch: Partial<LessonContext> = {}) {
	return lessonMachine.resolveState({
		value,
		context: { ...initialLessonContext(input), ...patch }
	});
}

describe('selectLessonView', () => {
	it.each([
		['reading', 'reading'],
		[{ checking: 'answering' }, 'answering'],
		[{ checking: 'saving' }, 'saving'],
		[{ checking: 'saveFailed' }, 'save-failed'],
		[{ checking: 'feedback' }, 'feedback'],
		['summary', 'summary'],
		['quit', 'quit']
	] as const)('maps %j to status %s through tags', (value, status) => {
		expect(lessonStatus(snapshotAt(value))).toBe(status);
	});

	it('shows the check question and, once answered, its feedback', () => {
		const checking = { checkQueue: [0, 1], checkPosition: 1 };
		const wrong = markAnswer(c1, tf(c1, false), T0 + 5, 5);
		const asking = selectLessonView(
			snapshotAt({ checking: 'answering' }, { ...checking, answers: [wrong] })
		);
		expect(asking).toMatchObject({ item: c2, checkNumber: 2, checkTotal: 2, feedback: null });
		const right = markAnswer(c2, tf(c2, true), T0 + 9, 4);
		const shown = selectLessonView(
			snapshotAt({ checking: 'feedback' }, { ...checking, answers: [wrong, right] })
		);
		expect(shown.feedback).toEqual(right);
		expect(shown.section.checks).toEqual({ correct: 1, total: 2, points: 1 });
		expect(shown.can).toEqual({
			check: false,
			next: true,
			submit: false,
			nextQuestion: false,
			retrySave: false
		});
	});

	it('reading shows no question; summary lists first-try mistakes once', () => {
		const reading = selectLessonView(snapshotAt('reading'));
		expect(reading).toMatchObject({ item: null, checkNumber: 0, checkTotal: 0, summary: null });
		const answers = [
			markAnswer(c1, tf(c1, false), T0, 1),
			markAnswer(c1, tf(c1, true), T0, 1),
			markAnswer(c2, tf(c2, true), T0, 1)
		];
		const summary = selectLessonView(
			snapshotAt('summary', {
				answers,
				furthest: 1,
				sectionIndex: 1,
				checkedSections: ['s1', 's2']
			})
		).summary;
		expect(summary).toEqual({
			sectionsCovered: 2,
			sectionsTotal: 2,
			checks: { correct: 1, total: 2, points: 1 },
			// With the section that checks it, so the summary can lead back to it.
			review: [{ itemId: 'c1', section: 0, answer: answers[0] }]
		});
	});
});

describe('firstLessonView', () => {
	const c3 = trueFalse('c3', true);
	// The first screen without an actor must be the one a fresh actor shows: the page paints and
	// hydrates from it, and the actor that loads after mount takes over from it unseen.
	it.each([
		['a first section with checks', input],
		['a first section without checks', { ...input, sections: [...input.sections].reverse() }],
		['a single section', { ...input, sections: [{ id: 's1', check: ['c1'] }] }],
		['a check id with no item', { ...input, sections: [{ id: 's1', check: ['gone'] }] }],
		['no sections (straight to the summary)', { ...input, sections: [] }],
		[
			'a seed and a finished lesson',
			{ ...input, items: [c1, c2, c3], orderSeed: 42, completed: true }
		]
	] as [string, LessonInput][])('is what a fresh actor shows: %s', (_, lesson) => {
		const actor = createActor(lessonMachine, { input: lesson }).start();
		expect(firstLessonView(lesson)).toEqual(selectLessonView(actor.getSnapshot()));
		actor.stop();
	});
});
