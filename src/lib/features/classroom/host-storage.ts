/**
 * What the host's device keeps besides the host secret (which the classroom client stores):
 * the QR codes of the current room (the host view does not carry them, and a reload of the
 * console or the projector tab must still show them) and the reports of finished sessions.
 *
 * Reports live in localStorage under `classroom.reports.v1`, newest first, capped, so an
 * instructor can reopen last lesson's results after the server has forgotten the room.
 */
import type { RoomReport } from '$lib/classroom/protocol';

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

function read<T>(key: string): T | null {
	try {
		const text = globalThis.localStorage?.getItem(key);
		return text ? (JSON.parse(text) as T) : null;
	} catch {
		return null;
	}
}

function write(key: string, value: unknown): boolean {
	try {
		globalThis.localStorage?.setItem(key, JSON.stringify(value));
		return true;
	} catch {
		// Private mode or a full disk: the report is still on screen and in the CSV downloads.
		return false;
	}
}

export const saveQr = (qr: SavedQr) => write(QR_KEY, qr);

export function savedQr(roomId: string): SavedQr | null {
	const qr = read<SavedQr>(QR_KEY);
	return qr?.roomId === roomId ? qr : null;
}

export const savedReports = (): SavedReport[] => read<SavedReport[]>(REPORTS_KEY) ?? [];

/** Saves (or replaces) a room's report; returns whether it reached storage. */
export function saveReport(entry: SavedReport): boolean {
	const others = savedReports().filter((r) => r.roomId !== entry.roomId);
	return write(REPORTS_KEY, [entry, ...others].slice(0, MAX_REPORTS));
}

export function deleteReport(roomId: string): void {
	write(
		REPORTS_KEY,
		savedReports().filter((r) => r.roomId !== roomId)
	);
}
