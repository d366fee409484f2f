import { isAttempt, isItemState, isSavedFlow, isSettings } from './guards';
import type { AttemptJournal, JournalEntry } from './journal';
import {
	addToHistory,
	deviceOffsetAt,
	digestUnit,
	emptyHistory,
	isHistorySummary,
	isItemDigests,
	type HistorySummary,
	type ItemDigests
} from './summary';
import {
	pageLock,
	sequentialCommit,
	STAMP_KEY,
	type Commit,
	type KeyValueTable,
	type Lock,
	type TableName,
	type Tables,
	type Write
} from './tables';
import {
	DEFAULT_SETTINGS,
	type Attempt,
	type ItemState,
	type SavedFlow,
	type Settings,
	type StorageNotice
} from './types';

export type { AttemptJournal, JournalEntry } from './journal';

/** Bump when the stored shape changes, and add the step from the previous version below. */
export const SCHEMA_VERSION = 3;

/** What a migration step may need besides the tables. */
export interface MigrationContext {
	/** The device zone's UTC offset at an instant (minutes east of UTC). */
	offsetAt: (at: number) => number;
}

/** Steps from version N to N+1, keyed by N. They run in order, once, before anything is read. */
export type Migrations = Record<
	number,
	(tables: Tables, context: MigrationContext) => Promise<void>
>;

export const MIGRATIONS: Migrations = {
	/**
	 * 1 → 2: attempts gain `tz`, the offset they were given in. Old answers get the offset this
	 * device's zone had at that instant, which is right for everyone who did not travel and is
	 * DST-correct; the running aggregates (meta `summary`, `digest/<unit>`) are built on first read.
	 */
	1: async (tables, { offsetAt }) => {
		for (const key of await tables.attempts.keys()) {
			const day = await tables.attempts.getItem<unknown>(key);
			if (!Array.isArray(day)) continue; // corrupt: the guard sets it aside on first read
			let changed = false;
			const next = day.map((a: unknown) => {
				if (!isAttempt(a) || a.tz !== undefined) return a;
				changed = true;
				return { ...a, tz: offsetAt(a.at) };
			});
			if (changed) await tables.attempts.setItem(key, next);
		}
	},
	/**
	 * 2 → 3: every unit's digest columns live in one record (meta `digests`, with a new mastery
	 * column) instead of one `digest/<unit>` record each, so a page reads them with one get. The
	 * old records are dropped here (a quick key scan); the new one is built from the item states
	 * on first read, under the write lock (see `readDigests`). An app of version 2 refuses this
	 * data (`NewerSchemaError`) rather than writing states the new record would not see.
	 */
	2: async (tables) => {
		for (const key of await tables.meta.keys())
			if (key.startsWith(LEGACY_DIGEST_PREFIX)) await tables.meta.removeItem(key);
	}
};

/** Meta keys of the running aggregates (see `summary.ts`). */
const SUMMARY_KEY = 'summary';
const DIGESTS_KEY = 'digests';
/** Schema 2's per-unit digest records, replaced by {@link DIGESTS_KEY}. */
const LEGACY_DIGEST_PREFIX = 'digest/';

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
	/** Writes several records as one (an IndexedDB transaction). Default: record by record. */
	commit?: Commit;
	/** The cross-tab write lock (Web Locks in the browser). Default: this page only. */
	lock?: Lock;
	/** For migrating attempts recorded without an offset. Default: this device's zone. */
	offsetAt?: (at: number) => number;
	/**
	 * A small synchronous write-ahead journal (localStorage in the browser). An answer lands
	 * there in well under a millisecond, so feedback need not wait for an IndexedDB commit; the
	 * store then moves it into the history and applies `learn`, and only then forgets it. If the
	 * page dies first, the next open finishes the job. Without a journal, answers go straight
	 * to IndexedDB.
	 */
	journal?: AttemptJournal;
	/**
	 * When journaled answers move on into IndexedDB (default: at once). The app passes
	 * `afterNextPaint`, so the move (a journal scan, a transaction, the scheduler) runs after
	 * the frame that shows the verdict; the answer is safe in the journal meanwhile.
	 */
	scheduleFlush?: (work: () => void) => unknown;
	/**
	 * What an answer does to the learning state (streak, notebook, schedule), given the
	 * `learn` payloads of stored answers. Runs inside the store's write queue, through `access`.
	 * Must be idempotent: after a crash the same answers may be applied again.
	 */
	learn?: (payloads: unknown[], access: LearningAccess) => Promise<void>;
	/**
	 * Called before and after every change to the progress records (a commit, a reset, a record
	 * set aside, a migration), whether or not it lands: the app moves the generation of its
	 * remembered figures (`known-figures.ts`), so none computed before the change is shown after.
	 * `landed`: given only after a commit that landed, the stamp ({@link STAMP_KEY}) it wrote.
	 */
	onChange?: (landed?: string) => void;
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

/** A value for {@link STAMP_KEY} that no earlier change wrote (secure context not needed). */
export function newStamp(): string {
	return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export type ProgressStore = Awaited<ReturnType<typeof openProgressStore>>;

/** Item states, then the aggregates, for one unit: what the learner's pages read. */
export type ItemStatesByUnit = Record<string, Record<string, ItemState>>;

/**
 * Reads and writes of one write transaction: reads see the transaction's own writes; the writes
 * land together (one {@link Commit}) when the work is done, or not at all.
 */
interface WriteTransaction {
	read<T>(table: TableName, key: string, salvage: Salvage<T>): Promise<T | null>;
	put(table: TableName, key: string, value: unknown): void;
	/** The history summary as committed before this transaction, ready to be added to. */
	history(): Promise<HistorySummary>;
}

/** A stored value and the data's stamp read just before it (`ProgressStore.getStamp`). */
export interface Stamped<T> {
	value: T;
	stampBefore: string | null;
}

/** The aggregate records, removed together by a reset. */
const AGGREGATE_KEYS = [SUMMARY_KEY, DIGESTS_KEY];

type Salvage<T> = (v: unknown) => { kept: T; rejected: unknown[] } | null;

/**
 * The one module that reads and writes progress. Every record is checked on the way out;
 * one that fails is moved to the quarantine table and reported, never thrown at the UI.
 *
 * Many tabs, one truth: every read-modify-write of a shared record (a day of attempts, a unit's
 * item states, the running aggregates) runs inside the cross-tab {@link Lock} and lands in one
 * atomic {@link Commit}, so two tabs answering at the same instant both keep their answers and the
 * aggregates never disagree with the records they summarise.
 */
export async function openProgressStore(options: StoreOptions) {
	const {
		tables,
		persistent,
		onNotice = () => {},
		journal,
		scheduleFlush = (work: () => void) => work(),
		learn,
		onChange = () => {},
		schemaVersion = SCHEMA_VERSION,
		migrations = MIGRATIONS,
		now = Date.now,
		commit = sequentialCommit(tables),
		lock = pageLock(),
		offsetAt = deviceOffsetAt
	} = options;

	// This tab's writes, one at a time and in order; the lock then orders them with other tabs'.
	let queue: Promise<unknown> = Promise.resolve();
	function serialised<T>(task: () => Promise<T>): Promise<T> {
		const locked = () => lock(task);
		const run = queue.then(locked, locked);
		queue = run.catch(() => undefined);
		return run;
	}

	function storageError(error: unknown): unknown {
		if (isQuotaError(error)) {
			onNotice({ kind: 'full' });
			return new StorageFullError(error);
		}
		return error;
	}

	async function write<T>(table: KeyValueTable, key: string, value: T): Promise<void> {
		try {
			await table.setItem(key, value);
		} catch (error) {
			throw storageError(error);
		}
	}

	async function commitChecked(writes: readonly Write[]): Promise<void> {
		try {
			await commit(writes);
		} catch (error) {
			throw storageError(error);
		}
	}

	/** Commits of this tab so far: a read started before the latest one may not include it. */
	let commits = 0;

	/**
	 * Run a change that is not one atomic commit: the stamp is removed first (figures read while
	 * it runs are never remembered) and a new one written once it is over, landed or not; then
	 * the after-change `onChange`, with that stamp if it was written.
	 */
	async function restamped<T>(change: () => Promise<T>): Promise<T> {
		await tables.meta.removeItem(STAMP_KEY).catch(() => {});
		try {
			return await change();
		} finally {
			const stamp = newStamp();
			onChange(
				await tables.meta.setItem(STAMP_KEY, stamp).then(
					() => stamp,
					() => undefined
				)
			);
		}
	}

	/** Records set aside so far, per table (see `transact`). */
	const setAsideCount = { attempts: 0, items: 0 };

	async function quarantine(table: TableName, key: string, value: unknown): Promise<void> {
		onNotice({ kind: 'corrupt', table, key });
		if (table === 'attempts' || table === 'items') setAsideCount[table]++;
		onChange();
		try {
			await restamped(async () => {
				await tables.quarantine.setItem(`${table}/${key}/${now()}`, value);
				await tables[table].removeItem(key);
				// The aggregates counted what was set aside: rebuilt from what is left on next read.
				if (table === 'attempts') await tables.meta.removeItem(SUMMARY_KEY);
				if (table === 'items') await tables.meta.removeItem(DIGESTS_KEY);
			});
		} catch {
			// Setting aside failed (e.g. disk full): leave the record where it is, untouched.
		}
	}

	async function readRaw(table: TableName, key: string): Promise<unknown> {
		try {
			return await tables[table].getItem(key);
		} catch {
			return undefined; // unreadable (e.g. a structured-clone failure): treat as corrupt
		}
	}

	/** Read one record, quarantining it if it does not pass its guard. */
	async function readChecked<T>(
		table: TableName,
		key: string,
		guard: (v: unknown) => v is T
	): Promise<T | null> {
		const value = await readRaw(table, key);
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
	async function readSalvaged<T>(table: TableName, key: string, salvage: Salvage<T>) {
		const value = await readRaw(table, key);
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

	/** Run `work` as one write transaction, inside the write queue and the cross-tab lock. */
	function transact<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
		return serialised(async () => {
			const pending = new Map<string, Write>();
			const id = (table: TableName, key: string) => `${table}\u0000${key}`;
			let history: HistorySummary | null = null;
			const setAsideBefore = { ...setAsideCount };
			// Units whose item states this transaction writes: their digests are rewritten with them.
			const units = new Map<string, Record<string, ItemState>>();
			const tx: WriteTransaction = {
				async read(table, key, salvage) {
					const own = pending.get(id(table, key));
					if (own) return 'value' in own ? structuredClone(own.value as never) : null;
					return readSalvaged(table, key, salvage);
				},
				put(table, key, value) {
					pending.set(id(table, key), { table, key, value });
					if (table === 'items') units.set(key, value as Record<string, ItemState>);
				},
				async history() {
					history ??= await committedHistory();
					return history;
				}
			};
			const result = await work(tx);
			if (history)
				pending.set(id('meta', SUMMARY_KEY), { table: 'meta', key: SUMMARY_KEY, value: history });
			if (units.size > 0) {
				// Every unit's columns in one record, rewritten with the states in one commit.
				const digests = await committedDigests(tx);
				for (const [unit, states] of units) digests[unit] = digestUnit(states);
				pending.set(id('meta', DIGESTS_KEY), { table: 'meta', key: DIGESTS_KEY, value: digests });
			}
			// A record set aside meanwhile (by this transaction's reads or another read) may have
			// been counted in the aggregate loaded above: leave it removed, to be rebuilt from the
			// records on next read, rather than write back a count of what is no longer there.
			if (setAsideCount.attempts !== setAsideBefore.attempts)
				pending.delete(id('meta', SUMMARY_KEY));
			if (setAsideCount.items !== setAsideBefore.items) pending.delete(id('meta', DIGESTS_KEY));
			if (pending.size === 0) return result;
			// The stamp lands with the records it vouches for, or not at all.
			const stamp = newStamp();
			const writes = [
				...pending.values(),
				{ table: 'meta', key: STAMP_KEY, value: stamp } as const
			];
			onChange();
			try {
				await commitChecked(writes).then(
					() => {
						commits++;
						onChange(stamp);
					},
					(error: unknown) => {
						commits++;
						onChange();
						throw error;
					}
				);
			} catch (error) {
				// Where the commit is not atomic (memory, fallback) part of it may have landed:
				// drop the aggregates it touched, so they are rebuilt from the records on next read.
				await Promise.all(
					writes
						.filter((w) => w.table === 'meta')
						.map((w) => tables.meta.removeItem(w.key).catch(() => {}))
				);
				throw error;
			}
			return result;
		});
	}

	/**
	 * The stored digests of every unit, or (missing: data from schema 2, or set aside after a
	 * corrupt read) rebuilt from every unit's item states, read through `tx`.
	 */
	async function committedDigests(tx: WriteTransaction): Promise<ItemDigests> {
		const stored = await readRaw('meta', DIGESTS_KEY);
		if (isItemDigests(stored)) return stored;
		const digests: ItemDigests = {};
		for (const unit of await tables.items.keys()) {
			const states = await tx.read('items', unit, salvageItemStates);
			if (states) digests[unit] = digestUnit(states);
		}
		return digests;
	}

	/** The stored history summary, rebuilt from every day record when missing or damaged. */
	async function committedHistory(): Promise<HistorySummary> {
		const stored = await readRaw('meta', SUMMARY_KEY);
		if (isHistorySummary(stored)) return stored;
		const summary = emptyHistory();
		for (const key of await tables.attempts.keys())
			addToHistory(summary, (await readSalvaged('attempts', key, salvageAttempts)) ?? []);
		return summary;
	}

	async function migrate(): Promise<void> {
		const stored = await tables.meta.getItem<unknown>('schemaVersion');
		let version = typeof stored === 'number' ? stored : 0;
		if (version > schemaVersion) throw new NewerSchemaError(version);
		// A fresh database has nothing to migrate: it starts at the current version.
		const isFresh =
			stored === null &&
			(await tables.settings.keys()).length === 0 &&
			(await tables.attempts.keys()).length === 0;
		if (isFresh) version = schemaVersion;
		while (version < schemaVersion) {
			const step = migrations[version];
			onChange();
			await restamped(async () => {
				if (step) await step(tables, { offsetAt }).finally(onChange);
				version += 1;
				await write(tables.meta, 'schemaVersion', version);
			});
		}
		if (isFresh) await write(tables.meta, 'schemaVersion', version);
	}

	/**
	 * Append to the day records (one read-modify-write per day; ids already there are skipped)
	 * and to the history summary, in the transaction `tx`. Resolves to the number added.
	 */
	async function appendToDays(tx: WriteTransaction, attempts: readonly Attempt[]): Promise<number> {
		const history = await tx.history();
		const byDay = new Map<string, Attempt[]>();
		for (const attempt of attempts) {
			const key = attemptDayKey(attempt.at);
			const list = byDay.get(key);
			if (list) list.push(attempt);
			else byDay.set(key, [attempt]);
		}
		const added: Attempt[] = [];
		for (const [key, incoming] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
			const day = (await tx.read('attempts', key, salvageAttempts)) ?? [];
			const ids = new Set(day.map((a) => a.id));
			const before = day.length;
			for (const attempt of incoming) {
				if (ids.has(attempt.id)) continue;
				ids.add(attempt.id);
				// Recorded with the zone it was given in; see `Attempt.tz`.
				const stored =
					attempt.tz === undefined ? { ...attempt, tz: offsetAt(attempt.at) } : attempt;
				day.push(stored);
				added.push(stored);
			}
			if (day.length !== before) tx.put('attempts', key, day);
		}
		addToHistory(history, added);
		return added.length;
	}

	/** The journal's valid entries; anything unreadable in it is reported and dropped. */
	function readJournal(): JournalEntry[] {
		if (!journal) return [];
		let entries: unknown[];
		try {
			entries = journal.read();
		} catch {
			onNotice({ kind: 'corrupt', table: 'journal', key: 'attempts' });
			return [];
		}
		const valid = entries.filter(
			(e): e is JournalEntry =>
				typeof e === 'object' && e !== null && isAttempt((e as JournalEntry).attempt)
		);
		if (valid.length !== entries.length) {
			onNotice({ kind: 'corrupt', table: 'journal', key: 'attempts' });
			const bad = entries.flatMap((e) => {
				const id = (e as JournalEntry | null)?.attempt?.id;
				return typeof id === 'string' && !valid.some((v) => v.attempt.id === id) ? [id] : [];
			});
			try {
				journal.remove(bad);
			} catch {
				// Left in place; read and skipped again next time.
			}
		}
		return valid;
	}

	function learningAccess(tx: WriteTransaction): LearningAccess {
		return {
			getItemStates: async (unit) => (await tx.read('items', unit, salvageItemStates)) ?? {},
			putItemStates: async (unit, states) => {
				if (states.length === 0) return;
				const map = (await tx.read('items', unit, salvageItemStates)) ?? {};
				for (const state of states) map[state.itemId] = state;
				tx.put('items', unit, map);
			}
		};
	}

	/** Store answers in the history and apply what they teach: one transaction. */
	function storeAnswers(entries: readonly JournalEntry[]): Promise<void> {
		return transact(async (tx) => {
			await appendToDays(
				tx,
				entries.map((e) => e.attempt)
			);
			const payloads = entries.flatMap((e) => (e.learn === undefined ? [] : [e.learn]));
			if (learn && payloads.length > 0) await learn(payloads, learningAccess(tx));
		});
	}

	/**
	 * Move journaled answers (this tab's and any other's) into the history, then forget exactly
	 * those. Another tab may be doing the same at the same time: the lock orders the two and the
	 * second finds the ids already stored, so each answer is stored and learned from once.
	 */
	async function flushJournal(): Promise<void> {
		const pending = readJournal();
		if (pending.length === 0) return;
		await storeAnswers(pending);
		journal?.remove(pending.map((e) => e.attempt.id));
	}

	/**
	 * Every unit's digest (columns): one record, one read. Built once from the item states when
	 * it is missing (data from schema 2, or set aside), inside the write lock so no other tab's
	 * answer lands between the states read and the record written; each unit is read and digested
	 * in its own step, so the page is never blocked for more than one unit's worth of work.
	 */
	async function readDigests(): Promise<ItemDigests> {
		const stored = await readRaw('meta', DIGESTS_KEY);
		if (isItemDigests(stored)) return stored;
		return transact(async (tx) => {
			const digests = await committedDigests(tx);
			tx.put('meta', DIGESTS_KEY, digests);
			return digests;
		});
	}

	/**
	 * `read`, shared with any identical read still under way that started after this tab's last
	 * commit (a page's counts and its figures ask for the same record at once): one IndexedDB
	 * get and one structured clone instead of two. Callers must not mutate what they get. Each
	 * read comes with the stamp read just before it started (see `getStamp`), whoever asked first.
	 */
	function coalesced<T>(read: () => Promise<T>): () => Promise<Stamped<T>> {
		let shared: { result: Promise<Stamped<T>>; commits: number } | null = null;
		return () => {
			if (shared?.commits === commits) return shared.result;
			// Asked before the read, so IndexedDB orders it first (transactions run in order).
			const before = readStamp();
			const result = read().then(async (value) => ({ value, stampBefore: await before }));
			const entry = { result, commits };
			shared = entry;
			const done = () => {
				if (shared === entry) shared = null;
			};
			result.then(done, done);
			return result;
		};
	}
	const sharedDigests = coalesced(readDigests);
	const sharedHistory = coalesced(async () => {
		const stored = await readRaw('meta', SUMMARY_KEY);
		if (isHistorySummary(stored)) return stored;
		return transact((tx) => tx.history());
	});

	async function readStamp(): Promise<string | null> {
		const stamp = await readRaw('meta', STAMP_KEY);
		return typeof stamp === 'string' ? stamp : null;
	}

	await migrate();
	// Answers journaled just before a page died reach the history now.
	await flushJournal().catch(() => {});

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
		 * Append many attempts (an import, an exam submitted at once) in one transaction: one
		 * read-modify-write per day rather than per attempt. Ids already stored are skipped.
		 * Resolves to the number added. All land, or (disk full) none, and calling again with the
		 * same list is safe.
		 */
		recordAttempts(attempts: readonly Attempt[]): Promise<number> {
			return transact((tx) => appendToDays(tx, attempts));
		},

		/**
		 * Record answers as fast as the device allows: into the journal synchronously when there
		 * is one (history and learning state follow in the write queue), else straight into the
		 * history. Resolves once the answers are safe from a reload or a closed tab.
		 */
		async appendAttempts(entries: readonly JournalEntry[]): Promise<void> {
			if (journal) {
				try {
					journal.add(entries);
					scheduleFlush(() => void flushJournal().catch(() => {}));
					return;
				} catch {
					// Journal full or unavailable: the slower, always-available path below.
				}
			}
			await storeAnswers(entries);
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

		/** How many attempts are stored (from the running summary: no history read). */
		async countAttempts(): Promise<number> {
			return (await this.getHistorySummary()).count;
		},

		/**
		 * The history's running summary (per local day, totals), once this tab's queued writes
		 * are in. Rebuilt from the records, once, if it is missing or damaged.
		 */
		async getHistorySummary(): Promise<HistorySummary> {
			return (await this.getStampedHistorySummary()).value;
		},

		/** `getHistorySummary`, with the stamp read just before it (see `getStamp`). */
		async getStampedHistorySummary(): Promise<Stamped<HistorySummary>> {
			await this.whenIdle();
			return sharedHistory();
		},

		/** Item states are grouped per unit, the unit a learner works through at a time. */
		async getItemStates(unit: string): Promise<Record<string, ItemState>> {
			return (await readSalvaged('items', unit, salvageItemStates)) ?? {};
		},

		async getAllItemStates(): Promise<Record<string, ItemState>> {
			return Object.assign({}, ...Object.values(await this.getItemStatesByUnit()));
		},

		/** Item states keyed by unit, then item id: the stored grouping, for export and plans. */
		async getItemStatesByUnit(): Promise<ItemStatesByUnit> {
			const units = await tables.items.keys();
			const maps = await Promise.all(units.map((u) => readSalvaged('items', u, salvageItemStates)));
			const byUnit: ItemStatesByUnit = {};
			units.forEach((unit, i) => {
				if (maps[i]) byUnit[unit] = maps[i];
			});
			return byUnit;
		},

		/**
		 * The running digests, by unit (columns: see `UnitDigest`), once this tab's queued writes
		 * are in: one record, for figures counted without a state object per item or a scheduler
		 * card (`digestCounts`, `digestDueQueue`, `digestMistakes`, `computeProgressStats`).
		 * Written in the same transaction as the item states they digest.
		 */
		async getDigests(): Promise<ItemDigests> {
			return (await this.getStampedDigests()).value;
		},

		/** `getDigests`, with the stamp read just before it (see `getStamp`). */
		async getStampedDigests(): Promise<Stamped<ItemDigests>> {
			await this.whenIdle();
			return sharedDigests();
		},

		/** Store several states of one unit in one write (others in the unit are kept). */
		putItemStates(unit: string, states: readonly ItemState[]): Promise<void> {
			return transact((tx) => learningAccess(tx).putItemStates(unit, states));
		},

		async listFlows(): Promise<SavedFlow[]> {
			const ids = await tables.flows.keys();
			const flows = await Promise.all(ids.map((id) => readChecked('flows', id, isSavedFlow)));
			return flows.filter((f): f is SavedFlow => f !== null);
		},

		loadFlow(id: string): Promise<SavedFlow | null> {
			return readChecked('flows', id, isSavedFlow);
		},

		/**
		 * Not queued behind answers and learning state: a whole-record write that IndexedDB
		 * itself keeps in order, and the place in a quiz must be saved the moment it changes.
		 * Two tabs never write the same flow: the flow host holds a lock per flow.
		 */
		saveFlow(flow: SavedFlow): Promise<void> {
			return write(tables.flows, flow.id, flow);
		},

		clearFlow(id: string): Promise<void> {
			return tables.flows.removeItem(id);
		},

		/** Keep a record that could not be used (e.g. a flow from an older app) aside, reported. */
		setAside(table: TableName, key: string, value: unknown): Promise<void> {
			return quarantine(table, key, value);
		},

		/** Resolves once every write queued so far has finished (or failed). */
		whenIdle(): Promise<void> {
			return serialised(async () => {});
		},

		/**
		 * The data's stamp now ({@link STAMP_KEY}), or null while a change is under way or where
		 * none was written yet. A page that remembers figures compares it, read after its reads,
		 * with the `stampBefore` of each (`getStampedDigests`…): the same value means no change
		 * landed in between.
		 */
		getStamp: readStamp,

		async listQuarantined(): Promise<string[]> {
			return tables.quarantine.keys();
		},

		/** Forget all progress (settings stay). Only after the learner has confirmed. */
		resetProgress(): Promise<void> {
			return serialised(async () => {
				journal?.clear();
				onChange();
				await restamped(() =>
					Promise.all([
						tables.attempts.clear(),
						tables.items.clear(),
						tables.flows.clear(),
						...AGGREGATE_KEYS.map((k) => tables.meta.removeItem(k))
					])
				).finally(() => commits++);
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
