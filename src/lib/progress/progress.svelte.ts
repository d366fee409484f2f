import { pickLocale } from '$lib/i18n/locale';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { applyDisplayPrefs } from './display-prefs';
import { figuresGeneration, type FiguresValidity } from './known-figures';
import { endOfLocalDay } from './queues';
import { watchSlow } from './slow';
import { storageNotices } from './storage-reminders';
import type { ProgressStore } from './progress-store';
import { DEFAULT_SETTINGS, type Settings, type StorageNotice } from './types';

/**
 * The app's single progress store and what the UI shows about it. Routes and components go
 * through this module; none of them touches storage directly.
 */
export const progress = $state({
	ready: false,
	/** False on the in-memory fallback: nothing will outlive the page. */
	persistent: true,
	/** The browser granted persistent storage (it will not evict our data under pressure). */
	persisted: false,
	settings: structuredClone(DEFAULT_SETTINGS) as Settings,
	notices: [] as StorageNotice[],
	/** Items due for spaced review now: the number on the home screen. */
	dueCount: 0,
	/** Items in the mistakes notebook. */
	mistakeCount: 0,
	/** The two counts above have been read from storage (until then they say nothing). */
	countsRead: false,
	/**
	 * When the counts as read hold (`known-figures.ts`): pages that show them remember what they
	 * showed under it, for the next visit's early script. Null when a change overtook the read.
	 */
	countsValidity: null as Omit<FiguresValidity, 'tag'> | null
});

let storePromise: Promise<ProgressStore> | null = null;

/**
 * Tell the learner about storage (a record set aside, a full disk…): the one banner every store
 * on this device's database reports to (progress, sets, offline classroom archive).
 */
export function reportStorageNotice(notice: StorageNotice): void {
	progress.notices.push(notice);
}
const report = reportStorageNotice;

/**
 * Tell the learner when storage keeps the page waiting (see `watchSlow`); the notice goes when
 * the last slow wait ends. Screens stay usable meanwhile: none waits on storage to show its
 * controls.
 */
let slowWaits = 0;
function watchStorage<T>(work: Promise<T>): Promise<T> {
	return watchSlow(
		work,
		() => {
			slowWaits += 1;
			if (!progress.notices.some((n) => n.kind === 'slow')) report({ kind: 'slow' });
		},
		() => {
			slowWaits -= 1;
			if (slowWaits === 0) dismissNotice('slow');
		}
	);
}

async function open(): Promise<ProgressStore> {
	// The store (localforage, the tables, the running aggregates) is its own chunk, fetched when
	// something first needs storage: not part of any page's first load (issue #14).
	const { openAppStore } = await import('./app-store');
	const store = await openAppStore(report, (granted) => void watchStorage(granted));
	// `bench:flows` splits a page load at these marks (store open, counts shown).
	performance.mark('sta:store-open');
	progress.persistent = store.persistent;
	if (!store.persistent) report({ kind: 'not-persistent' });
	return store;
}

/** Open the store once; every caller shares it. */
export function getStore(): Promise<ProgressStore> {
	// Opening waits on IndexedDB, which an older tab's connection can block (a version upgrade).
	storePromise ??= watchStorage(open());
	return storePromise;
}

/**
 * Called once from the root layout after hydration, which waits for the page's first paint
 * (`afterNextPaint`) before calling it: the prerendered page is on screen and usable, and its
 * counts (due today, mistakes) arrive from storage just after.
 */
export async function startProgress(): Promise<void> {
	const store = await getStore();
	// The counts do not wait for the settings or a language switch (which may load i18next).
	const counted = refreshProgress();
	const settings = await store.getSettings();
	progress.settings = settings;
	await setLocale(settings.locale ?? pickLocale(navigator.languages ?? [navigator.language]));
	applyDisplayPrefs({ ...settings, locale: settings.locale });
	await counted;
	progress.ready = true;
	// Not awaited: some browsers answer only after a permission prompt, or never.
	if (store.persistent) void requestPersistence().catch(() => {});
}

const TOLD_BEST_EFFORT_KEY = 'sta:told-best-effort';
const LAST_EXPORT_KEY = 'sta:last-export';

/**
 * Ask the browser not to evict our data under storage pressure (where it lets us ask); where it
 * says no, tell the learner once, and remind them to export after a while.
 */
async function requestPersistence(): Promise<void> {
	if (navigator.storage?.persist)
		progress.persisted =
			(await navigator.storage.persisted()) || (await navigator.storage.persist());
	const store = await getStore();
	const count = (await store.getHistorySummary()).count;
	try {
		const raw = localStorage.getItem(LAST_EXPORT_KEY);
		const lastExport = raw ? (JSON.parse(raw) as { at: number; count: number }) : null;
		// Work before the first check counts from now: the reminder is about new, unsaved work.
		if (!lastExport) noteExported(count, Date.now());
		for (const notice of storageNotices({
			persistent: store.persistent,
			persisted: progress.persisted,
			toldBestEffort: localStorage.getItem(TOLD_BEST_EFFORT_KEY) !== null,
			lastExport,
			count,
			now: Date.now()
		})) {
			report(notice);
			if (notice.kind === 'best-effort') localStorage.setItem(TOLD_BEST_EFFORT_KEY, '1');
		}
	} catch {
		// localStorage blocked: the in-memory fallback's own notice has said what matters.
	}
}

/** Remember a backup was just made (BackupPanel), so the export reminder counts from here. */
export function noteExported(count: number, at = Date.now()): void {
	try {
		localStorage.setItem(LAST_EXPORT_KEY, JSON.stringify({ at, count }));
	} catch {
		// Blocked: the reminder may come again; nothing is lost.
	}
	dismissNotice('export-reminder');
}

/**
 * Recount what the home screen shows, after answers were saved or progress imported. Reads
 * the item digests only (a few small records), never the history or the scheduler cards.
 */
export async function refreshProgress(): Promise<void> {
	const store = await getStore();
	// Before the read: a change from here on makes these counts not worth remembering.
	const generation = figuresGeneration();
	// Already loaded with the store's chunk; not part of any page's first load.
	const { digestCounts } = await import('./summary');
	// Learning state is written just after feedback; the digests wait for what is queued. The
	// counts come from their columns: no state object per item.
	const now = Date.now();
	const dueBy = endOfLocalDay(now);
	const digests = await store.getStampedDigests();
	const counts = digestCounts(Object.values(digests.value), dueBy);
	const stamp = await store.getStamp();
	progress.dueCount = counts.due;
	progress.mistakeCount = counts.mistakes;
	progress.countsRead = true;
	// "Due today" holds until the day ends; on the in-memory fallback nothing outlives the page.
	progress.countsValidity = store.persistent
		? {
				generation,
				stamp: digests.stampBefore === stamp ? stamp : null,
				from: now,
				until: dueBy - 1
			}
		: null;
	performance.mark('sta:counts');
}

/** Forget all progress on this device (settings stay); the caller has asked for confirmation. */
export async function resetProgress(): Promise<void> {
	const store = await getStore();
	await store.resetProgress();
	await refreshProgress();
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
	const next = { ...progress.settings, ...patch };
	progress.settings = next;
	if (patch.locale) void setLocale(patch.locale);
	applyDisplayPrefs(next);
	const store = await getStore();
	try {
		await store.saveSettings($state.snapshot(next));
	} catch {
		// The store has already reported why (e.g. disk full); the change stays on screen.
	}
}

export function dismissNotice(kind: StorageNotice['kind']): void {
	progress.notices = progress.notices.filter((n) => n.kind !== kind);
}
