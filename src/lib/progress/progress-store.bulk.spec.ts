import { describe, expect, it } from 'vitest';
import { openProgressStore, StorageFullError } from './progress-store';
import { createMemoryTables } from './tables';
import type { Attempt, ItemState, StorageNotice } from './types';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 27, 8);

function attempt(n: number, at = T0 + n * 1000): Attempt {
	return {
		id: `a${n}`,
		itemId: `item-${n}`,
		unit: 'modes-of-supply',
		at,
		correct: true,
		fraction: 1,
		ms: 1000,
		flow: 'practice'
	};
}

const state = (itemId: string, lastAt = 1): ItemState => ({
	itemId,
	streak: 1,
	lastCorrect: true,
	lastAt,
	due: null
});

async function open(tables = createMemoryTables()) {
	const notices: StorageNotice[] = [];
	const store = await openProgressStore({
		tables,
		persistent: true,
		onNotice: (n) => notices.push(n)
	});
	return { store, tables, notices };
}

describe('progress store: bulk writes', () => {
	it('records many attempts with one write per day, skipping ids already stored', async () => {
		const { store, tables } = await open();
		await store.recordAttempts([attempt(0)]);
		let writes = 0;
		const setItem = tables.attempts.setItem.bind(tables.attempts);
		tables.attempts.setItem = async <T>(key: string, value: T) => {
			writes++;
			return setItem(key, value);
		};
		const list = [
			attempt(0),
			attempt(1),
			attempt(2),
			attempt(3, T0 + DAY),
			attempt(4, T0 + 2 * DAY)
		];
		expect(await store.recordAttempts(list)).toBe(4);
		expect(writes).toBe(3);
		expect(await store.countAttempts()).toBe(5);
		expect(await store.recordAttempts(list)).toBe(0);
		expect(writes).toBe(3);
	});

	it('loses nothing when single and bulk appends overlap', async () => {
		const { store } = await open();
		await Promise.all([
			store.recordAttempts([attempt(1), attempt(2)]),
			store.recordAttempts([attempt(3)]),
			store.recordAttempts([attempt(4), attempt(2)])
		]);
		expect((await store.listAttempts()).map((a) => a.id).sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
	});

	it('keeps the days written before a full disk', async () => {
		const { store, tables, notices } = await open();
		const setItem = tables.attempts.setItem.bind(tables.attempts);
		tables.attempts.setItem = async <T>(key: string, value: T) => {
			if (key === '2026-11-28') throw new DOMException('full', 'QuotaExceededError');
			return setItem(key, value);
		};
		await expect(
			store.recordAttempts([attempt(1), attempt(2, T0 + DAY), attempt(3, T0 + 2 * DAY)])
		).rejects.toBeInstanceOf(StorageFullError);
		expect(notices).toEqual([{ kind: 'full' }]);
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['a1']);
	});

	it('puts several item states of a unit at once, keeping the others', async () => {
		const { store } = await open();
		await store.putItemStates('u1', [state('x1')]);
		await store.putItemStates('u1', [state('x2'), state('x3')]);
		await store.putItemStates('u2', [state('y1')]);
		await store.putItemStates('u3', []);
		const byUnit = await store.getItemStatesByUnit();
		expect(Object.keys(byUnit).sort()).toEqual(['u1', 'u2']);
		expect(Object.keys(byUnit.u1).sort()).toEqual(['x1', 'x2', 'x3']);
		expect(byUnit.u2.y1).toEqual(state('y1'));
	});

	it('keeps the inMistakes flag through the guard and drops a wrong one', async () => {
		const { store, tables } = await open();
		await store.putItemStates('u1', [{ ...state('x1'), inMistakes: true }]);
		expect((await store.getItemStates('u1')).x1.inMistakes).toBe(true);
		await tables.items.setItem('u1', { x1: { ...state('x1'), inMistakes: 'yes' } });
		expect(await store.getItemStates('u1')).toEqual({});
	});
});
