import { describe, expect, it } from 'vitest';
import type { HostView, JoinResponse } from './protocol';
import {
	canLockRoom,
	hostRejoinCode,
	isRoomLocked,
	joinRequestBody,
	lockCommand,
	rejoinCodeOf
} from './round-two';

// A response from a server that predates rejoin codes.
const joined = {
	roomId: 'r',
	playerId: 'p',
	token: 't',
	nickname: 'Ann'
} as unknown as JoinResponse;

describe('rejoin codes', () => {
	it('sends a code only when one was typed, tidied as a person would mean it', () => {
		expect(joinRequestBody('123456', 'Ann')).toEqual({ pin: '123456', nickname: 'Ann' });
		expect(joinRequestBody('123456', 'Ann', '  ')).toEqual({ pin: '123456', nickname: 'Ann' });
		expect(joinRequestBody('123456', 'Ann', ' k7p 2 ')).toEqual({
			pin: '123456',
			nickname: 'Ann',
			rejoinCode: 'K7P2'
		});
	});
	it('reads the code from the join response and the host view, or null', () => {
		expect(rejoinCodeOf(joined)).toBeNull();
		expect(rejoinCodeOf({ ...joined, rejoinCode: 'K7P2' } as JoinResponse)).toBe('K7P2');
		const player = { playerId: 'p', nickname: 'Ann', connected: true, points: 0, answered: false };
		expect(hostRejoinCode(player as never)).toBeNull();
		expect(hostRejoinCode({ ...player, rejoinCode: 'K7P2' })).toBe('K7P2');
	});
});

describe('locking the room', () => {
	const view = (phase: HostView['phase'], locked?: boolean) =>
		({ phase, ...(locked === undefined ? {} : { locked }) }) as unknown as HostView;
	it('is offered once the quiz has started and until it ends', () => {
		expect(canLockRoom(view('lobby'))).toBe(false);
		expect(
			['question', 'revealed', 'leaderboard'].map((p) => canLockRoom(view(p as 'question')))
		).toEqual([true, true, true]);
		expect(canLockRoom(view('ended'))).toBe(false);
	});
	it('reads the state and builds the command', () => {
		expect(isRoomLocked(view('question'))).toBe(false);
		expect(isRoomLocked(view('question', true))).toBe(true);
		expect(lockCommand(true)).toEqual({ type: 'lock' });
		expect(lockCommand(false)).toEqual({ type: 'unlock' });
	});
});
