/**
 * Storage that can vanish says so. Without a persistent-storage grant the browser may evict our
 * IndexedDB under pressure (Storage Standard, "best-effort" buckets): the learner is told once,
 * and reminded to export a backup after a while of work that exists nowhere else.
 */
import type { StorageNotice } from './types';

/** A reminder comes after at least this many answers AND this many days since the last export. */
export const EXPORT_REMINDER = { minAnswers: 100, minDays: 7 } as const;

const DAY_MS = 86_400_000;

export interface StorageFacts {
	/** Storage is IndexedDB (not the in-memory fallback, which has its own notice). */
	persistent: boolean;
	/** `navigator.storage.persisted()`: the browser will not evict our data. */
	persisted: boolean;
	/** The learner was already told that storage is best-effort. */
	toldBestEffort: boolean;
	/** The last export (or, before any, when this device first had progress): epoch ms + answers then. */
	lastExport: { at: number; count: number } | null;
	/** Answers stored now. */
	count: number;
	now: number;
}

/**
 * The storage notices due now, given the facts. Pure. "Best-effort" waits until there is
 * something to lose (one answer stored): a first visit is not greeted by a warning about data
 * it does not have yet, and the page does not shift under a banner before anyone has read it.
 */
export function storageNotices(facts: StorageFacts): StorageNotice[] {
	if (!facts.persistent || facts.persisted) return [];
	const notices: StorageNotice[] = [];
	if (!facts.toldBestEffort && facts.count > 0) notices.push({ kind: 'best-effort' });
	const since = facts.lastExport ?? { at: facts.now, count: 0 };
	if (
		facts.count - since.count >= EXPORT_REMINDER.minAnswers &&
		facts.now - since.at >= EXPORT_REMINDER.minDays * DAY_MS
	)
		notices.push({ kind: 'export-reminder' });
	return notices;
}
