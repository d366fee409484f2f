/**
 * Views the classroom's component specs render (`*.svelte.spec.ts`): one home for the shapes
 * they share, so a change to the protocol's views changes one fixture. Test-only: no app code
 * imports it.
 */
import type { PlayerSession } from '$lib/classroom/client.svelte';
import type { PlayerView, QuestionHeader } from '$lib/classroom/protocol';

/** Question 1 of 3 (index `index`), a single-choice item with two options, a minute to answer. */
export function singleQuestion(index = 1, paused = false): QuestionHeader {
	return {
		index,
		count: 3,
		item: {
			type: 'single',
			stem: 'Which mode?',
			options: [
				{ id: 'a', label: 'Mode 1' },
				{ id: 'b', label: 'Mode 2' }
			]
		},
		deadline: null,
		remainingMs: 60_000,
		durationMs: 60_000,
		paused
	};
}

/** Ann's phone in the lobby of room-1 (4 players, 3 questions), nothing answered. */
export const lobbyView: PlayerView = {
	role: 'player',
	roomId: 'room-1',
	phase: 'lobby',
	serverNow: 0,
	me: { playerId: 'p1', nickname: 'Ann', points: 0, rank: null },
	questionCount: 3,
	question: null,
	myAnswer: { answered: false, correct: null, fraction: null, points: 0 },
	reveal: null,
	playerCount: 4,
	status: 'active'
};

/** Ann's stored session in room-1 (PIN 123456), as the phone keeps it after joining. */
export const playerSession: PlayerSession = {
	roomId: 'room-1',
	playerId: 'p1',
	token: 'token',
	nickname: 'Ann',
	pin: '123456'
};
