import { describe, expect, it, vi } from 'vitest';
import {
	type JournalEntry,
	NewerSchemaError,
	openProgressStore,
	SCHEMA_VERSION,
	StorageFullError,
	type Migrations
} from './progress-store';
import { memoryJournal } from './journal';
import { createMemoryTables, pageLock, type Tables } from './tables';
import { computeProgressStats } from './stats';
import { addToHistory, digestIds, digestUnit, emptyHistory } from './summary';
import { DEFAULT_SETTINGS, type Attempt, type ItemState, type StorageNotice } from './types';

function attempt(n: number, at = Date.UTC(2026, 10, 27, 8, 0, n)): Attempt {
	return {
		id: `a${n}`,
		itemId: `item-${n}`,
		unit: 'modes-of-supply',
		at,
		correct: n % 2 === 0,
		fraction: n % 2 === 0 ? 1 : 0,
		ms: 1000 + n,
		flow: 'practice'
	};
}

async function open(tables: Tables = createMemoryTables(), extra = {}) {
	const notices: StorageNotice[] = [];
	const store = await openProgressStore({
		tables,
		persistent: true,
		onNotice: (n) => notices.push(n),
		...extra
	});
	return { store, notices, tables };
}

describe('progress store', () => {
	it('starts a fresh database at the current schema with default settings', async () => {
		const { store, tables } = await open();
		expect(await tables.meta.getItem('schemaVersion')).toBe(SCHEMA_VERSION);
		expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
	});

	it('keeps settings across reopening', async () => {
		const { store, tables } = await open();
		await store.saveSettings({ ...DEFAULT_SETTINGS, theme: 'dark', locale: 'en' });
		const { store: again } = await open(tables);
		expect(await again.getSettings()).toMatchObject({ theme: 'dark', locale: 'en' });
	});

	it('loses no attempt when many are recorded at once', async () => {
		const { store } = await open();
		await Promise.all(Array.from({ length: 50 }, (_, n) => store.recordAttempts([attempt(n)])));
		const stored = await store.listAttempts();
		expect(stored).toHaveLength(50);
		expect(new Set(stored.map((a) => a.id)).size).toBe(50);
	});

	it('counts an attempt submitted twice once', async () => {
		const { store } = await open();
		await store.recordAttempts([attempt(1)]);
		await store.recordAttempts([attempt(1)]);
		expect(await store.countAttempts()).toBe(1);
	});

	it('sets a corrupt settings record aside, reports it and falls back to defaults', async () => {
		const tables = createMemoryTables();
		await tables.meta.setItem('schemaVersion', SCHEMA_VERSION);
		await tables.settings.setItem('settings', { theme: 'purple', locale: 42 });
		const { store, notices } = await open(tables);
		expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
		expect(notices).toEqual([{ kind: 'corrupt', table: 'settings', key: 'settings' }]);
		const quarantined = await store.listQuarantined();
		expect(quarantined).toHaveLength(1);
		expect(await tables.quarantine.getItem(quarantined[0])).toEqual({
			theme: 'purple',
			locale: 42
		});
		expect(await tables.settings.getItem('settings')).toBeNull();
	});

	it('keeps the good attempts of a day that holds one corrupt entry', async () => {
		const tables = createMemoryTables();
		const { store, notices } = await open(tables);
		await store.recordAttempts([attempt(1)]);
		await store.recordAttempts([attempt(2)]);
		const [day] = await tables.attempts.keys();
		const stored = (await tables.attempts.getItem<unknown[]>(day))!;
		await tables.attempts.setItem(day, [...stored, { id: 'broken', fraction: 7 }]);
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['a1', 'a2']);
		expect(notices).toEqual([{ kind: 'corrupt', table: 'attempts', key: day }]);
		expect(await tables.attempts.getItem(day)).toHaveLength(2);
	});

	it('reports a full disk and keeps what was saved before', async () => {
		const tables = createMemoryTables();
		const { store, notices } = await open(tables);
		await store.recordAttempts([attempt(1)]);
		tables.attempts.setItem = async () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		await expect(store.recordAttempts([attempt(2)])).rejects.toBeInstanceOf(StorageFullError);
		expect(notices).toEqual([{ kind: 'full' }]);
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['a1']);
		// The queue is not stuck after a failure.
		await store.saveSettings({ ...DEFAULT_SETTINGS, theme: 'light' });
		expect((await store.getSettings()).theme).toBe('light');
	});

	it('runs each migration step once, in order, from the stored version', async () => {
		const tables = createMemoryTables();
		await tables.meta.setItem('schemaVersion', 1);
		await tables.settings.setItem('legacy', true);
		const ran: number[] = [];
		const migrations: Migrations = {
			1: async () => void ran.push(1),
			2: async () => void ran.push(2)
		};
		await open(tables, { schemaVersion: 3, migrations });
		expect(ran).toEqual([1, 2]);
		expect(await tables.meta.getItem('schemaVersion')).toBe(3);
		await open(tables, { schemaVersion: 3, migrations });
		expect(ran).toEqual([1, 2]);
	});

	it('refuses data written by a newer version instead of misreading it', async () => {
		const tables = createMemoryTables();
		await tables.meta.setItem('schemaVersion', SCHEMA_VERSION + 1);
		await expect(open(tables)).rejects.toBeInstanceOf(NewerSchemaError);
	});

	it('saves, restores and clears a flow in progress', async () => {
		const { store } = await open();
		const flow = {
			id: 'exam',
			kind: 'exam' as const,
			savedAt: 5,
			snapshot: { value: 'answering', context: { index: 3 } },
			input: { itemIds: ['x'] }
		};
		await store.saveFlow(flow);
		expect(await store.loadFlow('exam')).toEqual(flow);
		await store.clearFlow('exam');
		expect(await store.loadFlow('exam')).toBeNull();
	});

	it('keeps item states per unit and drops a corrupt one alone', async () => {
		const { store, tables, notices } = await open();
		const state = { itemId: 'x1', streak: 1, lastCorrect: true, lastAt: 1, due: null };
		await store.putItemStates('u1', [state]);
		await store.putItemStates('u2', [{ ...state, itemId: 'y1' }]);
		expect(Object.keys(await store.getAllItemStates()).sort()).toEqual(['x1', 'y1']);
		await tables.items.setItem('u1', { x1: state, x2: { itemId: 'x2', streak: 'many' } });
		expect(Object.keys(await store.getItemStates('u1'))).toEqual(['x1']);
		expect(notices).toHaveLength(1);
	});

	it('resets progress but keeps settings', async () => {
		const { store } = await open();
		await store.saveSettings({ ...DEFAULT_SETTINGS, theme: 'dark' });
		await store.recordAttempts([attempt(1)]);
		await store.resetProgress();
		expect(await store.countAttempts()).toBe(0);
		expect((await store.getSettings()).theme).toBe('dark');
	});
});

describe('the answer journal', () => {
	const entry = (n: number): JournalEntry => ({ attempt: attempt(n) });

	it('holds an answer at once and moves it into the history in the write queue', async () => {
		const journal = memoryJournal();
		const { store, tables } = await open(createMemoryTables(), { journal });
		await store.appendAttempts([entry(1)]);
		// Safe and listed before any IndexedDB write has happened.
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['a1']);
		await store.whenIdle();
		expect(journal.size()).toBe(0);
		expect(await tables.attempts.keys()).toHaveLength(1);
		expect(await store.countAttempts()).toBe(1);
	});

	it('moves answers left in the journal by a page that died into the history on open', async () => {
		const journal = memoryJournal();
		journal.add([entry(1), entry(2)]);
		const { store, tables } = await open(createMemoryTables(), { journal });
		expect(journal.size()).toBe(0);
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['a1', 'a2']);
		expect(await tables.attempts.keys()).toHaveLength(1);
	});

	it('falls back to IndexedDB when the journal is full', async () => {
		const journal = {
			...memoryJournal(),
			add: () => {
				throw new DOMException('full', 'QuotaExceededError');
			}
		};
		const { store, tables } = await open(createMemoryTables(), { journal });
		await store.appendAttempts([entry(3)]);
		expect(await tables.attempts.keys()).toHaveLength(1);
	});

	it('drops unreadable journal entries and says so', async () => {
		const journal = memoryJournal();
		journal.add([entry(1), { attempt: { id: 'broken' } } as unknown as JournalEntry]);
		const { store, notices } = await open(createMemoryTables(), { journal });
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['a1']);
		expect(notices).toContainEqual({ kind: 'corrupt', table: 'journal', key: 'attempts' });
	});

	it('moves answers of another tab that died with them in the journal, once', async () => {
		const journal = memoryJournal();
		journal.add([entry(1), entry(2)]);
		const tables = createMemoryTables();
		const [a, b] = await Promise.all([
			open(tables, { journal, lock: pageLock() }),
			open(tables, { journal })
		]);
		await Promise.all([a.store.whenIdle(), b.store.whenIdle()]);
		expect((await a.store.listAttempts()).map((x) => x.id).sort()).toEqual(['a1', 'a2']);
		expect(await b.store.countAttempts()).toBe(2);
	});
});

describe('schema 2: the zone of each answer', () => {
	it('gives answers stored before the offset the offset the device had then (DST-aware)', async () => {
		const tables = createMemoryTables();
		await tables.meta.setItem('schemaVersion', 1);
		const summer = Date.UTC(2026, 6, 1, 8);
		const winter = Date.UTC(2026, 11, 1, 8);
		await tables.attempts.setItem('2026-07-01', [{ ...attempt(1, summer), tz: undefined }]);
		await tables.attempts.setItem('2026-12-01', [attempt(2, winter)]);
		// Berlin: UTC+2 in summer, UTC+1 in winter.
		const offsetAt = (at: number) => (at === summer ? 120 : 60);
		const { store } = await open(tables, { offsetAt });
		expect((await store.listAttempts()).map((a) => a.tz)).toEqual([120, 60]);
		expect(await tables.meta.getItem('schemaVersion')).toBe(SCHEMA_VERSION);
		const history = await store.getHistorySummary();
		expect(history.count).toBe(2);
		expect(Object.keys(history.days)).toHaveLength(2);
	});

	it('records new answers with the offset they were given in', async () => {
		const { store } = await open(createMemoryTables(), { offsetAt: () => 480 });
		await store.recordAttempts([attempt(1)]);
		expect((await store.listAttempts())[0].tz).toBe(480);
	});

	it('keeps the running summary equal to the history, and rebuilds it if lost', async () => {
		const { store, tables } = await open();
		await store.recordAttempts([attempt(1), attempt(2), attempt(3, Date.UTC(2026, 10, 28))]);
		await store.recordAttempts([attempt(2)]);
		const summary = await store.getHistorySummary();
		expect(summary.count).toBe(3);
		await tables.meta.removeItem('summary');
		expect(await store.getHistorySummary()).toEqual(summary);
	});
});

describe('schema 3: every unit digest in one record', () => {
	const DAY = 86_400_000;
	const at = Date.UTC(2026, 10, 20);
	const state = (itemId: string, extra: Partial<ItemState> = {}): ItemState => ({
		itemId,
		streak: 2,
		lastCorrect: true,
		lastAt: at,
		due: at + 10 * DAY,
		inMistakes: false,
		schedule: { stability: 30, elapsed_days: 0 },
		...extra
	});

	/** Data as schema 2 left it: item states, one `digest/<unit>` record each, the summary. */
	async function schema2Tables() {
		const tables = createMemoryTables();
		await tables.meta.setItem('schemaVersion', 2);
		const units = {
			'modes-of-supply': { a: state('a'), b: state('b', { lastCorrect: false, inMistakes: true }) },
			outsourcing: { c: state('c', { due: null, schedule: undefined, streak: 1 }) }
		};
		for (const [unit, states] of Object.entries(units)) {
			await tables.items.setItem(unit, states);
			await tables.meta.setItem(`digest/${unit}`, digestUnit(states));
		}
		await tables.attempts.setItem('2026-11-20', [{ ...attempt(1, at), tz: 0 }]);
		await tables.meta.setItem(
			'summary',
			addToHistory(emptyHistory(), [{ ...attempt(1, at), tz: 0 }])
		);
		return { tables, units };
	}

	it('drops the per-unit records and builds the one record from the states, losing nothing', async () => {
		const { tables, units } = await schema2Tables();
		const { store, notices } = await open(tables);
		expect(await tables.meta.getItem('schemaVersion')).toBe(SCHEMA_VERSION);
		expect((await tables.meta.keys()).filter((k) => k.startsWith('digest/'))).toEqual([]);

		const digests = await store.getDigests();
		expect(digests).toEqual({
			'modes-of-supply': digestUnit(units['modes-of-supply']),
			outsourcing: digestUnit(units.outsourcing)
		});
		expect(await tables.meta.getItem('digests')).toEqual(digests);
		// The states and the history are as they were; nothing was set aside.
		expect(await store.getItemStatesByUnit()).toEqual(units);
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['a1']);
		expect(notices).toEqual([]);
		// Mastery is read from the new column: `a` (stability 30) is mastered, `b` is not.
		const stats = computeProgressStats({
			history: await store.getHistorySummary(),
			digests,
			units: [
				{ id: 'modes-of-supply', itemCount: 2, concepts: [] },
				{ id: 'outsourcing', itemCount: 1, concepts: [] }
			],
			now: at + DAY
		});
		expect(stats.units.map((u) => [u.unit, u.seen, u.mastered, u.mistakes])).toEqual([
			['modes-of-supply', 2, 1, 1],
			['outsourcing', 1, 0, 0]
		]);
		expect(stats.attemptCount).toBe(1);
	});

	it('builds the record once: later reads are one get, and answers keep it current', async () => {
		const { tables } = await schema2Tables();
		const { store } = await open(tables);
		await store.getDigests();
		const itemReads = vi.spyOn(tables.items, 'getItem');
		const metaReads = vi.spyOn(tables.meta, 'getItem');
		await open(tables).then(({ store: again }) => again.getDigests());
		expect(itemReads).not.toHaveBeenCalled();
		expect(metaReads.mock.calls.filter(([key]) => key === 'digests')).toHaveLength(1);

		await store.putItemStates('outsourcing', [state('d')]);
		expect(digestIds((await store.getDigests()).outsourcing)).toEqual(['c', 'd']);
	});

	it('is refused by an app of schema 2 (it would write states the record does not see)', async () => {
		const { tables } = await schema2Tables();
		await open(tables);
		await expect(open(tables, { schemaVersion: 2 })).rejects.toBeInstanceOf(NewerSchemaError);
	});
});
