import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOURNAL_PREFIX, localStorageJournal } from './journal';
import { showEarlyFigures } from './early-figures';
import {
	FIGURES_KEYS,
	figuresChanged,
	figuresGeneration,
	heldFigures,
	rememberFigures,
	type FiguresStorage
} from './known-figures';
import { isMastered } from './mastery';
import { openProgressStore } from './progress-store';
import { digestCounts, digestUnit, masteryStableUntil } from './summary';
import { createMemoryTables, sequentialCommit, type Tables } from './tables';
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

const NOW = Date.UTC(2026, 5, 1, 9);
const DAY = 86_400_000;
/** As `figuresTag` makes it: build, language, time zone. */
const TAG = 'v1 en -480';
const window = { stamp: 's1', tag: TAG, from: NOW, until: NOW + DAY };
const shown = { html: '<p>3 due</p>' };

/**
 * What the early script of a page would show for the entry `counts` (its HTML, or null), with
 * IndexedDB holding `stamp`: the real script's logic, with a fake page.
 */
async function recall(
	storage: FiguresStorage,
	{ now = NOW, version = 'v1', lang = 'en', zone = -480, stamp = 's1' as string | null } = {}
): Promise<string | null> {
	let html: string | null = null;
	const names = await showEarlyFigures(
		{ names: ['counts'], version, keys: FIGURES_KEYS, db: 'x', store: 'meta', stampKey: 'k' },
		heldFigures,
		{
			storage,
			now,
			lang,
			zone,
			readStamp: async () => stamp,
			show: async (_name, h) => {
				html = h;
				return true;
			},
			hide: () => {
				html = null;
			}
		}
	);
	expect(names.length === 1).toBe(html !== null);
	return html;
}

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
	it('are recalled while nothing changed, and not once the data has', async () => {
		const storage = fakeStorage();
		const generation = figuresGeneration(storage);
		rememberFigures('counts', shown, { generation, ...window }, storage);
		expect(await recall(storage)).toEqual(shown.html);
		figuresChanged(storage);
		expect(await recall(storage)).toBeNull();
	});

	it('are not remembered from a read that a change overtook', async () => {
		const storage = fakeStorage();
		const generation = figuresGeneration(storage);
		figuresChanged(storage); // a commit began while the page was reading
		rememberFigures('counts', shown, { generation, ...window }, storage);
		expect(await recall(storage)).toBeNull();
	});

	it('are not recalled while an answer waits in the journal', async () => {
		const storage = fakeStorage();
		rememberFigures(
			'counts',
			shown,
			{ generation: figuresGeneration(storage), ...window },
			storage
		);
		storage.setItem(`${JOURNAL_PREFIX}a1`, '{}');
		expect(await recall(storage)).toBeNull();
		storage.removeItem(`${JOURNAL_PREFIX}a1`);
		expect(await recall(storage)).toEqual(shown.html);
	});

	it('hold only in their time window, with their tag, in their shape', async () => {
		const storage = fakeStorage();
		const generation = figuresGeneration(storage);
		rememberFigures('counts', shown, { generation, ...window }, storage);
		expect(await recall(storage, { now: NOW - 1 })).toBeNull(); // the clock went back
		expect(await recall(storage, { now: NOW + DAY + 1 })).toBeNull(); // the day (or a mastery) moved on
		expect(await recall(storage, { now: NOW + DAY })).not.toBeNull();
		expect(await recall(storage, { version: 'v2' })).toBeNull(); // another build (bank, markup)
		expect(await recall(storage, { lang: 'zh-CN' })).toBeNull(); // the page in the other language
		expect(await recall(storage, { zone: 0 })).toBeNull(); // another time zone
		// IndexedDB holds another stamp (a change by another tab, build or import) or none.
		expect(await recall(storage, { stamp: 's2' })).toBeNull();
		expect(await recall(storage, { stamp: null })).toBeNull();
		rememberFigures('counts', { due: 3 }, { generation, ...window }, storage);
		expect(await recall(storage)).toBeNull();
		storage.setItem('sta:figures:counts', '{not json');
		expect(await recall(storage)).toBeNull();
	});

	it('are neither remembered nor recalled where localStorage is blocked', async () => {
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
		expect(await recall(blocked)).toBeNull();
		expect(() => figuresChanged(blocked)).not.toThrow();
	});

	it('are dropped when the generation cannot move (storage full)', async () => {
		const storage = fakeStorage();
		rememberFigures(
			'counts',
			shown,
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

describe('the store moves the generation and the stamp on every change', () => {
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
		const remember = async (generation: number | null) =>
			rememberFigures(
				'counts',
				shown,
				{ generation, ...window, stamp: await store.getStamp() },
				storage
			);
		const recallNow = async () => recall(storage, { stamp: await store.getStamp() });
		return { storage, store, tables, remember, recallNow };
	}

	it('for answers, item states, resets and records set aside', async () => {
		const { storage, store, tables, remember, recallNow } = await setup();
		// A fresh database has no stamp: nothing is remembered from it until the first change.
		expect(await store.getStamp()).toBeNull();
		await remember(figuresGeneration(storage));
		expect(await recallNow()).toBeNull();
		await store.recordAttempts([attempt(0)]);
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
			await remember(figuresGeneration(storage));
			const stamp = await store.getStamp();
			expect(await recallNow(), what).not.toBeNull();
			await change();
			await store.whenIdle();
			// Each guard alone keeps the old figures off screen: the generation (were the stamp
			// somehow the same), and the stamp (were the generation not moved: another build's tab,
			// localStorage written by nobody).
			expect(await store.getStamp(), what).not.toBe(stamp);
			expect(await recall(storage, { stamp }), what).toBeNull();
			expect(await recallNow(), what).toBeNull();
			figuresChanged(storage);
		}
	});

	it('so figures read while a commit lands are not remembered', async () => {
		const { storage, store, remember, recallNow } = await setup();
		await store.recordAttempts([attempt(0)]);
		const generation = figuresGeneration(storage);
		const digests = store.getDigests();
		const write = store.recordAttempts([attempt(1)]);
		await Promise.all([digests, write]);
		await remember(generation);
		expect(await recallNow()).toBeNull();
	});

	it('so a read that spans a commit is not stamped as current', async () => {
		const { store } = await setup();
		await store.recordAttempts([attempt(0)]);
		// The digests are read (stamp before) while another tab's commit lands (it writes the
		// stamp without this tab's generation knowing): before and after differ.
		const read = store.getStampedDigests();
		await store.recordAttempts([attempt(1)]);
		const { stampBefore } = await read;
		expect(stampBefore).not.toBeNull();
		expect(await store.getStamp()).not.toBe(stampBefore);
	});
});

describe('the stamp mirrored in localStorage (no IndexedDB round trip for the early figures)', () => {
	const MIRROR = FIGURES_KEYS.stampMirror;

	async function setup(commitFails = () => false) {
		const storage = fakeStorage();
		const tables = createMemoryTables();
		const landAll = sequentialCommit(tables);
		const store = await openProgressStore({
			tables,
			persistent: true,
			commit: async (writes) => {
				if (commitFails()) throw new Error('disk gone');
				await landAll(writes);
			},
			onChange: (landed) => figuresChanged(storage, landed)
		});
		const remember = async () =>
			rememberFigures(
				'counts',
				shown,
				{ generation: figuresGeneration(storage), ...window, stamp: await store.getStamp() },
				storage
			);
		return { storage, store, tables, remember };
	}

	/**
	 * The early script's run with IndexedDB's answer held back until `answer` is called: what the
	 * page shows before it, and the names it ends with.
	 */
	function earlyRun(storage: FiguresStorage) {
		let html: string | null = null;
		let answer!: (stamp: string | null) => void;
		const names = showEarlyFigures(
			{
				names: ['counts'],
				version: 'v1',
				keys: FIGURES_KEYS,
				db: 'x',
				store: 'meta',
				stampKey: 'k'
			},
			heldFigures,
			{
				storage,
				now: NOW,
				lang: 'en',
				zone: -480,
				readStamp: () => new Promise((r) => (answer = r)),
				show: async (_name, h) => ((html = h), true),
				hide: () => void (html = null)
			}
		);
		return { names, shown: () => html, answer: (stamp: string | null) => answer(stamp) };
	}
	const settle = () => new Promise((r) => setTimeout(r, 0));

	it('holds the stamp a landed commit wrote, with the generation it moved to', async () => {
		const { storage, store, tables } = await setup();
		expect(storage.getItem(MIRROR)).toBeNull();
		const mirrorsNow = async (what: string) =>
			expect(JSON.parse(storage.getItem(MIRROR)!), what).toEqual({
				stamp: await store.getStamp(),
				generation: figuresGeneration(storage)
			});
		await store.recordAttempts([attempt(1)]);
		await mirrorsNow('a commit');
		// Changes that are not one commit (restamped): a record set aside, a reset.
		await tables.items.setItem('u2', 'garbage');
		await store.getItemStates('u2');
		await store.whenIdle();
		await mirrorsNow('a record set aside');
		await store.resetProgress();
		await mirrorsNow('a reset');
	});

	it('is gone once a change begins, and stays gone when the commit fails', async () => {
		let fail = false;
		const { storage, store } = await setup(() => fail);
		await store.recordAttempts([attempt(1)]);
		figuresChanged(storage); // a change begins (and, say, the tab dies before it lands)
		expect(storage.getItem(MIRROR)).toBeNull();
		await store.recordAttempts([attempt(2)]);
		expect(storage.getItem(MIRROR)).not.toBeNull();
		fail = true;
		await expect(store.recordAttempts([attempt(3)])).rejects.toThrow('disk gone');
		expect(storage.getItem(MIRROR)).toBeNull();
	});

	// IndexedDB then confirms the stamp (the figure stays), or disowns it: a change that moved no
	// generation, such as an older build's tab (the figure is taken back).
	it.each([
		['stays when IndexedDB confirms it', 'confirmed', ['counts'], shown.html],
		['is taken back when IndexedDB disowns it', 'written-by-an-older-build', [], null]
	] as const)(
		'lets the early script show a current figure before IndexedDB answers, and %s',
		async (_, idbStamp, names, after) => {
			const { storage, store, remember } = await setup();
			await store.recordAttempts([attempt(1)]);
			await remember();
			const run = earlyRun(storage);
			await settle();
			expect(run.shown()).toBe(shown.html);
			run.answer(idbStamp === 'confirmed' ? await store.getStamp() : idbStamp);
			expect(await run.names).toEqual(names);
			expect(run.shown()).toBe(after);
		}
	);

	it('is not trusted for another generation: then the script waits for IndexedDB', async () => {
		const { storage, store, remember } = await setup();
		await store.recordAttempts([attempt(1)]);
		// A tab that moves the generation without mirroring (an older build) commits, and the
		// page remembers its figures after that commit.
		storage.setItem(FIGURES_KEYS.generation, String(figuresGeneration(storage)! + 2));
		await remember();
		const run = earlyRun(storage);
		await settle();
		expect(run.shown()).toBeNull();
		run.answer(await store.getStamp());
		expect(await run.names).toEqual(['counts']);
		expect(run.shown()).toBe(shown.html);
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

	it('is the last instant every item is as mastered as now', async () => {
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
