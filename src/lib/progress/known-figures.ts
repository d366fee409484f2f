/**
 * What a page last showed of the learner's figures (the due and mistakes counts, the Progress
 * overview), kept in localStorage so the next visit shows them before the app has even started
 * (`early-figures.ts`: an inline script of the prerendered page; issue #14: a learner with 10,000
 * item states waited for hydration, the store and the digests before any figure showed).
 *
 * Never stale: figures are remembered with
 * - the *stamp* of the data they were read from: a value the store writes in the same IndexedDB
 *   transaction as every commit (`STAMP_KEY` in progress-store.ts), read before and after the
 *   reads; the early script reads the stored stamp and shows nothing unless it is the same, so no
 *   change since, by any tab, build or backup import, leaves an old figure on screen;
 * - the *generation*, a localStorage counter the store moves before and after every commit
 *   (`StoreOptions.onChange`), so a figure read while a change was under way is never written;
 * - the window of time they hold for (same local day; no mastery lapsed), and a `tag` of what
 *   else they depend on (the app build, which includes the bank; the language; the time zone).
 * They are not shown while an answer waits in the journal (it would change them once stored).
 * The page still reads storage and replaces what was shown. localStorage blocked or full: nothing
 * is remembered, the page waits for storage as before; nothing is ever lost, figures are derived.
 */
import {
	browserLocalStorage,
	JOURNAL_PREFIX,
	LEGACY_JOURNAL_KEY,
	type JournalStorage
} from './journal';

const GENERATION_KEY = 'sta:figures-generation';
/**
 * The stamp of the last commit that landed, with the generation its landing moved to (JSON
 * `{ stamp, generation }`): lets the early script show remembered figures without waiting for
 * IndexedDB (see `figuresChanged`).
 */
const STAMP_MIRROR_KEY = 'sta:figures-stamp';
const FIGURES_PREFIX = 'sta:figures:';
/** Bump when a remembered figure's shape changes: older entries are then ignored. */
const FORMAT = 2;

/** Where figures live: localStorage in the browser (a fake in tests). */
export type FiguresStorage = JournalStorage;

const defaultStorage = (): FiguresStorage | undefined => browserLocalStorage();

/**
 * Move the generation on: the store calls this before and after every commit, so a figure read
 * from data older than the commit is never recalled. `landed`: after a commit that landed, the
 * stamp it wrote; it is mirrored here with the new generation, so the next visit's early script
 * can confirm a figure's stamp from localStorage alone, without IndexedDB's round trips
 * (issue #14: they were 10-300 ms of the 300 ms budget at 4x CPU). Every other call removes the
 * mirror first, so a change that never reports its landing (a crash between commit and this
 * call) leaves no mirror, and the early script asks IndexedDB as before.
 * Best effort where localStorage is blocked (then no figure is remembered either).
 */
export function figuresChanged(storage = defaultStorage(), landed?: string): void {
	try {
		if (!storage) return;
		storage.removeItem(STAMP_MIRROR_KEY);
		const generation = (figuresGeneration(storage) ?? 0) + 1;
		storage.setItem(GENERATION_KEY, String(generation));
		if (landed !== undefined)
			storage.setItem(STAMP_MIRROR_KEY, JSON.stringify({ stamp: landed, generation }));
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
	/**
	 * The store's stamp, read before and after the data (`ProgressStore.getStamp`): null when the
	 * two reads differ or none is stored, and then nothing is remembered.
	 */
	stamp: string | null;
	/** What else the figures depend on, compared as a string (e.g. bank edition, UTC offset). */
	tag: string;
	/** The window (epoch ms, inclusive) in which the clock leaves them unchanged. */
	from: number;
	until: number;
}

/** A remembered figure as stored (JSON) under `FIGURES_PREFIX + name`. */
export interface FiguresEntry {
	format: number;
	generation: number;
	stamp: string;
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
	const { generation, stamp, tag, from, until } = validity;
	if (
		!storage ||
		generation === null ||
		stamp === null ||
		figuresGeneration(storage) !== generation
	)
		return;
	// JSON has no Infinity: "holds forever" is kept as the largest number.
	const entry: FiguresEntry = {
		format: FORMAT,
		generation,
		stamp,
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

/** Where an early script finds what it needs in localStorage (this module's and the journal's keys). */
export const FIGURES_KEYS = {
	prefix: FIGURES_PREFIX,
	generation: GENERATION_KEY,
	stampMirror: STAMP_MIRROR_KEY,
	journal: JOURNAL_PREFIX,
	legacyJournal: LEGACY_JOURNAL_KEY,
	format: FORMAT
};

/**
 * The value of a remembered entry (`text`, as stored) if it still holds for `expected` apart from
 * the stamp, which only IndexedDB can confirm: returns `{ value, stamp }` or null. Self-contained
 * (no imports, no closures): the early script of the prerendered page inlines its source.
 */
export function heldFigures(
	text: string | null,
	expected: {
		format: number;
		generation: number | null;
		tag: string;
		now: number;
		journaled: boolean;
	}
): { value: unknown; stamp: string } | null {
	if (text === null || expected.generation === null || expected.journaled) return null;
	let entry: Partial<FiguresEntry> | null;
	try {
		entry = JSON.parse(text) as Partial<FiguresEntry> | null;
	} catch {
		return null;
	}
	if (
		!entry ||
		entry.format !== expected.format ||
		entry.generation !== expected.generation ||
		typeof entry.stamp !== 'string' ||
		entry.tag !== expected.tag ||
		typeof entry.from !== 'number' ||
		typeof entry.until !== 'number' ||
		!(entry.from <= expected.now && expected.now <= entry.until)
	)
		return null;
	return { value: entry.value, stamp: entry.stamp };
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
		storage.removeItem(STAMP_MIRROR_KEY);
	} catch {
		// Unreachable storage keeps nothing we could recall either.
	}
}
