import { describe, expect, it, vi } from 'vitest';
import { createActor, waitFor, type SnapshotFrom } from 'xstate';
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { deadEnds, leafPaths, restingStatePaths } from './machine-graph.testing';
import { saveAttemptsActor } from './quiz.actors';
import { singleChoice, translated, trueFalse, tf } from './quiz.fixtures';
import { quizMachine } from './quiz.machine';
import type { SaveAttemptsInput } from '$lib/answering/types';
import type { QuizActors, QuizEvent, QuizInput } from './quiz.types';
import { selectQuizView, type QuizSnapshot } from './quiz.view';

const T0 = 1_000_000;
const MINUTE = 60_000;

const q1 = trueFalse('q1', true, 'modes', ['mode.cross-border']);
const q2 = trueFalse('q2', false, 'outsourcing', ['outsourcing.ito']);
const q3 = singleChoice('q3', 'b', 'modes');

/** A save the test resolves or rejects by hand, to look at the machine while it waits. */
function manualSave() {
	const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
	const save = vi.fn<QuizActors['saveAttempts']>(
		() => new Promise<void>((resolve, reject) => pending.push({ resolve, reject }))
	);
	return { save, pending };
}

function startQuiz(input: QuizInput, save: QuizActors['saveAttempts'] = async () => {}) {
	const machine = quizMachine.provide({ actors: { saveAttempts: saveAttemptsActor(save) } });
	const actor = createActor(machine, { input });
	actor.start();
	return { actor, machine, view: () => selectQuizView(actor.getSnapshot()) };
}

const settle = (actor: { getSnapshot(): SnapshotFrom<typeof quizMachine> }) =>
	waitFor(actor as never, (s: SnapshotFrom<typeof quizMachine>) => !s.hasTag('saving'));

describe('quiz machine: practice-like modes', () => {
	it('starts answering the first item with nothing answered', () => {
		const { view } = startQuiz({ mode: 'practice', items: [q1, q2], startedAt: T0 });
		expect(view()).toMatchObject({
			status: 'answering',
			mode: 'practice',
			item: q1,
			position: 1,
			total: 2,
			draft: null,
			feedback: null,
			timeLeftMs: null,
			navigator: [],
			can: { submit: true, next: false, submitExam: false, retrySave: false },
			saveError: null,
			summary: null
		});
	});

	it('scores, stores the attempt before feedback, then moves on and finishes', async () => {
		const { save, pending } = manualSave();
		const { actor, view } = startQuiz({ mode: 'practice', items: [q1, q2], startedAt: T0 }, save);

		actor.send({ type: 'answer.submit', response: tf(q1, true), at: T0 + 4000 });
		expect(view().status).toBe('saving');
		expect(view().feedback?.score.correct).toBe(true);
		expect(save).toHaveBeenCalledTimes(1);
		const record = { itemId: 'q1', unit: 'modes', ms: 4000, at: T0 + 4000 };
		expect(save.mock.calls[0][0]).toEqual({
			mode: 'practice',
			answers: [expect.objectContaining({ ...record, score: { correct: true, fraction: 1 } })]
		});
		expect(view().can.next).toBe(false);

		pending[0].resolve();
		await settle(actor);
		expect(view()).toMatchObject({ status: 'feedback', item: q1, feedback: record });
		expect(view().can).toEqual({ submit: false, next: true, submitExam: false, retrySave: false });

		actor.send({ type: 'question.next', at: T0 + 10_000 });
		expect(view()).toMatchObject({ status: 'answering', item: q2, position: 2, feedback: null });
		expect(actor.getSnapshot().context.shownAt).toBe(T0 + 10_000);

		actor.send({ type: 'answer.submit', response: tf(q2, false), at: T0 + 12_500 });
		expect(save.mock.calls[1][0].answers[0]).toMatchObject({ itemId: 'q2', ms: 2500 });
		pending[1].resolve();
		await settle(actor);
		expect(view().feedback?.score).toEqual({ correct: false, fraction: 0 });

		actor.send({ type: 'question.next', at: T0 + 13_000 });
		expect(view().status).toBe('finished');
		expect(view().item).toBeNull();
		expect(view().summary?.overall).toEqual({ correct: 1, total: 2, points: 1 });
	});

	it('keeps the answer when storing fails, says why, and retries on save.retry', async () => {
		const { save, pending } = manualSave();
		const { actor, view } = startQuiz({ mode: 'review', items: [q1], startedAt: T0 }, save);

		actor.send({ type: 'answer.submit', response: tf(q1, false), at: T0 + 1000 });
		pending[0].reject(new Error('QuotaExceededError'));
		await settle(actor);
		expect(view()).toMatchObject({
			status: 'save-failed',
			saveError: 'QuotaExceededError',
			feedback: { itemId: 'q1', score: { correct: false } }
		});
		expect(view().can).toEqual({ submit: false, next: false, submitExam: false, retrySave: true });

		actor.send({ type: 'save.retry', at: T0 + 5000 });
		expect(view()).toMatchObject({ status: 'saving', saveError: null });
		expect(save).toHaveBeenCalledTimes(2);
		expect(save.mock.calls[1][0]).toEqual(save.mock.calls[0][0]);

		pending[1].resolve();
		await settle(actor);
		expect(view().status).toBe('feedback');
	});

	it('explains an unprovided saveAttempts as a save failure instead of losing the answer', async () => {
		const actor = createActor(quizMachine, {
			input: { mode: 'practice', items: [q1], startedAt: T0 }
		}).start();
		actor.send({ type: 'answer.submit', response: tf(q1, true), at: T0 + 1 });
		await waitFor(actor, (s) => s.hasTag('save-failed'));
		expect(actor.getSnapshot().context.saveError).toMatch(/not provided/);
		expect(actor.getSnapshot().context.answers).toHaveLength(1);
	});

	it.each(['review', 'mistakes', 'lesson'] as const)(
		'%s mode follows the practice flow',
		async (mode) => {
			const save = vi.fn<QuizActors['saveAttempts']>(async () => {});
			const { actor, view } = startQuiz({ mode, items: [q1], startedAt: T0 }, save);
			actor.send({ type: 'answer.submit', response: tf(q1, true), at: T0 + 1 });
			await settle(actor);
			expect(view().status).toBe('feedback');
			expect(save).toHaveBeenCalledWith({
				mode,
				answers: [expect.objectContaining({ itemId: 'q1' })]
			});
		}
	);

	it('requeueWrong asks a wrong item again at the end until it is answered right', async () => {
		const { actor, view } = startQuiz({
			mode: 'mistakes',
			items: [q1, q2],
			startedAt: T0,
			requeueWrong: true
		});
		const answer = async (right: boolean, at: number) => {
			const item = view().item!;
			actor.send({ type: 'answer.submit', response: tf(item, right), at });
			await settle(actor);
			actor.send({ type: 'question.next', at: at + 1 });
		};

		await answer(false, T0 + 10); // q1 wrong → requeued
		expect(actor.getSnapshot().context.queue).toEqual([0, 1, 0]);
		expect(view()).toMatchObject({ item: q2, position: 2, total: 3 });
		await answer(true, T0 + 20); // q2 right
		expect(view()).toMatchObject({ item: q1, position: 3, total: 3 });
		await answer(false, T0 + 30); // q1 wrong again → requeued again
		expect(actor.getSnapshot().context.queue).toEqual([0, 1, 0, 0]);
		await answer(true, T0 + 40);
		expect(view().status).toBe('finished');

		const summary = view().summary!;
		// Scored by the first try; the review shows the last answer.
		expect(summary.overall).toEqual({ correct: 1, total: 2, points: 1 });
		expect(summary.review.map((r) => r.answer?.score.correct)).toEqual([true, true]);
		expect(actor.getSnapshot().context.answers).toHaveLength(4);
	});

	it('does not requeue a wrong answer without requeueWrong', async () => {
		const { actor } = startQuiz({ mode: 'mistakes', items: [q1], startedAt: T0 });
		actor.send({ type: 'answer.submit', response: tf(q1, false), at: T0 + 1 });
		await settle(actor);
		expect(actor.getSnapshot().context.queue).toEqual([0]);
	});

	it('finishes at once with no items', () => {
		const { view } = startQuiz({ mode: 'practice', items: [], startedAt: T0 });
		expect(view().status).toBe('finished');
		expect(view().summary?.overall).toEqual({ correct: 0, total: 0, points: 0 });
	});

	it('ignores answers and navigation that the current state does not take', () => {
		const { actor, view } = startQuiz({ mode: 'practice', items: [q1, q2], startedAt: T0 });
		actor.send({ type: 'question.next', at: T0 + 1 });
		actor.send({ type: 'answer.draft', response: tf(q1, true), at: T0 + 1 });
		actor.send({ type: 'exam.submit', at: T0 + 1 });
		expect(view()).toMatchObject({ status: 'answering', position: 1 });
		expect(actor.getSnapshot().context.drafts).toEqual({});
	});
});

describe('quiz machine: any mode', () => {
	it('items.relocalize swaps items by id and keeps position, answers and status', async () => {
		const { actor, view } = startQuiz({ mode: 'practice', items: [q1, q2], startedAt: T0 });
		actor.send({ type: 'answer.submit', response: tf(q1, true), at: T0 + 1 });
		await settle(actor);
		const en = [translated(q2), translated(q1), trueFalse('stranger', true)];
		actor.send({ type: 'items.relocalize', items: en });
		const { context } = actor.getSnapshot();
		expect(context.items.map((i) => i.stem)).toEqual(['q1? (en)', 'q2? (en)']);
		expect(context.answers).toHaveLength(1);
		expect(view()).toMatchObject({ status: 'feedback', position: 1, item: { stem: 'q1? (en)' } });
	});

	it('quiz.quit ends the machine in a final state from anywhere', async () => {
		const { actor } = startQuiz({ mode: 'practice', items: [q1], startedAt: T0 });
		actor.send({ type: 'quiz.quit' });
		expect(actor.getSnapshot().status).toBe('done');
		expect(actor.getSnapshot().value).toBe('quit');

		const exam = startQuiz({ mode: 'exam', items: [q1], startedAt: T0, timeLimitMs: MINUTE });
		exam.actor.send({ type: 'quiz.quit' });
		expect(exam.actor.getSnapshot().status).toBe('done');
	});

	it('review.goto moves the review focus once finished, within the paper', () => {
		const { actor, view } = startQuiz({ mode: 'exam', items: [q1, q2], startedAt: T0 });
		actor.send({ type: 'review.goto', index: 1 });
		expect(actor.getSnapshot().context.reviewIndex).toBe(0); // not while answering
		actor.send({ type: 'exam.submit', at: T0 + 1 });
		actor.send({ type: 'review.goto', index: 1 });
		expect(view().summary?.reviewIndex).toBe(1);
		actor.send({ type: 'review.goto', index: 2 });
		expect(view().summary?.reviewIndex).toBe(1);
	});
});

describe('quiz machine: exam', () => {
	const examInput: QuizInput = {
		mode: 'exam',
		items: [q1, q2, q3],
		startedAt: T0,
		timeLimitMs: 10 * MINUTE
	};

	it('starts with an absolute deadline, a navigator and no feedback', () => {
		const { actor, view } = startQuiz(examInput);
		expect(actor.getSnapshot().context.deadline).toBe(T0 + 10 * MINUTE);
		expect(view()).toMatchObject({
			status: 'answering',
			item: q1,
			position: 1,
			total: 3,
			timeLeftMs: 10 * MINUTE,
			navigator: [
				{ index: 0, answered: false, current: true },
				{ index: 1, answered: false, current: false },
				{ index: 2, answered: false, current: false }
			],
			can: { submit: false, next: true, submitExam: true, retrySave: false }
		});
	});

	it('keeps drafts per item, navigates freely and lets answers change', () => {
		const { actor, view } = startQuiz(examInput);
		actor.send({ type: 'answer.draft', response: tf(q1, false), at: T0 + 1000 });
		actor.send({ type: 'answer.draft', response: tf(q1, true), at: T0 + 2000 });
		expect(view().draft).toEqual(tf(q1, true));

		actor.send({ type: 'question.next', at: T0 + 3000 });
		expect(view()).toMatchObject({ item: q2, position: 2, draft: null });
		actor.send({ type: 'question.goto', index: 2, at: T0 + 4000 });
		actor.send({ type: 'answer.draft', response: { type: 'single', choice: 'a' }, at: T0 + 5000 });
		expect(view().can.next).toBe(false); // last question
		actor.send({ type: 'question.goto', index: 0, at: T0 + 6000 });
		expect(view()).toMatchObject({ item: q1, draft: tf(q1, true) });
		expect(view().navigator.map((n) => [n.answered, n.current])).toEqual([
			[true, true],
			[false, false],
			[true, false]
		]);
		expect(actor.getSnapshot().context.timeOnItem).toEqual({ q1: 3000, q2: 1000, q3: 2000 });
		expect(view().status).toBe('answering');
		expect(actor.getSnapshot().context.answers).toEqual([]);
	});

	it('ignores question.goto outside the paper or to the current question', () => {
		const { actor, view } = startQuiz(examInput);
		for (const index of [-1, 3, 0, 1.5]) actor.send({ type: 'question.goto', index, at: T0 + 1 });
		expect(view().position).toBe(1);
		expect(actor.getSnapshot().context.now).toBe(T0);
	});

	it('exam.submit scores every item, stores answered ones in one call, counts blanks wrong', async () => {
		const save = vi.fn<QuizActors['saveAttempts']>(async () => {});
		const { actor, view } = startQuiz(examInput, save);
		actor.send({ type: 'answer.draft', response: tf(q1, true), at: T0 + 1000 });
		actor.send({ type: 'question.goto', index: 2, at: T0 + 3000 });
		actor.send({ type: 'answer.draft', response: { type: 'single', choice: 'a' }, at: T0 + 4000 });
		actor.send({ type: 'exam.submit', at: T0 + 7000 });
		expect(view().status).toBe('saving');
		await settle(actor);

		expect(save).toHaveBeenCalledTimes(1);
		const call: SaveAttemptsInput = save.mock.calls[0][0];
		expect(call.mode).toBe('exam');
		expect(call.answers).toEqual([
			expect.objectContaining({
				itemId: 'q1',
				at: T0 + 7000,
				ms: 3000,
				score: { correct: true, fraction: 1 }
			}),
			expect.objectContaining({
				itemId: 'q3',
				at: T0 + 7000,
				ms: 4000,
				score: { correct: false, fraction: 0 }
			})
		]);

		const v = view();
		expect(v.status).toBe('finished');
		expect(v.summary?.overall).toEqual({ correct: 1, total: 3, points: 1 });
		expect(v.summary?.byUnit).toEqual({
			modes: { correct: 1, total: 2, points: 1 },
			outsourcing: { correct: 0, total: 1, points: 0 }
		});
		expect(v.summary?.byConcept).toEqual({
			'mode.cross-border': { correct: 1, total: 1, points: 1 },
			'outsourcing.ito': { correct: 0, total: 1, points: 0 },
			'mode.presence': { correct: 0, total: 1, points: 0 }
		});
		expect(v.summary?.review.map((r) => [r.item.id, r.answer?.score.correct ?? null])).toEqual([
			['q1', true],
			['q2', null],
			['q3', false]
		]);
		expect(v.can).toEqual({ submit: false, next: false, submitExam: false, retrySave: false });
	});

	it('clock.tick counts down, and at the deadline ends the exam as taken at the deadline', async () => {
		const save = vi.fn<QuizActors['saveAttempts']>(async () => {});
		const { actor, view } = startQuiz(examInput, save);
		actor.send({ type: 'answer.draft', response: tf(q1, true), at: T0 + 1000 });
		actor.send({ type: 'clock.tick', at: T0 + 4 * MINUTE });
		expect(view()).toMatchObject({ status: 'answering', timeLeftMs: 6 * MINUTE });

		// The tab slept: the first tick arrives well after the deadline.
		actor.send({ type: 'clock.tick', at: T0 + 30 * MINUTE });
		expect(view().status).toBe('saving');
		await settle(actor);
		expect(save).toHaveBeenCalledTimes(1);
		expect(save.mock.calls[0][0].answers).toEqual([
			expect.objectContaining({ itemId: 'q1', at: T0 + 10 * MINUTE, ms: 10 * MINUTE })
		]);
		expect(view()).toMatchObject({ status: 'finished', timeLeftMs: 0 });
	});

	it('any event after the deadline ends the exam instead of acting', async () => {
		const { actor, view } = startQuiz(examInput);
		actor.send({ type: 'answer.draft', response: tf(q1, true), at: T0 + 1000 });
		actor.send({ type: 'answer.draft', response: tf(q1, false), at: T0 + 10 * MINUTE });
		await settle(actor);
		expect(view().status).toBe('finished');
		expect(actor.getSnapshot().context.answers[0].response).toEqual(tf(q1, true));
	});

	it('an exam with nothing answered finishes without storing anything', () => {
		const save = vi.fn<QuizActors['saveAttempts']>(async () => {});
		const { view, actor } = startQuiz(examInput, save);
		actor.send({ type: 'clock.tick', at: T0 + 10 * MINUTE });
		expect(view().status).toBe('finished');
		expect(view().summary?.overall).toEqual({ correct: 0, total: 3, points: 0 });
		expect(save).not.toHaveBeenCalled();
	});

	it('has no deadline without a time limit', () => {
		const { actor, view } = startQuiz({ ...examInput, timeLimitMs: null });
		actor.send({ type: 'clock.tick', at: T0 + 1000 * MINUTE });
		expect(view()).toMatchObject({ status: 'answering', timeLeftMs: null });
	});

	it('a failed exam save keeps the scored paper and retries it whole', async () => {
		const { save, pending } = manualSave();
		const { actor, view } = startQuiz(examInput, save);
		actor.send({ type: 'answer.draft', response: tf(q1, true), at: T0 + 1000 });
		actor.send({ type: 'exam.submit', at: T0 + 2000 });
		pending[0].reject(new Error('disk full'));
		await settle(actor);
		expect(view()).toMatchObject({ status: 'save-failed', saveError: 'disk full' });
		expect(view().can.retrySave).toBe(true);
		// The deadline passing now changes nothing: the paper is already in.
		actor.send({ type: 'clock.tick', at: T0 + 11 * MINUTE });
		actor.send({ type: 'save.retry', at: T0 + 11 * MINUTE });
		expect(save.mock.calls[1][0]).toEqual(save.mock.calls[0][0]);
		pending[1].resolve();
		await settle(actor);
		expect(view().status).toBe('finished');
	});
});

describe('quiz machine: persistence', () => {
	const roundTrip = (actor: ReturnType<typeof startQuiz>['actor']) =>
		JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));

	it('a reload while saving stores the same answer again, then shows feedback', async () => {
		// The store must be idempotent for this (record-answers.ts keys attempts by time and item).
		const input: QuizInput = { mode: 'practice', items: [q1, q2], startedAt: T0 };
		const first = startQuiz(input, () => new Promise<void>(() => {}));
		first.actor.send({ type: 'answer.submit', response: tf(q1, true), at: T0 + 1 });
		const saved = roundTrip(first.actor);
		first.actor.stop();

		const save = vi.fn<QuizActors['saveAttempts']>(async () => {});
		const machine = quizMachine.provide({ actors: { saveAttempts: saveAttemptsActor(save) } });
		const resumed = createActor(machine, { snapshot: saved, input }).start();
		await settle(resumed);
		expect(save).toHaveBeenCalledWith({
			mode: 'practice',
			answers: [expect.objectContaining({ itemId: 'q1', at: T0 + 1 })]
		});
		expect(selectQuizView(resumed.getSnapshot()).status).toBe('feedback');
	});

	it('resumes mid-exam on the same item with drafts and the same deadline', async () => {
		const input: QuizInput = {
			mode: 'exam',
			items: [q1, q2, q3],
			startedAt: T0,
			timeLimitMs: 10 * MINUTE
		};
		const first = startQuiz(input);
		first.actor.send({ type: 'answer.draft', response: tf(q1, true), at: T0 + 1000 });
		first.actor.send({ type: 'question.goto', index: 1, at: T0 + 2000 });
		first.actor.send({ type: 'answer.draft', response: tf(q2, false), at: T0 + 3000 });
		const saved = roundTrip(first.actor);
		first.actor.stop();

		const save = vi.fn<QuizActors['saveAttempts']>(async () => {});
		const machine = quizMachine.provide({ actors: { saveAttempts: saveAttemptsActor(save) } });
		const resumed = createActor(machine, { snapshot: saved, input }).start();
		const view = () => selectQuizView(resumed.getSnapshot());
		expect(view()).toMatchObject({
			status: 'answering',
			item: q2,
			position: 2,
			draft: tf(q2, false)
		});
		expect(resumed.getSnapshot().context.drafts).toEqual({ q1: tf(q1, true), q2: tf(q2, false) });
		expect(resumed.getSnapshot().context.deadline).toBe(T0 + 10 * MINUTE);

		// Reopened seven minutes later: time left reflects the real clock, not the pause.
		resumed.send({ type: 'clock.tick', at: T0 + 7 * MINUTE });
		expect(view().timeLeftMs).toBe(3 * MINUTE);
		resumed.send({ type: 'exam.submit', at: T0 + 8 * MINUTE });
		await settle(resumed);
		expect(save.mock.calls[0][0].answers.map((a) => a.itemId)).toEqual(['q1', 'q2']);
		expect(view().status).toBe('finished');
	});

	it('resumes practice at the same queue position with answers and requeues so far', async () => {
		const input: QuizInput = {
			mode: 'mistakes',
			items: [q1, q2],
			startedAt: T0,
			requeueWrong: true
		};
		const first = startQuiz(input);
		first.actor.send({ type: 'answer.submit', response: tf(q1, false), at: T0 + 1 });
		await settle(first.actor);
		first.actor.send({ type: 'question.next', at: T0 + 2 });
		const saved = roundTrip(first.actor);

		const resumed = createActor(quizMachine, { snapshot: saved, input }).start();
		const { context } = resumed.getSnapshot();
		expect(selectQuizView(resumed.getSnapshot())).toMatchObject({ status: 'answering', item: q2 });
		expect(context.queue).toEqual([0, 1, 0]);
		expect(context.answers).toHaveLength(1);
		expect(context.shownAt).toBe(T0 + 2);
	});
});

/**
 * Generated check: walk the machine with small concrete inputs and a fixed set of events, and
 * require that every state node is reached and that nothing but a final state is a dead end.
 */
describe('quiz machine: reachability', () => {
	const atomicNodes = restingStatePaths(quizMachine);

	const AT = T0 + 1000;
	const saveDone = { type: 'xstate.done.actor.saveAttempts' } as unknown as QuizEvent;
	const saveError = {
		type: 'xstate.error.actor.saveAttempts',
		error: new Error('disk full')
	} as unknown as QuizEvent;
	const events = (items: QuizInput['items']): QuizEvent[] => [
		...items.flatMap((item) => [
			{ type: 'answer.submit' as const, response: tf(item, true), at: AT },
			{ type: 'answer.submit' as const, response: tf(item, false), at: AT },
			{ type: 'answer.draft' as const, response: tf(item, true), at: AT }
		]),
		{ type: 'question.next', at: AT },
		{ type: 'question.goto', index: 0, at: AT },
		{ type: 'question.goto', index: 1, at: AT },
		{ type: 'exam.submit', at: AT },
		{ type: 'clock.tick', at: AT },
		{ type: 'clock.tick', at: T0 + MINUTE },
		{ type: 'save.retry', at: AT },
		{ type: 'review.goto', index: 1 },
		{ type: 'items.relocalize', items: items.map((i) => translated(i)) },
		{ type: 'quiz.quit' }
	];
	/**
	 * The invoked save's outcomes are events too, but only while it runs: outside `saving` an
	 * unhandled actor error would put the machine into error status, a state the app never sees.
	 */
	const eventsFor =
		(items: QuizInput['items']) =>
		(snapshot: QuizSnapshot): QuizEvent[] =>
			snapshot.hasTag('saving') ? [...events(items), saveDone, saveError] : events(items);

	function explore(input: QuizInput) {
		const paths = getShortestPaths(quizMachine, {
			input,
			events: eventsFor(input.items),
			// requeueWrong could grow the queue for ever; three entries show the loop works.
			stopWhen: (s) => s.context.queue.length > 3,
			limit: 20_000
		});
		return paths.map((p) => p.state);
	}

	const twoItems = [trueFalse('a', true), trueFalse('b', false)];
	const practice = explore({ mode: 'practice', items: twoItems, startedAt: T0 });
	const mistakes = explore({
		mode: 'mistakes',
		items: twoItems,
		startedAt: T0,
		requeueWrong: true
	});
	const exam = explore({ mode: 'exam', items: twoItems, startedAt: T0, timeLimitMs: MINUTE });
	const all = [...practice, ...mistakes, ...exam];

	it('reaches every state node', () => {
		const reached = new Set(all.flatMap((s) => leafPaths(s.value)));
		expect([...reached].sort()).toEqual([...atomicNodes].sort());
		expect(all.filter((s) => s.status === 'error')).toEqual([]);
	});

	it('reaches a requeued item and an expired exam', () => {
		expect(mistakes.some((s) => s.context.queue.length === 3)).toBe(true);
		expect(exam.some((s) => s.matches('finished') && s.context.now >= s.context.deadline!)).toBe(
			true
		);
	});

	it('has no dead ends: from every state the learner can reach the end without quitting', () => {
		const inputs: QuizInput[] = [
			{ mode: 'practice', items: twoItems, startedAt: T0 },
			{ mode: 'mistakes', items: twoItems, startedAt: T0, requeueWrong: true },
			{ mode: 'exam', items: twoItems, startedAt: T0, timeLimitMs: MINUTE }
		];
		const isCutOff = (s: QuizSnapshot) => s.context.queue.length > 3;
		for (const input of inputs) {
			const edges = adjacencyMapToArray(
				getAdjacencyMap(quizMachine, {
					input,
					events: eventsFor(input.items),
					stopWhen: isCutOff
				})
			);
			expect(edges.length).toBeGreaterThan(10);
			const stuck = deadEnds(edges, {
				isGoal: (s) => s.matches('finished'),
				excludeEvent: (e) => e.type === 'quiz.quit',
				isCutOff
			});
			expect(stuck, input.mode).toEqual([]);
		}
		// Finished is where a flow rests; it still leaves, by quitting.
		const finished = all.find((s) => s.matches('finished'))!;
		expect(finished.can({ type: 'quiz.quit' })).toBe(true);
	}, 30_000); // a full graph walk of every mode: seconds on a loaded 2-core machine
});

describe('quiz machine: option order (issue #8)', () => {
	it('keeps the attempt seed in context and in the saved snapshot, so a reload shows the same order', () => {
		const { actor, machine, view } = startQuiz({
			mode: 'practice',
			items: [q3],
			startedAt: T0,
			orderSeed: 12345
		});
		expect(view().orderSeed).toBe(12345);
		const restored = createActor(machine, {
			snapshot: actor.getPersistedSnapshot(),
			input: { mode: 'practice', items: [q3], startedAt: T0 + 1 }
		}).start();
		expect(selectQuizView(restored.getSnapshot()).orderSeed).toBe(12345);
		restored.send({ type: 'items.relocalize', items: [translated(q3)] });
		expect(selectQuizView(restored.getSnapshot()).orderSeed).toBe(12345);
	});

	it('differs between attempts even without an explicit seed', () => {
		const a = startQuiz({ mode: 'exam', items: [q3], startedAt: T0 }).view().orderSeed;
		const b = startQuiz({ mode: 'exam', items: [q3], startedAt: T0 + 1 }).view().orderSeed;
		expect(a).not.toBe(b);
	});
});
