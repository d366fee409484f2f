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
	'sets',
	// Offline classroom sessions run on this device, with their results
	// (src/lib/features/offline-classroom/host-archive.ts owns this table).
	'offlineSessions'
] as const;
export type TableName = (typeof TABLE_NAMES)[number];
export type Tables = Record<TableName, KeyValueTable>;

/** One record written (or removed) as part of an atomic {@link Commit}. */
export type Write =
	| { table: TableName; key: string; value: unknown }
	| { table: TableName; key: string; remove: true };

/**
 * Writes several records of several tables as one: all land or none does (one IndexedDB
 * transaction). Rejects with the transaction's error (e.g. `QuotaExceededError`).
 */
export type Commit = (writes: readonly Write[]) => Promise<void>;

/**
 * Runs `task` while holding the progress write lock, shared by every tab, window and installed
 * app of the origin, so a read-modify-write of a shared record never interleaves with another.
 */
export type Lock = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Record by record, in order: for the in-memory tables (one page, nothing to tear) and as the
 * fallback where IndexedDB cannot be opened directly. Not atomic.
 */
export function sequentialCommit(tables: Tables): Commit {
	return async (writes) => {
		for (const w of writes) {
			if ('remove' in w) await tables[w.table].removeItem(w.key);
			else await tables[w.table].setItem(w.key, w.value);
		}
	};
}

/** A lock for one page only: enough where there is a single writer (tests, memory fallback). */
export function pageLock(): Lock {
	let queue: Promise<unknown> = Promise.resolve();
	return (task) => {
		const run = queue.then(task, task);
		queue = run.catch(() => undefined);
		return run;
	};
}

/**
 * The Web Locks API lock named `name` (exclusive), or a page-only lock where the browser has no
 * `navigator.locks` (then only one tab can be trusted to write; all current browsers have it).
 * `onWait(granted)` is called with each request's wait for the grant (not the task): another
 * tab may hold the lock for long, and the caller tells the learner (see `watchSlow`).
 */
export function webLock(name = 'sta:progress', onWait?: (granted: Promise<void>) => void): Lock {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	if (!locks) return pageLock();
	return (task) => {
		let grant = () => {};
		onWait?.(new Promise<void>((resolve) => (grant = resolve)));
		const run = locks.request(name, () => {
			grant();
			return task();
		});
		// A request that fails before the grant (e.g. an aborted document) ends the wait too.
		run.catch(() => grant());
		return run;
	};
}

/** The app's IndexedDB database: one object store per table. */
export const DB_NAME = 'services-trade-academy';

/**
 * Meta key of the data's stamp: a new random value written in the same IndexedDB transaction as
 * every commit of the progress store, and after every change made outside one (a migration step,
 * a reset, a record set aside; removed while such a change is under way). A page's remembered
 * figures carry the stamp they were read at and are shown before the app starts only while it is
 * still the stored one (`known-figures.ts`, `early-figures.ts`), whatever tab, build or backup
 * import changed the data since.
 */
export const STAMP_KEY = 'figures-stamp';

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
	try {
		// Blocked site data: reading `indexedDB` itself may throw (a SecurityError), not only open.
		if (typeof indexedDB === 'undefined' || !indexedDB) return null;
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
 * The atomic {@link Commit} on the app's IndexedDB database, opened directly (localforage has no
 * multi-store transactions). Same database and object stores as localforage's tables, which store
 * values as they are, so both read what the other wrote. The connection closes itself when another
 * tab upgrades the database and reopens on the next commit.
 */
export function indexedDbCommit(dbName = DB_NAME): Commit {
	let db: Promise<IDBDatabase> | null = null;
	const connect = () =>
		new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(dbName);
			request.onsuccess = () => {
				const connection = request.result;
				connection.onversionchange = () => {
					connection.close();
					db = null;
				};
				resolve(connection);
			};
			request.onerror = () => reject(request.error);
			request.onblocked = () => reject(new Error('IndexedDB open blocked'));
		});
	return async (writes) => {
		if (writes.length === 0) return;
		db ??= connect().catch((error) => {
			db = null;
			throw error;
		});
		const connection = await db;
		const names = [...new Set(writes.map((w) => w.table))];
		await new Promise<void>((resolve, reject) => {
			const tx = connection.transaction(names, 'readwrite');
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
			for (const w of writes) {
				const store = tx.objectStore(w.table);
				if ('remove' in w) store.delete(w.key);
				else store.put(w.value, w.key);
			}
		});
	};
}
