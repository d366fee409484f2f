/**
 * One classroom room as a pure XState 5 machine: lobby → question (running ⇄ paused) → revealed
 * → leaderboard → next question … → ended. No clock, no I/O: every event carries its own `at`,
 * and the server drives the machine with `transition()` (pure), logging each accepted event, so
 * a replay of the log rebuilds exactly the same room. Tests drive the very same machine.
 *
 * The checks that decide whether an answer or a join is accepted are exported as plain functions
 * so the server can tell a player *why* (duplicate name, too late…) with the same rules the
 * guards use.
 */
import { assign, not, setup, type SnapshotFrom } from 'xstate';
import { scoreItem } from '$lib/answering/scoring';
import type { Item, Response } from '$lib/bank/types';
import { deleteIn, entriesOf, getIn, hasIn, setIn } from './bucket-map';
import {
	DEFAULT_SETTINGS,
	MAX_PLAYERS_PER_ROOM,
	nicknameKey,
	type ErrorCode
} from '$lib/classroom/protocol';
import type {
	AnswerRecord,
	PlayerStatus,
	RoomContext,
	RoomEvent,
	RoomInput,
	RoomPlayer,
	RoomQuestion
} from './room.types';

/** Points for a fully right answer; partial credit scales it. */
export const POINTS_PER_QUESTION = 1000;
/** With the speed bonus on, an instant right answer earns up to this much on top. */
export const SPEED_BONUS_MAX = 500;

type EventOf<T extends RoomEvent['type']> = Extract<RoomEvent, { type: T }>;

export type AnswerCheck = 'accept' | 'duplicate' | ErrorCode;

/** Whether the answer would count; `duplicate` means the first answer stands (not an error). */
export function checkAnswer(
	context: RoomContext,
	acceptingAnswers: boolean,
	event: EventOf<'answer.submit'>
): AnswerCheck {
	const player = getIn(context.players, event.playerId);
	if (!player) return 'unauthorised';
	if (player.status === 'removed') return 'removed';
	if (player.status === 'left') return 'not-allowed';
	const isCurrent = event.questionIndex === context.current;
	if (isCurrent && hasIn(context.answers[context.current], event.playerId)) return 'duplicate';
	if (!acceptingAnswers) return 'not-accepting';
	if (!isCurrent) return 'wrong-question';
	if (context.deadline !== null && event.at > context.deadline) return 'too-late';
	const item = context.questions[context.current].item;
	if (event.response.type !== item.type) return 'malformed';
	return 'accept';
}

/** Why a nickname cannot join, or null. Names are unique among players still in the room. */
export function checkJoin(
	context: RoomContext,
	ended: boolean,
	event: EventOf<'player.join'>
): ErrorCode | null {
	if (ended) return 'room-closed';
	if (hasIn(context.players, event.playerId)) return 'not-allowed';
	if (context.locked) return 'room-locked';
	if (context.activeCount >= context.maxPlayers) return 'room-full';
	return hasIn(context.nicknames, nicknameKey(event.nickname)) ? 'duplicate-nickname' : null;
}

/**
 * Why a player cannot reclaim their place, or null. A removed player stays out; one who left
 * comes back if the name is still free and the room has room (a lock does not stop them).
 */
export function checkRejoin(
	context: RoomContext,
	ended: boolean,
	event: EventOf<'player.rejoin'>
): ErrorCode | null {
	if (ended) return 'room-closed';
	const player = getIn(context.players, event.playerId);
	if (!player) return 'not-allowed';
	if (player.status === 'removed') return 'removed';
	if (player.status === 'active') return null;
	if (context.activeCount >= context.maxPlayers) return 'room-full';
	return hasIn(context.nicknames, nicknameKey(player.nickname)) ? 'duplicate-nickname' : null;
}

/** The latest player who used this nickname (any status), for rejoining by code. */
export function playerByNickname(context: RoomContext, nickname: string): RoomPlayer | undefined {
	const key = nicknameKey(nickname);
	for (let i = context.playerOrder.length - 1; i >= 0; i--) {
		const player = getIn(context.players, context.playerOrder[i])!;
		if (nicknameKey(player.nickname) === key) return player;
	}
	return undefined;
}

/** Maps a matching response from displayed positions back to key indexes. */
export function toKeyResponse(question: RoomQuestion, response: Response): Response {
	if (response.type !== 'matching' || !question.rightOrder) return response;
	const order = question.rightOrder;
	const rightFor: Record<number, number> = {};
	for (const [left, shown] of Object.entries(response.rightFor)) {
		const key = order[shown];
		if (key !== undefined) rightFor[Number(left)] = key;
	}
	return { type: 'matching', rightFor };
}

/** Points for a score: accuracy only, or with a bonus for the share of time left. */
export function pointsFor(
	fraction: number,
	scoring: RoomContext['settings']['scoring'],
	remainingShare: number
): number {
	const base = POINTS_PER_QUESTION * fraction;
	const bonus =
		scoring === 'speed' ? SPEED_BONUS_MAX * fraction * Math.min(1, Math.max(0, remainingShare)) : 0;
	return Math.round(base + bonus);
}

function scoreAnswer(context: RoomContext, event: EventOf<'answer.submit'>): AnswerRecord {
	const question = context.questions[context.current];
	const response = toKeyResponse(question, event.response);
	const score = scoreItem(question.item as Item, response);
	const remaining = context.deadline === null ? 0 : context.deadline - event.at;
	const points = pointsFor(
		score.fraction,
		context.settings.scoring,
		remaining / context.durationMs
	);
	const ms = Math.max(0, event.at - (context.questionStartedAt ?? event.at));
	return { response, score, points, at: event.at, ms };
}

/** Context changes for an accepted answer: its scored record, and the player's totals. */
function recordAnswer(
	context: RoomContext,
	event: EventOf<'answer.submit'>
): Pick<RoomContext, 'answers' | 'totals'> {
	const record = scoreAnswer(context, event);
	const answers = [...context.answers];
	answers[context.current] = setIn(answers[context.current], event.playerId, record);
	const before = getIn(context.totals, event.playerId)!;
	const totals = setIn(context.totals, event.playerId, {
		points: before.points + record.points,
		correct: before.correct + (record.score.correct ? 1 : 0),
		answered: before.answered + 1
	});
	return { answers, totals };
}

/** Context changes for starting question `index` at time `at`. */
function beginQuestion(context: RoomContext, index: number, at: number): Partial<RoomContext> {
	const durationMs = context.settings.secondsPerQuestion * 1000;
	return {
		current: index,
		deadline: at + durationMs,
		remainingMs: durationMs,
		durationMs,
		questionStartedAt: at
	};
}

const stopClock = { deadline: null, remainingMs: 0 } as const;

/** A new room's state: its lobby, nobody in it yet. */
const initialContext = (input: RoomInput): RoomContext => ({
	roomId: input.roomId,
	pin: input.pin,
	settings: input.settings,
	questions: input.questions,
	players: {},
	nicknames: {},
	playerOrder: [],
	activeCount: 0,
	current: -1,
	deadline: null,
	remainingMs: 0,
	durationMs: input.settings.secondsPerQuestion * 1000,
	questionStartedAt: null,
	answers: input.questions.map(() => ({})),
	skipped: input.questions.map(() => false),
	totals: {},
	createdAt: input.createdAt,
	lastEventAt: input.createdAt,
	maxPlayers: input.maxPlayers ?? MAX_PLAYERS_PER_ROOM,
	locked: false
});

/** What the throwaway actor gets (see `context` below); never a room's state. */
const NO_INPUT_CONTEXT: RoomContext = Object.freeze(
	initialContext({ roomId: '', pin: '', settings: DEFAULT_SETTINGS, questions: [], createdAt: 0 })
);

export const roomMachine = setup({
	types: {
		input: {} as RoomInput,
		context: {} as RoomContext,
		events: {} as RoomEvent
	},
	guards: {
		hasQuestions: ({ context }) => context.questions.length > 0,
		hasNextQuestion: ({ context }) => context.current + 1 < context.questions.length,
		isPastDeadline: ({ context, event }) =>
			context.deadline !== null && event.at >= context.deadline,
		canAnswer: ({ context, event }) =>
			event.type === 'answer.submit' && checkAnswer(context, true, event) === 'accept',
		canJoin: ({ context, event }) =>
			event.type === 'player.join' && checkJoin(context, false, event) === null,
		canRejoin: ({ context, event }) =>
			event.type === 'player.rejoin' && checkRejoin(context, false, event) === null,
		isLocked: ({ context }) => context.locked,
		isActivePlayer: ({ context, event }) =>
			(event.type === 'player.leave' || event.type === 'host.remove') &&
			getIn(context.players, event.playerId)?.status === 'active'
	},
	actions: {
		noteTime: assign({ lastEventAt: ({ event }) => event.at }),
		addPlayer: assign(({ context, event }) => {
			if (event.type !== 'player.join') return {};
			const player = {
				id: event.playerId,
				nickname: event.nickname,
				joinedAt: event.at,
				status: 'active' as const,
				rejoinCode: event.rejoinCode
			};
			return {
				players: setIn(context.players, player.id, player),
				nicknames: setIn(context.nicknames, nicknameKey(player.nickname), player.id),
				playerOrder: [...context.playerOrder, player.id],
				activeCount: context.activeCount + 1,
				totals: setIn(context.totals, player.id, { points: 0, correct: 0, answered: 0 })
			};
		}),
		markPlayerBack: assign(({ context, event }) => {
			if (event.type !== 'player.rejoin') return {};
			const before = getIn(context.players, event.playerId)!;
			if (before.status === 'active') return {};
			const player = { ...before, status: 'active' as const };
			return {
				players: setIn(context.players, player.id, player),
				nicknames: setIn(context.nicknames, nicknameKey(player.nickname), player.id),
				activeCount: context.activeCount + 1
			};
		}),
		markPlayerGone: assign(({ context, event }) => {
			if (event.type !== 'player.leave' && event.type !== 'host.remove') return {};
			const status: PlayerStatus = event.type === 'host.remove' ? 'removed' : 'left';
			const player = { ...getIn(context.players, event.playerId)!, status };
			return {
				players: setIn(context.players, player.id, player),
				nicknames: deleteIn(context.nicknames, nicknameKey(player.nickname)),
				activeCount: context.activeCount - 1
			};
		}),
		recordAnswer: assign(({ context, event }) =>
			event.type === 'answer.submit' ? recordAnswer(context, event) : {}
		),
		startFirstQuestion: assign(({ context, event }) => beginQuestion(context, 0, event.at)),
		startNextQuestion: assign(({ context, event }) =>
			beginQuestion(context, context.current + 1, event.at)
		),
		pauseClock: assign(({ context, event }) => ({
			deadline: null,
			remainingMs: Math.max(0, (context.deadline ?? event.at) - event.at)
		})),
		resumeClock: assign(({ context, event }) => ({
			deadline: event.at + context.remainingMs
		})),
		extendTime: assign(({ context, event }) => {
			if (event.type !== 'host.extend') return {};
			const extra = event.seconds * 1000;
			return context.deadline === null
				? { remainingMs: context.remainingMs + extra }
				: { deadline: context.deadline + extra };
		}),
		stopClock: assign(stopClock),
		// A skipped question is void: its answers stay in the report but earn nothing.
		markSkipped: assign(({ context }) => {
			const skipped = [...context.skipped];
			skipped[context.current] = true;
			let totals = context.totals;
			for (const [playerId, record] of entriesOf(context.answers[context.current])) {
				const before = getIn(totals, playerId)!;
				totals = setIn(totals, playerId, {
					points: before.points - record.points,
					correct: before.correct - (record.score.correct ? 1 : 0),
					answered: before.answered - 1
				});
			}
			return { skipped, totals };
		})
	}
}).createMachine({
	id: 'room',
	// xstate's pure `transition()` makes a throwaway actor per call, which runs this factory with
	// no input: without the guard each event threw (and built a stack trace) inside xstate, which
	// was a third of the cost of an answer in a big room.
	context: ({ input }) => (input ? initialContext(input) : NO_INPUT_CONTEXT),
	initial: 'lobby',
	on: {
		'player.join': { guard: 'canJoin', actions: ['addPlayer', 'noteTime'] },
		'player.rejoin': { guard: 'canRejoin', actions: ['markPlayerBack', 'noteTime'] },
		'player.leave': { guard: 'isActivePlayer', actions: ['markPlayerGone', 'noteTime'] },
		'host.lock': { guard: not('isLocked'), actions: [assign({ locked: true }), 'noteTime'] },
		'host.unlock': { guard: 'isLocked', actions: [assign({ locked: false }), 'noteTime'] },
		'host.remove': { guard: 'isActivePlayer', actions: ['markPlayerGone', 'noteTime'] },
		'host.end': { target: '.ended', actions: ['stopClock', 'noteTime'] }
	},
	states: {
		lobby: {
			on: {
				'host.start': {
					guard: 'hasQuestions',
					target: 'question',
					actions: ['startFirstQuestion', 'noteTime']
				}
			}
		},
		question: {
			initial: 'running',
			on: {
				'host.reveal': { target: 'revealed', actions: ['stopClock', 'noteTime'] },
				'host.extend': { actions: ['extendTime', 'noteTime'] },
				'host.skip': [
					{
						guard: 'hasNextQuestion',
						target: 'question',
						reenter: true,
						actions: ['markSkipped', 'startNextQuestion', 'noteTime']
					},
					{ target: 'ended', actions: ['markSkipped', 'stopClock', 'noteTime'] }
				]
			},
			states: {
				running: {
					on: {
						'answer.submit': { guard: 'canAnswer', actions: ['recordAnswer', 'noteTime'] },
						'clock.tick': {
							guard: 'isPastDeadline',
							target: '#room.revealed',
							actions: ['stopClock', 'noteTime']
						},
						'host.pause': { target: 'paused', actions: ['pauseClock', 'noteTime'] }
					}
				},
				paused: {
					on: { 'host.resume': { target: 'running', actions: ['resumeClock', 'noteTime'] } }
				}
			}
		},
		revealed: {
			on: { 'host.next': { target: 'leaderboard', actions: 'noteTime' } }
		},
		leaderboard: {
			on: {
				'host.next': [
					{
						guard: 'hasNextQuestion',
						target: 'question',
						actions: ['startNextQuestion', 'noteTime']
					},
					{ target: 'ended', actions: 'noteTime' }
				]
			}
		},
		ended: { type: 'final' }
	}
});

export type RoomSnapshot = SnapshotFrom<typeof roomMachine>;
export type RoomMachine = typeof roomMachine;

/**
 * The machine's step for an answer while a question runs, without xstate's general
 * interpreter: the room's busiest event (a class of 1,000 answers within a second), where
 * selecting the transition, resolving two `assign`s and rebuilding the snapshot cost more than
 * scoring the answer. It is the `question.running` → `answer.submit` transition above, spelled
 * out: guard `canAnswer`, actions `recordAnswer` then `noteTime`, no target (the state and
 * everything but the context stay as they are). Returns the snapshot unchanged when the guard
 * refuses, and undefined for any other event or state (the caller runs the machine then).
 * `room.machine.spec.ts` checks it against `transition()` event by event.
 */
export function answerStep(snapshot: RoomSnapshot, event: RoomEvent): RoomSnapshot | undefined {
	if (event.type !== 'answer.submit' || !snapshot.matches({ question: 'running' }))
		return undefined;
	const { context } = snapshot;
	if (checkAnswer(context, true, event) !== 'accept') return snapshot;
	// xstate's snapshots are plain objects whose methods are own properties (createMachineSnapshot).
	return {
		...snapshot,
		context: { ...context, ...recordAnswer(context, event), lastEventAt: event.at }
	};
}
