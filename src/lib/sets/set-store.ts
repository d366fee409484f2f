/**
 * The instructor's question sets on this device, in the `sets` table of the progress database
 * (src/lib/progress/tables.ts), with the progress store's conventions: each record carries its
 * schema version and is migrated on read; every record is checked on the way out and one that
 * fails is moved to the quarantine table and reported, never thrown at the UI; a full disk is a
 * `StorageFullError` with what was saved before intact.
 */
import { isDrillKind, type DrillKind } from '../bank/generators/kinds';
import type { RoomReport } from '../classroom/protocol';
import { homeworkResultSchema, type HomeworkResult } from './homework-results';
import { StorageFullError } from '../progress/progress-store';
import type { KeyValueTable, Tables } from '../progress/tables';
import type { StorageNotice } from '../progress/types';
import { ownItemSchema, type OwnItem } from './own-item';

/** Bump when the stored set shape changes, and add the step from the previous version. */
export const SET_SCHEMA_VERSION = 1;
const SET_MIGRATIONS: Record<number, (record: Record<string, unknown>) => Record<string, unknown>> =
	{};

/** A bank item, by id, so fixes to the bank reach every set that uses it. */
export interface BankEntry {
	kind: 'bank';
	unit: string;
	id: string;
}
/** Generated drill questions: the same kind + seed always gives the same questions. */
export interface DrillEntry {
	kind: 'drill';
	drill: DrillKind;
	seed: number;
	count: number;
}
/** The instructor's own question, complete and askable. */
export interface OwnEntry {
	kind: 'own';
	item: OwnItem;
}
/** A half-written own question: kept, editable, never asked. */
export interface DraftEntry {
	kind: 'draft';
	id: string;
	draft: Record<string, unknown>;
}
export type SetEntry = BankEntry | DrillEntry | OwnEntry | DraftEntry;

/** Classroom reports kept with a set: the latest this many (a term of weekly lessons). */
export const MAX_KEPT_REPORTS = 30;

/** A classroom session's report, kept with the set it ran (live room or offline session). */
export interface KeptReport {
	/**
	 * The live room's id, `offline-<session key hex>`, or `homework`: one report per session, and
	 * one for all the homework results imported.
	 */
	roomId: string;
	mode: 'live' | 'offline' | 'homework';
	/** Homework only: the imported results the report is built from (merged on each import). */
	results?: HomeworkResult[];
	/** ms since the epoch. */
	savedAt: number;
	report: RoomReport;
}

export type SetOrder = 'fixed' | 'shuffled';

/** A named, ordered list of questions. */
export interface QuestionSet {
	schema: number;
	/** `set-…`; also the record key. */
	id: string;
	name: string;
	/** Milliseconds since the epoch. */
	createdAt: number;
	updatedAt: number;
	entries: SetEntry[];
	/**
	 * How students get the questions when they practise or sit the set as an exam: in this
	 * order (`fixed`, the default) or shuffled per attempt. Options are shuffled per attempt
	 * either way. Optional: added later.
	 */
	order?: SetOrder;
	/** Reports of the classroom sessions that ran this set, newest first (optional: added later). */
	reports?: KeptReport[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

export function isSetEntry(v: unknown): v is SetEntry {
	if (!isObject(v)) return false;
	switch (v.kind) {
		case 'bank':
			return isText(v.unit) && isText(v.id);
		case 'drill':
			return isDrillKind(v.drill) && isCount(v.seed) && isCount(v.count) && (v.count as number) > 0;
		case 'own':
			return ownItemSchema.safeParse(v.item).success;
		case 'draft':
			return isText(v.id) && isObject(v.draft);
		default:
			return false;
	}
}

/** Shape check of a kept report (enough for the report screens and exports not to break). */
export function isKeptReport(v: unknown): v is KeptReport {
	if (!isObject(v) || !isText(v.roomId) || !Number.isFinite(v.savedAt)) return false;
	if (v.mode !== 'live' && v.mode !== 'offline' && v.mode !== 'homework') return false;
	if (
		v.results !== undefined &&
		!(Array.isArray(v.results) && v.results.every((r) => homeworkResultSchema.safeParse(r).success))
	)
		return false;
	const r = v.report;
	return (
		isObject(r) &&
		Array.isArray(r.questions) &&
		Array.isArray(r.students) &&
		Array.isArray(r.mostMissed) &&
		r.students.every(
			(s) => isObject(s) && typeof s.nickname === 'string' && Array.isArray(s.answers)
		)
	);
}

/** The guard applied to every record read back. */
export function isQuestionSet(v: unknown): v is QuestionSet {
	return (
		isObject(v) &&
		v.schema === SET_SCHEMA_VERSION &&
		isText(v.id) &&
		typeof v.name === 'string' &&
		Number.isFinite(v.createdAt) &&
		Number.isFinite(v.updatedAt) &&
		Array.isArray(v.entries) &&
		v.entries.every(isSetEntry) &&
		(v.order === undefined || v.order === 'fixed' || v.order === 'shuffled') &&
		(v.reports === undefined || (Array.isArray(v.reports) && v.reports.every(isKeptReport)))
	);
}

function isQuotaError(error: unknown): boolean {
	const { name, code } = (error ?? {}) as { name?: string; code?: number };
	return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

export function newSetId(): string {
	return `set-${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 5).toString(36)}`;
}

/** A stable key for an entry: to find duplicates and to key lists in the UI. */
export function entryKey(e: SetEntry): string {
	switch (e.kind) {
		case 'bank':
			return `bank:${e.unit}/${e.id}`;
		case 'drill':
			return `drill:${e.drill}:${e.seed}:${e.count}`;
		case 'own':
			return `own:${e.item.id}`;
		case 'draft':
			return `draft:${e.id}`;
	}
}

export type SetStore = ReturnType<typeof createSetStore>;

/**
 * The set store over the progress database's tables. `now` is injectable for tests.
 * Writes run one at a time, as in the progress store, so a rename and a reorder never race.
 */
export function createSetStore(
	tables: Pick<Tables, 'sets' | 'quarantine'>,
	options: { onNotice?: (notice: StorageNotice) => void; now?: () => number } = {}
) {
	const { onNotice = () => {}, now = Date.now } = options;
	let queue: Promise<unknown> = Promise.resolve();
	const serialised = <T>(task: () => Promise<T>): Promise<T> => {
		const run = queue.then(task, task);
		queue = run.catch(() => undefined);
		return run;
	};

	async function write(table: KeyValueTable, key: string, value: unknown): Promise<void> {
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

	async function quarantine(key: string, value: unknown): Promise<void> {
		onNotice({ kind: 'corrupt', table: 'sets', key });
		try {
			await tables.quarantine.setItem(`sets/${key}/${now()}`, value);
			await tables.sets.removeItem(key);
		} catch {
			// Setting aside failed (e.g. disk full): leave the record where it is, untouched.
		}
	}

	/** Reads one set: migrated to the current schema, or quarantined if it is not a set. */
	async function read(key: string): Promise<QuestionSet | null> {
		let value: unknown;
		try {
			value = await tables.sets.getItem(key);
		} catch {
			value = undefined;
		}
		if (value === null) return null;
		let record = value;
		if (isObject(record) && typeof record.schema === 'number') {
			for (let v = record.schema; v < SET_SCHEMA_VERSION && SET_MIGRATIONS[v]; v++)
				record = { ...SET_MIGRATIONS[v](record as Record<string, unknown>), schema: v + 1 };
		}
		// A damaged report costs only itself: set aside, and the set's questions stay usable.
		if (isObject(record) && Array.isArray(record.reports) && !record.reports.every(isKeptReport)) {
			const reports = record.reports as unknown[];
			const repaired = { ...record, reports: reports.filter(isKeptReport) };
			if (isQuestionSet(repaired)) {
				onNotice({ kind: 'corrupt', table: 'sets', key });
				try {
					await tables.quarantine.setItem(
						`sets/${key}/reports/${now()}`,
						reports.filter((r) => !isKeptReport(r))
					);
					await tables.sets.setItem(key, repaired);
				} catch {
					// Setting aside failed (e.g. disk full): the record stays as it was.
				}
				return repaired;
			}
		}
		if (isQuestionSet(record)) return record;
		await quarantine(key, value ?? null);
		return null;
	}

	async function save(set: QuestionSet): Promise<QuestionSet> {
		const next = { ...set, schema: SET_SCHEMA_VERSION, updatedAt: now() };
		if (!isQuestionSet(next)) throw new TypeError('not a valid question set');
		return serialised(async () => {
			// Reports are written by keepReport only: a screen saving an edit from an older copy
			// of the set must not drop a report kept since.
			const stored = await read(next.id);
			const saved = stored?.reports ? { ...next, reports: stored.reports } : next;
			await write(tables.sets, saved.id, saved);
			return saved;
		});
	}

	return {
		/** Every readable set, most recently changed first. */
		async list(): Promise<QuestionSet[]> {
			const keys = await tables.sets.keys();
			const sets = (await Promise.all(keys.map(read))).filter((s): s is QuestionSet => !!s);
			return sets.sort((a, b) => b.updatedAt - a.updatedAt);
		},
		get: read,
		/** Saves a whole set (entries reordered, added, removed); returns what was stored. */
		save,
		async create(name: string, entries: SetEntry[] = []): Promise<QuestionSet> {
			const at = now();
			return save({
				schema: SET_SCHEMA_VERSION,
				id: newSetId(),
				name,
				createdAt: at,
				updatedAt: at,
				entries
			});
		},
		async rename(id: string, name: string): Promise<QuestionSet | null> {
			const set = await read(id);
			return set ? save({ ...set, name }) : null;
		},
		/** A copy under a new id and name; own items keep their ids (they are the same questions). */
		async duplicate(id: string, name: string): Promise<QuestionSet | null> {
			const set = await read(id);
			if (!set) return null;
			const at = now();
			// The copy starts with no history: reports belong to the sessions that ran the original.
			const copy = structuredClone(set);
			delete copy.reports;
			return save({ ...copy, id: newSetId(), name, createdAt: at, updatedAt: at });
		},
		/** Deletes and returns the set, so the UI can offer "undo" by saving it back. */
		async remove(id: string): Promise<QuestionSet | null> {
			const set = await read(id);
			await serialised(() => tables.sets.removeItem(id));
			return set;
		},
		/**
		 * Keeps a classroom report with its set (replacing an earlier save of the same session),
		 * without touching `updatedAt`: running a set does not change it. False if the set is gone.
		 */
		async keepReport(setId: string, kept: KeptReport): Promise<boolean> {
			if (!isKeptReport(kept)) throw new TypeError('not a classroom report');
			return serialised(async () => {
				const set = await read(setId);
				if (!set) return false;
				const others = (set.reports ?? []).filter((r) => r.roomId !== kept.roomId);
				const reports = [kept, ...others].slice(0, MAX_KEPT_REPORTS);
				await write(tables.sets, set.id, { ...set, reports });
				return true;
			});
		},
		/** Puts a removed set back exactly as it was (undo). */
		async restore(set: QuestionSet): Promise<void> {
			await serialised(() => write(tables.sets, set.id, set));
		}
	};
}

/** Moves the entry at `from` to `to` (both clamped), returning a new list. */
export function moveEntry<T>(list: readonly T[], from: number, to: number): T[] {
	const next = [...list];
	const [moved] = next.splice(from, 1);
	next.splice(Math.max(0, Math.min(to, next.length)), 0, moved);
	return next;
}
