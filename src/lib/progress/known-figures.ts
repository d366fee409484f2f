/**
 * The last figures a page computed from storage (the due and mistakes counts, the Progress
 * overview), kept in localStorage so the next visit shows them as soon as it hydrates, before
 * IndexedDB has opened (issue #14: a learner with 10,000 item states waited for the store to
 * open and the digests to be read before any figure showed).
 *
 * Never stale: figures are remembered with the *generation* of the data they were computed
 * from, a counter the store moves before and after every commit (`StoreOptions.onChange`), and
 * recalled only while
 * - the generation is the same (no commit since, in any tab: the counter is shared);
 * - no answer waits in the journal (it would change them once stored);
 * - the clock is inside the window the figures hold for (same local day; no mastery lapsed);
 * - the `tag` is the same (what else they depend on: the bank edition, the time zone).
 * A figure remembered after a commit began (its read may have missed it) is not written. The
 * page still reads storage and replaces what it recalled. localStorage blocked or full: nothing
 * is remembered, the page waits for storage as before; nothing is ever lost, figures are derived.
 */
import { browserLocalStorage, hasJournaledAnswers, type JournalStorage } from './journal';

const GENERATION_KEY = 'sta:figures-generation';
const FIGURES_PREFIX = 'sta:figures:';
/** Bump when a remembered figure's shape changes: older entries are then ignored. */
const FORMAT = 1;

/** Where figures live: localStorage in the browser (a fake in tests). */
export type FiguresStorage = JournalStorage;

const defaultStorage = (): FiguresStorage | undefined => browserLocalStorage();

/**
 * Move the generation on: the store calls this before and after every commit, so a figure read
 * from data older than the commit is never recalled. Best effort where localStorage is blocked
 * (then no figure is remembered either).
 */
export function figuresChanged(storage = defaultStorage()): void {
	try {
		if (!storage) return;
		storage.setItem(GENERATION_KEY, String((figuresGeneration(storage) ?? 0) + 1));
	} catch {
		// Blocked or full: drop every remembered figure instead, so none outlives this change.
		forgetFigures(storage);
	}
}

/** The data's generation now (0 before any change), or null where localStorage is blocked. */
export function figuresGeneration(storage = defaultStorage()): number | null {
	try {
		if (!storage) return null;
		const n = Number(storage.getItem(GENERATION_KEY) ?? 0);
		return Number.isSafeInteger(n) ? n : 0;
	} catch {
		return null;
	}
}

/** When remembered figures hold, besides the data's generation. */
export interface FiguresValidity {
	/** The generation read before the data the figures come from (`figuresGeneration`). */
	generation: number | null;
	/** What else the figures depend on, compared as a string (e.g. bank edition, UTC offset). */
	tag: string;
	/** The window (epoch ms, inclusive) in which the clock leaves them unchanged. */
	from: number;
	until: number;
}

interface Entry {
	format: number;
	generation: number;
	tag: string;
	from: number;
	until: number;
	value: unknown;
}

/**
 * Remember figures under `name`, unless the data moved on since `validity.generation` was read
 * (a commit began meanwhile) or there is no generation (localStorage blocked).
 */
export function rememberFigures(
	name: string,
	value: unknown,
	validity: FiguresValidity,
	storage = defaultStorage()
): void {
	const { generation, tag, from, until } = validity;
	if (!storage || generation === null || figuresGeneration(storage) !== generation) return;
	// JSON has no Infinity: "holds forever" is kept as the largest number.
	const entry: Entry = {
		format: FORMAT,
		generation,
		tag,
		from,
		until: Math.min(until, Number.MAX_VALUE),
		value
	};
	try {
		storage.setItem(FIGURES_PREFIX + name, JSON.stringify(entry));
	} catch {
		// Full or blocked: the next visit reads storage, as without this.
	}
}

/**
 * The figures remembered under `name` if they are still exact at `now` (see the top) and pass
 * `guard`; otherwise null.
 */
export function recallFigures<T>(
	name: string,
	guard: (v: unknown) => v is T,
	expected: { tag: string; now: number },
	storage = defaultStorage()
): T | null {
	try {
		if (!storage) return null;
		const text = storage.getItem(FIGURES_PREFIX + name);
		if (text === null) return null;
		const entry = JSON.parse(text) as Partial<Entry> | null;
		if (
			entry?.format !== FORMAT ||
			entry.generation !== figuresGeneration(storage) ||
			entry.tag !== expected.tag ||
			typeof entry.from !== 'number' ||
			typeof entry.until !== 'number' ||
			!(entry.from <= expected.now && expected.now <= entry.until) ||
			hasJournaledAnswers(storage) ||
			!guard(entry.value)
		)
			return null;
		return entry.value;
	} catch {
		return null;
	}
}

function forgetFigures(storage: FiguresStorage | undefined): void {
	try {
		if (!storage) return;
		const keys: string[] = [];
		for (let i = 0; i < storage.length; i++) {
			const key = storage.key(i);
			if (key?.startsWith(FIGURES_PREFIX)) keys.push(key);
		}
		for (const key of keys) storage.removeItem(key);
	} catch {
		// Unreachable storage keeps nothing we could recall either.
	}
}
