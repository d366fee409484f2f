import { describe, expect, it } from 'vitest';
import { applyLearning } from './learn-hook';
import { memoryJournal } from './journal';
import { answerEntry } from './journal.testing';
import { openProgressStore } from './progress-store';
import { createMemoryTables, pageLock } from './tables';

// Two tabs = two store instances over the same IndexedDB, the same localStorage and the same
// Web Locks (here: the shared memory tables, one journal and one lock).
describe('many tabs, one truth', () => {
	it('keeps every answer and every mistake when two tabs answer at the same instant', async () => {
		const tables = createMemoryTables();
		const journal = memoryJournal();
		const lock = pageLock();
		const open = () =>
			openProgressStore({ tables, persistent: true, journal, lock, learn: applyLearning });
		const [a, b] = await Promise.all([open(), open()]);
		const at = Date.UTC(2026, 10, 27, 9);
		await Promise.all(
			Array.from({ length: 10 }, (_, n) =>
				(n % 2 ? a : b).appendAttempts([answerEntry(n % 2 ? 'a' : 'b', n, at + n)])
			)
		);
		await Promise.all([a.whenIdle(), b.whenIdle()]);
		expect(await a.listAttempts()).toHaveLength(10);
		expect((await b.getHistorySummary()).count).toBe(10);
		expect(journal.size()).toBe(0);
		// Each item's state follows its latest answer, whichever tab it was given in.
		const states = await b.getItemStates('modes-of-supply');
		for (let item = 0; item < 4; item++) {
			const last = Math.max(...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((n) => n % 4 === item));
			expect(states[`item-${item}`].lastAt).toBe(at + last);
			expect(states[`item-${item}`].lastCorrect).toBe(last % 3 !== 0);
		}
		// Item 1 was answered wrong at n = 9 (9 % 3 === 0): in the notebook.
		expect(states['item-1'].inMistakes).toBe(true);
	});

	it('keeps every attempt when two tabs record bulk writes on the same day at once', async () => {
		const tables = createMemoryTables();
		const lock = pageLock();
		const open = () => openProgressStore({ tables, persistent: true, lock });
		const [a, b] = await Promise.all([open(), open()]);
		const at = Date.UTC(2026, 10, 27, 9);
		await Promise.all(
			Array.from({ length: 20 }, (_, n) =>
				(n % 2 ? a : b).recordAttempts([answerEntry('t', n, at + n).attempt])
			)
		);
		expect(await a.listAttempts()).toHaveLength(20);
		expect((await a.getHistorySummary()).count).toBe(20);
	});

	it('stores journaled answers only when the screen lets it (after the verdict is painted)', async () => {
		const tables = createMemoryTables();
		const journal = memoryJournal();
		const later: (() => void)[] = [];
		const store = await openProgressStore({
			tables,
			persistent: true,
			journal,
			learn: applyLearning,
			scheduleFlush: (work) => later.push(work)
		});
		await store.appendAttempts([answerEntry('a', 1, Date.UTC(2026, 10, 27, 9))]);
		// Safe in the journal, counted in the history, not yet in IndexedDB.
		expect(journal.size()).toBe(1);
		expect(await tables.attempts.keys()).toEqual([]);
		expect(await store.listAttempts()).toHaveLength(1);
		expect(later).toHaveLength(1);
		later[0]();
		await store.whenIdle();
		expect(journal.size()).toBe(0);
		expect(await tables.attempts.keys()).toHaveLength(1);
		expect((await store.getHistorySummary()).count).toBe(1);
	});
});
