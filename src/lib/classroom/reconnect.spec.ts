import { describe, expect, it } from 'vitest';
import {
	backoffMs,
	INITIAL_RECONNECT,
	MAX_BACKOFF_MS,
	reconnect,
	type ReconnectEvent,
	type ReconnectState
} from './reconnect';

const run = (events: ReconnectEvent[], from: ReconnectState = INITIAL_RECONNECT) =>
	events.reduce<{ state: ReconnectState; effects: string[] }>(
		(acc, event) => {
			const { state, effect } = reconnect(acc.state, event);
			return {
				state,
				effects: [...acc.effects, effect.type === 'retry' ? `retry ${effect.afterMs}` : effect.type]
			};
		},
		{ state: from, effects: [] }
	);
const drop = (random = 0.5): ReconnectEvent => ({ type: 'dropped', retryAfterMs: null, random });

describe('reconnect', () => {
	it('backs off exponentially with jitter, capped at 10 s', () => {
		expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, 1))).toEqual([
			1000,
			2000,
			4000,
			8000,
			MAX_BACKOFF_MS,
			MAX_BACKOFF_MS
		]);
		expect(backoffMs(1, 0)).toBe(500);
	});

	it('says "connecting" before the first view and "reconnecting" after it', () => {
		expect(run([{ type: 'attempt' }]).state.status).toBe('connecting');
		const after = run([{ type: 'attempt' }, { type: 'view' }, drop(), { type: 'attempt' }]);
		expect(after.state.status).toBe('reconnecting');
	});

	it('retries longer after each failure, follows Retry-After, and starts over after a view', () => {
		const { effects, state } = run([
			drop(1),
			drop(1),
			{ type: 'dropped', retryAfterMs: 30_000, random: 1 },
			{ type: 'view' },
			drop(1)
		]);
		expect(effects).toEqual([
			'retry 1000',
			'retry 2000',
			'retry 30000',
			'reset-watchdog',
			'retry 1000'
		]);
		expect(state.failures).toBe(1);
	});

	it('stops for good when the room is gone or the player removed, and ignores a wake after', () => {
		for (const status of [401, 403, 404]) {
			const { state, effects } = run([{ type: 'refused', status }, { type: 'wake' }, drop()]);
			expect(state.status).toBe('gone');
			expect(effects).toEqual(['stop', 'none', 'none']);
		}
		expect(run([{ type: 'refused', status: 503 }]).effects).toEqual(['retry 750']);
	});

	it('reconnects at once on waking, forgetting the backoff; an open stream only resets its watchdog', () => {
		const waking = run([drop(), drop(), drop(), { type: 'wake' }]);
		expect(waking.effects.at(-1)).toBe('connect');
		expect(waking.state.failures).toBe(0);
		expect(run([{ type: 'view' }, { type: 'wake' }]).effects).toEqual([
			'reset-watchdog',
			'reset-watchdog'
		]);
	});

	it('does nothing more once closed', () => {
		expect(run([{ type: 'close' }, { type: 'wake' }, { type: 'view' }]).effects).toEqual([
			'stop',
			'none',
			'none'
		]);
	});

	it('reconnects a phone that wakes on a stream silent past a heartbeat', () => {
		// Slept through a question: the socket looks open but has said nothing for 25 s.
		expect(run([{ type: 'view' }, { type: 'wake', silentMs: 25_000 }]).effects).toEqual([
			'reset-watchdog',
			'connect'
		]);
		// Woke within a heartbeat: the stream is trusted.
		expect(run([{ type: 'view' }, { type: 'wake', silentMs: 5_000 }]).effects).toEqual([
			'reset-watchdog',
			'reset-watchdog'
		]);
	});
});
