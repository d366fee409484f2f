/**
 * Every offline classroom session run on this device, with the results collected so far, in the
 * `offlineSessions` table of the progress database (IndexedDB; `src/lib/progress/tables.ts`),
 * following the set store's conventions: each record carries its schema version and is migrated
 * on read; a record that fails its check is moved to the quarantine table and reported, never
 * thrown at the UI; a full disk is a `StorageFullError` with what was saved before intact.
 *
 * A record is written on every change (a result scanned, the projector moved on), so closing
 * the tab or the laptop lid loses nothing; ended sessions stay, to reopen their report.
 * Key: the session id (the session key in hex), so a session has one record whatever happens.
 */
import { StorageFullError } from '$lib/progress/progress-store';
import {
	createMemoryTables,
	openBrowserTables,
	type KeyValueTable,
	type Tables
} from '$lib/progress/tables';
import { reportStorageNotice } from '$lib/progress/progress.svelte';
import type { StorageNotice } from '$lib/progress/types';
import type { OfflineHostState } from './host-state';

/** Bump when the stored shape changes, and add the step from the previous version. */
export const ARCHIVE_SCHEMA_VERSION = 1;
const MIGRATIONS: Record<number, (record: Record<string, unknown>) => Record<string, unknown>> = {};

export interface ArchivedSession extends OfflineHostState {
	schema: number;
	/** The session key in hex: also the record key. */
	id: string;
	/** Last change, ms since the epoch: the list is newest first. */
	updatedAt: number;
	/** The instructor ended it: listed under past sessions, not reopened on its own. */
	ended: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** The guard applied to every record read back (the collection's results as the collector keeps them). */
export function isArchivedSession(v: unknown): v is ArchivedSession {
	if (!isObject(v) || v.schema !== ARCHIVE_SCHEMA_VERSION) return false;
	const collection = v.collection as Record<string, unknown> | undefined;
	const pacing = v.pacing as Record<string, unknown> | undefined;
	return (
		typeof v.id === 'string' &&
		/^[0-9a-f]+$/.test(v.id) &&
		typeof v.sessionCode === 'string' &&
		typeof v.typedCode === 'string' &&
		(v.expected === null || Number.isInteger(v.expected)) &&
		(v.stage === 'projector' || v.stage === 'collect' || v.stage === 'report') &&
		isObject(pacing) &&
		Number.isInteger(pacing.index) &&
		Number.isFinite(pacing.startedAt) &&
		isObject(collection) &&
		Array.isArray(collection.results) &&
		collection.results.every(
			(r) =>
				isObject(r) &&
				typeof r.studentId === 'string' &&
				typeof r.nickname === 'string' &&
				Array.isArray(r.answers)
		) &&
		isObject(collection.pending) &&
		Number.isFinite(v.createdAt) &&
		Number.isFinite(v.updatedAt) &&
		typeof v.ended === 'boolean'
	);
}

function isQuotaError(error: unknown): boolean {
	const { name, code } = (error ?? {}) as { name?: string; code?: number };
	return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

export type HostArchive = ReturnType<typeof createHostArchive>;

/** The archive over the progress database's tables. Writes run one at a time, in order. */
export function createHostArchive(
	tables: Pick<Tables, 'offlineSessions' | 'quarantine'>,
	options: { onNotice?: (notice: StorageNotice) => void; now?: () => number } = {}
) {
	const { onNotice = () => {}, now = Date.now } = options;
	const table: KeyValueTable = tables.offlineSessions;
	let queue: Promise<unknown> = Promise.resolve();
	const serialised = <T>(task: () => Promise<T>): Promise<T> => {
		const run = queue.then(task, task);
		queue = run.catch(() => undefined);
		return run;
	};

	async function quarantine(key: string, value: unknown): Promise<void> {
		onNotice({ kind: 'corrupt', table: 'offlineSessions', key });
		try {
			await tables.quarantine.setItem(`offlineSessions/${key}/${now()}`, value);
			await table.removeItem(key);
		} catch {
			// Setting aside failed (e.g. disk full): leave the record where it is, untouched.
		}
	}

	async function read(key: string): Promise<ArchivedSession | null> {
		let value: unknown;
		try {
			value = await table.getItem(key);
		} catch {
			value = undefined;
		}
		if (value === null) return null;
		let record = value;
		if (isObject(record) && typeof record.schema === 'number')
			for (let v = record.schema; v < ARCHIVE_SCHEMA_VERSION && MIGRATIONS[v]; v++)
				record = { ...MIGRATIONS[v](record as Record<string, unknown>), schema: v + 1 };
		if (isArchivedSession(record)) return record;
		await quarantine(key, value ?? null);
		return null;
	}

	return {
		/** Every readable session, most recently changed first. */
		async list(): Promise<ArchivedSession[]> {
			const sessions = (await Promise.all((await table.keys()).map(read))).filter(
				(s): s is ArchivedSession => s !== null
			);
			return sessions.sort((a, b) => b.updatedAt - a.updatedAt);
		},
		get: read,
		/** The session to come back to on opening the page: the newest one not ended. */
		async current(): Promise<ArchivedSession | null> {
			return (await this.list()).find((s) => !s.ended) ?? null;
		},
		/**
		 * Stores the session's state under `id` (replacing the previous one). Rejects with
		 * `StorageFullError` on a full disk, the record before it intact.
		 */
		save(id: string, state: OfflineHostState, ended = false): Promise<ArchivedSession> {
			const record: ArchivedSession = {
				...state,
				schema: ARCHIVE_SCHEMA_VERSION,
				id,
				updatedAt: now(),
				ended
			};
			if (!isArchivedSession(record)) return Promise.reject(new TypeError('not a session'));
			return serialised(async () => {
				try {
					await table.setItem(id, record);
				} catch (error) {
					if (isQuotaError(error)) {
						onNotice({ kind: 'full' });
						throw new StorageFullError(error);
					}
					throw error;
				}
				return record;
			});
		},
		remove(id: string): Promise<void> {
			return serialised(() => table.removeItem(id));
		}
	};
}

let opened: Promise<{ archive: HostArchive; persistent: boolean }> | null = null;

/**
 * The archive on this device's progress database, opened once per page; in memory (and
 * `persistent` false, which the page says) where the browser blocks storage, as in some
 * in-app browsers and private windows.
 */
export function openHostArchive(
	// The app's banner unless told otherwise: a record set aside is never set aside silently.
	onNotice: (notice: StorageNotice) => void = reportStorageNotice
): Promise<{ archive: HostArchive; persistent: boolean }> {
	opened ??= (async () => {
		const tables = await openBrowserTables();
		return {
			archive: createHostArchive(tables ?? createMemoryTables(), { onNotice }),
			persistent: tables !== null
		};
	})();
	return opened;
}
