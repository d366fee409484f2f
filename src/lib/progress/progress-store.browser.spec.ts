import { describe, expect, it } from 'vitest';
import { openProgressStore } from './progress-store';
import { openBrowserTables } from './tables';
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
});
