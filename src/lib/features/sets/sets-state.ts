/**
 * Opens the set store on this device's progress database (or in memory where the browser blocks
 * storage) once per page, shared by the sets screens, the print page and the setup pickers.
 */
import { createMemoryTables, openBrowserTables } from '$lib/progress/tables';
import { reportStorageNotice } from '$lib/progress/progress.svelte';
import type { StorageNotice } from '$lib/progress/types';
import { createSetStore, type SetStore } from '$lib/sets/set-store';

let opened: Promise<{ store: SetStore; persistent: boolean }> | null = null;

export function openSets(
	// The app's banner unless told otherwise: a record set aside is never set aside silently.
	onNotice: (notice: StorageNotice) => void = reportStorageNotice
): Promise<{ store: SetStore; persistent: boolean }> {
	opened ??= (async () => {
		const tables = await openBrowserTables();
		return {
			store: createSetStore(tables ?? createMemoryTables(), { onNotice }),
			persistent: tables !== null
		};
	})();
	return opened;
}

/** Saves bytes as a download named `name`. */
export function download(name: string, data: Blob | string, type = 'text/plain;charset=utf-8') {
	const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
