import { afterNextPaint } from '$lib/scheduling/after-paint';
import { localStorageJournal } from './journal';
import { figuresChanged } from './known-figures';
import { openProgressStore, type ProgressStore } from './progress-store';
import { createMemoryTables, indexedDbCommit, openBrowserTables, webLock } from './tables';
import type { StorageNotice } from './types';

/**
 * The progress store wired as the app runs it in a browser: IndexedDB tables (or the in-memory
 * fallback where the browser gives no storage), the localStorage journal flushed to IndexedDB after
 * the next paint (the answer's feedback comes first; the journal holds the answer meanwhile), one
 * IndexedDB transaction per write and the cross-tab Web Lock. One home for this wiring
 * (`progress.svelte.ts` opens it; scripts that drive the real store can too).
 */
export async function openAppStore(
	onNotice: (notice: StorageNotice) => void,
	onLockWait?: (granted: Promise<void>) => void
): Promise<ProgressStore> {
	const browserTables = await openBrowserTables();
	return openProgressStore({
		tables: browserTables ?? createMemoryTables(),
		persistent: browserTables !== null,
		onNotice,
		journal: browserTables ? localStorageJournal() : undefined,
		scheduleFlush: afterNextPaint,
		// Shared by every tab: one transaction per write, one writer at a time.
		commit: browserTables ? indexedDbCommit() : undefined,
		lock: browserTables ? webLock(undefined, onLockWait) : undefined,
		// The figures a page remembers (known-figures.ts) are of this database: none outlives a change.
		onChange: browserTables ? (landed) => figuresChanged(undefined, landed) : undefined,
		// Loaded on the first answer, not with the home screen: the scheduler is heavy.
		learn: async (payloads, access) =>
			(await import('./learn-hook')).applyLearning(payloads, access)
	});
}
