/**
 * Where rooms live: one interface, two implementations, chosen by configuration.
 *
 * - `FileStore` (embedded, the default): one process, one JSON-lines log per room in
 *   `CLASSROOM_DATA_DIR`, group-committed with `fdatasync`. `npm start`, nothing to install.
 * - `RedisStore` (shared, `CLASSROOM_STORE=redis://…`): each room's log is a Redis Stream that
 *   every instance reads; the PIN index, the live-room count and the rate-limit counters live in
 *   Redis too, so any instance serves any request.
 *
 * The room machine never sees the store: `LiveRoom` feeds it the events the store hands back, in
 * the store's order. What differs is who numbers the events. Embedded, the one process applies an
 * event and then appends it (it is the only writer). Shared, an instance appends first and applies
 * what the stream says, so every instance applies the same events in the same order.
 */
import type { Locale } from '$lib/bank/types';
import type { RoomEvent, RoomInput } from '$lib/classroom/room/room.types';
import type { Limiter, LimitRule } from './rate-limit';

export const LOG_VERSION = 1;

/**
 * Shared mode: an instance's list of connected players counts this long after it was written.
 * Instances rewrite their lists every PRESENCE_REFRESH_MS (with the SSE heartbeat), so a list
 * outlives its instance (kill -9) by at most this long.
 */
export const PRESENCE_TTL_MS = 40_000;
export const PRESENCE_REFRESH_MS = 15_000;

export interface CreatedRecord {
	v: typeof LOG_VERSION;
	kind: 'created';
	input: RoomInput;
	locale: Locale;
	hostSecretHash: string;
	joinUrls: string[];
}

export interface EventRecord {
	kind: 'event';
	/** 1, 2, 3… per room: also the SSE `id:` of the room version it produced. */
	seq: number;
	event: RoomEvent;
	/** On `player.join` and `player.rejoin` only: the hash of the token issued to that player. */
	tokenHash?: string;
	/** Shared mode: a random id of the request that appended it, so its instance knows it back. */
	origin?: string;
}

export type LogRecord = CreatedRecord | EventRecord;

/** An event to append; the store gives it its `seq` (shared) or checks the one given (embedded). */
export type NewEvent = Omit<EventRecord, 'seq'> & { seq?: number };

export interface AppendOptions {
	/**
	 * Shared mode: append only if the room's last seq is still this one (optimistic check), else
	 * resolve `null`. Host commands use it so a command applies to the state it was checked on.
	 */
	expectSeq?: number;
	/** The room's PIN (its index entry's lifetime follows the room's). */
	pin: string;
	/** How long the room may stay idle after this event (ms): idle time, or retention once ended. */
	ttlMs: number;
	/** The room has ended: it no longer counts against the live-room cap. */
	ended: boolean;
	/**
	 * Shared mode: count this append against `limiter`'s window for `key` in the append itself
	 * (one round trip instead of two); past the limit the event is not appended and the append
	 * rejects with AppendLimited. The embedded store ignores it (the caller counts first there).
	 */
	limit?: { limiter: Limiter; key: string };
}

/** An append refused by its `limit` (AppendOptions): the event was not appended. */
export class AppendLimited extends Error {
	constructor(
		/** Whole seconds until the window lets the next one through (at least 1). */
		readonly retryAfter: number
	) {
		super(`Too many requests: try again in ${retryAfter} s.`);
	}
}

export interface RoomStore {
	readonly kind: 'embedded' | 'shared';
	/** Embedded: every room log on disk, for start-up recovery. Shared: none (rooms load on use). */
	recoverAll(): Promise<{ roomId: string; records: LogRecord[] | null }[]>;
	/** Writes a new room's first record and claims its PIN; false if the PIN was taken meanwhile. */
	create(record: CreatedRecord, ttlMs: number): Promise<boolean>;
	/** A room's whole log, or null if the store has no such room. */
	load(roomId: string): Promise<LogRecord[] | null>;
	/** Events after `seq`, in order. */
	readAfter(roomId: string, seq: number): Promise<EventRecord[]>;
	/**
	 * Appends an event; resolves with its seq once it is durable (embedded: fdatasync; shared:
	 * the Redis reply, sent after the AOF fsync with `appendfsync always`), or null when
	 * `expectSeq` no longer holds.
	 */
	append(roomId: string, event: NewEvent, options: AppendOptions): Promise<number | null>;
	/** Resolves when every append so far is durable. */
	settled(roomId?: string): Promise<void>;
	/** Called with every event any instance appends (shared only; embedded never calls it). */
	onAppended(listener: (roomId: string, record: EventRecord) => void): void;
	/** Called after a lost connection to the shared store comes back (events may have been missed). */
	onReconnected(listener: () => void): void;
	roomOfPin(pin: string): Promise<string | null>;
	/** Whether a PIN is in use (for drawing a new one). */
	pinTaken(pin: string): Promise<boolean>;
	/** Rooms that are neither ended nor expired, across every instance. */
	countLive(now: number): Promise<number>;
	/** Marks a room live until `until` (ms), or not live (ended) when `until` is null. */
	markLive(roomId: string, until: number | null): Promise<void>;
	/**
	 * A room that has just ended: it no longer counts as live, and its data is kept `retentionMs`
	 * from now (shared: the stream, its counter and the PIN entry expire then, whatever lifetime the
	 * appends before the end gave them, since those were written before the room knew it ended;
	 * and appends after it, from an instance that has not applied the end yet, keep that lifetime
	 * and leave the room out of the live count).
	 */
	markEnded(roomId: string, pin: string, retentionMs: number): Promise<void>;
	/** Forgets a room entirely (expired). */
	remove(roomId: string, pin: string): Promise<void>;
	/**
	 * Shared: records the players with an open stream on this instance in this room (the whole
	 * list, replacing this instance's previous one), valid for PRESENCE_TTL_MS unless written
	 * again, and (`announce`, on a change rather than a refresh) tells the other instances.
	 * Embedded: nothing to share.
	 */
	sharePresence(roomId: string, playerIds: readonly string[], announce: boolean): Promise<void>;
	/**
	 * Shared: the players with an open stream on another instance (lists past their expiry, from
	 * an instance that died, do not count). Embedded: null (this process sees every stream).
	 */
	remotePresence(roomId: string): Promise<ReadonlySet<string> | null>;
	/** Called with a room id when another instance's streams of that room changed (shared only). */
	onPresenceChanged(listener: (roomId: string) => void): void;
	/** A rate limiter whose counters this store keeps (shared: one count for every instance). */
	limiter(name: string, rule: LimitRule): Limiter;
	close(): Promise<void>;
}
