import { describe, expect, it } from 'vitest';
import {
	BACKUP_FORMAT,
	exportProgress,
	importProgress,
	parseBackup,
	serialiseBackup,
	type ProgressBackup
} from './backup';
import { openProgressStore, StorageFullError } from './progress-store';
import { scheduleReview } from './scheduler';
import { createMemoryTables } from './tables';
import { DEFAULT_SETTINGS, type Attempt, type ItemState } from './types';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1, 8);

function attempt(id: string, at: number, unit = 'u1'): Attempt {
	return {
		id,
		itemId: `${unit}-q`,
		unit,
		at,
		correct: true,
		fraction: 1,
		ms: 4000,
		flow: 'practice'
	};
}

function itemState(itemId: string, lastAt: number): ItemState {
	return {
		itemId,
		streak: 1,
		lastCorrect: true,
		lastAt,
		inMistakes: false,
		...scheduleReview(null, 'good', lastAt)
	};
}

async function open(tables = createMemoryTables()) {
	return openProgressStore({ tables, persistent: true });
}

async function storeWith(attempts: Attempt[], states: Record<string, ItemState[]>) {
	const store = await open();
	await store.recordAttempts(attempts);
	for (const [unit, list] of Object.entries(states)) await store.putItemStates(unit, list);
	return store;
}

describe('export', () => {
	it('writes settings, attempts, item states per unit and saved flows', async () => {
		const store = await storeWith([attempt('a1', T0), attempt('a2', T0 + DAY)], {
			u1: [itemState('u1-q', T0)]
		});
		await store.saveSettings({ ...DEFAULT_SETTINGS, theme: 'dark' });
		await store.saveFlow({ id: 'exam', kind: 'exam', savedAt: 1, snapshot: {}, input: {} });
		const backup = await exportProgress(store, T0 + 2 * DAY);
		expect(backup).toMatchObject({
			format: BACKUP_FORMAT,
			version: 2,
			exportedAt: T0 + 2 * DAY,
			settings: { theme: 'dark' }
		});
		expect(backup.attempts.map((a) => a.id)).toEqual(['a1', 'a2']);
		expect(Object.keys(backup.itemStates)).toEqual(['u1']);
		expect(backup.flows.map((f) => f.id)).toEqual(['exam']);
	});

	it('round-trips through text', async () => {
		const store = await storeWith([attempt('a1', T0)], { u1: [itemState('u1-q', T0)] });
		const backup = await exportProgress(store, T0);
		expect(parseBackup(serialiseBackup(backup))).toEqual({ ok: true, backup });
	});
});

describe('parseBackup', () => {
	const valid = (): ProgressBackup => ({
		format: BACKUP_FORMAT,
		version: 2,
		exportedAt: T0,
		settings: structuredClone(DEFAULT_SETTINGS),
		attempts: [attempt('a1', T0)],
		itemStates: { u1: { 'u1-q': itemState('u1-q', T0) } },
		flows: []
	});
	const parse = (value: unknown) => parseBackup(JSON.stringify(value));
	const errorOf = (value: unknown) => {
		const result = parse(value);
		return result.ok ? 'ok' : result.error;
	};

	it('accepts a valid file, and a version 1 file (no flows)', () => {
		expect(parse(valid()).ok).toBe(true);
		const v1: Record<string, unknown> = { ...valid(), version: 1 };
		delete v1.flows;
		expect(parse(v1)).toMatchObject({ ok: true, backup: { flows: [] } });
	});

	it('refuses a malformed or repeated saved flow', () => {
		const flow = { id: 'exam', kind: 'exam', savedAt: 1, snapshot: null, input: {} };
		expect(errorOf({ ...valid(), flows: {} })).toBe('malformed');
		expect(errorOf({ ...valid(), flows: [{ ...flow, kind: 'party' }] })).toBe('malformed');
		expect(errorOf({ ...valid(), flows: [flow, flow] })).toBe('malformed');
	});

	it('refuses text that is not JSON, or cut short', () => {
		expect(parseBackup('hello')).toMatchObject({ ok: false, error: 'not-json' });
		const text = serialiseBackup(valid());
		expect(parseBackup(text.slice(0, text.length - 10))).toMatchObject({ error: 'not-json' });
		expect(parseBackup('')).toMatchObject({ error: 'not-json' });
	});

	it('refuses another app’s file', () => {
		expect(errorOf({ ...valid(), format: 'anki-export' })).toBe('foreign');
		expect(errorOf({ attempts: [] })).toBe('foreign');
		expect(errorOf([1, 2])).toBe('foreign');
		expect(errorOf(null)).toBe('foreign');
	});

	it('refuses a newer version and says which', () => {
		expect(parse({ ...valid(), version: 3 })).toEqual({
			ok: false,
			error: 'newer-version',
			detail: 'version 3 is newer than 2'
		});
	});

	// Found by the integrity fuzz: a file with item states under a unit called "__proto__" was
	// accepted, and what it held vanished (the assignment set a prototype instead of an entry).
	it('refuses ids that are not a safe property name (__proto__), wherever they are keys', () => {
		const text = serialiseBackup(valid());
		const state = JSON.stringify(valid().itemStates.u1);
		const evilUnit = text.replace('"itemStates":{', `"itemStates":{"__proto__":${state},`);
		expect(parseBackup(evilUnit)).toMatchObject({ ok: false, error: 'malformed' });
		const evil = (change: (b: ProgressBackup) => void) => {
			const b = valid();
			change(b);
			return errorOf(b);
		};
		expect(evil((b) => (b.attempts[0].unit = '__proto__'))).toBe('malformed');
		expect(evil((b) => (b.attempts[0].itemId = '__proto__'))).toBe('malformed');
		const flow = { id: '__proto__', kind: 'exam' as const, savedAt: 1, snapshot: null, input: {} };
		expect(evil((b) => b.flows.push(flow))).toBe('malformed');
		// Names that only look risky are ordinary ids and stay.
		expect(evil((b) => (b.attempts[0].unit = 'constructor'))).toBe('ok');
	});

	it('refuses wrong types anywhere, naming the place', () => {
		const cases: [unknown, string][] = [
			[{ ...valid(), version: '1' }, 'version'],
			[{ ...valid(), version: 0 }, 'version'],
			[{ ...valid(), exportedAt: 'today' }, 'exportedAt'],
			[{ ...valid(), settings: { theme: 'purple' } }, 'settings'],
			[{ ...valid(), attempts: {} }, 'attempts'],
			[
				{ ...valid(), attempts: [attempt('a1', T0), { ...attempt('a2', T0), fraction: 2 }] },
				'attempts[1]'
			],
			[{ ...valid(), itemStates: [] }, 'itemStates'],
			[{ ...valid(), itemStates: { u1: 5 } }, 'itemStates["u1"]'],
			[{ ...valid(), itemStates: { u1: { x: itemState('y', T0) } } }, 'itemStates["u1"]["x"]'],
			[
				{ ...valid(), itemStates: { u1: { x: { ...itemState('x', T0), streak: 'two' } } } },
				'["x"]'
			],
			[
				{ ...valid(), itemStates: { u1: { x: { ...itemState('x', T0), schedule: { due: 1 } } } } },
				'["x"]'
			]
		];
		for (const [value, place] of cases) {
			const result = parse(value);
			expect(result.ok).toBe(false);
			if (!result.ok) {
				expect(result.error).toBe('malformed');
				expect(result.detail).toContain(place);
			}
		}
	});
});

describe('importProgress', () => {
	it('merges: attempts by id, the later item state, this device’s settings', async () => {
		const here = await storeWith([attempt('a1', T0), attempt('a2', T0 + DAY)], {
			u1: [itemState('x', T0 + 5 * DAY), itemState('y', T0)]
		});
		await here.saveSettings({ ...DEFAULT_SETTINGS, theme: 'dark' });
		const there = await storeWith(
			[attempt('a2', T0 + DAY), attempt('a3', T0 + DAY), attempt('a4', T0 + 9 * DAY, 'u2')],
			{ u1: [itemState('x', T0 + 4 * DAY), itemState('y', T0 + 3 * DAY)], u2: [itemState('z', T0)] }
		);
		await there.saveSettings({ ...DEFAULT_SETTINGS, theme: 'light' });
		const parsed = parseBackup(serialiseBackup(await exportProgress(there)));
		if (!parsed.ok) throw new Error(parsed.detail);

		expect(await importProgress(here, parsed.backup)).toEqual({
			attemptsAdded: 2,
			itemStatesUpdated: 2,
			flowsUpdated: 0
		});
		expect((await here.listAttempts()).map((a) => a.id).sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
		const states = await here.getItemStatesByUnit();
		expect(states.u1.x.lastAt).toBe(T0 + 5 * DAY);
		expect(states.u1.y.lastAt).toBe(T0 + 3 * DAY);
		expect(states.u2.z.lastAt).toBe(T0);
		expect((await here.getSettings()).theme).toBe('dark');

		// Importing the same file again changes nothing.
		expect(await importProgress(here, parsed.backup)).toEqual({
			attemptsAdded: 0,
			itemStatesUpdated: 0,
			flowsUpdated: 0
		});
		expect(await here.countAttempts()).toBe(4);
	});

	it('keeps item states whose ids are names an object inherits (constructor, toString…)', async () => {
		// Found by the integrity fuzz (seed 940949044, figure 3, #65): a state for "constructor"
		// was compared with Object.prototype.constructor, judged not newer and dropped.
		const ids = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
		const there = await storeWith([], { u1: ids.map((id) => itemState(id, T0)) });
		const parsed = parseBackup(serialiseBackup(await exportProgress(there)));
		if (!parsed.ok) throw new Error(parsed.detail);
		const here = await open();
		expect((await importProgress(here, parsed.backup)).itemStatesUpdated).toBe(ids.length);
		const states = (await here.getItemStatesByUnit()).u1;
		for (const id of ids) expect(Object.hasOwn(states, id) && states[id].lastAt).toBe(T0);
	});

	it('counts an id repeated in the file once', async () => {
		const store = await open();
		const backup = await exportProgress(await storeWith([], {}));
		backup.attempts = [attempt('a1', T0), attempt('a1', T0 + DAY)];
		expect((await importProgress(store, backup)).attemptsAdded).toBe(1);
		expect(await store.countAttempts()).toBe(1);
	});

	it('keeps everything saved when the disk fills midway, and a retry completes it', async () => {
		const tables = createMemoryTables();
		const store = await open(tables);
		await store.recordAttempts([attempt('old', T0)]);
		const backup = await exportProgress(
			await storeWith([attempt('a1', T0), attempt('a2', T0 + DAY), attempt('a3', T0 + 2 * DAY)], {
				u1: [itemState('x', T0)]
			})
		);
		const realSetItem = tables.attempts.setItem.bind(tables.attempts);
		let writes = 0;
		tables.attempts.setItem = async <T>(key: string, value: T) => {
			if (++writes === 2) throw new DOMException('full', 'QuotaExceededError');
			return realSetItem(key, value);
		};
		await expect(importProgress(store, backup)).rejects.toBeInstanceOf(StorageFullError);
		const ids = (await store.listAttempts()).map((a) => a.id);
		expect(ids).toEqual(['old', 'a1']);
		// The running summary agrees with what landed.
		expect(await store.countAttempts()).toBe(2);

		tables.attempts.setItem = realSetItem;
		expect(await importProgress(store, backup)).toEqual({
			attemptsAdded: 2,
			itemStatesUpdated: 1,
			flowsUpdated: 0
		});
		expect(await store.countAttempts()).toBe(4);
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['old', 'a1', 'a2', 'a3']);
	});

	it('gives back lesson progress after export → reset → import', async () => {
		const store = await open();
		const lesson = {
			id: 'lesson:modes-of-supply',
			kind: 'lesson' as const,
			machine: 'lesson',
			version: 1,
			savedAt: T0,
			snapshot: { status: 'active', value: 'summary', context: { sectionIndex: 4 } },
			input: { unit: 'modes-of-supply' }
		};
		await store.saveFlow(lesson);
		const text = serialiseBackup(await exportProgress(store));
		await store.resetProgress();
		expect(await store.loadFlow(lesson.id)).toBeNull();
		const parsed = parseBackup(text);
		if (!parsed.ok) throw new Error(parsed.detail);
		expect((await importProgress(store, parsed.backup)).flowsUpdated).toBe(1);
		expect(await store.loadFlow(lesson.id)).toEqual(lesson);
	});
});
