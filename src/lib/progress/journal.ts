/**
 * The write-ahead journal for answers: a synchronous store (localStorage in the browser) that
 * holds an answer from the moment it is given until the progress store has moved it into
 * IndexedDB. One entry per key (`sta:journal:<attempt id>`), never one shared list: two tabs
 * appending at the same instant would otherwise each rewrite the list without the other's entry.
 */
import type { Attempt } from './types';

/** One journaled answer: the attempt, and what `learn` needs to apply it (if anything). */
export interface JournalEntry {
	attempt: Attempt;
	learn?: unknown;
}

/**
 * Synchronous storage for answers not yet in IndexedDB, shared by every tab of the origin.
 * `read` returns every raw entry present (the store checks each); `add` throws when full.
 */
export interface AttemptJournal {
	read(): unknown[];
	add(entries: readonly JournalEntry[]): void;
	/** Forget the entries with these attempt ids (those already stored in IndexedDB). */
	remove(ids: readonly string[]): void;
	clear(): void;
}

/** Key prefix of journal entries in localStorage. */
export const JOURNAL_PREFIX = 'sta:journal:';
/** Where builds before the per-entry journal kept the whole list (read once, then split). */
export const LEGACY_JOURNAL_KEY = 'sta:journal';
const LEGACY_KEY = LEGACY_JOURNAL_KEY;

/**
 * `localStorage`, or undefined where the browser has none or refuses it: with site data blocked
 * (Chrome's cookie setting, some in-app browsers such as WeChat's) merely reading the property
 * throws a SecurityError, so every default that reaches for it goes through here.
 */
export function browserLocalStorage(): Storage | undefined {
	try {
		return globalThis.localStorage ?? undefined;
	} catch {
		return undefined;
	}
}

/** The minimal `Storage` surface the journal uses (so tests can pass a fake). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/**
 * The journal in `storage` (default localStorage), or undefined where it is blocked; the store
 * then writes answers to IndexedDB directly. An entry left by an older build under the single
 * legacy key is split into per-entry keys first.
 */
export function localStorageJournal(
	storage: JournalStorage | undefined = browserLocalStorage()
): AttemptJournal | undefined {
	try {
		if (!storage) return undefined;
		storage.getItem(LEGACY_KEY);
	} catch {
		return undefined;
	}
	const keyOf = (id: string) => JOURNAL_PREFIX + id;
	const journal: AttemptJournal = {
		read() {
			const entries: unknown[] = [];
			for (let i = 0; i < storage.length; i++) {
				const key = storage.key(i);
				if (key === null || !key.startsWith(JOURNAL_PREFIX)) continue;
				const text = storage.getItem(key);
				if (text === null) continue; // removed by another tab meanwhile
				try {
					entries.push(JSON.parse(text));
				} catch {
					entries.push(text); // unreadable: the store reports and drops it
				}
			}
			return entries;
		},
		add(entries) {
			for (const entry of entries) storage.setItem(keyOf(entry.attempt.id), JSON.stringify(entry));
		},
		remove(ids) {
			for (const id of ids) storage.removeItem(keyOf(id));
		},
		clear() {
			const keys: string[] = [];
			for (let i = 0; i < storage.length; i++) {
				const key = storage.key(i);
				if (key?.startsWith(JOURNAL_PREFIX)) keys.push(key);
			}
			for (const key of keys) storage.removeItem(key);
		}
	};
	splitLegacyJournal(storage, journal);
	return journal;
}

function splitLegacyJournal(storage: JournalStorage, journal: AttemptJournal): void {
	const text = storage.getItem(LEGACY_KEY);
	if (text === null) return;
	try {
		const list: unknown = JSON.parse(text);
		const entries = (Array.isArray(list) ? list : [list]).filter(
			(e): e is JournalEntry =>
				typeof e === 'object' && e !== null && typeof (e as JournalEntry).attempt?.id === 'string'
		);
		journal.add(entries);
		storage.removeItem(LEGACY_KEY);
	} catch {
		// Unreadable or no room to split: left in place (nothing is deleted that was not copied).
	}
}

/** An in-memory journal shared by several store instances, as localStorage is by tabs (tests). */
export function memoryJournal(): AttemptJournal & { size(): number } {
	const data = new Map<string, string>();
	return {
		read: () => [...data.values()].map((text) => JSON.parse(text) as unknown),
		add: (entries) => {
			for (const e of entries) data.set(e.attempt.id, JSON.stringify(e));
		},
		remove: (ids) => {
			for (const id of ids) data.delete(id);
		},
		clear: () => data.clear(),
		size: () => data.size
	};
}
