import { describe, expect, it } from 'vitest';
import type { Item } from '$lib/bank/types';
import { openProgressStore } from '$lib/progress/progress-store';
import { createMemoryTables } from '$lib/progress/tables';
import type { AnswerRecord } from './quiz.types';
import { recordAnswers } from './record-answers';

/** Collects the learning-state updates so a test can wait for them. */
function tracked() {
	const pending: Promise<void>[] = [];
	return {
		onLearned: (p: Promise<void>) => void pending.push(p),
		settled: () => Promise.all(pending)
	};
}

const item = (id: string, generated = false) =>
	({ id, unit: 'modes-of-supply', type: 'truefalse', answer: true, generated }) as unknown as Item;

const answer = (itemId: string, correct: boolean, at: number): AnswerRecord => ({
	itemId,
	unit: 'modes-of-supply',
	response: { type: 'truefalse', value: correct },
	score: { correct, fraction: correct ? 1 : 0 },
	ms: 4000,
	at
});

describe('recordAnswers', () => {
	it('stores the attempts and moves each item into the mistakes notebook or the schedule', async () => {
		const store = await openProgressStore({ tables: createMemoryTables(), persistent: true });
		const learning = tracked();
		const save = recordAnswers(store, () => [item('a'), item('b')], learning.onLearned);
		const at = Date.UTC(2026, 10, 27, 9);
		await save({ mode: 'practice', answers: [answer('a', true, at), answer('b', false, at + 1)] });
		// The attempts are stored when the save resolves; the learning state follows.
		expect(await store.countAttempts()).toBe(2);
		await learning.settled();
		expect((await store.listAttempts()).map((a) => [a.itemId, a.correct, a.flow])).toEqual([
			['a', true, 'practice'],
			['b', false, 'practice']
		]);
		const states = await store.getItemStates('modes-of-supply');
		expect(states.a).toMatchObject({ streak: 1, lastCorrect: true, inMistakes: false });
		expect(states.b).toMatchObject({ streak: 0, lastCorrect: false, inMistakes: true });
		expect(states.a.due).toBeGreaterThan(at);
	});

	it('changes nothing when the same answers are saved again (a retried save)', async () => {
		const store = await openProgressStore({ tables: createMemoryTables(), persistent: true });
		const learning = tracked();
		const save = recordAnswers(store, () => [item('a')], learning.onLearned);
		const input = { mode: 'practice' as const, answers: [answer('a', true, 1_800_000_000_000)] };
		await save(input);
		await learning.settled();
		const before = await store.getItemStates('modes-of-supply');
		await save(input);
		await learning.settled();
		expect(await store.countAttempts()).toBe(1);
		expect(await store.getItemStates('modes-of-supply')).toEqual(before);
	});

	it('records generated scenarios in the history without scheduling them', async () => {
		const store = await openProgressStore({ tables: createMemoryTables(), persistent: true });
		const learning = tracked();
		await recordAnswers(
			store,
			() => [item('gen-mode-x', true)],
			learning.onLearned
		)({
			mode: 'practice',
			answers: [answer('gen-mode-x', false, 1_800_000_000_000)]
		});
		await learning.settled();
		expect(await store.countAttempts()).toBe(1);
		expect(await store.getAllItemStates()).toEqual({});
	});
});
