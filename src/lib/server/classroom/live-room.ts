/**
 * One live room on the server: the pure room machine's snapshot, its player tokens and its SSE
 * clients. This is the thin adapter the architecture asks for: `submit` hands an event to the
 * store and the machine (`transition()`, pure) in the order the store decides, and schedules a
 * push.
 *
 * - Embedded (this process is the only writer): apply, then append; the caller's promise
 *   resolves once the event is on disk. Events the machine ignores are not logged.
 * - Shared (several instances): append to the room's stream, then apply entries in stream order
 *   as they arrive (from Pub/Sub, or read back from the stream after a gap); the caller learns
 *   whether its event counted once its own entry is applied. Every instance runs the same
 *   entries through the same machine, so they all agree; ignored entries are harmless no-ops.
 *
 * Pushes are coalesced: at most one fan-out per FLUSH_INTERVAL_MS per room, the first one
 * immediately; each client gets a message only when its own view changed, so 300 answers in a
 * second update the host's tally ~20 times and a phone not at all until reveal.
 */
import { randomBytes } from 'node:crypto';
import { initialTransition, transition } from 'xstate';
import type { Locale } from '$lib/bank/types';
import { hasIn } from '$lib/classroom/room/bucket-map';
import type { Role } from '$lib/classroom/protocol';
import { roomMachine, type RoomSnapshot } from '$lib/classroom/room/room.machine';
import type { RoomEvent, RoomInput } from '$lib/classroom/room/room.types';
import {
	isAcceptingAnswers,
	playerViewKey,
	selectHostView,
	selectPlayerView,
	selectProjectorView
} from '$lib/classroom/room/room.view';
import type { EventRecord, RoomStore } from './store';

export const FLUSH_INTERVAL_MS = 50;

export interface SseClient {
	role: Role;
	playerId?: string;
	/** Enqueues an encoded SSE message; returns false when the client is gone or too slow. */
	send(message: string): boolean;
	close(): void;
	/** Dedupe key of the last view sent (the view made with a frozen clock). */
	lastKey?: string;
}

interface Message {
	key: string;
	readonly message: string;
}

/** What became of a submitted event. */
export interface Outcome {
	/** The machine took it (its context changed). */
	accepted: boolean;
	/** The room just before the event was applied: to tell the caller why it was ignored. */
	before: RoomSnapshot;
}

/** How long a room is kept after its last event, and after it ended (ms). */
export interface Lifetimes {
	idleMs: number;
	endedMs: number;
}

/** Shared mode: changes to this instance's connected players are written at most this often. */
const PRESENCE_WRITE_MS = 100;

/** In the shared mode, an own entry not seen on Pub/Sub this soon is read from the stream. */
const OWN_ENTRY_WAIT_MS = 150;

export class LiveRoom {
	snapshot: RoomSnapshot;
	/** Seq of the last applied event: the room's version and the SSE event id. */
	version = 0;
	/** Token hash → player id; one live token per player (a rejoin retires the old one). */
	private readonly tokens = new Map<string, string>();
	private readonly tokenOf = new Map<string, string>();
	/** Shared mode: own appends waiting for their entry to be applied, by origin. */
	private readonly waiting = new Map<string, (outcome: Outcome) => void>();
	/** Shared mode: catch-ups from the stream run one at a time. */
	private catchingUp: Promise<void> = Promise.resolve();
	readonly clients = new Set<SseClient>();
	/** Open streams per player on this instance, for the host's "connected" dots. */
	private readonly presence = new Map<string, number>();
	/** Shared mode: players with a stream on another instance (see RoomStore.remotePresence). */
	private remote: ReadonlySet<string> = new Set();
	private presenceTimer: ReturnType<typeof setTimeout> | null = null;
	private readingPresence: Promise<void> | null = null;
	private presenceStale = false;
	private flushTimer: ReturnType<typeof setTimeout> | null = null;
	private lastFlushAt = 0;
	private deadlineTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		readonly input: RoomInput,
		readonly locale: Locale,
		readonly hostSecretHash: string,
		readonly joinUrls: string[],
		readonly store: RoomStore,
		readonly lifetimes: Lifetimes
	) {
		this.snapshot = initialTransition(roomMachine, input)[0];
	}

	get id(): string {
		return this.input.roomId;
	}

	get pin(): string {
		return this.input.pin;
	}

	get ended(): boolean {
		return this.snapshot.status === 'done';
	}

	get lastEventAt(): number {
		return this.snapshot.context.lastEventAt;
	}

	get shared(): boolean {
		return this.store.kind === 'shared';
	}

	/** The player a token belongs to in this room, if any. */
	playerOfToken(tokenHash: string): string | undefined {
		return this.tokens.get(tokenHash);
	}

	/** When the room may be dropped (ms): idle time after its last event, or retention after its end. */
	get expiresAt(): number {
		return this.lastEventAt + (this.ended ? this.lifetimes.endedMs : this.lifetimes.idleMs);
	}

	/**
	 * Runs one logged event through the machine (recovery, and every event in the shared mode):
	 * no log write. Returns whether the machine took it.
	 */
	private step(record: Pick<EventRecord, 'event' | 'tokenHash'>): boolean {
		const before = this.snapshot;
		const [after] = transition(roomMachine, before, record.event);
		// Every accepted transition assigns `lastEventAt`, so an unchanged context means ignored.
		if (after.context === before.context) return false;
		this.snapshot = after;
		const { event, tokenHash } = record;
		if (tokenHash && (event.type === 'player.join' || event.type === 'player.rejoin')) {
			const old = this.tokenOf.get(event.playerId);
			if (old) this.tokens.delete(old);
			this.tokens.set(tokenHash, event.playerId);
			this.tokenOf.set(event.playerId, tokenHash);
		}
		return true;
	}

	/** Replays a logged event (recovery): no log write, no push. */
	replay(record: EventRecord): void {
		this.step(record);
		this.version = record.seq;
	}

	/**
	 * Submits an event. Resolves once it is durable in the store and applied, with whether the
	 * machine took it. `conditional` (host commands, shared mode): append only if no other event
	 * came first; resolves null if one did (the caller checks again on the newer room and retries).
	 */
	async submit(
		event: RoomEvent,
		options: { tokenHash?: string; conditional?: boolean } = {}
	): Promise<Outcome | null> {
		if (!this.shared) return this.applyThenAppend(event, options.tokenHash);
		const origin = randomBytes(9).toString('base64url');
		const applied = new Promise<Outcome>((resolve) => this.waiting.set(origin, resolve));
		try {
			const seq = await this.store.append(
				this.id,
				{ kind: 'event', event, tokenHash: options.tokenHash, origin },
				{
					pin: this.pin,
					ttlMs: this.ended ? this.lifetimes.endedMs : this.lifetimes.idleMs,
					ended: this.ended,
					expectSeq: options.conditional ? this.version : undefined
				}
			);
			if (seq === null) {
				// Someone else's entry came first. If ours is among what we missed (a resent
				// command whose first reply was lost), it counts; otherwise the caller retries.
				await this.catchUp();
				const outcome = await Promise.race([applied, Promise.resolve(null)]);
				return outcome;
			}
			if (this.version < seq) {
				const timer = setTimeout(() => void this.catchUp(seq), OWN_ENTRY_WAIT_MS);
				const outcome = await applied;
				clearTimeout(timer);
				return outcome;
			}
			return await applied;
		} finally {
			this.waiting.delete(origin);
		}
	}

	/** Embedded: the machine decides now; an accepted event resolves once it is on disk. */
	private async applyThenAppend(event: RoomEvent, tokenHash?: string): Promise<Outcome> {
		const before = this.snapshot;
		if (!this.step({ event, tokenHash })) return { accepted: false, before };
		this.version += 1;
		const written = this.store.append(
			this.id,
			{ kind: 'event', seq: this.version, event, tokenHash },
			{
				pin: this.pin,
				ttlMs: this.ended ? this.lifetimes.endedMs : this.lifetimes.idleMs,
				ended: this.ended
			}
		);
		this.armDeadline();
		this.schedulePush();
		await written;
		return { accepted: true, before };
	}

	/**
	 * Shared mode: applies an entry of this room's stream. Entries arrive in order; an older one is
	 * skipped, and one past a gap makes the room read the gap from the stream first.
	 */
	receive(record: EventRecord): void {
		if (record.seq <= this.version) return;
		if (record.seq > this.version + 1) {
			void this.catchUp(record.seq);
			return;
		}
		const before = this.snapshot;
		const accepted = this.step(record);
		this.version = record.seq;
		if (record.origin) this.waiting.get(record.origin)?.({ accepted, before });
		if (accepted) {
			this.armDeadline();
			this.schedulePush();
		}
	}

	/** Shared mode: reads and applies what the stream has beyond this replica (up to `seq`). */
	catchUp(seq?: number): Promise<void> {
		this.catchingUp = this.catchingUp.then(async () => {
			if (seq !== undefined && this.version >= seq) return;
			try {
				for (const record of await this.store.readAfter(this.id, this.version))
					this.receive(record);
			} catch (error) {
				console.error(`classroom: could not read room ${this.id} from the store`, error);
			}
		});
		return this.catchingUp;
	}

	/** Reveals at the deadline: the machine only learns the time from a tick event. */
	armDeadline(): void {
		if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
		this.deadlineTimer = null;
		const deadline = this.snapshot.context.deadline;
		if (!isAcceptingAnswers(this.snapshot) || deadline === null) return;
		const wait = Math.max(0, deadline - Date.now()) + 5;
		this.deadlineTimer = setTimeout(() => {
			this.deadlineTimer = null;
			// Shared mode: every instance holding the room sends its tick; the first one past the
			// deadline reveals, the others are no-ops.
			this.submit({ type: 'clock.tick', at: Date.now() }).then(
				(outcome) => {
					// Still running (clock skew): try again shortly.
					if (!outcome?.accepted) this.armDeadline();
				},
				(error) => console.error('classroom: log write failed', error)
			);
		}, wait);
		this.deadlineTimer.unref?.();
	}

	connect(client: SseClient): void {
		this.clients.add(client);
		if (client.playerId) {
			const open = (this.presence.get(client.playerId) ?? 0) + 1;
			this.presence.set(client.playerId, open);
			if (open === 1) this.presenceChanged();
		}
		this.pushTo(client, Date.now());
	}

	disconnect(client: SseClient): void {
		if (!this.clients.delete(client)) return;
		if (client.playerId) {
			const open = (this.presence.get(client.playerId) ?? 1) - 1;
			if (open <= 0) {
				this.presence.delete(client.playerId);
				this.presenceChanged();
			} else this.presence.set(client.playerId, open);
		}
	}

	/**
	 * A player's first stream opened or last one closed here: the host's dots change, and in the
	 * shared mode the other instances hear of it. Writes are coalesced (PRESENCE_WRITE_MS), so a
	 * class of 1,000 phones connecting at once costs a few writes, not 1,000.
	 */
	private presenceChanged(): void {
		this.schedulePush();
		if (!this.shared || this.presenceTimer) return;
		this.presenceTimer = setTimeout(() => {
			this.presenceTimer = null;
			this.sharePresence(true);
		}, PRESENCE_WRITE_MS);
		this.presenceTimer.unref?.();
	}

	/**
	 * Shared mode: writes this instance's connected players, on a change (`announce`: the other
	 * instances read them now) and every refresh (they read them on their own refresh).
	 */
	sharePresence(announce: boolean): void {
		this.store
			.sharePresence(this.id, [...this.presence.keys()], announce)
			.catch((error) => console.error('classroom: could not share presence', error));
	}

	/**
	 * Shared mode: reads which players have a stream on other instances (when one says its list
	 * changed, and every refresh, which also drops the lists of instances that died). One read at
	 * a time; a request during a read makes one more read after it.
	 */
	readPresence(): Promise<void> {
		if (this.readingPresence) {
			this.presenceStale = true;
			return this.readingPresence;
		}
		this.readingPresence = (async () => {
			do {
				this.presenceStale = false;
				try {
					const remote = await this.store.remotePresence(this.id);
					if (remote) this.remote = remote;
				} catch (error) {
					console.error('classroom: could not read presence', error);
				}
			} while (this.presenceStale);
			this.readingPresence = null;
			this.schedulePush();
		})();
		return this.readingPresence;
	}

	streamsOf(playerId: string): SseClient[] {
		return [...this.clients].filter((c) => c.playerId === playerId);
	}

	schedulePush(): void {
		if (this.flushTimer) return;
		const wait = Math.max(0, this.lastFlushAt + FLUSH_INTERVAL_MS - Date.now());
		this.flushTimer = setTimeout(() => {
			this.flushTimer = null;
			this.lastFlushAt = Date.now();
			this.pushAll(this.lastFlushAt);
		}, wait);
	}

	/** The view a client should see, or null if it has no business here any more. */
	viewFor(role: Role, playerId: string | undefined, now: number): object | null {
		const extras = { now, joinUrls: this.joinUrls };
		if (role === 'host')
			return selectHostView(this.snapshot, { ...extras, connected: this.presenceSet() });
		if (role === 'projector') return selectProjectorView(this.snapshot, extras);
		return playerId ? selectPlayerView(this.snapshot, playerId, now) : null;
	}

	private presenceSet(): ReadonlySet<string> {
		const connected = new Set(this.presence.keys());
		for (const playerId of this.remote) connected.add(playerId);
		return connected;
	}

	private pushAll(now: number): void {
		// Host and projector views are the same for every such client: make them once.
		const shared = new Map<Role, Message>();
		for (const client of this.clients) {
			if (client.role !== 'player') {
				let made = shared.get(client.role);
				if (!made) {
					const fresh = this.message(client.role, undefined, now);
					if (!fresh) continue;
					made = fresh;
					shared.set(client.role, made);
				}
				this.deliver(client, made);
			} else this.pushTo(client, now);
		}
	}

	private pushTo(client: SseClient, now: number): void {
		const made = this.message(client.role, client.playerId, now);
		if (made) this.deliver(client, made);
		else client.close();
	}

	private deliver(client: SseClient, made: Message): void {
		if (client.lastKey === made.key) return;
		client.lastKey = made.key;
		if (!client.send(made.message)) client.close();
	}

	/**
	 * Builds a dedupe key and, lazily, the SSE message. The key leaves the clock out, so only real
	 * changes (not the passing of time, which clients count themselves) cause a push: for the host
	 * and projector it is their view made with the clock frozen at 0; for a phone, a cheap
	 * fingerprint, because a room of 300 phones would otherwise build 300 views per push.
	 */
	private message(role: Role, playerId: string | undefined, now: number): Message | null {
		if (role === 'player') {
			if (!playerId || !hasIn(this.snapshot.context.players, playerId)) return null;
			return this.lazyMessage(playerViewKey(this.snapshot, playerId), role, playerId, now);
		}
		const frozen = this.viewFor(role, playerId, 0);
		if (!frozen) return null;
		return this.lazyMessage(JSON.stringify(frozen), role, playerId, now);
	}

	private lazyMessage(key: string, role: Role, playerId: string | undefined, now: number): Message {
		let text: string | undefined;
		// Built only for clients whose view changed: most phones skip most pushes.
		const build = () => {
			const view = this.viewFor(role, playerId, now);
			return `id: ${this.version}\nevent: view\ndata: ${JSON.stringify(view)}\n\n`;
		};
		return {
			key,
			get message() {
				return (text ??= build());
			}
		};
	}

	/** Ends every stream (room expired or deleted). */
	closeAll(): void {
		if (this.flushTimer) clearTimeout(this.flushTimer);
		if (this.presenceTimer) clearTimeout(this.presenceTimer);
		this.presenceTimer = null;
		if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
		this.flushTimer = null;
		this.deadlineTimer = null;
		for (const client of [...this.clients]) client.close();
		this.clients.clear();
	}
}
