/**
 * What the host's device keeps besides the host secret (which the classroom client stores):
 * the QR codes of the current room (the host view does not carry them, and a reload of the
 * console or the projector tab must still show them) and the reports of finished sessions.
 *
 * Reports live in localStorage under `classroom.reports.v1`, newest first, capped, so an
 * instructor can reopen last lesson's results after the server has forgotten the room.
 */
import type { RoomReport } from '$lib/classroom/protocol';
import { readStored, writeStored } from '$lib/classroom/stored-sessions';

const QR_KEY = 'classroom.hostQr.v1';
const REPORTS_KEY = 'classroom.reports.v1';
const MAX_REPORTS = 20;

export interface SavedQr {
	roomId: string;
	joinUrls: string[];
	qrSvgs: string[];
}

export interface SavedReport {
	roomId: string;
	pin: string;
	/** When the report was saved, ms since epoch. */
	savedAt: number;
	report: RoomReport;
}

export const saveQr = (qr: SavedQr) => writeStored(QR_KEY, qr);

export function savedQr(roomId: string): SavedQr | null {
	const qr = readStored<SavedQr>(QR_KEY);
	return qr?.roomId === roomId ? qr : null;
}

export const savedReports = (): SavedReport[] => readStored<SavedReport[]>(REPORTS_KEY) ?? [];

/**
 * Saves (or replaces) a room's report; returns whether it reached storage (private mode or a full
 * disk: the report is still on screen and in the CSV downloads).
 */
export function saveReport(entry: SavedReport): boolean {
	const others = savedReports().filter((r) => r.roomId !== entry.roomId);
	return writeStored(REPORTS_KEY, [entry, ...others].slice(0, MAX_REPORTS));
}

export function deleteReport(roomId: string): void {
	writeStored(
		REPORTS_KEY,
		savedReports().filter((r) => r.roomId !== roomId)
	);
}

const ROOM_SETS_KEY = 'classroom.roomSets.v1';
const MAX_ROOM_SETS = 20;

/** The saved set a session was started from (id and name at the time). */
export interface RoomSet {
	id: string;
	name: string;
}

/** Remembers which set a room (or offline session) runs, so its report is kept with the set. */
export function saveRoomSet(roomId: string, set: RoomSet): boolean {
	const others = (readStored<[string, RoomSet][]>(ROOM_SETS_KEY) ?? []).filter(
		([id]) => id !== roomId
	);
	return writeStored(ROOM_SETS_KEY, [[roomId, set], ...others].slice(0, MAX_ROOM_SETS));
}

export function roomSet(roomId: string): RoomSet | null {
	return (
		(readStored<[string, RoomSet][]>(ROOM_SETS_KEY) ?? []).find(([id]) => id === roomId)?.[1] ??
		null
	);
}

/**
 * Keeps a finished session's report with the saved set it ran, in the set store (IndexedDB), so
 * the instructor finds it on the Sets page on this device whatever tab ran the session. Resolves
 * false when the session did not come from a set, the set was deleted or storage refused.
 */
export async function keepWithSet(
	roomId: string,
	mode: 'live' | 'offline',
	report: RoomReport
): Promise<boolean> {
	const set = roomSet(roomId);
	if (!set) return false;
	try {
		const { openSets } = await import('$lib/features/sets/sets-state');
		const { store } = await openSets();
		return await store.keepReport(set.id, { roomId, mode, savedAt: Date.now(), report });
	} catch {
		return false;
	}
}
