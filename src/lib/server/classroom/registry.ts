/**
 * The rooms this server process serves: creation (PIN, secrets), joining and rejoining, answers,
 * host commands, streams and reports; rate limits; recovery at start-up; expiry. Endpoints call
 * these methods and nothing else. Where rooms are kept is the store's business (store.ts): one
 * JSON-lines file per room (embedded, default) or Redis Streams shared by several instances.
 */
import { networkInterfaces } from 'node:os';
import { renderSVG } from 'uqr';
import {
	DEFAULT_SETTINGS,
	JOIN_PATH,
	MAX_PLAYERS_PER_ROOM,
	type AnswerRequest,
	type AnswerResponse,
	type CommandResponse,
	type CreateRoomRequest,
	type CreateRoomResponse,
	type HostCommand,
	type ErrorCode,
	type JoinResponse,
	type Role,
	type RoomReport
} from '$lib/classroom/protocol';
import { getIn } from '$lib/classroom/room/bucket-map';
import {
	checkAnswer,
	checkJoin,
	checkRejoin,
	playerByNickname
} from '$lib/classroom/room/room.machine';
import type { RoomEvent, RoomInput } from '$lib/classroom/room/room.types';
import {
	buildReport,
	commandToEvent,
	isAcceptingAnswers,
	phaseOf
} from '$lib/classroom/room/room.view';
import { ClassroomError } from './errors';
import { FileStore } from './file-store';
import {
	codesMatch,
	hashSecret,
	newPlayerId,
	newRejoinCode,
	newRoomId,
	newSecret,
	randomPin,
	secretMatches
} from './ids';
import { LiveRoom, type Lifetimes, type Outcome } from './live-room';
import { resolveQuestions } from './questions';
import { envNumber, type Limiter } from './rate-limit';
import { stamp, TRACING } from './trace';
import { openStream } from './sse';
import {
	AppendLimited,
	PRESENCE_REFRESH_MS,
	type CreatedRecord,
	type LogRecord,
	type RoomStore
} from './store';

/** A live room is dropped this long after its last event. */
export const DEFAULT_IDLE_MS = 12 * 60 * 60 * 1000;
/** An ended room (its report) is kept this long after its end, whatever happened before. */
export const DEFAULT_ENDED_MS = 2 * 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 60 * 1000;
/** Live rooms (not ended, not expired) at once, across every instance in the shared mode. */
const DEFAULT_MAX_ROOMS = 200;
/** The shared mode spreads a room's phones over instances: it takes bigger rooms. */
const SHARED_MAX_PLAYERS = 2000;
/** Tabs or stale connections per player beyond this close the oldest. */
const MAX_STREAMS_PER_PLAYER = 3;
/** Host commands that lost a race with another event are checked again this many times. */
const COMMAND_ATTEMPTS = 5;

export interface RegistryOptions {
	/** Embedded mode: where the room logs go (ignored when `store` is given). */
	dataDir?: string;
	store?: RoomStore;
	idleMs?: number;
	endedMs?: number;
	maxRooms?: number;
	maxPlayers?: number;
}

const hostName = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');
const isLoopback = (host: string) =>
	host === 'localhost' || host === '::1' || host.startsWith('127.');

/**
 * adapter-node reports `https:` for every request unless ORIGIN or PROTOCOL_HEADER says
 * otherwise, but `npm start` serves plain HTTP on the LAN: trust the URL only when configured.
 */
function servedProtocol(requestUrl: URL): string {
	if (process.env.ORIGIN) return new URL(process.env.ORIGIN).protocol;
	return process.env.PROTOCOL_HEADER ? requestUrl.protocol : 'http:';
}

/** This machine's LAN IPv4 addresses (what a phone on the same Wi-Fi can reach). */
export function lanAddresses(): string[] {
	return Object.values(networkInterfaces())
		.flat()
		.filter((net) => net && net.family === 'IPv4' && !net.internal)
		.map((net) => net!.address);
}

/**
 * Join URLs: the address the host used first, then each LAN address on the same port. When the
 * host opened the app as localhost (phones cannot reach that), the LAN addresses come first.
 */
export function joinUrlsFor(
	requestUrl: URL,
	lan = lanAddresses(),
	protocol = servedProtocol(requestUrl)
): string[] {
	const port = requestUrl.port ? `:${requestUrl.port}` : '';
	const lanOrigins = lan.map((ip) => `${protocol}//${ip}${port}`);
	const own = `${protocol}//${requestUrl.host}`;
	const origins = isLoopback(hostName(requestUrl)) ? [...lanOrigins, own] : [own, ...lanOrigins];
	return [...new Set(origins)].map((origin) => origin + JOIN_PATH);
}

export const qrFor = (url: string, pin: string): string =>
	renderSVG(`${url}?pin=${pin}`, { ecc: 'M', border: 2, pixelSize: 8 });

/** Joins allowed per address per 10 s by default (`CLASSROOM_JOIN_BURST`): a class behind one NAT. */
export const JOIN_BURST = 120;
/** Wrong PINs or rejoin codes allowed per address per minute by default (`CLASSROOM_PIN_BURST`). */
export const PIN_GUESSES = 20;

export class ClassroomRegistry {
	/** The rooms this process holds (shared mode: replicas of rooms it has served). */
	readonly rooms = new Map<string, LiveRoom>();
	private readonly loading = new Map<string, Promise<LiveRoom | null>>();
	readonly store: RoomStore;
	readonly dataDir: string;
	readonly lifetimes: Lifetimes;
	readonly maxRooms: number;
	readonly maxPlayers: number;
	private sweepTimer: ReturnType<typeof setInterval> | null = null;
	private presenceTimer: ReturnType<typeof setInterval> | null = null;
	readonly limits: Record<
		'create' | 'join' | 'pinGuess' | 'answer' | 'command' | 'stream',
		Limiter
	>;

	constructor(options: RegistryOptions) {
		this.dataDir = options.dataDir ?? '.data/classroom';
		this.store = options.store ?? new FileStore(this.dataDir);
		this.lifetimes = {
			idleMs: options.idleMs ?? DEFAULT_IDLE_MS,
			endedMs: Math.min(options.endedMs ?? DEFAULT_ENDED_MS, options.idleMs ?? DEFAULT_IDLE_MS)
		};
		this.maxRooms = options.maxRooms ?? DEFAULT_MAX_ROOMS;
		this.maxPlayers =
			options.maxPlayers ??
			(this.store.kind === 'shared' ? SHARED_MAX_PLAYERS : MAX_PLAYERS_PER_ROOM);
		const rule = (name: string, points: number, seconds: number) =>
			this.store.limiter(name, { points, seconds });
		this.limits = {
			/** Room creation per IP. */
			create: rule('create', envNumber('CLASSROOM_CREATE_BURST', 10), 60),
			/**
			 * Join requests per IP, any outcome: stops join floods. A whole class often shares one
			 * address (school Wi-Fi behind NAT), so the burst fits a lecture hall joining at once
			 * (120 in 10 s); the room cap and the host's remove/lock stop a flood that gets past.
			 */
			join: rule('join', envNumber('CLASSROOM_JOIN_BURST', JOIN_BURST), 10),
			/**
			 * Wrong PINs and rejoin codes per IP: 20 a minute, so a class behind one NAT address
			 * survives its typos. Against 900 000 PINs and at most 200 live rooms, one guesser
			 * needs about 4,500 tries (about 4 hours) to land in any room, and none to choose it.
			 */
			pinGuess: rule('pin', envNumber('CLASSROOM_PIN_BURST', PIN_GUESSES), 60),
			/** Answers per player (a retry after lost Wi-Fi is fine; a script hammering is not). */
			answer: rule('answer', 6, 3),
			/** Host commands per room. */
			command: rule('command', 20, 2),
			/**
			 * Stream (re)connections per IP: a reconnect storm must not starve the room. Every join
			 * opens a stream, so the burst is the join burst's: a class behind one NAT address that
			 * may join at once may also connect (or reconnect after a Wi-Fi blip) at once; at 30
			 * per 6 s, 70 of 100 such phones were told to wait.
			 */
			stream: rule('stream', envNumber('CLASSROOM_STREAM_BURST', JOIN_BURST), 10)
		};
		this.store.onAppended((roomId, record) => this.rooms.get(roomId)?.receive(record));
		this.store.onReconnected(() => {
			for (const room of this.rooms.values()) {
				void room.catchUp();
				void room.readPresence();
			}
		});
		this.store.onPresenceChanged((roomId) => void this.rooms.get(roomId)?.readPresence());
	}

	get shared(): boolean {
		return this.store.kind === 'shared';
	}

	/**
	 * Embedded: replays every room log in the data directory (expired rooms are deleted instead).
	 * Shared: nothing to do, rooms load from Redis when first asked for.
	 */
	async recover(now = Date.now()): Promise<number> {
		for (const { roomId, records } of await this.store.recoverAll()) {
			const room = records && this.build(records);
			if (!room) {
				console.error(`classroom: unreadable log ${roomId}: left in place, room not resumed`);
				continue;
			}
			if (room.expiresAt < now) await this.delete(room);
			else await this.store.markLive(room.id, room.ended ? null : room.expiresAt);
		}
		return this.rooms.size;
	}

	/** A room from its log; null if the log does not start with a created record. */
	private build(records: LogRecord[]): LiveRoom | null {
		const created = records[0];
		if (!created || created.kind !== 'created') return null;
		const room = this.makeRoom(created);
		for (const record of records.slice(1)) if (record.kind === 'event') room.replay(record);
		room.armDeadline();
		return room;
	}

	private makeRoom(created: CreatedRecord): LiveRoom {
		const room = new LiveRoom(
			created.input,
			created.locale,
			created.hostSecretHash,
			created.joinUrls,
			this.store,
			this.lifetimes
		);
		this.rooms.set(room.id, room);
		return room;
	}

	startSweeping(): void {
		if (this.sweepTimer) return;
		this.sweepTimer = setInterval(() => void this.expireIdle(), SWEEP_INTERVAL_MS);
		this.sweepTimer.unref?.();
		if (!this.shared) return;
		// Shared mode: keep this instance's presence lists alive, and forget dead instances' lists.
		this.presenceTimer = setInterval(() => {
			for (const room of this.rooms.values()) {
				if (room.clients.size > 0) room.sharePresence(false);
				void room.readPresence();
			}
		}, PRESENCE_REFRESH_MS);
		this.presenceTimer.unref?.();
	}

	/** Drops rooms idle too long, or ended longer ago than the retention. */
	async expireIdle(now = Date.now()): Promise<number> {
		let expired = 0;
		for (const room of [...this.rooms.values()]) {
			if (room.expiresAt < now) {
				await this.delete(room);
				expired++;
			}
		}
		return expired;
	}

	/** Embedded: deletes the room and its log. Shared: drops this replica (Redis expires the data). */
	private async delete(room: LiveRoom): Promise<void> {
		this.rooms.delete(room.id);
		room.closeAll();
		if (!this.shared) await this.store.remove(room.id, room.pin);
	}

	/** A room that has not expired, or 404. Shared mode: loaded from the store on first use. */
	async room(roomId: string, now = Date.now()): Promise<LiveRoom> {
		let room = this.rooms.get(roomId) ?? null;
		if (!room && this.shared) {
			let loading = this.loading.get(roomId);
			if (!loading) {
				loading = this.store
					.load(roomId)
					.then((records) => {
						const built = records && this.build(records);
						// Entries appended while it loaded came before it could hear them.
						if (built) {
							void built.catchUp();
							void built.readPresence();
						}
						return built;
					})
					.finally(() => this.loading.delete(roomId));
				this.loading.set(roomId, loading);
			}
			room = await loading;
		}
		if (!room) throw new ClassroomError('unknown-room');
		if (room.expiresAt < now) {
			await this.delete(room);
			throw new ClassroomError('unknown-room');
		}
		return room;
	}

	private async limit(limiter: Limiter, key: string): Promise<void> {
		const wait = await limiter.take(key);
		if (wait > 0)
			throw new ClassroomError('rate-limited', `Too many requests: try again in ${wait} s.`, wait);
	}

	/**
	 * Runs a check on the room; in the shared mode a refusal may come from a replica a few
	 * entries behind another instance (a question just started there), so it reads the stream
	 * and checks once more before refusing.
	 */
	private async check<T>(room: LiveRoom, run: () => T, ok: (result: T) => boolean): Promise<T> {
		const first = run();
		if (ok(first) || !this.shared) return first;
		await room.catchUp();
		return run();
	}

	private async hostRoom(roomId: string, secret: string): Promise<LiveRoom> {
		const room = await this.room(roomId);
		if (!secretMatches(secret, room.hostSecretHash))
			throw new ClassroomError('forbidden', 'This is not the host secret of this room.');
		return room;
	}

	private async playerOf(
		roomId: string,
		token: string
	): Promise<{ room: LiveRoom; playerId: string }> {
		const room = await this.room(roomId);
		const tokenHash = hashSecret(token);
		const playerId = await this.check(
			room,
			() => room.playerOfToken(tokenHash),
			(id) => id !== undefined
		);
		if (!playerId)
			throw room.isRetiredToken(tokenHash)
				? new ClassroomError('signed-in-elsewhere')
				: new ClassroomError('unauthorised', 'Unknown player token for this room: join again.');
		const status = getIn(room.snapshot.context.players, playerId)?.status;
		if (status === 'removed') throw new ClassroomError('removed');
		if (status === 'left') throw new ClassroomError('not-allowed', 'This player left the room.');
		return { room, playerId };
	}

	async create(
		request: CreateRoomRequest,
		requestUrl: URL,
		ip: string,
		now = Date.now()
	): Promise<CreateRoomResponse> {
		await this.limit(this.limits.create, ip);
		// Ended rooms keep their reports for a while but no longer count.
		if ((await this.store.countLive(now)) >= this.maxRooms)
			throw new ClassroomError('server-busy', 'Too many live rooms on this server.');
		const questions = await resolveQuestions(request.source, request.locale);
		const hostSecret = newSecret();
		const joinUrls = joinUrlsFor(requestUrl);
		for (let attempt = 0; attempt < 20; attempt++) {
			const input: RoomInput = {
				roomId: newRoomId(),
				pin: randomPin(),
				settings: { ...DEFAULT_SETTINGS, ...request.settings },
				questions,
				createdAt: now,
				maxPlayers: this.maxPlayers
			};
			const record: CreatedRecord = {
				v: 1,
				kind: 'created',
				input,
				locale: request.locale,
				hostSecretHash: hashSecret(hostSecret),
				joinUrls
			};
			if (!(await this.store.create(record, this.lifetimes.idleMs))) continue;
			this.makeRoom(record);
			const qrSvgs = joinUrls.map((url) => qrFor(url, input.pin));
			return {
				roomId: input.roomId,
				pin: input.pin,
				hostSecret,
				questionCount: questions.length,
				joinUrls,
				qrSvg: qrSvgs[0],
				qrSvgs
			};
		}
		throw new ClassroomError('server-busy', 'No free PIN: try again.');
	}

	/**
	 * Joins a room by PIN, or with `rejoinCode` takes back the place of the player who last used
	 * this nickname there (new token, same player, same score; the old token stops working).
	 */
	async join(
		pin: string,
		nickname: string,
		ip: string,
		now = Date.now(),
		rejoinCode?: string
	): Promise<JoinResponse> {
		const guessWait = await this.limits.pinGuess.blocked(ip);
		if (guessWait > 0)
			throw new ClassroomError(
				'rate-limited',
				`Too many wrong PINs or codes: wait ${guessWait} s.`,
				guessWait
			);
		await this.limit(this.limits.join, ip);
		const roomId = await this.store.roomOfPin(pin);
		const room = roomId ? await this.room(roomId, now).catch(() => null) : null;
		if (!room) {
			await this.limits.pinGuess.take(ip);
			throw new ClassroomError('unknown-pin');
		}
		const token = newSecret();
		const tokenHash = hashSecret(token);
		if (rejoinCode !== undefined) {
			const player = playerByNickname(room.snapshot.context, nickname);
			if (!player || !codesMatch(rejoinCode, player.rejoinCode)) {
				await this.limits.pinGuess.take(ip);
				throw new ClassroomError('invalid-rejoin-code');
			}
			const event = { type: 'player.rejoin', playerId: player.id, at: now } as const;
			await this.submitOrExplain(room, event, tokenHash, (snapshot) =>
				checkRejoin(snapshot.context, snapshot.status === 'done', event)
			);
			// The lost device's streams end; it would be refused from now on anyway.
			for (const client of room.streamsOf(player.id)) client.close();
			return {
				roomId: room.id,
				playerId: player.id,
				token,
				nickname: player.nickname,
				rejoinCode: player.rejoinCode,
				rejoined: true
			};
		}
		const playerId = newPlayerId();
		const code = newRejoinCode();
		const event = { type: 'player.join', playerId, nickname, rejoinCode: code, at: now } as const;
		await this.submitOrExplain(room, event, tokenHash, (snapshot) =>
			checkJoin(snapshot.context, snapshot.status === 'done', event)
		);
		return { roomId: room.id, playerId, token, nickname, rejoinCode: code, rejoined: false };
	}

	/** Submits a join or rejoin checked by `refusal` first; explains an ignored one. */
	private async submitOrExplain(
		room: LiveRoom,
		event: RoomEvent,
		tokenHash: string,
		refusal: (snapshot: LiveRoom['snapshot']) => ErrorCode | null
	): Promise<void> {
		const first = await this.check(
			room,
			() => refusal(room.snapshot),
			(r) => r === null
		);
		if (first) throw new ClassroomError(first);
		const outcome = await room.submit(event, { tokenHash });
		if (!outcome?.accepted)
			throw new ClassroomError(
				(outcome && refusal(outcome.before)) || 'not-allowed',
				outcome && refusal(outcome.before) ? undefined : 'The room did not accept the join.'
			);
	}

	/**
	 * A player's answer; resolves once it is durable and applied. `receivedAt` and `acceptedAt`
	 * (wall ms, only with CLASSROOM_TRACE): when the request reached the endpoint and when its
	 * connection was accepted, for the `received` and `accepted` stamps.
	 */
	async answer(
		roomId: string,
		token: string,
		request: AnswerRequest,
		now = Date.now(),
		receivedAt?: number,
		acceptedAt?: number
	): Promise<AnswerResponse> {
		const { room, playerId } = await this.playerOf(roomId, token);
		if (TRACING) {
			if (acceptedAt !== undefined) stamp(roomId, playerId, 'accepted', acceptedAt);
			stamp(roomId, playerId, 'received', receivedAt);
		}
		const limitKey = `${roomId}:${playerId}`;
		// Embedded, the count costs nothing: it comes first, as for every request. Shared, an
		// answer that gets to its append is counted by the append script itself (one round trip
		// to Redis instead of two); one that does not (duplicate, refused) is counted here.
		if (!this.shared) await this.limit(this.limits.answer, limitKey);
		if (TRACING) stamp(roomId, playerId, 'limited');
		const event = { type: 'answer.submit', playerId, ...request, at: now } as const;
		const checkOn = (snapshot: LiveRoom['snapshot']) =>
			checkAnswer(snapshot.context, isAcceptingAnswers(snapshot), event);
		const check = await this.check(
			room,
			() => checkOn(room.snapshot),
			(c) => c === 'accept' || c === 'duplicate'
		);
		if (check !== 'accept' && this.shared) await this.limit(this.limits.answer, limitKey);
		if (check === 'duplicate') {
			// The first answer may still be on its way to disk: acknowledge only once it is there.
			await this.store.settled(roomId);
			return { ok: true, duplicate: true };
		}
		if (check !== 'accept') throw this.answerError(check);
		let outcome: Outcome | null;
		try {
			outcome = await room.submit(
				event,
				this.shared ? { limit: { limiter: this.limits.answer, key: limitKey } } : {}
			);
		} catch (error) {
			if (error instanceof AppendLimited)
				throw new ClassroomError('rate-limited', error.message, error.retryAfter);
			throw error;
		}
		if (TRACING) stamp(roomId, playerId, 'replied');
		if (outcome?.accepted) return { ok: true, duplicate: false };
		// Shared mode: another entry came first (this player's answer from another tab, or the end
		// of the question). The same rule tells the player which.
		const why = outcome ? checkOn(outcome.before) : 'not-accepting';
		if (why === 'duplicate') return { ok: true, duplicate: true };
		throw this.answerError(why === 'accept' ? 'not-accepting' : why);
	}

	private answerError(code: ErrorCode): ClassroomError {
		return new ClassroomError(
			code,
			code === 'malformed' ? 'This answer does not fit the current question.' : undefined
		);
	}

	/** The player leaves for good (their token stops working; their name is free again). */
	async leave(roomId: string, token: string, now = Date.now()): Promise<{ ok: true }> {
		const { room, playerId } = await this.playerOf(roomId, token);
		await room.submit({ type: 'player.leave', playerId, at: now });
		for (const client of room.streamsOf(playerId)) client.close();
		return { ok: true };
	}

	async command(
		roomId: string,
		secret: string,
		command: HostCommand,
		now = Date.now()
	): Promise<CommandResponse> {
		const room = await this.hostRoom(roomId, secret);
		await this.limit(this.limits.command, roomId);
		// What the host saw: a command that lost a race is tried again only if the room is still
		// at the same phase and question (joins and answers in between do not matter; a "next"
		// from another tab does: this one is then refused rather than applied to the new state).
		const intent = () => `${phaseOf(room.snapshot)}:${room.snapshot.context.current}`;
		const seen = intent();
		for (let attempt = 0; attempt < COMMAND_ATTEMPTS; attempt++) {
			if (intent() !== seen)
				throw new ClassroomError('not-allowed', 'The room moved on before this command.');
			const event = commandToEvent(command, attempt === 0 ? now : Date.now());
			if (command.type === 'remove') {
				const player = getIn(room.snapshot.context.players, command.playerId);
				if (!player || player.status !== 'active')
					throw new ClassroomError('not-allowed', 'No such player in the room.');
			}
			if (!(await this.check(room, () => room.snapshot.can(event), Boolean)))
				throw new ClassroomError(
					'not-allowed',
					`Cannot ${command.type} while the room is in ${phaseOf(room.snapshot)}.`
				);
			const outcome = await room.submit(event, { conditional: true });
			if (!outcome) continue;
			if (!outcome.accepted)
				throw new ClassroomError('not-allowed', `The room ignored ${command.type} right now.`);
			if (command.type === 'remove')
				for (const client of room.streamsOf(command.playerId)) client.close();
			// Every way a room ends is a host command (end, skip or next past the last question).
			if (room.ended && this.shared)
				await this.store.markEnded(room.id, room.pin, this.lifetimes.endedMs);
			return { ok: true, version: room.version };
		}
		throw new ClassroomError('server-busy', 'The room is very busy: try the command again.');
	}

	/**
	 * An SSE stream of views. `lastEventId` (the SSE Last-Event-ID header) is the room version the
	 * client last saw: a replica behind it (shared mode) first reads the entries it lacks from
	 * the stream, so a client moving between instances never sees the room go back in time.
	 */
	async stream(
		roomId: string,
		role: Role,
		secret: string,
		ip: string,
		signal: AbortSignal,
		lastEventId?: number
	): Promise<Response> {
		await this.limit(this.limits.stream, ip);
		const found =
			role === 'player'
				? await this.playerOf(roomId, secret)
				: { room: await this.hostRoom(roomId, secret), playerId: undefined };
		const { room, playerId } = found;
		if (lastEventId !== undefined && lastEventId > room.version) await room.catchUp(lastEventId);
		if (playerId) {
			const streams = room.streamsOf(playerId);
			for (const stale of streams.slice(
				0,
				Math.max(0, streams.length - MAX_STREAMS_PER_PLAYER + 1)
			))
				stale.close();
		}
		return openStream(room, role, playerId, signal);
	}

	async report(roomId: string, secret: string): Promise<RoomReport> {
		const room = await this.hostRoom(roomId, secret);
		return buildReport(room.snapshot.context, room.reportWords);
	}

	/** Waits for every pending store write (tests and shutdown). */
	async settled(): Promise<void> {
		await this.store.settled();
	}

	async close(): Promise<void> {
		if (this.sweepTimer) clearInterval(this.sweepTimer);
		if (this.presenceTimer) clearInterval(this.presenceTimer);
		for (const room of this.rooms.values()) room.closeAll();
		await this.store.settled();
		await this.store.close();
		this.rooms.clear();
	}
}

declare global {
	// One registry per process, surviving the dev server's module reloads.
	var __classroomRegistry: Promise<ClassroomRegistry> | undefined;
}

/**
 * The store `CLASSROOM_STORE` names: unset or `file:` → embedded JSON-lines logs in
 * `CLASSROOM_DATA_DIR`; `redis://…` or `rediss://…` → Redis/Valkey shared by every instance.
 * Anything else, or a Redis that does not answer, stops the start with a clear message.
 */
async function storeFromEnv(): Promise<RoomStore | undefined> {
	const url = process.env.CLASSROOM_STORE?.trim();
	if (!url || url === 'file:') return undefined;
	if (!/^rediss?:\/\//.test(url))
		throw new Error(
			`CLASSROOM_STORE=${url}: expected redis://host:port (or unset for the embedded store).`
		);
	// Loaded only in the shared mode: `npm start` never touches ioredis.
	const { RedisStore } = await import('./redis-store');
	const store = new RedisStore(url);
	const timeout = new Promise<never>((_, reject) =>
		setTimeout(
			() => reject(new Error(`CLASSROOM_STORE: no answer from ${url} within 10 s.`)),
			10_000
		).unref()
	);
	await Promise.race([store.ready(), timeout]).catch(async (error) => {
		await store.close();
		throw error;
	});
	return store;
}

/** The process's registry, recovered on first use. */
export function getRegistry(): Promise<ClassroomRegistry> {
	return (globalThis.__classroomRegistry ??= (async () => {
		const store = await storeFromEnv();
		const maxPlayers = Number(process.env.CLASSROOM_MAX_PLAYERS);
		const registry = new ClassroomRegistry({
			dataDir: process.env.CLASSROOM_DATA_DIR ?? '.data/classroom',
			store,
			idleMs: envNumber('CLASSROOM_IDLE_MS', DEFAULT_IDLE_MS),
			endedMs: envNumber('CLASSROOM_ENDED_MS', DEFAULT_ENDED_MS),
			maxRooms: envNumber('CLASSROOM_MAX_ROOMS', DEFAULT_MAX_ROOMS),
			maxPlayers: Number.isInteger(maxPlayers) && maxPlayers > 0 ? maxPlayers : undefined
		});
		const resumed = await registry.recover();
		if (resumed > 0) console.log(`classroom: resumed ${resumed} room(s) from ${registry.dataDir}`);
		if (registry.shared) console.log('classroom: shared mode, rooms in Redis');
		registry.startSweeping();
		return registry;
	})().catch((error) => {
		globalThis.__classroomRegistry = undefined;
		throw error;
	}));
}
