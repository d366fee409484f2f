import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import { restoreFlow } from '$lib/flows/flow-host';
import type { SavedFlow } from '$lib/progress/types';
import { trueFalse } from '../quiz/quiz.fixtures';
import lessonV1 from './fixtures/lesson-v1.json';
import { LESSON_FLOW } from './lesson.flow';
import { lessonMachine } from './lesson.machine';
import type { LessonInput } from './lesson.types';
import { selectLessonView } from './lesson.view';

const items = [trueFalse('q1', true), trueFalse('q2', false), trueFalse('q3', true)];
const machine = lessonMachine.provide({ actors: { saveAttempts: fromPromise(async () => {}) } });
const input: LessonInput = {
	unit: 'modes',
	sections: [
		{ id: 's1', check: ['q1'] },
		{ id: 's2', check: [] }
	],
	items,
	startedAt: Date.UTC(2026, 10, 30)
};

describe('saved lessons from the previous version (fixture)', () => {
	it('resumes at the section the learner reached', () => {
		const { actor, outcome } = restoreFlow(machine, LESSON_FLOW, lessonV1 as SavedFlow, input);
		expect(outcome).toEqual({ kind: 'migrated', from: 1 });
		const view = selectLessonView(actor.getSnapshot());
		expect(view.section.index).toBe(1);
		expect(view.status).toBe('reading');
	});

	it('says a lesson saved in an unknown state is outdated, and works from the start', () => {
		const old = structuredClone(lessonV1) as SavedFlow & { snapshot: { value: unknown } };
		old.snapshot.value = { checking: 'pondering' };
		const { actor, outcome } = restoreFlow(machine, LESSON_FLOW, old, input);
		expect(outcome).toMatchObject({ kind: 'outdated', answers: [{ itemId: 'q1' }], carried: 1 });
		// The place is kept (section 2 of 2, section 1 checked), reading, and the buttons work
		// (they did nothing on a snapshot in `status: 'error'`).
		const view = selectLessonView(actor.getSnapshot());
		expect(view).toMatchObject({ status: 'reading', section: { index: 1 } });
		expect(view.sections[0]).toMatchObject({ checked: true, reachable: true });
		actor.send({ type: 'lesson.goto', index: 0 });
		expect(selectLessonView(actor.getSnapshot()).section.index).toBe(0);
		actor.send({ type: 'lesson.next', at: Date.UTC(2026, 10, 30, 1) });
		expect(selectLessonView(actor.getSnapshot()).section.index).toBe(1);
	});

	it('keeps a finished lesson finished, whether it fits or not', () => {
		const done = structuredClone(lessonV1) as SavedFlow & {
			snapshot: { value: unknown; status: string };
		};
		done.snapshot.value = 'summary';
		done.snapshot.status = 'done';
		const restored = restoreFlow(machine, LESSON_FLOW, done, input);
		expect(restored.outcome.kind).toBe('migrated');
		expect(selectLessonView(restored.actor.getSnapshot()).status).toBe('summary');

		const misfit = structuredClone(done);
		delete (misfit.snapshot as { context?: { sectionIndex?: number } }).context?.sectionIndex;
		const salvaged = restoreFlow(machine, LESSON_FLOW, misfit, input);
		expect(salvaged.outcome.kind).toBe('outdated');
		expect(selectLessonView(salvaged.actor.getSnapshot()).status).toBe('summary');
	});
});
