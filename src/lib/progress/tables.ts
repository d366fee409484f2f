import type { AttemptJournal } from './progress-store';

/**
 * The few operations the progress store needs from a key-value table. localforage
 * instances have exactly this shape; the in-memory driver below stands in for tests and for
 * browsers that block IndexedDB.
 */
export interface KeyValueTable {
	getItem<T>(key: string): Promise<T | null>;
	setItem<T>(key: string, value: T): Promise<T>;
	removeItem(key: string): Promise<void>;
	keys(): Promise<string[]>;
	clear(): Promise<void>;
}

export const TABLE_NAMES = [
	'meta',
	'settings',
	'attempts',
	'items',
	'flows',
	'quarantine',
	// The instructor's question sets (src/lib/sets/set-store.ts owns this table).
	'sets'
] as const;
export type TableName = (typeof TABLE_NAMES)[number];
export type Tables = Record<TableName, KeyValueTable>;

const DB_NAME = 'services-trade-academy';

export function createMemoryTable(): KeyValueTable {
	const data = new Map<string, unknown>();
	return {
		async getItem<T>(key: string) {
			// Clone so callers cannot mutate what is "stored", as with IndexedDB.
			return data.has(key) ? (structuredClone(data.get(key)) as T) : null;
		},
		async setItem<T>(key: string, value: T) {
			data.set(key, structuredClone(value));
			return value;
		},
		async removeItem(key: string) {
			data.delete(key);
		},
		async keys() {
			return [...data.keys()];
		},
		async clear() {
			data.clear();
		}
	};
}

export function createMemoryTables(): Tables {
	return Object.fromEntries(TABLE_NAMES.map((name) => [name, createMemoryTable()])) as Tables;
}

/**
 * IndexedDB tables through localforage, or null when the browser will not give us storage
 * (private mode, blocked site data). Imported lazily: prerendering and the first paint never
 * load it.
 */
export async function openBrowserTables(): Promise<Tables | null> {
	if (typeof indexedDB === 'undefined') return null;
	try {
		const { default: localforage } = await import('localforage');
		const instances = TABLE_NAMES.map((name) =>
			localforage.createInstance({ name: DB_NAME, storeName: name, driver: localforage.INDEXEDDB })
		);
		// One at a time: each new object store is a database version upgrade, and upgrades that
		// overlap with reads on the other tables can block each other forever.
		for (const instance of instances) await instance.ready();
		const tables = Object.fromEntries(
			TABLE_NAMES.map((name, i) => [name, instances[i]])
		) as unknown as Tables;
		// A probe write: some browsers open IndexedDB but refuse writes.
		await tables.meta.setItem('probe', Date.now());
		return tables;
	} catch {
		return null;
	}
}

/**
 * The write-ahead journal for answers (see `StoreOptions.journal`) in localStorage: synchronous,
 * so an answer is safe before its feedback without waiting for an IndexedDB commit. Undefined
 * where localStorage is blocked; the store then writes to IndexedDB directly.
 */
export function localStorageJournal(key = 'sta:journal'): AttemptJournal | undefined {
	try {
		localStorage.getItem(key);
	} catch {
		return undefined;
	}
	return {
		read: () => {
			const text = localStorage.getItem(key);
			return text === null ? null : JSON.parse(text);
		},
		write: (entries) => {
			if (entries.length === 0) localStorage.removeItem(key);
			else localStorage.setItem(key, JSON.stringify(entries));
		}
	};
}
