/**
 * The classroom credentials kept in localStorage: a refresh, a locked phone or a browser that
 * killed the tab rejoins as the same player (or host) with the same score. Apart from the API
 * client so that the join page can look for a returning player without loading the client,
 * which it loads only once the student joins (issue #14: first-load JavaScript).
 */

export interface PlayerSession {
	roomId: string;
	playerId: string;
	token: string;
	nickname: string;
	pin: string;
	/** Shown to the student: with the nickname it reclaims this place from another browser. */
	rejoinCode?: string | null;
}

export interface HostSession {
	roomId: string;
	hostSecret: string;
	pin: string;
}

const PLAYER_KEY = 'classroom.player.v1';
const HOST_KEY = 'classroom.host.v1';

/**
 * A JSON value kept in localStorage under `key`, or null when there is none, it does not parse,
 * or storage is unavailable (private mode, blocked). The shape is trusted: callers store it.
 */
export function readStored<T>(key: string): T | null {
	try {
		const text = globalThis.localStorage?.getItem(key);
		return text ? (JSON.parse(text) as T) : null;
	} catch {
		return null;
	}
}

/**
 * Keeps `value` as JSON under `key` (null removes it); returns whether it reached storage.
 * Private mode or full storage: the caller's state still works until the tab closes.
 */
export function writeStored(key: string, value: unknown): boolean {
	try {
		if (value === null) globalThis.localStorage?.removeItem(key);
		else globalThis.localStorage?.setItem(key, JSON.stringify(value));
		return true;
	} catch {
		return false;
	}
}

export const savedPlayerSession = () => readStored<PlayerSession>(PLAYER_KEY);
export const rememberPlayerSession = (session: PlayerSession) => writeStored(PLAYER_KEY, session);
export const forgetPlayerSession = () => writeStored(PLAYER_KEY, null);
export const savedHostSession = () => readStored<HostSession>(HOST_KEY);
export const rememberHostSession = (session: HostSession) => writeStored(HOST_KEY, session);
export const forgetHostSession = () => writeStored(HOST_KEY, null);
