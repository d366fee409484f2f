import { localStorageJournal } from './journal';
import { openProgressStore, type ProgressStore } from './progress-store';
import { createMemoryTables, indexedDbCommit, openBrowserTables, webLock } from './tables';
import type { StorageNotice } from './types';

/**
 * The progress store wired as the app runs it in a browser: IndexedDB tables (or the in-memory
 * fallback where the browser gives no storage), the localStorage journal, one IndexedDB
 * transaction per write and the cross-tab Web Lock. One home for this wiring: the app
 * (`progress.svelte.ts`) and the integrity fuzz (`scripts/fuzz-integrity.ts`) both open it here.
 */
export async function openAppStore(
	onNotice: (notice: StorageNotice) => void
): Promise<ProgressStore> {
	const browserTables = await openBrowserTables();
	return openProgressStore({
		tables: browserTables ?? createMemoryTables(),
		persistent: browserTables !== null,
		onNotice,
		journal: browserTables ? localStorageJournal() : undefined,
		// Shared by every tab: one transaction per write, one writer at a time.
		commit: browserTables ? indexedDbCommit() : undefined,
		lock: browserTables ? webLock() : undefined,
		// Loaded on the first answer, not with the home screen: the scheduler is heavy.
		learn: async (payloads, access) =>
			(await import('./learn-hook')).applyLearning(payloads, access)
	});
}
