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
 * immediately, always with the latest state; each client gets a message only when its own view
 * changed, so 300 answers in a second update the host's tally ~20 times and a phone once (its
 * own "answered") until reveal. A push costs O(what changed), not O(players) per client:
 *
 * - the host and projector views are built once per push (one per role, whatever the number of
 *   such clients), serialised and encoded once, and only when the room or (host) the connected
 *   set changed since that role's last message; their player lists are serialised a row at a
 *   time and a row only when what it shows changed (RowCache);
 * - a host or projector stream that holds the previous revision of its view is sent a patch
 *   (view-patch.ts): the view without its list, and only the rows that changed. A push after
 *   one answer in a room of 2,000 sends one row, not 2,000 (240 KB). A stream that connects, or
 *   missed a revision, is sent the whole view;
 * - a phone is looked at only if an event named its player, or something every phone shows
 *   changed (phase, question, clock, leaderboard). A change of the player count alone (the lobby
 *   filling up) reaches the other phones at most once per PLAYER_COUNT_INTERVAL_MS, so 1,000
 *   phones joining do not cost 1,000 views per push.
 */
import { randomBytes } from 'node:crypto';
import { createActor, initialTransition, type AnyActorScope, type AnyStateMachine } from 'xstate';
import type { Locale } from '$lib/bank/types';
import { getIn, hasIn } from '$lib/classroom/room/bucket-map';
import type { Role } from '$lib/classroom/protocol';
import type { ViewPatch } from '$lib/classroom/view-patch';
import { answerStep, roomMachine, type RoomSnapshot } from '$lib/classroom/room/room.machine';
import type { RoomEvent, RoomInput } from '$lib/classroom/room/room.types';
import {
	activePlayerCount,
	activePlayerIds,
	currentAnswers,
	hostRow,
	isAcceptingAnswers,
	playerRoomWideKey,
	playerViewKey,
	projectorRow,
	selectHostHead,
	selectHostView,
	selectPlayerView,
	selectProjectorHead,
	selectProjectorView
} from '$lib/classroom/room/room.view';
import type { TrueFalseWords } from '$lib/features/classroom/public-item';
import { trueFalseWords } from './report-words';
import type { AppendOptions, EventRecord, RoomStore } from './store';
import { stamp, traceNow, TRACING } from './trace';

export const FLUSH_INTERVAL_MS = 50;
/** Phones learn a new player count (and nothing else new) at most this often (ms). */
export const PLAYER_COUNT_INTERVAL_MS = 1000;

export interface SseClient {
	role: Role;
	playerId?: string;
	/**
	 * Enqueues an SSE message (text, or already UTF-8 encoded: one encoding shared by every host
	 * or projector client); returns false when the client is gone or too slow.
	 */
	send(message: string | Uint8Array): boolean;
	close(): void;
	/**
	 * Dedupe key of the last view sent: equal keys mean an equal view, clock aside. For a host or
	 * projector, the revision of its view (what a patch's `base` names).
	 */
	lastKey?: string;
}

/** The host's or projector's view: its latest revision and what changed since the one before. */
interface Revision {
	/** `LiveRoom.sharedKey` when it was made. */
	rev: string;
	/** The revision before, which a patch applies to; null for the first. */
	base: string | null;
	/** The players listed, in order. */
	ids: readonly string[];
	/** Whether `ids` differ from the base revision's (a patch then carries them). */
	idsChanged: boolean;
	/** The JSON of each row made or changed since the base revision. */
	rows: string[];
}

/** A host's or projector's SSE message: a whole view, or a patch to the previous revision. */
type SharedKind = 'view' | 'patch';

/** A view ready to send: its dedupe key, and the encoded SSE message, built on first use. */
interface Message {
	key: string;
	readonly bytes: Uint8Array;
}

const encoder = new TextEncoder();

/**
 * One inert actor scope for every transition of every room. xstate's pure `transition()` builds
 * a throwaway actor per call (and with it the machine's initial snapshot), which was about half
 * of what the machine cost per answer in a room of 1,000. That scope is only ever read by the
 * machine's own actions, which here are `assign`s and guards: no child actors, no sends, no
 * deferred effects, so nothing of one call can leak into the next. The result is the snapshot
 * `transition(roomMachine, snapshot, event)[0]` returns (live-room.spec.ts compares the two).
 */
const roomScope: AnyActorScope = (() => {
	// No input: the machine's context factory expects none here (see room.machine.ts).
	const self = createActor(roomMachine as AnyStateMachine);
	return {
		self,
		id: '',
		sessionId: '',
		system: self.system,
		defer: () => undefined,
		logger: () => undefined,
		stopChild: () => undefined,
		emit: () => undefined,
		actionExecutor: () => undefined
	} as unknown as AnyActorScope;
})();

/**
 * The room machine's pure transition (see `roomScope`); an answer to a running question takes the
 * machine's own shortcut (`answerStep`, the same snapshot as the machine's).
 */
export const nextRoomSnapshot = (snapshot: RoomSnapshot, event: RoomEvent): RoomSnapshot =>
	answerStep(snapshot, event) ?? roomMachine.transition(snapshot, event, roomScope);

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

/**
 * Shared mode: each append carries an origin so its instance knows its entry back: a random
 * prefix per process (instances and restarts never share one) and a counter, rather than fresh
 * random bytes per answer (a synchronous call into the OS CSPRNG).
 */
const ORIGIN_PREFIX = randomBytes(9).toString('base64url');
let originCounter = 0;

export class LiveRoom {
	snapshot: RoomSnapshot;
	/** Seq of the last applied event: the room's version and the SSE event id. */
	version = 0;
	/** Token hash → player id; one live token per player (a rejoin retires the old one). */
	private readonly tokens = new Map<string, string>();
	private readonly tokenOf = new Map<string, string>();
	/** Tokens a rejoin retired (hash → player id): that device is told why it was signed out. */
	private readonly retired = new Map<string, string>();
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
	/** Accepted events so far: part of the host's and projector's dedupe key. */
	private changes = 0;
	/** Bumped whenever the set of connected players may have changed (the host's dots). */
	private presenceRevision = 0;
	/** Player clients by player id, so a push reaches a player's streams without a scan. */
	private readonly playerClients = new Map<string, Set<SseClient>>();
	/** Players an accepted event named since the last push; 'all' after any other event. */
	private dirty: Set<string> | 'all' = new Set();
	/** What every phone shows, as of the last push that looked at every phone. */
	private lastRoomWide = '';
	/** CLASSROOM_TRACE: players whose answers were applied here but not yet pushed to a host. */
	private traceUnwritten: string[] = [];
	/** The connected set, and the presence revision it was made at. */
	private connectedCache: { revision: number; set: ReadonlySet<string> } | null = null;
	private readonly hostRows = new RowCache();
	private readonly projectorRows = new RowCache();
	/** The host's and projector's latest revision (see `revision`). */
	private readonly revisions = new Map<Exclude<Role, 'player'>, Revision>();
	/** Host streams open here (CLASSROOM_TRACE stamps answers only where a host sees them). */
	private hostStreams = 0;
	private lastPlayerCount = -1;
	private lastCountPushAt = -Infinity;
	private deadlineTimer: ReturnType<typeof setTimeout> | null = null;
	/** The deadline `deadlineTimer` was set for. */
	private deadlineArmedFor: number | null = null;

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

	/** The true/false words of the room's language, for the keys in its report. */
	get reportWords(): TrueFalseWords {
		return trueFalseWords(this.locale);
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

	/** Whether a rejoin (the same player, from another device) retired this token. */
	isRetiredToken(tokenHash: string): boolean {
		return this.retired.has(tokenHash);
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
		const after = nextRoomSnapshot(before, record.event);
		// Every accepted transition assigns `lastEventAt`, so an unchanged context means ignored.
		if (after.context === before.context) return false;
		this.snapshot = after;
		this.changes++;
		const { event, tokenHash } = record;
		// An event naming a player changes what that player's phone and rows show, and nobody
		// else's; any other event (start, next, reveal, end…) may change everyone's.
		const named = 'playerId' in event ? event.playerId : null;
		if (this.dirty !== 'all') {
			if (named !== null) this.dirty.add(named);
			else this.dirty = 'all';
		}
		this.hostRows.touch(named);
		this.projectorRows.touch(named);
		if (tokenHash && (event.type === 'player.join' || event.type === 'player.rejoin')) {
			const old = this.tokenOf.get(event.playerId);
			if (old) {
				this.tokens.delete(old);
				this.retired.set(old, event.playerId);
			}
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
	 * `limit` (shared mode): the append counts against that rate limit and rejects with
	 * AppendLimited past it (see AppendOptions).
	 */
	async submit(
		event: RoomEvent,
		options: { tokenHash?: string; conditional?: boolean; limit?: AppendOptions['limit'] } = {}
	): Promise<Outcome | null> {
		if (!this.shared) return this.applyThenAppend(event, options.tokenHash);
		const origin = ORIGIN_PREFIX + (originCounter++).toString(36);
		const applied = new Promise<Outcome>((resolve) => this.waiting.set(origin, resolve));
		try {
			const seq = await this.store.append(
				this.id,
				{ kind: 'event', event, tokenHash: options.tokenHash, origin },
				{
					pin: this.pin,
					ttlMs: this.ended ? this.lifetimes.endedMs : this.lifetimes.idleMs,
					ended: this.ended,
					expectSeq: options.conditional ? this.version : undefined,
					limit: options.limit
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
		if (TRACING && accepted && record.event.type === 'answer.submit') this.traceSeen(record);
		if (accepted) {
			this.armDeadline();
			this.schedulePush();
		}
	}

	/** CLASSROOM_TRACE: an answer applied on an instance holding a host stream of the room. */
	private traceSeen(record: EventRecord): void {
		// A count, not a scan of every stream per answer (which skewed the traced bench).
		if (record.event.type !== 'answer.submit' || this.hostStreams === 0) return;
		stamp(this.id, record.event.playerId, 'seen');
		this.traceUnwritten.push(record.event.playerId);
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

	/**
	 * Reveals at the deadline: the machine only learns the time from a tick event. A timer already
	 * set for the same deadline is kept (an answer does not move it; re-arming a timer per answer
	 * was measurable in a room of 1,000).
	 */
	armDeadline(): void {
		const deadline = this.snapshot.context.deadline;
		const running = isAcceptingAnswers(this.snapshot) && deadline !== null;
		if (running && this.deadlineTimer && this.deadlineArmedFor === deadline) return;
		if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
		this.deadlineTimer = null;
		if (!running) return;
		this.deadlineArmedFor = deadline;
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
		if (client.role === 'host') this.hostStreams++;
		if (client.role === 'player' && client.playerId) {
			const own = this.playerClients.get(client.playerId) ?? new Set();
			own.add(client);
			this.playerClients.set(client.playerId, own);
		}
		if (client.playerId) {
			const open = (this.presence.get(client.playerId) ?? 0) + 1;
			this.presence.set(client.playerId, open);
			if (open === 1) this.presenceChanged(client.playerId);
		}
		this.pushTo(client, Date.now());
	}

	disconnect(client: SseClient): void {
		if (!this.clients.delete(client)) return;
		if (client.role === 'host') this.hostStreams--;
		if (client.playerId) {
			const own = this.playerClients.get(client.playerId);
			own?.delete(client);
			if (own?.size === 0) this.playerClients.delete(client.playerId);
			const open = (this.presence.get(client.playerId) ?? 1) - 1;
			if (open <= 0) {
				this.presence.delete(client.playerId);
				this.presenceChanged(client.playerId);
			} else this.presence.set(client.playerId, open);
		}
	}

	/**
	 * A player's first stream opened or last one closed here: the host's dots change, and in the
	 * shared mode the other instances hear of it. Writes are coalesced (PRESENCE_WRITE_MS), so a
	 * class of 1,000 phones connecting at once costs a few writes, not 1,000.
	 */
	private presenceChanged(playerId: string): void {
		this.presenceRevision++;
		this.hostRows.touch(playerId);
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
					if (remote && !sameMembers(remote, this.remote)) {
						this.remote = remote;
						this.presenceRevision++;
						this.hostRows.touch(null);
					}
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
		return [...(this.playerClients.get(playerId) ?? [])];
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
			return selectHostView(this.snapshot, {
				...extras,
				words: this.reportWords,
				connected: this.presenceSet()
			});
		if (role === 'projector') return selectProjectorView(this.snapshot, extras);
		return playerId ? selectPlayerView(this.snapshot, playerId, now) : null;
	}

	private presenceSet(): ReadonlySet<string> {
		if (this.connectedCache?.revision !== this.presenceRevision) {
			const set = new Set(this.presence.keys());
			for (const playerId of this.remote) set.add(playerId);
			this.connectedCache = { revision: this.presenceRevision, set };
		}
		return this.connectedCache.set;
	}

	/**
	 * A client's message as JSON. A whole view (`kind` 'view') is JSON.stringify(viewFor(…)) up
	 * to the order of keys, and for the host and projector with its revision, `rev`; their
	 * list comes from the row cache. A patch (host and projector) is the view without its list,
	 * then the rows that changed since the revision before and, if the list did, its ids
	 * (ViewPatch).
	 */
	viewJson(
		role: Role,
		playerId: string | undefined,
		now: number,
		kind: SharedKind = 'view'
	): string {
		if (role === 'player') return JSON.stringify(this.viewFor(role, playerId, now));
		const revision = this.revision(role);
		const extras = { now, joinUrls: this.joinUrls };
		const head =
			role === 'host'
				? selectHostHead(this.snapshot, { ...extras, words: this.reportWords })
				: selectProjectorHead(this.snapshot, extras);
		if (kind === 'view') {
			const list = this.rowsOf(role).list(revision.ids);
			return `${JSON.stringify({ ...head, rev: revision.rev }).slice(0, -1)},"players":${list}}`;
		}
		const patch: Omit<ViewPatch<{ players: [] }>, 'rows'> = {
			...head,
			rev: revision.rev,
			base: revision.base!,
			...(revision.idsChanged ? { ids: [...revision.ids] } : {})
		};
		return `${JSON.stringify(patch).slice(0, -1)},"rows":[${revision.rows.join(',')}]}`;
	}

	private rowsOf(role: Exclude<Role, 'player'>): RowCache {
		return role === 'host' ? this.hostRows : this.projectorRows;
	}

	/**
	 * The latest revision of the host's or projector's view: made when the room (or, for the
	 * host, the connected set) changed since the last one, bringing the row cache up to date and
	 * keeping the rows it changed for the patch.
	 */
	private revision(role: Exclude<Role, 'player'>): Revision {
		const rev = this.sharedKey(role);
		const last = this.revisions.get(role);
		if (last?.rev === rev) return last;
		const { context } = this.snapshot;
		const ids = activePlayerIds(context);
		let rows: string[];
		if (role === 'host') {
			const connected = this.presenceSet();
			const answers = currentAnswers(this.snapshot);
			rows = this.hostRows.update(ids, (id) => {
				const answered = answers !== undefined && hasIn(answers, id);
				const online = connected.has(id);
				const shown = [getIn(context.players, id), getIn(context.totals, id), answered, online];
				return [shown, () => hostRow(context, id, answered, online)];
			});
		} else {
			rows = this.projectorRows.update(ids, (id) => [
				[getIn(context.players, id)],
				() => projectorRow(context, id)
			]);
		}
		const next: Revision = {
			rev,
			base: last?.rev ?? null,
			ids,
			// The list is cached per context (activePlayerIds): the same array, the same list.
			idsChanged: !last || (last.ids !== ids && !sameItems(last.ids, ids)),
			rows
		};
		this.revisions.set(role, next);
		return next;
	}

	/**
	 * The host's and projector's dedupe key. Their views are functions of the room (every
	 * accepted event counts in `changes`) and, for the host, of the connected set; the clock
	 * only moves `serverNow` and the remaining time, which clients count themselves. (Host
	 * commands' guards do not read the clock, so `can` is a function of the room too.)
	 */
	private sharedKey(role: Exclude<Role, 'player'>): string {
		return role === 'host' ? `${this.changes}.${this.presenceRevision}` : `${this.changes}`;
	}

	/** One fan-out: the host and projector views once each, then the phones that may have changed. */
	private pushAll(now: number): void {
		const made = new Map<string, Uint8Array>();
		for (const client of this.clients) {
			if (client.role === 'player') continue;
			this.pushShared(client, now, made);
			if (TRACING && client.role === 'host' && this.traceUnwritten.length > 0) {
				const at = traceNow();
				for (const playerId of this.traceUnwritten) stamp(this.id, playerId, 'written', at);
				this.traceUnwritten = [];
			}
		}
		for (const client of this.phonesToLook(now)) this.pushTo(client, now);
	}

	/**
	 * Brings a host or projector stream to the latest revision of its view: nothing if it has it,
	 * a patch if it has the one before, else the whole view. `made` shares each message among
	 * the streams of one push (built and encoded once per role and kind).
	 */
	private pushShared(client: SseClient, now: number, made = new Map<string, Uint8Array>()): void {
		const role = client.role as Exclude<Role, 'player'>;
		const revision = this.revision(role);
		if (client.lastKey === revision.rev) return;
		const kind: SharedKind =
			revision.base !== null && client.lastKey === revision.base ? 'patch' : 'view';
		const key = `${role} ${kind}`;
		let bytes = made.get(key);
		if (!bytes) {
			bytes = encoder.encode(
				`id: ${this.version}\nevent: ${kind}\ndata: ${this.viewJson(role, undefined, now, kind)}\n\n`
			);
			made.set(key, bytes);
		}
		client.lastKey = revision.rev;
		if (!client.send(bytes)) client.close();
	}

	/**
	 * The phone streams whose view may differ from what they were last sent: every phone when
	 * something all phones show changed (and, at most once per PLAYER_COUNT_INTERVAL_MS, when
	 * only the player count did), else those of the players events named since the last push.
	 */
	private phonesToLook(now: number): SseClient[] {
		const roomWide = playerRoomWideKey(this.snapshot);
		const count = activePlayerCount(this.snapshot.context);
		let everyone = this.dirty === 'all' || roomWide !== this.lastRoomWide;
		if (!everyone && count !== this.lastPlayerCount) {
			const due = this.lastCountPushAt + PLAYER_COUNT_INTERVAL_MS;
			if (now >= due) everyone = true;
			// Not yet: a later push brings the count (schedulePush spaces pushes itself).
			else this.pushLater(due - now);
		}
		const named = this.dirty;
		this.dirty = new Set();
		if (everyone) {
			this.lastRoomWide = roomWide;
			if (count !== this.lastPlayerCount) this.lastCountPushAt = now;
			this.lastPlayerCount = count;
			return [...this.playerClients.values()].flatMap((own) => [...own]);
		}
		return [...(named as Set<string>)].flatMap((id) => [...(this.playerClients.get(id) ?? [])]);
	}

	private countTimer: ReturnType<typeof setTimeout> | null = null;

	/** A push once `ms` have passed (the deferred player count). */
	private pushLater(ms: number): void {
		if (this.countTimer) return;
		this.countTimer = setTimeout(() => {
			this.countTimer = null;
			this.schedulePush();
			// +1: a timer may fire a millisecond early, and the count would wait another round.
		}, ms + 1);
		this.countTimer.unref?.();
	}

	private pushTo(client: SseClient, now: number): void {
		if (client.role !== 'player') return this.pushShared(client, now);
		const made = this.message(client.playerId, now);
		if (made) this.deliver(client, made);
		else client.close();
	}

	private deliver(client: SseClient, made: Message): void {
		if (client.lastKey === made.key) return;
		client.lastKey = made.key;
		if (!client.send(made.bytes)) client.close();
	}

	/**
	 * A phone's dedupe key and, lazily, its encoded SSE message. The key leaves the clock out, so
	 * only real changes (not the passing of time) cause a push: a cheap fingerprint of what its
	 * view reads (`playerViewKey`). The view is built, serialised and encoded only when the key
	 * differs from the one the phone was last sent.
	 */
	private message(playerId: string | undefined, now: number): Message | null {
		if (!playerId || !hasIn(this.snapshot.context.players, playerId)) return null;
		const key = playerViewKey(this.snapshot, playerId);
		let bytes: Uint8Array | undefined;
		const build = () =>
			encoder.encode(
				`id: ${this.version}\nevent: view\ndata: ${this.viewJson('player', playerId, now)}\n\n`
			);
		return {
			key,
			get bytes() {
				return (bytes ??= build());
			}
		};
	}

	/** Ends every stream (room expired or deleted). */
	closeAll(): void {
		if (this.flushTimer) clearTimeout(this.flushTimer);
		if (this.countTimer) clearTimeout(this.countTimer);
		this.countTimer = null;
		if (this.presenceTimer) clearTimeout(this.presenceTimer);
		this.presenceTimer = null;
		if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
		this.flushTimer = null;
		this.deadlineTimer = null;
		for (const client of [...this.clients]) client.close();
		this.clients.clear();
	}
}

/**
 * A list of player rows kept serialised a row at a time. Each row remembers what it was made
 * from (the room's records for that player, which the machine replaces only when they change,
 * and flags such as "answered"); a row is made and serialised again only when one differs. Rows
 * are looked at only when the room said they may have changed (`touch`): a push after one
 * answer reads one row's inputs, not 1,000 (each a few hashed look-ups, which in a big room
 * cost more than the answer itself).
 */
export class RowCache {
	private rows = new Map<string, { shown: readonly unknown[]; json: string }>();
	/** Rows that may differ from their cached text: these ids, or every row. */
	private stale: Set<string> | 'all' = 'all';
	/** The ids of the last `update`. */
	private listed: readonly string[] | null = null;
	/** Rows made since this cache was created (what the spec counts). */
	made = 0;
	/** Rows whose inputs were read and compared since this cache was created. */
	looked = 0;

	/** The row of `playerId` may have changed; null: any row may have. */
	touch(playerId: string | null): void {
		if (this.stale === 'all') return;
		if (playerId === null) this.stale = 'all';
		else this.stale.add(playerId);
	}

	/**
	 * Brings the rows of `ids` up to date; returns the JSON of each row made or changed (what a
	 * patch carries). `inputsOf(id)` gives what the row shows (compared by identity, element by
	 * element) and how to make the row; it is called for the rows touched since the last call and
	 * rows not cached yet.
	 */
	update(
		ids: readonly string[],
		inputsOf: (id: string) => [readonly unknown[], () => object]
	): string[] {
		const stale = this.stale;
		this.stale = new Set();
		const changed: string[] = [];
		const visit = (id: string) => {
			const row = this.rows.get(id);
			const [shown, make] = inputsOf(id);
			this.looked++;
			if (row && sameItems(row.shown, shown)) return;
			const json = JSON.stringify(make());
			this.rows.set(id, { shown, json });
			this.made++;
			changed.push(json);
		};
		if (stale === 'all') for (const id of ids) visit(id);
		else {
			// Touched rows still listed (a removed player's row is not shown any more).
			if (stale.size > 0) {
				const listed = idSet(ids);
				for (const id of stale) if (listed.has(id)) visit(id);
			}
			// A new list (a join, a leave): any row never made is made now. Every event that adds
			// a player touches its rows, so this finds none; it keeps `list` safe all the same.
			if (ids !== this.listed) for (const id of ids) if (!this.rows.has(id)) visit(id);
		}
		this.listed = ids;
		// Players who left or were removed: forget their rows once they are half the cache.
		if (this.rows.size > 2 * ids.length + 16) {
			const keep = new Set(ids);
			this.rows = new Map([...this.rows].filter(([id]) => keep.has(id)));
		}
		return changed;
	}

	/** The JSON array of `ids`' rows, as of the last `update` (which made every one of them). */
	list(ids: readonly string[]): string {
		const parts: string[] = new Array(ids.length);
		for (let i = 0; i < ids.length; i++) parts[i] = this.rows.get(ids[i])!.json;
		return `[${parts.join(',')}]`;
	}
}

/** `ids` as a set, made once per list (the room's list is cached per context, see room.view). */
const idSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function idSet(ids: readonly string[]): ReadonlySet<string> {
	let set = idSets.get(ids);
	if (!set) idSets.set(ids, (set = new Set(ids)));
	return set;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
	if (a.size !== b.size) return false;
	for (const item of a) if (!b.has(item)) return false;
	return true;
}
