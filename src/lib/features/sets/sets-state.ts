/**
 * Opens the set store on this device's progress database (or in memory where the browser blocks
 * storage) once per page, shared by the sets screens, the print page and the setup pickers.
 */
import { createMemoryTables, openBrowserTables } from '$lib/progress/tables';
import { reportStorageNotice } from '$lib/progress/progress.svelte';
import type { StorageNotice } from '$lib/progress/types';
import type { SetStore } from '$lib/sets/set-store';

let opened: Promise<{ store: SetStore; persistent: boolean }> | null = null;
let tablesOpened: ReturnType<typeof openBrowserTables> | null = null;
const tables = () => (tablesOpened ??= openBrowserTables());

/**
 * Whether this device keeps any question set, without loading the set store: its record checks
 * (zod schemas) are about 100 KB of script, a long task at a phone's CPU, which the Practice
 * page's set card skips for the many learners who have none (issue #14). False where the
 * browser gives no storage (nothing kept) or reading fails (the store would find nothing either).
 */
export async function hasSets(): Promise<boolean> {
	try {
		return ((await (await tables())?.sets.keys()) ?? []).length > 0;
	} catch {
		return false;
	}
}

export function openSets(
	// The app's banner unless told otherwise: a record set aside is never set aside silently.
	onNotice: (notice: StorageNotice) => void = reportStorageNotice
): Promise<{ store: SetStore; persistent: boolean }> {
	opened ??= (async () => {
		const [opened, { createSetStore }] = await Promise.all([
			tables(),
			import('$lib/sets/set-store')
		]);
		return {
			store: createSetStore(opened ?? createMemoryTables(), { onNotice }),
			persistent: opened !== null
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
