import { describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { deadEnds, leafPaths, restingStatePaths } from '../quiz/machine-graph.testing';
import { saveAttemptsActor } from '../quiz/quiz.actors';
import { translated, trueFalse, tf } from '../quiz/quiz.fixtures';
import type { QuizActors } from '../quiz/quiz.types';
import { lessonMachine } from './lesson.machine';
import type { LessonEvent, LessonInput } from './lesson.types';
import { selectLessonView, type LessonSnapshot } from './lesson.view';

const T0 = 2_000_000;

const c1 = trueFalse('c1', true, 'modes', ['mode.cross-border']);
const c2 = trueFalse('c2', false, 'modes', ['mode.consumption']);
const c3 = trueFalse('c3', true, 'modes', ['mode.presence']);

/** Three sections: two checks, none, one. */
const input: LessonInput = {
	unit: 'modes',
	sections: [
		{ id: 's1', check: ['c1', 'c2'] },
		{ id: 's2', check: [] },
		{ id: 's3', check: ['c3'] }
	],
	items: [c1, c2, c3],
	startedAt: T0
};

function startLesson(
	lessonInput: LessonInput = input,
	save: QuizActors['saveAttempts'] = async () => {}
) {
	const machine = lessonMachine.provide({ actors: { saveAttempts: saveAttemptsActor(save) } });
	const actor = createActor(machine, { input: lessonInput }).start();
	return { actor, machine, view: () => selectLessonView(actor.getSnapshot()) };
}

type LessonActor = ReturnType<typeof startLesson>['actor'];

const settle = (actor: LessonActor) => waitFor(actor, (s) => !s.hasTag('saving'));

async function answer(actor: LessonActor, right: boolean, at: number) {
	const { context } = actor.getSnapshot();
	const item = context.items[context.checkQueue[context.checkPosition]];
	actor.send({ type: 'answer.submit', response: tf(item, right), at });
	await settle(actor);
}

describe('lesson machine', () => {
	it('opens on the first section, reading, with only the check to do', () => {
		const { view } = startLesson();
		expect(view()).toMatchObject({
			status: 'reading',
			unit: 'modes',
			section: { id: 's1', index: 0, reachable: true, current: true, checked: false },
			item: null,
			feedback: null,
			can: { check: true, next: false, submit: false, nextQuestion: false, retrySave: false },
			summary: null
		});
		expect(view().sections.map((s) => [s.id, s.reachable, s.checked])).toEqual([
			['s1', true, false],
			['s2', false, true],
			['s3', false, false]
		]);
	});

	it('walks a whole lesson: checks with stored attempts and feedback, then the summary', async () => {
		const save = vi.fn<QuizActors['saveAttempts']>(async () => {});
		const { actor, view } = startLesson(input, save);

		actor.send({ type: 'lesson.check', at: T0 + 1000 });
		expect(view()).toMatchObject({ status: 'answering', item: c1, checkNumber: 1, checkTotal: 2 });

		actor.send({ type: 'answer.submit', response: tf(c1, true), at: T0 + 4000 });
		expect(view().status).toBe('saving');
		expect(save).toHaveBeenCalledWith({
			mode: 'lesson',
			answers: [expect.objectContaining({ itemId: 'c1', unit: 'modes', ms: 3000, at: T0 + 4000 })]
		});
		await settle(actor);
		expect(view()).toMatchObject({
			status: 'feedback',
			feedback: { itemId: 'c1', score: { correct: true } },
			can: { nextQuestion: true, next: false }
		});

		actor.send({ type: 'question.next', at: T0 + 5000 });
		expect(view()).toMatchObject({ status: 'answering', item: c2, checkNumber: 2, feedback: null });
		await answer(actor, false, T0 + 6000);
		expect(view().can).toMatchObject({ nextQuestion: false, next: true });
		expect(view().section.checks).toEqual({ correct: 1, total: 2, points: 1 });

		actor.send({ type: 'lesson.next', at: T0 + 7000 });
		expect(view()).toMatchObject({ status: 'reading', section: { id: 's2', checked: true } });
		expect(view().sections[0].checked).toBe(true);

		// s2 has no checks: "check" goes straight on.
		actor.send({ type: 'lesson.check', at: T0 + 8000 });
		expect(view()).toMatchObject({ status: 'reading', section: { id: 's3' } });

		actor.send({ type: 'lesson.check', at: T0 + 9000 });
		await answer(actor, true, T0 + 10_000);
		actor.send({ type: 'lesson.next', at: T0 + 11_000 });

		expect(view()).toMatchObject({
			status: 'summary',
			completed: true,
			summary: {
				sectionsCovered: 3,
				sectionsTotal: 3,
				checks: { correct: 2, total: 3, points: 2 },
				review: [{ itemId: 'c2', section: 0 }]
			}
		});
		expect(save).toHaveBeenCalledTimes(3);
	});

	it('keeps a finished lesson readable: sections open read-only, nothing re-scored, still completed', async () => {
		const save = vi.fn<QuizActors['saveAttempts']>(async () => {});
		const { actor, view } = startLesson(input, save);
		actor.send({ type: 'lesson.check', at: T0 + 1 });
		await answer(actor, false, T0 + 2);
		actor.send({ type: 'question.next', at: T0 + 3 });
		await answer(actor, true, T0 + 4);
		actor.send({ type: 'lesson.next', at: T0 + 5 });
		actor.send({ type: 'lesson.next', at: T0 + 6 });
		actor.send({ type: 'lesson.check', at: T0 + 7 });
		await answer(actor, true, T0 + 8);
		actor.send({ type: 'lesson.next', at: T0 + 9 });
		const summary = view().summary;
		expect(view()).toMatchObject({ status: 'summary', completed: true });
		// The summary is not a dead end: a section with checks opens from it, as reading only.
		expect(actor.getSnapshot().status).toBe('active');
		actor.send({ type: 'lesson.goto', index: 0 });
		expect(view()).toMatchObject({
			status: 'reading',
			completed: true,
			section: { id: 's1', checked: true },
			can: { next: true }
		});
		// Reading on to the end comes back to the same summary: no question asked or stored again.
		actor.send({ type: 'lesson.next', at: T0 + 10 });
		actor.send({ type: 'lesson.goto', index: 2 });
		expect(view().section).toMatchObject({ id: 's3', checked: true });
		// A checked section asks nothing: "check" goes straight on, to the summary here.
		actor.send({ type: 'lesson.check', at: T0 + 11 });
		expect(view()).toMatchObject({ status: 'summary', completed: true, summary });
		expect(save).toHaveBeenCalledTimes(3);
	});

	it('does not skip a section whose checks are not done', () => {
		const { actor, view } = startLesson();
		actor.send({ type: 'lesson.next', at: T0 + 1 });
		expect(view()).toMatchObject({ status: 'reading', section: { id: 's1' } });
	});

	it('keeps the check answer when storing fails and retries it', async () => {
		const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
		const save = vi.fn<QuizActors['saveAttempts']>(
			() => new Promise<void>((resolve, reject) => pending.push({ resolve, reject }))
		);
		const { actor, view } = startLesson(input, save);
		actor.send({ type: 'lesson.check', at: T0 + 1 });
		actor.send({ type: 'answer.submit', response: tf(c1, false), at: T0 + 2 });
		pending[0].reject(new Error('disk full'));
		await settle(actor);
		expect(view()).toMatchObject({
			status: 'save-failed',
			saveError: 'disk full',
			feedback: { itemId: 'c1' },
			can: { retrySave: true }
		});
		actor.send({ type: 'save.retry', at: T0 + 3 });
		expect(view()).toMatchObject({ status: 'saving', saveError: null });
		expect(save.mock.calls[1][0]).toEqual(save.mock.calls[0][0]);
		pending[1].resolve();
		await settle(actor);
		expect(view().status).toBe('feedback');
	});

	it('lesson.goto revisits any section reached, but not one ahead', async () => {
		const { actor, view } = startLesson();
		actor.send({ type: 'lesson.goto', index: 2 });
		expect(view().section.id).toBe('s1');

		actor.send({ type: 'lesson.check', at: T0 + 1 });
		await answer(actor, true, T0 + 2);
		actor.send({ type: 'lesson.goto', index: 0 }); // not while checking
		actor.send({ type: 'question.next', at: T0 + 3 });
		await answer(actor, true, T0 + 4);
		actor.send({ type: 'lesson.next', at: T0 + 5 });
		actor.send({ type: 'lesson.check', at: T0 + 6 }); // s2 → s3
		expect(view().section.id).toBe('s3');

		actor.send({ type: 'lesson.goto', index: 0 });
		expect(view()).toMatchObject({
			status: 'reading',
			section: { id: 's1', checked: true },
			// Its checks are done: nothing to check again, free to move on.
			can: { next: true }
		});
		expect(view().sections.map((s) => s.reachable)).toEqual([true, true, true]);
		actor.send({ type: 'lesson.next', at: T0 + 7 });
		expect(view().section.id).toBe('s2');
		expect(actor.getSnapshot().context.furthest).toBe(2);
	});

	it('skips check ids that have no item, and a lesson without sections is a summary', async () => {
		const { actor, view } = startLesson({
			...input,
			sections: [{ id: 'only', check: ['missing', 'c3'] }]
		});
		actor.send({ type: 'lesson.check', at: T0 + 1 });
		expect(view()).toMatchObject({ item: c3, checkTotal: 1 });
		await answer(actor, true, T0 + 2);
		actor.send({ type: 'lesson.next', at: T0 + 3 });
		expect(view().summary).toMatchObject({ sectionsCovered: 1, review: [] });

		const empty = startLesson({ ...input, sections: [] });
		expect(empty.view()).toMatchObject({
			status: 'summary',
			summary: { sectionsCovered: 0, sectionsTotal: 0, checks: { total: 0 } }
		});
	});

	it('items.relocalize swaps the check items mid-question', () => {
		const { actor, view } = startLesson();
		actor.send({ type: 'lesson.check', at: T0 + 1 });
		actor.send({ type: 'items.relocalize', items: [translated(c1), translated(c2)] });
		expect(view()).toMatchObject({ status: 'answering', item: { id: 'c1', stem: 'c1? (en)' } });
		expect(actor.getSnapshot().context.items[2]).toBe(c3);
	});

	it('lesson.quit ends in a final state', () => {
		const { actor, view } = startLesson();
		actor.send({ type: 'lesson.quit' });
		expect(actor.getSnapshot().status).toBe('done');
		expect(view().status).toBe('quit');
	});
});

describe('lesson machine: persistence', () => {
	const roundTrip = (actor: LessonActor) =>
		JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));

	it('resumes mid-check on the same question with the answers so far', async () => {
		const first = startLesson();
		first.actor.send({ type: 'lesson.check', at: T0 + 1000 });
		await answer(first.actor, false, T0 + 2000);
		first.actor.send({ type: 'question.next', at: T0 + 3000 });
		const saved = roundTrip(first.actor);
		first.actor.stop();

		const save = vi.fn<QuizActors['saveAttempts']>(async () => {});
		const machine = lessonMachine.provide({ actors: { saveAttempts: saveAttemptsActor(save) } });
		const resumed = createActor(machine, { snapshot: saved, input }).start();
		const view = () => selectLessonView(resumed.getSnapshot());
		expect(view()).toMatchObject({
			status: 'answering',
			section: { id: 's1' },
			item: c2,
			checkNumber: 2,
			checkTotal: 2
		});
		expect(resumed.getSnapshot().context.answers.map((a) => a.itemId)).toEqual(['c1']);

		resumed.send({ type: 'answer.submit', response: tf(c2, true), at: T0 + 5000 });
		await waitFor(resumed, (s) => s.hasTag('feedback'));
		expect(save.mock.calls[0][0].answers[0]).toMatchObject({ itemId: 'c2', ms: 2000 });
		resumed.send({ type: 'lesson.next', at: T0 + 6000 });
		expect(view().section).toMatchObject({ id: 's2', index: 1 });
		expect(view().sections[0].checks).toEqual({ correct: 1, total: 2, points: 1 });
	});

	it('resumes while reading a revisited section', async () => {
		const first = startLesson();
		first.actor.send({ type: 'lesson.check', at: T0 + 1 });
		await answer(first.actor, true, T0 + 2);
		first.actor.send({ type: 'question.next', at: T0 + 3 });
		await answer(first.actor, true, T0 + 4);
		first.actor.send({ type: 'lesson.next', at: T0 + 5 });
		first.actor.send({ type: 'lesson.goto', index: 0 });

		const resumed = createActor(lessonMachine, { snapshot: roundTrip(first.actor), input }).start();
		expect(selectLessonView(resumed.getSnapshot())).toMatchObject({
			status: 'reading',
			section: { id: 's1', checked: true },
			sections: [{ reachable: true }, { reachable: true }, { reachable: false }]
		});
	});
});

describe('lesson machine: reachability', () => {
	const atomicNodes = restingStatePaths(lessonMachine);

	const AT = T0 + 1000;
	const base: LessonEvent[] = [
		{ type: 'lesson.check', at: AT },
		{ type: 'lesson.next', at: AT },
		{ type: 'lesson.goto', index: 0 },
		{ type: 'lesson.goto', index: 1 },
		...[c1, c2, c3].flatMap((item) => [
			{ type: 'answer.submit' as const, response: tf(item, true), at: AT },
			{ type: 'answer.submit' as const, response: tf(item, false), at: AT }
		]),
		{ type: 'question.next', at: AT },
		{ type: 'save.retry', at: AT },
		{ type: 'items.relocalize', items: [translated(c1)] },
		{ type: 'lesson.quit' }
	];
	const saveOutcomes = [
		{ type: 'xstate.done.actor.saveAttempts' },
		{ type: 'xstate.error.actor.saveAttempts', error: new Error('disk full') }
	] as unknown as LessonEvent[];
	/** Save outcomes only while saving: elsewhere an unhandled actor error is not a real path. */
	const events = (s: LessonSnapshot) => (s.hasTag('saving') ? [...base, ...saveOutcomes] : base);

	/** Two sections (checks, none) keep the walk small but pass every branch. */
	const small: LessonInput = {
		...input,
		sections: [
			{ id: 's1', check: ['c1'] },
			{ id: 's2', check: [] }
		]
	};

	it('reaches every state node and never errors', () => {
		const states = getShortestPaths(lessonMachine, { input: small, events }).map((p) => p.state);
		const reached = new Set(states.flatMap((s) => leafPaths(s.value)));
		expect([...reached].sort()).toEqual([...atomicNodes].sort());
		expect(states.filter((s) => s.status === 'error')).toEqual([]);
	});

	it('has no dead ends: from every state the learner can reach the summary without quitting', () => {
		const edges = adjacencyMapToArray(getAdjacencyMap(lessonMachine, { input: small, events }));
		expect(edges.length).toBeGreaterThan(10);
		const stuck = deadEnds(edges, {
			isGoal: (s) => s.matches('summary'),
			excludeEvent: (e) => e.type === 'lesson.quit'
		});
		expect(stuck).toEqual([]);
	});
});
