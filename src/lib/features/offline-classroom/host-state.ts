/**
 * What the instructor's device keeps of an offline session: the session, where the projector
 * is, and every result collected so far. Stored in IndexedDB by `host-archive.ts`, so a reload
 * (or a closed tab or laptop lid) comes back to the same screen with nothing lost; the report
 * also goes to the live classroom's saved reports ("Past sessions").
 */
import { emptyCollection, type Collection } from '$lib/offline-room/collector';

const KEY = 'offline-classroom.host.v1';

export type HostStage = 'projector' | 'collect' | 'report';

export interface OfflineHostState {
	/** The session as QR text (`STAS…`). */
	sessionCode: string;
	/** The same session as the short code to type. */
	typedCode: string;
	/** How many students the instructor expects, for "23 of 40 collected"; null if not given. */
	expected: number | null;
	stage: HostStage;
	/** The question the projector is on (-1 before the first) and when it started, ms. */
	pacing: { index: number; startedAt: number };
	collection: Collection;
	createdAt: number;
}

export function newHostState(
	sessionCode: string,
	typedCode: string,
	expected: number | null,
	now: number
): OfflineHostState {
	return {
		sessionCode,
		typedCode,
		expected,
		stage: 'projector',
		pacing: { index: -1, startedAt: now },
		collection: emptyCollection(),
		createdAt: now
	};
}

const isHostState = (v: unknown): v is OfflineHostState =>
	typeof v === 'object' &&
	v !== null &&
	typeof (v as OfflineHostState).sessionCode === 'string' &&
	Array.isArray((v as OfflineHostState).collection?.results);

/**
 * The session an earlier version kept in localStorage (`offline-classroom.host.v1`), taken out
 * of it: the page moves it into the archive once, so an update mid-session loses nothing.
 */
export function takeLegacyHostState(): OfflineHostState | null {
	try {
		const value: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null');
		globalThis.localStorage?.removeItem(KEY);
		return isHostState(value) ? value : null;
	} catch {
		return null;
	}
}
