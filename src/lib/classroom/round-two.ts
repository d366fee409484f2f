/**
 * The client's side of two server features being added in parallel (issue 11: rejoin codes and
 * locking a room). The server half defines the final names; the screens read and write them
 * only through these functions, so aligning names at merge touches this file alone.
 *
 * Assumed contract:
 * - `POST /join` answers with `rejoinCode` (a short code, shown to that player and the host);
 *   a join request may carry `rejoinCode` to reclaim the place of the player with that nickname
 *   (same points, same answers) when the phone lost its token.
 * - Host commands `{ type: 'lock' }` and `{ type: 'unlock' }`; a locked room refuses new
 *   players (error code `room-locked`) but still takes back a player with the right code.
 * - The host view carries `locked` and each player's `rejoinCode`.
 */
import type { HostView, JoinResponse } from './protocol';

/** Longest code the join form accepts; codes are short (a few letters and digits). */
export const REJOIN_CODE_MAX_LENGTH = 12;

/** Typed by a person: spaces dropped, letters upper-cased (codes are read off another screen). */
export const normaliseRejoinCode = (code: string): string =>
	code.replace(/\s+/g, '').toUpperCase().slice(0, REJOIN_CODE_MAX_LENGTH);

/** The join request body; the code only when the student gave one, so a plain join is unchanged. */
export function joinRequestBody(
	pin: string,
	nickname: string,
	rejoinCode = ''
): { pin: string; nickname: string; rejoinCode?: string } {
	const code = normaliseRejoinCode(rejoinCode);
	return code ? { pin, nickname, rejoinCode: code } : { pin, nickname };
}

/** This player's rejoin code from the join response; null from a server without codes. */
export const rejoinCodeOf = (joined: JoinResponse): string | null =>
	(joined as JoinResponse & { rejoinCode?: unknown }).rejoinCode?.toString() || null;

type HostPlayer = HostView['players'][number];

/** A player's rejoin code as the host sees it; null when the server sends none. */
export const hostRejoinCode = (player: HostPlayer): string | null =>
	(player as HostPlayer & { rejoinCode?: unknown }).rejoinCode?.toString() || null;

/** Whether the room refuses new players. */
export const isRoomLocked = (view: HostView): boolean =>
	(view as HostView & { locked?: unknown }).locked === true;

/** Locking makes sense once the quiz has started and until it ends. */
export const canLockRoom = (view: HostView): boolean =>
	view.phase !== 'lobby' && view.phase !== 'ended';

/** The command body that locks or unlocks the room. */
export const lockCommand = (locked: boolean): { type: 'lock' | 'unlock' } => ({
	type: locked ? 'lock' : 'unlock'
});
