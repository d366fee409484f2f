import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openHostArchive } from '$lib/features/offline-classroom/host-archive';
import { openSets } from '$lib/features/sets/sets-state';
import { progress } from './progress.svelte';
import { createMemoryTables, type Tables } from './tables';

// The device's database with one unreadable record in the sets and the offline-session tables.
const tables: Tables = createMemoryTables();
vi.mock('./tables', async (original) => ({
	...(await original<typeof import('./tables')>()),
	openBrowserTables: async () => tables
}));

describe('stores beside progress report what they set aside to the app banner', () => {
	beforeAll(async () => {
		await tables.sets.setItem('torn', { name: 7 });
		await tables.offlineSessions.setItem('torn', 'not a session');
	});

	// Found by the integrity fuzz (figure 5): a corrupt set or offline session was moved to the
	// quarantine table, but every screen opened these stores without a notice callback, so the
	// instructor was never told.
	it.each([
		['sets', async () => (await openSets()).store.list()],
		['offlineSessions', async () => (await openHostArchive()).archive.list()]
	])('a corrupt %s record', async (table, read) => {
		await read();
		expect(progress.notices).toContainEqual(expect.objectContaining({ kind: 'corrupt', table }));
		expect((await tables.quarantine.keys()).some((k) => k.startsWith(`${table}/torn/`))).toBe(true);
	});
});
