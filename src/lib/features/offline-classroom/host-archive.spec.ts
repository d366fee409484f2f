import { describe, expect, it } from 'vitest';
import { StorageFullError } from '$lib/progress/progress-store';
import { createMemoryTable } from '$lib/progress/tables';
import type { StorageNotice } from '$lib/progress/types';
import { ARCHIVE_SCHEMA_VERSION, createHostArchive } from './host-archive';
import { newHostState, type OfflineHostState } from './host-state';

function setup() {
	const tables = { offlineSessions: createMemoryTable(), quarantine: createMemoryTable() };
	const notices: StorageNotice[] = [];
	let t = 1000;
	const archive = createHostArchive(tables, { onNotice: (n) => notices.push(n), now: () => ++t });
	return { tables, notices, archive };
}

const state = (typed: string): OfflineHostState => ({
	...newHostState(`STAS${typed}`, typed, 3, 500),
	stage: 'report',
	collection: {
		results: [
			{
				studentId: '0a0b0c0d',
				nickname: '小明',
				answers: [{ response: { type: 'truefalse', value: true }, ms: 1200 }, null]
			}
		],
		pending: {}
	}
});

describe('offline session archive', () => {
	it('keeps every session with its results, newest change first; reopens the newest not ended', async () => {
		const { archive } = setup();
		await archive.save('aa01', state('AAAA'));
		await archive.save('bb02', state('BBBB'), true);
		expect((await archive.list()).map((s) => s.id)).toEqual(['bb02', 'aa01']);
		expect((await archive.current())?.id).toBe('aa01');
		const back = await archive.get('aa01');
		expect(back?.collection).toEqual(state('AAAA').collection);
		expect(back?.schema).toBe(ARCHIVE_SCHEMA_VERSION);
		// A change moves it to the top; ending it leaves nothing to reopen, but keeps it listed.
		await archive.save('aa01', state('AAAA'), true);
		expect((await archive.list()).map((s) => s.id)).toEqual(['aa01', 'bb02']);
		expect(await archive.current()).toBeNull();
		await archive.remove('bb02');
		expect((await archive.list()).map((s) => s.id)).toEqual(['aa01']);
	});

	it('sets a damaged record aside (quarantine) and reports it, listing the rest', async () => {
		const { archive, tables, notices } = setup();
		await archive.save('aa01', state('AAAA'));
		await tables.offlineSessions.setItem('bad', { schema: 1, id: 'bad', collection: 'x' });
		await tables.offlineSessions.setItem('newer', { ...state('C'), schema: 99 });
		expect((await archive.list()).map((s) => s.id)).toEqual(['aa01']);
		expect(notices).toEqual([
			{ kind: 'corrupt', table: 'offlineSessions', key: 'bad' },
			{ kind: 'corrupt', table: 'offlineSessions', key: 'newer' }
		]);
		expect(await tables.offlineSessions.keys()).toEqual(['aa01']);
		expect(await tables.quarantine.keys()).toHaveLength(2);
	});

	it('reports a full disk and keeps the record saved before', async () => {
		const { archive, tables, notices } = setup();
		await archive.save('aa01', state('AAAA'));
		tables.offlineSessions.setItem = () =>
			Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
		const more = state('AAAA');
		more.collection = { results: [], pending: {} };
		await expect(archive.save('aa01', more)).rejects.toBeInstanceOf(StorageFullError);
		expect(notices).toContainEqual({ kind: 'full' });
		expect((await archive.get('aa01'))?.collection.results).toHaveLength(1);
		// A later write still runs (the queue is not stuck on the failure).
		await expect(archive.remove('aa01')).resolves.toBeUndefined();
	});
});
