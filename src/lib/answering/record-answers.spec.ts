import { describe, expect, it } from 'vitest';
import type { Item } from '$lib/bank/types';
import { applyLearning } from '$lib/progress/learn-hook';
import { memoryJournal } from '$lib/progress/journal';
import { openProgressStore } from '$lib/progress/progress-store';
import { createMemoryTables } from '$lib/progress/tables';
import type { AnswerRecord } from './types';
import { recordAnswers } from './record-answers';

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

const openStore = (tables = createMemoryTables(), journal = memoryJournal()) =>
	openProgressStore({ tables, persistent: true, journal, learn: applyLearning });

describe('recordAnswers', () => {
	it('stores the attempts and moves each item into the mistakes notebook or the schedule', async () => {
		const store = await openStore();
		const save = recordAnswers(store, () => [item('a'), item('b')]);
		const at = Date.UTC(2026, 10, 27, 9);
		await save({ mode: 'practice', answers: [answer('a', true, at), answer('b', false, at + 1)] });
		// Safe (journaled) when the save resolves; history and learning state follow.
		expect(await store.countAttempts()).toBe(2);
		await store.whenIdle();
		expect((await store.listAttempts()).map((a) => [a.itemId, a.correct, a.flow])).toEqual([
			['a', true, 'practice'],
			['b', false, 'practice']
		]);
		const states = await store.getItemStates('modes-of-supply');
		expect(states.a).toMatchObject({ streak: 1, lastCorrect: true, inMistakes: false });
		expect(states.b).toMatchObject({ streak: 0, lastCorrect: false, inMistakes: true });
		expect(states.a.due).toBeGreaterThan(at);
	});

	it('finishes the learning state on the next open when the page died after the answer', async () => {
		const tables = createMemoryTables();
		const journal = memoryJournal();
		// A page that journaled an answer and closed before the store moved it.
		journal.add([
			{
				attempt: {
					id: 'x-a',
					itemId: 'a',
					unit: 'modes-of-supply',
					at: 1_800_000_000_000,
					correct: false,
					fraction: 0,
					ms: 4000,
					flow: 'practice'
				},
				learn: { answer: answer('a', false, 1_800_000_000_000), mode: 'practice' }
			}
		]);
		const store = await openStore(tables, journal);
		expect(await store.countAttempts()).toBe(1);
		expect((await store.getItemStates('modes-of-supply')).a).toMatchObject({ inMistakes: true });
		expect(journal.read()).toEqual([]);
	});

	it('changes nothing when the same answers are saved again (a retried save)', async () => {
		const store = await openStore();
		const save = recordAnswers(store, () => [item('a')]);
		const input = { mode: 'practice' as const, answers: [answer('a', true, 1_800_000_000_000)] };
		await save(input);
		await store.whenIdle();
		const before = await store.getItemStates('modes-of-supply');
		await save(input);
		await store.whenIdle();
		expect(await store.countAttempts()).toBe(1);
		expect(await store.getItemStates('modes-of-supply')).toEqual(before);
	});

	it('records generated scenarios in the history without scheduling them', async () => {
		const store = await openStore();
		await recordAnswers(store, () => [item('gen-mode-x', true)])({
			mode: 'practice',
			answers: [answer('gen-mode-x', false, 1_800_000_000_000)]
		});
		await store.whenIdle();
		expect(await store.countAttempts()).toBe(1);
		expect(await store.getAllItemStates()).toEqual({});
	});
});
