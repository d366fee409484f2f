/**
 * Classroom errors as values with an HTTP status, so every endpoint answers a bad request with
 * `{ error, message }` and the right status instead of throwing a 500.
 */
import type { ErrorBody, ErrorCode } from '$lib/classroom/protocol';

export const STATUS_OF: Record<ErrorCode, number> = {
	malformed: 400,
	'unknown-source': 400,
	'invalid-nickname': 400,
	unauthorised: 401,
	// 401 like any token that no longer works (final for the phone's reconnect logic).
	'signed-in-elsewhere': 401,
	forbidden: 403,
	removed: 403,
	'unknown-room': 404,
	'unknown-pin': 404,
	'duplicate-nickname': 409,
	'room-full': 409,
	'room-closed': 409,
	'room-locked': 409,
	'invalid-rejoin-code': 403,
	'not-accepting': 409,
	'wrong-question': 409,
	'too-late': 409,
	'not-allowed': 409,
	'too-large': 413,
	'rate-limited': 429,
	internal: 500,
	'server-busy': 503
};

const DEFAULT_MESSAGES: Partial<Record<ErrorCode, string>> = {
	'unknown-room': 'This classroom session does not exist or has expired.',
	'unknown-pin': 'No classroom session has this PIN.',
	'duplicate-nickname': 'Someone in this room already uses that nickname: pick another.',
	'room-full': 'This room is full.',
	'room-closed': 'This session has ended.',
	'room-locked':
		'The host has locked this room: no new players. A player who was here can rejoin with their rejoin code.',
	'invalid-rejoin-code': 'That rejoin code does not match this nickname in this room.',
	'not-accepting': 'Answers are not open right now.',
	'wrong-question': 'That question is no longer the current one.',
	'too-late': 'Time was up before the answer arrived.',
	removed: 'The host removed this player from the room.',
	'not-allowed': 'That is not possible in the room’s current state.',
	unauthorised: 'Missing or unknown credentials.',
	'signed-in-elsewhere':
		'This player rejoined from another device with their rejoin code: this device is signed out.',
	internal: 'Something went wrong on the classroom server.'
};

export class ClassroomError extends Error {
	readonly code: ErrorCode;
	readonly status: number;
	/** Seconds, for 429 answers. */
	readonly retryAfter?: number;

	constructor(code: ErrorCode, message?: string, retryAfter?: number) {
		super(message ?? DEFAULT_MESSAGES[code] ?? code);
		this.code = code;
		this.status = STATUS_OF[code];
		this.retryAfter = retryAfter;
	}

	get body(): ErrorBody {
		return { error: this.code, message: this.message };
	}
}

export const fromBody = (body: ErrorBody): ClassroomError =>
	new ClassroomError(body.error, body.message);
