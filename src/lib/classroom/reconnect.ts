/**
 * When the phone (or console, or projector) reconnects its room stream: a small pure machine,
 * so the rules are tested without a network. `RoomSubscription` feeds it what happened and
 * does what it says (connect now, retry later, or stop).
 *
 * - A stream that ends or fails is retried with exponential backoff and jitter (0.5 s doubling
 *   to 10 s, each wait drawn from its upper half), or after the server's `Retry-After`.
 * - 401, 403 and 404 are final: the room is gone or this player was removed; retrying would
 *   only hammer the server.
 * - Waking (the page becomes visible or is resumed, the network comes back) reconnects at once
 *   and forgets the backoff, unless the stream is open and has spoken within the last 20 s
 *   (then only the silence watchdog is reset): a phone that slept past a heartbeat does not
 *   show a stale question for the 40 s the watchdog would take.
 */
export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'gone' | 'closed';

export interface ReconnectState {
	status: StreamStatus;
	/** Failed attempts since the last view arrived. */
	failures: number;
	/** Whether a view was ever received: the first attempt is "connecting", later ones not. */
	hadView: boolean;
}

export type ReconnectEvent =
	| { type: 'attempt' }
	| { type: 'view' }
	/** The stream ended or failed; `random` in [0, 1) draws the jitter. */
	| { type: 'dropped'; retryAfterMs: number | null; random: number }
	| { type: 'refused'; status: number }
	/**
	 * The page became visible, was resumed from frozen, or the network came back. `silentMs`:
	 * how long the open stream has sent nothing (not even a heartbeat).
	 */
	| { type: 'wake'; silentMs?: number }
	| { type: 'close' };

export type ReconnectEffect =
	| { type: 'none' }
	| { type: 'connect' }
	| { type: 'retry'; afterMs: number }
	| { type: 'reset-watchdog' }
	| { type: 'stop' };

export const INITIAL_RECONNECT: ReconnectState = {
	status: 'connecting',
	failures: 0,
	hadView: false
};

export const MAX_BACKOFF_MS = 10_000;
/**
 * An open stream silent this long when the phone wakes is taken for dead: the server sends a
 * heartbeat every 15 s (`HEARTBEAT_MS` in server/classroom/sse.ts), so 20 s means at least one
 * was missed, as after a phone slept and its network dropped the socket without a word.
 */
export const STALE_ON_WAKE_MS = 20_000;
const FINAL_STATUSES = [401, 403, 404];

/** Backoff for the n-th failure (n ≥ 1): 1 s, 2 s, 4 s… capped at 10 s, then jittered. */
export function backoffMs(failures: number, random: number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 5));
	return ceiling * (0.5 + random / 2);
}

/** Whether a refused stream is final (no retry). */
export const isFinalRefusal = (status: number): boolean => FINAL_STATUSES.includes(status);

const done = (status: StreamStatus) => status === 'gone' || status === 'closed';

export function reconnect(
	state: ReconnectState,
	event: ReconnectEvent
): { state: ReconnectState; effect: ReconnectEffect } {
	if (done(state.status) && event.type !== 'close') return { state, effect: { type: 'none' } };
	switch (event.type) {
		case 'attempt':
			return {
				state: { ...state, status: state.hadView ? 'reconnecting' : 'connecting' },
				effect: { type: 'none' }
			};
		case 'view':
			return {
				state: { status: 'open', failures: 0, hadView: true },
				effect: { type: 'reset-watchdog' }
			};
		case 'dropped': {
			const failures = state.failures + 1;
			return {
				state: { ...state, status: 'reconnecting', failures },
				effect: {
					type: 'retry',
					afterMs: event.retryAfterMs ?? backoffMs(failures, event.random)
				}
			};
		}
		case 'refused':
			return isFinalRefusal(event.status)
				? { state: { ...state, status: 'gone' }, effect: { type: 'stop' } }
				: reconnect(state, { type: 'dropped', retryAfterMs: null, random: 0.5 });
		case 'wake':
			return state.status === 'open' && (event.silentMs ?? 0) < STALE_ON_WAKE_MS
				? { state, effect: { type: 'reset-watchdog' } }
				: { state: { ...state, failures: 0 }, effect: { type: 'connect' } };
		case 'close':
			return { state: { ...state, status: 'closed' }, effect: { type: 'stop' } };
	}
}
