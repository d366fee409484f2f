import { describe, expect, it } from 'vitest';
import { openProgressStore } from './progress-store';
import { applyLearning } from './learn-hook';
import { localStorageJournal } from './journal';
import { answerEntry } from './journal.testing';
import { indexedDbCommit, openBrowserTables, webLock } from './tables';
import type { StorageNotice } from './types';

// The same store against real IndexedDB (through localforage) in Chromium.
describe('progress store on IndexedDB', () => {
	it('keeps attempts and settings across reopening the database', async () => {
		const tables = await openBrowserTables();
		expect(tables).not.toBeNull();
		await Promise.all(Object.values(tables!).map((t) => t.clear()));
		const store = await openProgressStore({ tables: tables!, persistent: true });
		await Promise.all(
			[1, 2, 3].map((n) =>
				store.recordAttempts([
					{
						id: `b${n}`,
						itemId: `i${n}`,
						unit: 'u',
						at: 1_700_000_000_000 + n,
						correct: true,
						fraction: 1,
						ms: 900,
						flow: 'practice'
					}
				])
			)
		);
		await store.saveSettings({ ...(await store.getSettings()), theme: 'dark' });

		const reopened = await openProgressStore({
			tables: (await openBrowserTables())!,
			persistent: true
		});
		expect((await reopened.listAttempts()).map((a) => a.id)).toEqual(['b1', 'b2', 'b3']);
		expect((await reopened.getSettings()).theme).toBe('dark');
	});

	it('sets aside a record corrupted outside the app', async () => {
		const tables = (await openBrowserTables())!;
		await tables.flows.setItem('exam', { id: 'exam', kind: 'nonsense' });
		const notices: StorageNotice[] = [];
		const store = await openProgressStore({
			tables,
			persistent: true,
			onNotice: (n) => notices.push(n)
		});
		expect(await store.loadFlow('exam')).toBeNull();
		expect(notices).toEqual([{ kind: 'corrupt', table: 'flows', key: 'exam' }]);
		expect((await store.listQuarantined()).some((k) => k.startsWith('flows/exam/'))).toBe(true);
	});

	it('keeps every answer when two tabs answer at the same instant (Web Locks, one transaction)', async () => {
		const first = (await openBrowserTables())!;
		await Promise.all(Object.values(first).map((t) => t.clear()));
		localStorage.clear();
		// What each tab opens: its own connections, the shared localStorage and lock manager.
		const openTab = async () =>
			openProgressStore({
				tables: (await openBrowserTables())!,
				persistent: true,
				journal: localStorageJournal(),
				commit: indexedDbCommit(),
				lock: webLock(),
				learn: applyLearning
			});
		const [a, b, c] = await Promise.all([openTab(), openTab(), openTab()]);
		const at = 1_800_000_000_000;
		const tabs = [a, b, c];
		await Promise.all(
			Array.from({ length: 30 }, (_, n) =>
				tabs[n % 3].appendAttempts([answerEntry(`tab${n % 3}`, n, at + n)])
			)
		);
		await Promise.all(tabs.map((t) => t.whenIdle()));
		const reopened = await openTab();
		expect(await reopened.listAttempts()).toHaveLength(30);
		expect((await reopened.getHistorySummary()).count).toBe(30);
		const states = await reopened.getItemStates('modes-of-supply');
		expect(
			Object.values(states)
				.map((s) => s.lastAt)
				.sort()
		).toEqual([at + 26, at + 27, at + 28, at + 29]);
		expect(Object.keys(localStorage).filter((k) => k.startsWith('sta:journal'))).toEqual([]);
	});
});
