import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import { steadyClock } from '$lib/flows/clock';
import { restoreFlow } from '$lib/flows/flow-host';
import type { SavedFlow } from '$lib/progress/types';
import examV1 from './fixtures/exam-v1.json';
import practiceV1 from './fixtures/practice-v1.json';
import { QUIZ_FLOW } from './quiz.flow';
import { trueFalse } from './quiz.fixtures';
import { quizMachine } from './quiz.machine';
import type { QuizInput } from './quiz.types';
import { selectQuizView } from './quiz.view';

const items = [trueFalse('q1', true), trueFalse('q2', false), trueFalse('q3', true)];
const machine = quizMachine.provide({ actors: { saveAttempts: fromPromise(async () => {}) } });
const input = (mode: QuizInput['mode'], extra: Partial<QuizInput> = {}): QuizInput => ({
	mode,
	items,
	startedAt: Date.UTC(2026, 10, 30),
	...extra
});
// The fixtures' exam: started at T, 5 minutes, saved one minute in (4:00 left).
const T = Date.UTC(2026, 10, 20, 9);
const MIN = 60_000;

describe('saved quiz sessions from the previous version (fixtures)', () => {
	it('resumes a practice session saved before flows carried a version', () => {
		const { actor, outcome } = restoreFlow(
			machine,
			QUIZ_FLOW,
			practiceV1 as SavedFlow,
			input('practice')
		);
		expect(outcome).toEqual({ kind: 'migrated', from: 1 });
		const view = selectQuizView(actor.getSnapshot());
		expect(view).toMatchObject({ status: 'answering', position: 2, total: 3 });
		expect(view.item?.id).toBe('q2');
	});

	it('resumes an exam with its draft and time left', () => {
		const { actor, outcome } = restoreFlow(
			machine,
			QUIZ_FLOW,
			examV1 as SavedFlow,
			input('exam', { timeLimitMs: 5 * MIN })
		);
		expect(outcome.kind).toBe('migrated');
		actor.send({ type: 'clock.resume', at: T + MIN + 1000 });
		const view = selectQuizView(actor.getSnapshot());
		expect(view.navigator[0].answered).toBe(true);
		expect(view.timeLeftMs).toBe(4 * MIN - 1000);
	});

	it('says a practice saved in a state this version does not have is outdated, answers kept', () => {
		const old = structuredClone(practiceV1) as SavedFlow & { snapshot: { value: unknown } };
		old.snapshot.value = { practice: 'reviewing' };
		const { actor, outcome } = restoreFlow(machine, QUIZ_FLOW, old, input('practice'));
		// The answer given before (stored already, or being stored) is handed back to record.
		expect(outcome).toMatchObject({ kind: 'outdated', answers: [{ itemId: 'q1' }] });
		// A working fresh session, not a dead screen.
		expect(actor.getSnapshot().status).toBe('active');
		expect(selectQuizView(actor.getSnapshot())).toMatchObject({ status: 'answering', position: 1 });
	});
});

describe('an exam in progress saved in a shape this version cannot resume', () => {
	// The exam fixture in a state this version does not have, with drafts for two questions
	// still in the paper, one no longer in it, and one that does not fit its question.
	const misfit = () => {
		const old = structuredClone(examV1) as SavedFlow & {
			snapshot: { value: unknown; context: Record<string, unknown> };
		};
		old.snapshot.value = { exam: 'pondering' };
		old.snapshot.context.position = 2;
		old.snapshot.context.drafts = {
			q1: { type: 'truefalse', value: true },
			q3: { type: 'truefalse', value: false },
			gone: { type: 'truefalse', value: true },
			q2: { type: 'single', choice: 'a' }
		};
		return old;
	};
	const saveAttempts = (saved: unknown[]) =>
		quizMachine.provide({
			actors: { saveAttempts: fromPromise(async ({ input }) => void saved.push(input)) }
		});

	it('carries the drafts that fit into a fresh run, with the time that was left', () => {
		const { actor, outcome } = restoreFlow(
			machine,
			QUIZ_FLOW,
			misfit(),
			input('exam', { timeLimitMs: 5 * MIN, startedAt: T + 10 * MIN })
		);
		expect(outcome).toMatchObject({ kind: 'outdated', answers: [], carried: 2, dropped: 2 });
		actor.send({ type: 'clock.resume', at: T + MIN + 1000 });
		const view = selectQuizView(actor.getSnapshot());
		expect(view.navigator.map((n) => n.answered)).toEqual([true, false, true]);
		expect(view.position).toBe(3);
		expect(view.draft).toEqual({ type: 'truefalse', value: false });
		// The old deadline holds: no time given back by starting again.
		expect(view.timeLeftMs).toBe(4 * MIN - 1000);
	});

	it('lets the learner record the carried drafts by submitting', async () => {
		const saved: { answers: { itemId: string }[] }[] = [];
		const { actor } = restoreFlow(
			saveAttempts(saved),
			QUIZ_FLOW,
			misfit(),
			input('exam', { timeLimitMs: 5 * MIN })
		);
		actor.send({ type: 'clock.resume', at: T + MIN + 1000 });
		actor.send({ type: 'exam.submit', at: T + 2 * MIN });
		await new Promise((r) => setTimeout(r));
		expect(saved.flatMap((s) => s.answers.map((a) => a.itemId))).toEqual(['q1', 'q3']);
		expect(selectQuizView(actor.getSnapshot()).status).toBe('finished');
	});

	it('hands back a submitted paper being saved, and carries no drafts into a new one', () => {
		const old = misfit();
		old.snapshot.context.answers = [
			{
				itemId: 'q1',
				unit: 'modes',
				response: { type: 'truefalse', value: true },
				score: { correct: true, fraction: 1 },
				ms: 1000,
				at: T + MIN
			},
			{ itemId: 'q3', broken: true }
		];
		const { outcome } = restoreFlow(machine, QUIZ_FLOW, old, input('exam', { timeLimitMs: MIN }));
		expect(outcome).toMatchObject({ answers: [{ itemId: 'q1' }], carried: 0 });
	});
});

describe('exam time you can trust', () => {
	const exam = () => {
		const { actor } = restoreFlow(
			machine,
			QUIZ_FLOW,
			examV1 as SavedFlow,
			input('exam', { timeLimitMs: 5 * MIN })
		);
		return actor;
	};
	const left = (actor: ReturnType<typeof exam>) => selectQuizView(actor.getSnapshot()).timeLeftMs;

	it('after a reload with the clock set back an hour, gives back no time and keeps counting', () => {
		const actor = exam();
		const back = T + MIN - 60 * MIN; // the new page's clock: an hour behind
		actor.send({ type: 'clock.resume', at: back });
		expect(left(actor)).toBe(4 * MIN);
		actor.send({ type: 'clock.tick', at: back + 1000 });
		expect(left(actor)).toBe(4 * MIN - 1000);
		actor.send({ type: 'clock.tick', at: back + 4 * MIN });
		expect(selectQuizView(actor.getSnapshot()).status).not.toBe('answering');
	});

	it('after a reload with the clock set forward, counts the time away (the deadline holds)', () => {
		const actor = exam();
		actor.send({ type: 'clock.resume', at: T + 3 * MIN });
		expect(left(actor)).toBe(2 * MIN);
		actor.send({ type: 'clock.resume', at: T + 10 * MIN });
		actor.send({ type: 'clock.tick', at: T + 10 * MIN });
		expect(selectQuizView(actor.getSnapshot()).timeUp).toBe(true);
	});

	it('counts down by elapsed time while the page lives, whatever the wall clock does', () => {
		let wall = T + MIN;
		let mono = 0;
		const now = steadyClock(
			() => wall,
			() => mono
		);
		const actor = exam();
		actor.send({ type: 'clock.resume', at: now() });
		mono += 10_000;
		wall -= 60 * MIN; // set back an hour
		actor.send({ type: 'clock.tick', at: now() });
		expect(left(actor)).toBe(4 * MIN - 10_000);
		mono += 10_000;
		wall += 120 * MIN; // and forward two
		actor.send({ type: 'clock.tick', at: now() });
		expect(left(actor)).toBe(4 * MIN - 20_000);
	});
});
