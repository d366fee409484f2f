/**
 * One live room on the server: the pure room machine's snapshot, its event log and its SSE
 * clients. This is the thin adapter the architecture asks for: `apply` runs the machine's
 * `transition()` (pure), logs the event if the machine accepted it, and schedules a push.
 *
 * Pushes are coalesced: at most one fan-out per FLUSH_INTERVAL_MS per room, the first one
 * immediately; each client gets a message only when its own view changed, so 300 answers in a
 * second update the host's tally ~20 times and a phone not at all until reveal.
 */
import { initialTransition, transition } from 'xstate';
import type { Locale } from '$lib/bank/types';
import { hasIn } from '$lib/classroom/bucket-map';
import type { Role } from '$lib/classroom/protocol';
import { roomMachine, type RoomSnapshot } from '$lib/classroom/room.machine';
import type { RoomEvent, RoomInput } from '$lib/classroom/room.types';
import {
	isAcceptingAnswers,
	playerViewKey,
	selectHostView,
	selectPlayerView,
	selectProjectorView
} from '$lib/classroom/room.view';
import type { EventLog } from './event-log';

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

export class LiveRoom {
	snapshot: RoomSnapshot;
	/** Seq of the last logged event: the room's version and the SSE event id. */
	version = 0;
	readonly clients = new Set<SseClient>();
	/** Open streams per player, for the host's "connected" dots. */
	private readonly presence = new Map<string, number>();
	private flushTimer: ReturnType<typeof setTimeout> | null = null;
	private lastFlushAt = 0;
	private deadlineTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		readonly input: RoomInput,
		readonly locale: Locale,
		readonly hostSecretHash: string,
		readonly joinUrls: string[],
		readonly log: EventLog
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

	/** Replays a logged event (recovery): no log write, no push. */
	replay(seq: number, event: RoomEvent): void {
		this.snapshot = transition(roomMachine, this.snapshot, event)[0];
		this.version = seq;
	}

	/**
	 * Runs an event through the machine. If the machine accepted it (its context changed), the
	 * event is appended to the log and the returned promise resolves once it is on disk; a
	 * rejected event returns null and is not logged.
	 */
	apply(event: RoomEvent, tokenHash?: string): Promise<void> | null {
		const before = this.snapshot;
		const [after] = transition(roomMachine, before, event);
		// Every accepted transition assigns `lastEventAt`, so an unchanged context means ignored.
		if (after.context === before.context) return null;
		this.snapshot = after;
		this.version += 1;
		const written = this.log.append({ kind: 'event', seq: this.version, event, tokenHash });
		this.armDeadline();
		this.schedulePush();
		return written;
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
			const written = this.apply({ type: 'clock.tick', at: Date.now() });
			// Still running (clock skew): try again shortly.
			if (!written) this.armDeadline();
			else written.catch((error) => console.error('classroom: log write failed', error));
		}, wait);
		this.deadlineTimer.unref?.();
	}

	connect(client: SseClient): void {
		this.clients.add(client);
		if (client.playerId) {
			this.presence.set(client.playerId, (this.presence.get(client.playerId) ?? 0) + 1);
			this.schedulePush();
		}
		this.pushTo(client, Date.now());
	}

	disconnect(client: SseClient): void {
		if (!this.clients.delete(client)) return;
		if (client.playerId) {
			const open = (this.presence.get(client.playerId) ?? 1) - 1;
			if (open <= 0) this.presence.delete(client.playerId);
			else this.presence.set(client.playerId, open);
			this.schedulePush();
		}
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
		return new Set(this.presence.keys());
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
		if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
		for (const client of [...this.clients]) client.close();
		this.clients.clear();
	}
}
