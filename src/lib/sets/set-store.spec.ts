import { describe, expect, it } from 'vitest';
import { createMemoryTable } from '../progress/tables';
import type { StorageNotice } from '../progress/types';
import { StorageFullError } from '../progress/progress-store';
import {
	createSetStore,
	MAX_KEPT_REPORTS,
	moveEntry,
	SET_SCHEMA_VERSION,
	type KeptReport,
	type SetEntry
} from './set-store';
import { drillEntry, ownEntry } from './sets.fixtures';

const [own, drill] = [ownEntry, { ...drillEntry, seed: 7, count: 5 } as SetEntry];
const bank: SetEntry = { kind: 'bank', unit: 'modes-of-supply', id: 'modes-def-01' };

function setup() {
	const tables = { sets: createMemoryTable(), quarantine: createMemoryTable() };
	const notices: StorageNotice[] = [];
	let t = 1000;
	const store = createSetStore(tables, { onNotice: (n) => notices.push(n), now: () => ++t });
	return { tables, notices, store };
}

describe('set store', () => {
	it('creates, renames, duplicates, reorders and lists sets, newest change first', async () => {
		const { store } = setup();
		const a = await store.create('Week 1', [bank, own, drill]);
		const b = await store.create('Week 2');
		await store.rename(a.id, 'Week 1 — modes');
		const copy = await store.duplicate(a.id, 'Week 1 (copy)');
		expect(copy!.entries).toEqual(a.entries);
		expect(copy!.id).not.toBe(a.id);
		const reordered = await store.save({
			...(await store.get(a.id))!,
			entries: moveEntry(a.entries, 2, 0)
		});
		expect(reordered.entries.map((e) => e.kind)).toEqual(['drill', 'bank', 'own']);
		expect((await store.list()).map((s) => s.name)).toEqual([
			'Week 1 — modes',
			'Week 1 (copy)',
			'Week 2'
		]);
		expect(b.schema).toBe(SET_SCHEMA_VERSION);
	});

	it('deletes with undo: the removed set comes back unchanged', async () => {
		const { store } = setup();
		const a = await store.create('Homework', [own]);
		const removed = await store.remove(a.id);
		expect(await store.list()).toEqual([]);
		await store.restore(removed!);
		expect(await store.get(a.id)).toEqual(a);
	});

	it('quarantines a corrupt record on read, reports it, and keeps the others', async () => {
		const { store, tables, notices } = setup();
		const good = await store.create('Good', [bank]);
		const broken = {
			...good,
			id: 'set-broken',
			entries: [{ kind: 'own', item: { type: 'single' } }]
		};
		await tables.sets.setItem('set-broken', broken);
		await tables.sets.setItem('set-junk', 'not a set');
		expect((await store.list()).map((s) => s.id)).toEqual([good.id]);
		expect(notices).toEqual([
			{ kind: 'corrupt', table: 'sets', key: 'set-broken' },
			{ kind: 'corrupt', table: 'sets', key: 'set-junk' }
		]);
		expect((await tables.quarantine.keys()).sort()).toEqual([
			expect.stringMatching(/^sets\/set-broken\//),
			expect.stringMatching(/^sets\/set-junk\//)
		]);
		expect(await tables.sets.keys()).toEqual([good.id]);
	});

	it('refuses to store an invalid set and reports a full disk without losing the saved copy', async () => {
		const { store, tables, notices } = setup();
		const a = await store.create('Saved', [bank]);
		await expect(
			store.save({ ...a, entries: [{ kind: 'drill', drill: 'mode', seed: 1, count: 0 }] })
		).rejects.toThrow(TypeError);
		tables.sets.setItem = async () => {
			throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		};
		await expect(store.rename(a.id, 'New name')).rejects.toBeInstanceOf(StorageFullError);
		expect(notices).toContainEqual({ kind: 'full' });
		expect((await store.get(a.id))!.name).toBe('Saved');
	});

	it('keeps classroom reports with the set, newest first, one per session, not in copies', async () => {
		const { store, tables, notices } = setup();
		const set = await store.create('Week 3', [bank]);
		const kept = (roomId: string, savedAt: number): KeptReport => ({
			roomId,
			mode: 'live',
			savedAt,
			report: { questions: [], students: [], mostMissed: [] }
		});
		expect(await store.keepReport(set.id, kept('r1', 1))).toBe(true);
		expect(await store.keepReport(set.id, kept('r2', 2))).toBe(true);
		expect(await store.keepReport(set.id, kept('r1', 3))).toBe(true);
		const read = await store.get(set.id);
		expect(read!.reports!.map((r) => [r.roomId, r.savedAt])).toEqual([
			['r1', 3],
			['r2', 2]
		]);
		// Running a set does not count as changing it.
		expect(read!.updatedAt).toBe(set.updatedAt);
		expect((await store.duplicate(set.id, 'copy'))!.reports).toBeUndefined();
		// An edit saved from a copy read before the reports keeps them.
		await store.save({ ...set, name: 'Week 3 (edited)' });
		expect((await store.get(set.id))!.reports).toHaveLength(2);
		expect(await store.keepReport('set-gone', kept('r9', 9))).toBe(false);
		await expect(store.keepReport(set.id, { roomId: 'x' } as KeptReport)).rejects.toThrow(
			TypeError
		);
		for (let i = 0; i < MAX_KEPT_REPORTS + 5; i++) await store.keepReport(set.id, kept(`n${i}`, i));
		expect((await store.get(set.id))!.reports).toHaveLength(MAX_KEPT_REPORTS);
		// A damaged report is set aside alone: the set and its other reports stay.
		await tables.sets.setItem(set.id, {
			...read,
			reports: [{ roomId: 'r', report: 'x' }, kept('ok', 5)]
		});
		const repaired = await store.get(set.id);
		expect(repaired!.entries).toEqual([bank]);
		expect(repaired!.reports!.map((r) => r.roomId)).toEqual(['ok']);
		expect(notices.some((n) => n.kind === 'corrupt')).toBe(true);
		expect(
			(await tables.quarantine.keys()).some((k) => k.startsWith(`sets/${set.id}/reports/`))
		).toBe(true);
	});
});
