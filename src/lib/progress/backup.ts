/**
 * Export and import of progress as a JSON file, to move to another device or keep a copy.
 * Validation uses the store's own hand-written guards (no schema library ships to the browser),
 * and nothing is written until the whole file has passed.
 */
import { isAttempt, isItemState, isRecordKey, isSavedFlow, isSettings } from './guards';
import type { ProgressStore } from './progress-store';
import { readStoredCard } from './scheduler';
import type { Attempt, ItemState, SavedFlow, Settings } from './types';

export const BACKUP_FORMAT = 'services-trade-academy-progress';
/**
 * Bump when the file's shape changes; older app versions then refuse the file as too new.
 * 2: adds `flows` (lesson progress and flows in progress). Files of version 1 are still read.
 */
export const BACKUP_VERSION = 2;

/**
 * The backup file: the whole state. Export → reset → import gives back exactly what was there
 * (lesson progress and flows in progress included: a lesson's place is a saved flow).
 */
export interface ProgressBackup {
	format: typeof BACKUP_FORMAT;
	version: typeof BACKUP_VERSION;
	/** Epoch ms when the file was made. */
	exportedAt: number;
	/** The exporting device's settings; kept for a restore, not applied by a merge. */
	settings: Settings;
	/** Every attempt, oldest day first. */
	attempts: Attempt[];
	/** Item states per unit, then item id, as stored. */
	itemStates: Record<string, Record<string, ItemState>>;
	/** Saved flows: each lesson's place (`lesson:<unit>`) and any session in progress. */
	flows: SavedFlow[];
}

export type BackupError = 'not-json' | 'foreign' | 'newer-version' | 'malformed';

/** The message (i18n key, both locales) a refused file gets, per reason. */
export const BACKUP_ERROR_MESSAGES = {
	'not-json': 'progress:importNotJson',
	foreign: 'progress:importForeign',
	'newer-version': 'progress:importNewer',
	malformed: 'progress:importMalformed'
} as const satisfies Record<BackupError, string>;

export type ParsedBackup =
	| { ok: true; backup: ProgressBackup }
	| {
			ok: false;
			error: BackupError;
			/** For logs and bug reports (English); the UI words the message from `error`. */
			detail: string;
	  };

type ExportSource = Pick<
	ProgressStore,
	'getSettings' | 'listAttempts' | 'getItemStatesByUnit' | 'listFlows'
>;
type ImportTarget = Pick<
	ProgressStore,
	'listAttempts' | 'recordAttempts' | 'getItemStates' | 'putItemStates' | 'listFlows' | 'saveFlow'
>;

export async function exportProgress(
	store: ExportSource,
	now: number = Date.now()
): Promise<ProgressBackup> {
	const [settings, attempts, itemStates, flows] = await Promise.all([
		store.getSettings(),
		store.listAttempts(),
		store.getItemStatesByUnit(),
		store.listFlows()
	]);
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: now,
		settings,
		attempts,
		itemStates,
		flows
	};
}

/** Compact JSON (no indentation): a year of answers is several megabytes, and nobody reads it. */
export function serialiseBackup(backup: ProgressBackup): string {
	return JSON.stringify(backup);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const refuse = (error: BackupError, detail: string): ParsedBackup => ({ ok: false, error, detail });

/**
 * Read and check a backup file completely. Refused, with the reason:
 * - `not-json`: not JSON at all, or cut short (a truncated download fails to parse);
 * - `foreign`: JSON, but not this app's progress file (no or another `format`);
 * - `newer-version`: written by a newer app version that may store things this one cannot;
 * - `malformed`: ours, but some field has the wrong type or an entry fails its guard.
 */
export function parseBackup(text: string): ParsedBackup {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return refuse('not-json', error instanceof Error ? error.message : String(error));
	}
	if (!isPlainObject(data) || data.format !== BACKUP_FORMAT)
		return refuse('foreign', `format is not "${BACKUP_FORMAT}"`);
	const { version } = data;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
		return refuse('malformed', 'version is not a positive integer');
	if (version > BACKUP_VERSION)
		return refuse('newer-version', `version ${version} is newer than ${BACKUP_VERSION}`);
	if (typeof data.exportedAt !== 'number' || !Number.isFinite(data.exportedAt))
		return refuse('malformed', 'exportedAt is not a number');
	if (!isSettings(data.settings)) return refuse('malformed', 'settings are not valid');
	if (!Array.isArray(data.attempts)) return refuse('malformed', 'attempts is not an array');
	const badAttempt = data.attempts.findIndex((a) => !isAttempt(a));
	if (badAttempt >= 0) return refuse('malformed', `attempts[${badAttempt}] is not a valid attempt`);
	if (!isPlainObject(data.itemStates)) return refuse('malformed', 'itemStates is not an object');
	for (const [unit, states] of Object.entries(data.itemStates)) {
		if (!isRecordKey(unit) || !isPlainObject(states))
			return refuse('malformed', `itemStates["${unit}"] is not an object of item states`);
		for (const [id, state] of Object.entries(states)) {
			const valid =
				isItemState(state) &&
				state.itemId === id &&
				// The store treats the card as opaque; a file is checked all the way down.
				(state.schedule === undefined || readStoredCard(state.schedule) !== null);
			if (!valid)
				return refuse('malformed', `itemStates["${unit}"]["${id}"] is not a valid item state`);
		}
	}
	// Version 1 files have no flows: nothing to restore there.
	const flows = data.flows ?? [];
	if (!Array.isArray(flows)) return refuse('malformed', 'flows is not an array');
	const badFlow = flows.findIndex(
		(f, i) =>
			!isSavedFlow(f) || flows.findIndex((g) => (g as SavedFlow).id === (f as SavedFlow).id) !== i
	);
	if (badFlow >= 0) return refuse('malformed', `flows[${badFlow}] is not a valid saved flow`);
	return {
		ok: true,
		backup: {
			format: BACKUP_FORMAT,
			version: BACKUP_VERSION,
			exportedAt: data.exportedAt,
			settings: data.settings,
			attempts: data.attempts as Attempt[],
			itemStates: data.itemStates as ProgressBackup['itemStates'],
			flows: flows as SavedFlow[]
		}
	};
}

export interface ImportResult {
	/** Attempts from the file that this device did not have. */
	attemptsAdded: number;
	/** Item states taken from the file (new here, or answered more recently there). */
	itemStatesUpdated: number;
	/** Saved flows taken from the file (new here, or saved more recently there). */
	flowsUpdated: number;
}

/**
 * Merge a checked backup into this device's progress:
 * - attempts: the union by id, so importing the same file twice, or two devices' files in any
 *   order, loses none and duplicates none;
 * - item states: per item, the state with the later `lastAt` (the device that saw the item last
 *   knows its current streak and schedule); on a tie this device's stays;
 * - saved flows (lesson places, sessions in progress): per flow id, the later `savedAt`;
 * - settings: this device's stay. Theme, text size and language belong to the screen and the
 *   person holding it; the file's settings are in the backup for an explicit restore.
 *
 * Only additions and replacements by newer states are written, never a deletion, and each
 * write is a whole record (one day, one unit). So if the disk fills midway, everything saved
 * before is intact, the part written is consistent, and importing the same file again finishes
 * the job (the merge is idempotent).
 */
export async function importProgress(
	store: ImportTarget,
	backup: ProgressBackup
): Promise<ImportResult> {
	const known = new Set((await store.listAttempts()).map((a) => a.id));
	const fresh: Attempt[] = [];
	for (const attempt of backup.attempts) {
		// `known` grows as we go: an id twice in the file (files joined by hand) counts once.
		if (known.has(attempt.id)) continue;
		known.add(attempt.id);
		fresh.push(attempt);
	}
	const attemptsAdded = fresh.length ? await store.recordAttempts(fresh) : 0;

	let itemStatesUpdated = 0;
	for (const [unit, incoming] of Object.entries(backup.itemStates)) {
		const current = await store.getItemStates(unit);
		// Own members only: an item id from a file may be `constructor` or `toString`, which a
		// plain object "has" through its prototype (and a state from the file was then dropped).
		const newer = Object.values(incoming).filter((state) => {
			const here = Object.hasOwn(current, state.itemId) ? current[state.itemId] : undefined;
			return !here || state.lastAt > here.lastAt;
		});
		if (newer.length === 0) continue;
		await store.putItemStates(unit, newer);
		itemStatesUpdated += newer.length;
	}

	const localFlows = new Map((await store.listFlows()).map((f) => [f.id, f]));
	let flowsUpdated = 0;
	for (const flow of backup.flows) {
		const local = localFlows.get(flow.id);
		if (local && local.savedAt >= flow.savedAt) continue;
		await store.saveFlow(flow);
		flowsUpdated++;
	}
	return { attemptsAdded, itemStatesUpdated, flowsUpdated };
}
