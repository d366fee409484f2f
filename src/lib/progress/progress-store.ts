import { isAttempt, isItemState, isSavedFlow, isSettings } from './guards';
import type { KeyValueTable, TableName, Tables } from './tables';
import {
	DEFAULT_SETTINGS,
	type Attempt,
	type ItemState,
	type SavedFlow,
	type Settings,
	type StorageNotice
} from './types';

/** Bump when the stored shape changes, and add the step from the previous version below. */
export const SCHEMA_VERSION = 1;

/** Steps from version N to N+1, keyed by N. They run in order, once, before anything is read. */
export type Migrations = Record<number, (tables: Tables) => Promise<void>>;
export const MIGRATIONS: Migrations = {};

/** Thrown when the device refuses a write for lack of space; what was saved before is intact. */
export class StorageFullError extends Error {
	constructor(cause: unknown) {
		super('Storage is full', { cause });
		this.name = 'StorageFullError';
	}
}

/** Thrown when the stored data was written by a newer version of the app than this one. */
export class NewerSchemaError extends Error {
	constructor(readonly found: number) {
		super(`Stored progress has schema version ${found}, newer than ${SCHEMA_VERSION}`);
		this.name = 'NewerSchemaError';
	}
}

export interface StoreOptions {
	tables: Tables;
	/** False when running on the in-memory fallback: nothing survives the page. */
	persistent: boolean;
	onNotice?: (notice: StorageNotice) => void;
	schemaVersion?: number;
	migrations?: Migrations;
	now?: () => number;
	/**
	 * A small synchronous write-ahead journal (localStorage in the browser). An answer lands
	 * there in well under a millisecond, so feedback need not wait for an IndexedDB commit; the
	 * store then moves it into the history and applies `learn`, and only then forgets it. If the
	 * page dies first, the next open finishes the job. Without a journal, answers go straight
	 * to IndexedDB.
	 */
	journal?: AttemptJournal;
	/**
	 * What an answer does to the learning state (streak, notebook, schedule), given the
	 * `learn` payloads of stored answers. Runs inside the store's write queue, through `access`.
	 * Must be idempotent: after a crash the same answers may be applied again.
	 */
	learn?: (payloads: unknown[], access: LearningAccess) => Promise<void>;
}

/** One journaled answer: the attempt, and what `learn` needs to apply it (if anything). */
export interface JournalEntry {
	attempt: Attempt;
	learn?: unknown;
}

/** Synchronous storage for answers not yet in IndexedDB. `write` throws when it is full. */
export interface AttemptJournal {
	read(): unknown;
	write(entries: JournalEntry[]): void;
}

/** Item-state access for `learn`, already inside the write queue. */
export interface LearningAccess {
	getItemStates(unit: string): Promise<Record<string, ItemState>>;
	putItemStates(unit: string, states: readonly ItemState[]): Promise<void>;
}

function isQuotaError(error: unknown): boolean {
	if (!(error instanceof Error) && !(typeof error === 'object' && error !== null)) return false;
	const { name, code } = error as { name?: string; code?: number };
	return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

/** Attempts are grouped per UTC day: appends rewrite one small record, reads stay few. */
export function attemptDayKey(at: number): string {
	return new Date(at).toISOString().slice(0, 10);
}

export type ProgressStore = Awaited<ReturnType<typeof openProgressStore>>;

/**
 * The one module that reads and writes progress. Every record is checked on the way out;
 * one that fails is moved to the quarantine table and reported, never thrown at the UI.
 */
export async function openProgressStore(options: StoreOptions) {
	const {
		tables,
		persistent,
		onNotice = () => {},
		journal,
		learn,
		schemaVersion = SCHEMA_VERSION,
		migrations = MIGRATIONS,
		now = Date.now
	} = options;

	// Writes run one at a time: appending to a day's attempts is read-modify-write, and two
	// overlapping appends would otherwise drop one of them.
	let queue: Promise<unknown> = Promise.resolve();
	function serialised<T>(task: () => Promise<T>): Promise<T> {
		const run = queue.then(task, task);
		queue = run.catch(() => undefined);
		return run;
	}

	async function write<T>(table: KeyValueTable, key: string, value: T): Promise<void> {
		try {
			await table.setItem(key, value);
		} catch (error) {
			if (isQuotaError(error)) {
				onNotice({ kind: 'full' });
				throw new StorageFullError(error);
			}
			throw error;
		}
	}

	async function quarantine(table: TableName, key: string, value: unknown): Promise<void> {
		onNotice({ kind: 'corrupt', table, key });
		try {
			await tables.quarantine.setItem(`${table}/${key}/${now()}`, value);
			await tables[table].removeItem(key);
		} catch {
			// Setting aside failed (e.g. disk full): leave the record where it is, untouched.
		}
	}

	/** Read one record, quarantining it if it does not pass its guard. */
	async function readChecked<T>(
		table: TableName,
		key: string,
		guard: (v: unknown) => v is T
	): Promise<T | null> {
		let value: unknown;
		try {
			value = await tables[table].getItem(key);
		} catch {
			value = undefined; // unreadable (e.g. a structured-clone failure): treat as corrupt
		}
		if (value === null) return null;
		if (guard(value)) return value;
		await quarantine(table, key, value ?? null);
		return null;
	}

	/**
	 * Read a collection record (a day of attempts, a unit's item states), keeping the entries
	 * that pass and setting aside only the ones that do not: one bad answer must not hide a
	 * day of good ones.
	 */
	async function readSalvaged<T>(
		table: TableName,
		key: string,
		salvage: (v: unknown) => { kept: T; rejected: unknown[] } | null
	): Promise<T | null> {
		let value: unknown;
		try {
			value = await tables[table].getItem(key);
		} catch {
			value = undefined;
		}
		if (value === null) return null;
		const result = salvage(value);
		if (result === null) {
			await quarantine(table, key, value ?? null);
			return null;
		}
		if (result.rejected.length > 0) {
			await quarantine(table, key, result.rejected);
			await write(tables[table], key, result.kept);
		}
		return result.kept;
	}

	async function migrate(): Promise<void> {
		const stored = await tables.meta.getItem<unknown>('schemaVersion');
		let version = typeof stored === 'number' ? stored : 0;
		if (version > schemaVersion) throw new NewerSchemaError(version);
		// A fresh database has nothing to migrate: it starts at the current version.
		const isFresh = stored === null && (await tables.settings.keys()).length === 0;
		if (isFresh) version = schemaVersion;
		while (version < schemaVersion) {
			const step = migrations[version];
			if (step) await step(tables);
			version += 1;
			await write(tables.meta, 'schemaVersion', version);
		}
		if (isFresh) await write(tables.meta, 'schemaVersion', version);
	}

	/** Append to the day records: one read-modify-write per day; ids already there are skipped. */
	async function appendToDays(attempts: readonly Attempt[]): Promise<number> {
		const byDay = new Map<string, Attempt[]>();
		for (const attempt of attempts) {
			const key = attemptDayKey(attempt.at);
			const list = byDay.get(key);
			if (list) list.push(attempt);
			else byDay.set(key, [attempt]);
		}
		let added = 0;
		for (const [key, incoming] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
			const day = (await readSalvaged('attempts', key, salvageAttempts)) ?? [];
			const ids = new Set(day.map((a) => a.id));
			const before = day.length;
			for (const attempt of incoming) {
				if (ids.has(attempt.id)) continue;
				ids.add(attempt.id);
				day.push(attempt);
			}
			if (day.length === before) continue;
			await write(tables.attempts, key, day);
			added += day.length - before;
		}
		return added;
	}

	/** The journal's valid entries; anything unreadable in it is reported and dropped. */
	function readJournal(): JournalEntry[] {
		if (!journal) return [];
		let raw: unknown;
		try {
			raw = journal.read();
		} catch {
			onNotice({ kind: 'corrupt', table: 'journal', key: 'attempts' });
			return [];
		}
		if (raw === null || raw === undefined) return [];
		const entries: unknown[] = Array.isArray(raw) ? raw : [raw];
		const valid = entries.filter(
			(e): e is JournalEntry =>
				typeof e === 'object' && e !== null && isAttempt((e as JournalEntry).attempt)
		);
		if (valid.length !== entries.length)
			onNotice({ kind: 'corrupt', table: 'journal', key: 'attempts' });
		return valid;
	}

	const learningAccess: LearningAccess = {
		getItemStates: async (unit) => (await readSalvaged('items', unit, salvageItemStates)) ?? {},
		putItemStates: async (unit, states) => {
			if (states.length === 0) return;
			const map = (await readSalvaged('items', unit, salvageItemStates)) ?? {};
			for (const state of states) map[state.itemId] = state;
			await write(tables.items, unit, map);
		}
	};

	/** Store answers in the history and apply what they teach (inside the write queue). */
	async function storeAnswers(entries: readonly JournalEntry[]): Promise<void> {
		await appendToDays(entries.map((e) => e.attempt));
		const payloads = entries.flatMap((e) => (e.learn === undefined ? [] : [e.learn]));
		if (learn && payloads.length > 0) await learn(payloads, learningAccess);
	}

	/** Move journaled answers into the history, then forget exactly those (new ones may follow). */
	async function flushJournal(): Promise<void> {
		const pending = readJournal();
		if (pending.length === 0) return;
		await storeAnswers(pending);
		const done = new Set(pending.map((e) => e.attempt.id));
		journal?.write(readJournal().filter((e) => !done.has(e.attempt.id)));
	}

	await migrate();
	// Answers journaled just before the page died reach the history now.
	await serialised(flushJournal).catch(() => {});

	return {
		persistent,

		async getSettings(): Promise<Settings> {
			const stored = await readChecked('settings', 'settings', isSettings);
			return stored ?? structuredClone(DEFAULT_SETTINGS);
		},

		saveSettings(settings: Settings): Promise<void> {
			return serialised(() => write(tables.settings, 'settings', settings));
		},

		/**
		 * Append many attempts (an import, an exam submitted at once): one read-modify-write per
		 * day rather than per attempt. Ids already stored are skipped. Resolves to the number
		 * added. Days are written one after another: if one write fails (disk full) the days
		 * written before it stay, and calling again with the same list completes the rest.
		 */
		recordAttempts(attempts: readonly Attempt[]): Promise<number> {
			return serialised(() => appendToDays(attempts));
		},

		/**
		 * Record answers as fast as the device allows: into the journal synchronously when there
		 * is one (history and learning state follow in the write queue), else straight into the
		 * history. Resolves once the answers are safe from a reload or a closed tab.
		 */
		async appendAttempts(entries: readonly JournalEntry[]): Promise<void> {
			if (journal) {
				try {
					journal.write([...readJournal(), ...entries]);
					void serialised(flushJournal).catch(() => {});
					return;
				} catch {
					// Journal full or unavailable: the slower, always-available path below.
				}
			}
			await serialised(() => storeAnswers(entries));
		},

		async listAttempts(): Promise<Attempt[]> {
			const keys = (await tables.attempts.keys()).sort();
			const days = await Promise.all(keys.map((k) => readSalvaged('attempts', k, salvageAttempts)));
			const stored = days.flatMap((day) => day ?? []);
			// Answers still in the journal are part of the history too (once each).
			const ids = new Set(stored.map((a) => a.id));
			const journaled = readJournal().map((e) => e.attempt);
			return [...stored, ...journaled.filter((a) => !ids.has(a.id))];
		},

		async countAttempts(): Promise<number> {
			return (await this.listAttempts()).length;
		},

		/** Item states are grouped per unit, the unit a learner works through at a time. */
		async getItemStates(unit: string): Promise<Record<string, ItemState>> {
			return (await readSalvaged('items', unit, salvageItemStates)) ?? {};
		},

		async getAllItemStates(): Promise<Record<string, ItemState>> {
			const units = await tables.items.keys();
			const maps = await Promise.all(units.map((u) => readSalvaged('items', u, salvageItemStates)));
			return Object.assign({}, ...maps.map((m) => m ?? {}));
		},

		/** Item states keyed by unit, then item id: the stored grouping, for export and stats. */
		async getItemStatesByUnit(): Promise<Record<string, Record<string, ItemState>>> {
			const units = await tables.items.keys();
			const maps = await Promise.all(units.map((u) => readSalvaged('items', u, salvageItemStates)));
			const byUnit: Record<string, Record<string, ItemState>> = {};
			units.forEach((unit, i) => {
				if (maps[i]) byUnit[unit] = maps[i];
			});
			return byUnit;
		},

		/** Store several states of one unit in one write (others in the unit are kept). */
		putItemStates(unit: string, states: readonly ItemState[]): Promise<void> {
			return serialised(() => learningAccess.putItemStates(unit, states));
		},

		loadFlow(id: string): Promise<SavedFlow | null> {
			return readChecked('flows', id, isSavedFlow);
		},

		/**
		 * Not queued behind answers and learning state: a whole-record write that IndexedDB
		 * itself keeps in order, and the place in a quiz must be saved the moment it changes.
		 */
		saveFlow(flow: SavedFlow): Promise<void> {
			return write(tables.flows, flow.id, flow);
		},

		clearFlow(id: string): Promise<void> {
			return tables.flows.removeItem(id);
		},

		/** Resolves once every write queued so far has finished (or failed). */
		whenIdle(): Promise<void> {
			return serialised(async () => {});
		},

		async listQuarantined(): Promise<string[]> {
			return tables.quarantine.keys();
		},

		/** Forget all progress (settings stay). Only after the learner has confirmed. */
		resetProgress(): Promise<void> {
			return serialised(async () => {
				journal?.write([]);
				await Promise.all([tables.attempts.clear(), tables.items.clear(), tables.flows.clear()]);
			});
		}
	};
}

function salvageAttempts(v: unknown) {
	if (!Array.isArray(v)) return null;
	return { kept: v.filter(isAttempt), rejected: v.filter((a) => !isAttempt(a)) };
}

function salvageItemStates(v: unknown) {
	if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
	const kept: Record<string, ItemState> = {};
	const rejected: unknown[] = [];
	for (const [id, state] of Object.entries(v)) {
		if (isItemState(state) && state.itemId === id) kept[id] = state;
		else rejected.push(state);
	}
	return { kept, rejected };
}
