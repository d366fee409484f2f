/**
 * Types of the room machine: its input, context and events. Every event carries `at`, the
 * server's wall clock in ms when it happened: the machine never reads a clock, so replaying the
 * event log gives the same room, and tests control time by writing numbers.
 */
import type { Item, Response, Score } from '$lib/bank/types';
import type { BucketMap } from './bucket-map';
import type { RoomSettings } from '$lib/classroom/protocol';

export interface RoomQuestion {
	item: Item;
	/**
	 * Matching items only: the right-hand column as players see it, `rightOrder[p]` being the key
	 * index shown at position p. Drawn once at creation so every phone and a replay agree.
	 */
	rightOrder?: number[];
}

export interface RoomInput {
	roomId: string;
	pin: string;
	settings: RoomSettings;
	questions: RoomQuestion[];
	createdAt: number;
	/** Players allowed at once; MAX_PLAYERS_PER_ROOM when absent (logs written before it existed). */
	maxPlayers?: number;
}

export type PlayerStatus = 'active' | 'left' | 'removed';

export interface RoomPlayer {
	id: string;
	nickname: string;
	joinedAt: number;
	status: PlayerStatus;
	/** Reclaims this place with the nickname (drawn by the server, shown to player and host). */
	rejoinCode: string;
}

export interface AnswerRecord {
	/** In key terms (matching indexes already mapped back through `rightOrder`). */
	response: Response;
	score: Score;
	points: number;
	at: number;
	/** From the question's start, pauses not subtracted: good enough for "who was quick". */
	ms: number;
}

export interface PlayerTotals {
	points: number;
	correct: number;
	answered: number;
}

export interface RoomContext {
	roomId: string;
	pin: string;
	settings: RoomSettings;
	questions: RoomQuestion[];
	players: BucketMap<RoomPlayer>;
	/** `nicknameKey` → player id, for players still in the room: duplicate names in O(1). */
	nicknames: BucketMap<string>;
	/** Player ids in join order. */
	playerOrder: string[];
	/** Players with status `active`. */
	activeCount: number;
	/** Index of the current question; -1 in the lobby. */
	current: number;
	/** Absolute wall-clock ms when time is up; null while paused or outside a question. */
	deadline: number | null;
	/** Time left, kept while paused (and the full duration when a question starts). */
	remainingMs: number;
	durationMs: number;
	questionStartedAt: number | null;
	/** Per question index: player id → answer. */
	answers: BucketMap<AnswerRecord>[];
	skipped: boolean[];
	totals: BucketMap<PlayerTotals>;
	createdAt: number;
	lastEventAt: number;
	maxPlayers: number;
	/** Locked by the host: no new players; rejoining with a code still works. */
	locked: boolean;
}

interface At {
	/** Server wall clock, ms. */
	at: number;
}

export type RoomEvent =
	| ({ type: 'player.join'; playerId: string; nickname: string; rejoinCode: string } & At)
	/** A player reclaims their place (new device or cleared storage); a player who left returns. */
	| ({ type: 'player.rejoin'; playerId: string } & At)
	| ({ type: 'player.leave'; playerId: string } & At)
	| ({ type: 'answer.submit'; playerId: string; questionIndex: number; response: Response } & At)
	| ({ type: 'host.start' } & At)
	| ({ type: 'host.next' } & At)
	| ({ type: 'host.reveal' } & At)
	| ({ type: 'host.pause' } & At)
	| ({ type: 'host.resume' } & At)
	| ({ type: 'host.extend'; seconds: number } & At)
	| ({ type: 'host.skip' } & At)
	| ({ type: 'host.end' } & At)
	| ({ type: 'host.remove'; playerId: string } & At)
	| ({ type: 'host.lock' } & At)
	| ({ type: 'host.unlock' } & At)
	| ({ type: 'clock.tick' } & At);

export type RoomEventType = RoomEvent['type'];
