import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOURNAL_PREFIX, localStorageJournal } from './journal';
import {
	figuresChanged,
	figuresGeneration,
	recallFigures,
	rememberFigures,
	type FiguresStorage
} from './known-figures';
import { isMastered } from './mastery';
import { openProgressStore } from './progress-store';
import { digestCounts, digestUnit, masteryStableUntil } from './summary';
import { createMemoryTables, type Tables } from './tables';
import type { Attempt, ItemState } from './types';

/** localStorage as a Map (the journal and the figures share it, as in the browser). */
function fakeStorage(): FiguresStorage & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return {
		data,
		get length() {
			return data.size;
		},
		key: (i) => [...data.keys()][i] ?? null,
		getItem: (k) => data.get(k) ?? null,
		setItem: (k, v) => void data.set(k, String(v)),
		removeItem: (k) => void data.delete(k)
	};
}

type Counts = { due: number; mistakes: number };
const isCounts = (v: unknown): v is Counts =>
	typeof (v as Counts)?.due === 'number' && typeof (v as Counts)?.mistakes === 'number';
const NOW = Date.UTC(2026, 5, 1, 9);
const DAY = 86_400_000;
const window = { tag: 't', from: NOW, until: NOW + DAY };
const recall = (storage: FiguresStorage, now = NOW, tag = 't') =>
	recallFigures('counts', isCounts, { tag, now }, storage);

function attempt(n: number): Attempt {
	return {
		id: `a${n}`,
		itemId: `q${n}`,
		unit: 'u1',
		at: NOW + n,
		correct: true,
		fraction: 1,
		ms: 1000,
		flow: 'practice'
	};
}

describe('remembered figures', () => {
	it('are recalled while nothing changed, and not once the data has', () => {
		const storage = fakeStorage();
		const generation = figuresGeneration(storage);
		rememberFigures('counts', { due: 3, mistakes: 1 }, { generation, ...window }, storage);
		expect(recall(storage)).toEqual({ due: 3, mistakes: 1 });
		figuresChanged(storage);
		expect(recall(storage)).toBeNull();
	});

	it('are not remembered from a read that a change overtook', () => {
		const storage = fakeStorage();
		const generation = figuresGeneration(storage);
		figuresChanged(storage); // a commit began while the page was reading
		rememberFigures('counts', { due: 3, mistakes: 1 }, { generation, ...window }, storage);
		expect(recall(storage)).toBeNull();
	});

	it('are not recalled while an answer waits in the journal', () => {
		const storage = fakeStorage();
		rememberFigures(
			'counts',
			{ due: 3, mistakes: 1 },
			{ generation: figuresGeneration(storage), ...window },
			storage
		);
		storage.setItem(`${JOURNAL_PREFIX}a1`, '{}');
		expect(recall(storage)).toBeNull();
		storage.removeItem(`${JOURNAL_PREFIX}a1`);
		expect(recall(storage)).toEqual({ due: 3, mistakes: 1 });
	});

	it('hold only in their time window, with their tag, in their shape', () => {
		const storage = fakeStorage();
		const generation = figuresGeneration(storage);
		rememberFigures('counts', { due: 3, mistakes: 1 }, { generation, ...window }, storage);
		expect(recall(storage, NOW - 1)).toBeNull(); // the clock went back
		expect(recall(storage, NOW + DAY + 1)).toBeNull(); // the day (or a mastery) moved on
		expect(recall(storage, NOW + DAY)).not.toBeNull();
		expect(recall(storage, NOW, 'another bank')).toBeNull();
		rememberFigures('counts', { due: 'x' }, { generation, ...window }, storage);
		expect(recall(storage)).toBeNull();
		storage.setItem('sta:figures:counts', '{not json');
		expect(recall(storage)).toBeNull();
	});

	it('are neither remembered nor recalled where localStorage is blocked', () => {
		const blocked: FiguresStorage = {
			length: 0,
			key: () => null,
			getItem: () => {
				throw new DOMException('denied', 'SecurityError');
			},
			setItem: () => {
				throw new DOMException('denied', 'SecurityError');
			},
			removeItem: () => {}
		};
		expect(figuresGeneration(blocked)).toBeNull();
		rememberFigures('counts', { due: 1, mistakes: 0 }, { generation: null, ...window }, blocked);
		expect(recall(blocked)).toBeNull();
		expect(() => figuresChanged(blocked)).not.toThrow();
	});

	it('are dropped when the generation cannot move (storage full)', () => {
		const storage = fakeStorage();
		rememberFigures(
			'counts',
			{ due: 3, mistakes: 1 },
			{ generation: figuresGeneration(storage), ...window },
			storage
		);
		const full = {
			...storage,
			get length() {
				return storage.length;
			},
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			}
		};
		figuresChanged(full);
		expect(storage.data.has('sta:figures:counts')).toBe(false);
	});
});

describe('the store moves the generation on every change', () => {
	async function setup() {
		const storage = fakeStorage();
		const tables: Tables = createMemoryTables();
		const store = await openProgressStore({
			tables,
			persistent: true,
			// The journal lives beside the figures, in localStorage, as in the app.
			journal: localStorageJournal(storage),
			onChange: () => figuresChanged(storage)
		});
		const remember = (generation: number | null) =>
			rememberFigures('counts', { due: 0, mistakes: 0 }, { generation, ...window }, storage);
		return { storage, store, tables, remember };
	}

	it('for answers, item states, resets and records set aside', async () => {
		const { storage, store, tables, remember } = await setup();
		const changes: [string, () => Promise<unknown>][] = [
			['answers recorded', () => store.recordAttempts([attempt(1)])],
			['answers journaled and stored', () => store.appendAttempts([{ attempt: attempt(2) }])],
			[
				'item states',
				() =>
					store.putItemStates('u1', [
						{ itemId: 'q1', streak: 1, lastCorrect: true, lastAt: NOW, due: NOW }
					])
			],
			[
				'a corrupt record set aside',
				async () => {
					await tables.items.setItem('u2', 'garbage');
					await store.getItemStates('u2');
				}
			],
			['a reset', () => store.resetProgress()]
		];
		for (const [what, change] of changes) {
			remember(figuresGeneration(storage));
			expect(recall(storage), what).not.toBeNull();
			await change();
			expect(recall(storage), what).toBeNull();
			await store.whenIdle();
			expect(recall(storage), what).toBeNull();
		}
	});

	it('so figures read while a commit lands are not remembered', async () => {
		const { storage, store, remember } = await setup();
		const generation = figuresGeneration(storage);
		const digests = store.getDigests();
		const write = store.recordAttempts([attempt(1)]);
		await Promise.all([digests, write]);
		remember(generation);
		expect(recall(storage)).toBeNull();
	});
});

describe('store reads asked for together', () => {
	it('share one get, and a read after a commit sees the commit', async () => {
		const tables = createMemoryTables();
		let gets = 0;
		const getItem = tables.meta.getItem.bind(tables.meta);
		// As slow as IndexedDB with a large record: the second ask comes while the first reads.
		tables.meta.getItem = async <T>(key: string) => {
			if (key === 'digests') gets++;
			await new Promise((r) => setTimeout(r, 20));
			return getItem<T>(key);
		};
		const store = await openProgressStore({ tables, persistent: true });
		const state = (due: number): ItemState => ({
			itemId: 'q1',
			streak: 1,
			lastCorrect: true,
			lastAt: NOW,
			due
		});
		await store.putItemStates('u1', [state(NOW)]);
		gets = 0;
		const [a, b] = await Promise.all([store.getDigests(), store.getDigests()]);
		expect(gets).toBe(1);
		expect(a).toBe(b);
		const pending = store.getDigests();
		await store.putItemStates('u1', [state(NOW + 5 * DAY)]);
		const after = await store.getDigests();
		expect(digestCounts(Object.values(after), NOW + DAY).due).toBe(0);
		expect(await pending).not.toBe(after);
	});
});

describe('masteryStableUntil', () => {
	const stateArb = (itemId: string) =>
		fc
			.record({
				streak: fc.integer({ min: 0, max: 4 }),
				lastCorrect: fc.boolean(),
				lastAt: fc.integer({ min: NOW - 60 * DAY, max: NOW }),
				interval: fc.option(fc.integer({ min: 1, max: 40 * DAY }), { nil: null }),
				stability: fc.double({ min: 0, max: 60, noNaN: true }),
				elapsed: fc.integer({ min: 0, max: 30 })
			})
			.map((s): ItemState => ({
				itemId,
				streak: s.streak,
				lastCorrect: s.lastCorrect,
				lastAt: s.lastAt,
				due: s.interval === null ? null : s.lastAt + s.interval,
				schedule: { stability: s.stability, elapsed_days: s.elapsed }
			}));
	const statesArb = fc
		.array(stateArb('x'), { minLength: 1, maxLength: 30 })
		.map((list) => Object.fromEntries(list.map((s, i) => [`q${i}`, { ...s, itemId: `q${i}` }])));
	const mastered = (states: Record<string, ItemState>, at: number) =>
		Object.values(states)
			.filter((s) => isMastered(s, at))
			.map((s) => s.itemId);

	it('is the last instant every item is as mastered as now', () => {
		fc.assert(
			fc.property(statesArb, (states) => {
				const until = masteryStableUntil([digestUnit(states)], NOW);
				const now = mastered(states, NOW);
				if (until === Infinity) expect(mastered(states, NOW + 365 * DAY)).toEqual(now);
				else {
					expect(until).toBeGreaterThanOrEqual(NOW);
					expect(mastered(states, until)).toEqual(now);
					expect(mastered(states, until + 1)).not.toEqual(now);
				}
			})
		);
	});
});
