/**
 * All live rooms of this server process: creation (PIN, secrets), joining, answers, host
 * commands, streams and reports; rate limits; recovery from the event logs at start-up; expiry
 * of idle rooms. Endpoints call these methods and nothing else.
 */
import { mkdir } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { renderSVG } from 'uqr';
import type { Locale } from '$lib/bank/types';
import {
	DEFAULT_SETTINGS,
	JOIN_PATH,
	type AnswerRequest,
	type AnswerResponse,
	type CommandResponse,
	type CreateRoomRequest,
	type CreateRoomResponse,
	type HostCommand,
	type JoinResponse,
	type Role,
	type RoomReport
} from '$lib/classroom/protocol';
import { getIn } from '$lib/classroom/bucket-map';
import { checkAnswer, checkJoin } from '$lib/classroom/room.machine';
import type { RoomInput } from '$lib/classroom/room.types';
import { buildReport, commandToEvent, isAcceptingAnswers, phaseOf } from '$lib/classroom/room.view';
import { ClassroomError } from './errors';
import { EventLog, listLogs, logPath, readLog, removeLog } from './event-log';
import { allocatePin, hashSecret, newPlayerId, newRoomId, newSecret, secretMatches } from './ids';
import { LiveRoom } from './live-room';
import { resolveQuestions } from './questions';
import { envNumber, RateLimiter } from './rate-limit';
import { openStream } from './sse';

export const DEFAULT_IDLE_MS = 12 * 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
const MAX_ROOMS = 200;
/** Tabs or stale connections per player beyond this close the oldest. */
const MAX_STREAMS_PER_PLAYER = 3;

export interface RegistryOptions {
	dataDir: string;
	idleMs?: number;
}

interface TokenOwner {
	roomId: string;
	playerId: string;
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

export class ClassroomRegistry {
	readonly rooms = new Map<string, LiveRoom>();
	private readonly roomByPin = new Map<string, string>();
	private readonly tokens = new Map<string, TokenOwner>();
	readonly dataDir: string;
	readonly idleMs: number;
	private sweepTimer: ReturnType<typeof setInterval> | null = null;

	readonly limits = {
		/** Room creation per IP. */
		create: new RateLimiter({ capacity: envNumber('CLASSROOM_CREATE_BURST', 10), perSecond: 0.2 }),
		/** Join requests per IP, any outcome: stops join floods. */
		join: new RateLimiter({
			capacity: envNumber('CLASSROOM_JOIN_BURST', 10),
			perSecond: envNumber('CLASSROOM_JOIN_PER_SECOND', 1)
		}),
		/** Wrong PINs per IP: 5, then one more every 12 s. Guessing 900 000 PINs takes months. */
		pinGuess: new RateLimiter({
			capacity: envNumber('CLASSROOM_PIN_BURST', 5),
			perSecond: 1 / 12
		}),
		/** Answers per player (a retry after lost Wi-Fi is fine; a script hammering is not). */
		answer: new RateLimiter({ capacity: 6, perSecond: 2 }),
		/** Host commands per room. */
		command: new RateLimiter({ capacity: 20, perSecond: 10 }),
		/** Stream (re)connections per IP: a reconnect storm must not starve the room. */
		stream: new RateLimiter({
			capacity: envNumber('CLASSROOM_STREAM_BURST', 30),
			perSecond: envNumber('CLASSROOM_STREAM_PER_SECOND', 5)
		})
	};

	constructor(options: RegistryOptions) {
		this.dataDir = options.dataDir;
		this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
	}

	/** Replays every room log in the data directory; expired rooms are deleted instead. */
	async recover(now = Date.now()): Promise<number> {
		await mkdir(this.dataDir, { recursive: true });
		for (const path of await listLogs(this.dataDir)) {
			const records = await readLog(path).catch(() => null);
			const created = records?.[0];
			if (!records || !created || created.kind !== 'created') {
				console.error(`classroom: unreadable log ${path}: left in place, room not resumed`);
				continue;
			}
			const room = this.makeRoom(
				created.input,
				created.locale,
				created.hostSecretHash,
				created.joinUrls
			);
			for (const record of records.slice(1)) {
				if (record.kind !== 'event') continue;
				room.replay(record.seq, record.event);
				if (record.tokenHash && record.event.type === 'player.join')
					this.tokens.set(record.tokenHash, { roomId: room.id, playerId: record.event.playerId });
			}
			if (now - room.lastEventAt > this.idleMs) {
				await this.delete(room);
				continue;
			}
			room.armDeadline();
		}
		return this.rooms.size;
	}

	startSweeping(): void {
		if (this.sweepTimer) return;
		this.sweepTimer = setInterval(() => void this.expireIdle(), SWEEP_INTERVAL_MS);
		this.sweepTimer.unref?.();
	}

	async expireIdle(now = Date.now()): Promise<number> {
		let expired = 0;
		for (const room of [...this.rooms.values()]) {
			if (now - room.lastEventAt > this.idleMs) {
				await this.delete(room);
				expired++;
			}
		}
		for (const limiter of Object.values(this.limits)) limiter.sweep(now);
		return expired;
	}

	private makeRoom(input: RoomInput, locale: Locale, hostSecretHash: string, joinUrls: string[]) {
		const room = new LiveRoom(
			input,
			locale,
			hostSecretHash,
			joinUrls,
			new EventLog(logPath(this.dataDir, input.roomId))
		);
		this.rooms.set(room.id, room);
		this.roomByPin.set(room.pin, room.id);
		return room;
	}

	private async delete(room: LiveRoom): Promise<void> {
		this.rooms.delete(room.id);
		if (this.roomByPin.get(room.pin) === room.id) this.roomByPin.delete(room.pin);
		for (const [hash, owner] of this.tokens) if (owner.roomId === room.id) this.tokens.delete(hash);
		room.closeAll();
		await room.log.close().catch(() => undefined);
		await removeLog(room.log.path);
	}

	/** A live room, or 404. Expiry is also checked here, so a stale room never answers. */
	room(roomId: string, now = Date.now()): LiveRoom {
		const room = this.rooms.get(roomId);
		if (!room) throw new ClassroomError('unknown-room');
		if (now - room.lastEventAt > this.idleMs) {
			void this.delete(room);
			throw new ClassroomError('unknown-room');
		}
		return room;
	}

	private limit(limiter: RateLimiter, key: string, now: number): void {
		const wait = limiter.take(key, now);
		if (wait > 0)
			throw new ClassroomError('rate-limited', `Too many requests: try again in ${wait} s.`, wait);
	}

	private hostRoom(roomId: string, secret: string): LiveRoom {
		const room = this.room(roomId);
		if (!secretMatches(secret, room.hostSecretHash))
			throw new ClassroomError('forbidden', 'This is not the host secret of this room.');
		return room;
	}

	private playerOf(roomId: string, token: string): { room: LiveRoom; playerId: string } {
		const room = this.room(roomId);
		const owner = this.tokens.get(hashSecret(token));
		if (!owner || owner.roomId !== roomId)
			throw new ClassroomError('unauthorised', 'Unknown player token for this room: join again.');
		const status = getIn(room.snapshot.context.players, owner.playerId)?.status;
		if (status === 'removed') throw new ClassroomError('removed');
		if (status === 'left') throw new ClassroomError('not-allowed', 'This player left the room.');
		return { room, playerId: owner.playerId };
	}

	async create(
		request: CreateRoomRequest,
		requestUrl: URL,
		ip: string,
		now = Date.now()
	): Promise<CreateRoomResponse> {
		this.limit(this.limits.create, ip, now);
		if (this.rooms.size >= MAX_ROOMS)
			throw new ClassroomError('server-busy', 'Too many live rooms on this server.');
		const questions = await resolveQuestions(request.source, request.locale);
		const hostSecret = newSecret();
		const input: RoomInput = {
			roomId: newRoomId(),
			pin: allocatePin((pin) => this.roomByPin.has(pin)),
			settings: { ...DEFAULT_SETTINGS, ...request.settings },
			questions,
			createdAt: now
		};
		const joinUrls = joinUrlsFor(requestUrl);
		const room = this.makeRoom(input, request.locale, hashSecret(hostSecret), joinUrls);
		try {
			await room.log.append({
				v: 1,
				kind: 'created',
				input,
				locale: request.locale,
				hostSecretHash: room.hostSecretHash,
				joinUrls
			});
		} catch (error) {
			await this.delete(room);
			throw error;
		}
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

	async join(pin: string, nickname: string, ip: string, now = Date.now()): Promise<JoinResponse> {
		const guessWait = this.limits.pinGuess.blocked(ip, now);
		if (guessWait > 0)
			throw new ClassroomError(
				'rate-limited',
				`Too many wrong PINs: wait ${guessWait} s.`,
				guessWait
			);
		this.limit(this.limits.join, ip, now);
		const roomId = this.roomByPin.get(pin);
		if (!roomId) {
			this.limits.pinGuess.take(ip, now);
			throw new ClassroomError('unknown-pin');
		}
		const room = this.room(roomId, now);
		const playerId = newPlayerId();
		const token = newSecret();
		const event = { type: 'player.join', playerId, nickname, at: now } as const;
		const refusal = checkJoin(room.snapshot.context, room.ended, event);
		if (refusal) throw new ClassroomError(refusal);
		const tokenHash = hashSecret(token);
		const written = room.apply(event, tokenHash);
		if (!written) throw new ClassroomError('not-allowed', 'The room did not accept the join.');
		this.tokens.set(tokenHash, { roomId, playerId });
		await written;
		return { roomId, playerId, token, nickname };
	}

	async answer(
		roomId: string,
		token: string,
		request: AnswerRequest,
		now = Date.now()
	): Promise<AnswerResponse> {
		const { room, playerId } = this.playerOf(roomId, token);
		this.limit(this.limits.answer, `${roomId}:${playerId}`, now);
		const event = { type: 'answer.submit', playerId, ...request, at: now } as const;
		const check = checkAnswer(room.snapshot.context, isAcceptingAnswers(room.snapshot), event);
		if (check === 'duplicate') {
			// The first answer may still be on its way to disk: acknowledge only once it is there.
			await room.log.settled();
			return { ok: true, duplicate: true };
		}
		if (check !== 'accept')
			throw new ClassroomError(
				check,
				check === 'malformed' ? 'This answer does not fit the current question.' : undefined
			);
		const written = room.apply(event);
		if (!written) throw new ClassroomError('not-accepting');
		await written;
		return { ok: true, duplicate: false };
	}

	/** The player leaves for good (their token stops working; their name is free again). */
	async leave(roomId: string, token: string, now = Date.now()): Promise<{ ok: true }> {
		const { room, playerId } = this.playerOf(roomId, token);
		const written = room.apply({ type: 'player.leave', playerId, at: now });
		if (written) await written;
		for (const client of room.streamsOf(playerId)) client.close();
		return { ok: true };
	}

	async command(
		roomId: string,
		secret: string,
		command: HostCommand,
		now = Date.now()
	): Promise<CommandResponse> {
		const room = this.hostRoom(roomId, secret);
		this.limit(this.limits.command, roomId, now);
		const event = commandToEvent(command, now);
		if (command.type === 'remove') {
			const player = getIn(room.snapshot.context.players, command.playerId);
			if (!player || player.status !== 'active')
				throw new ClassroomError('not-allowed', 'No such player in the room.');
		}
		if (!room.snapshot.can(event))
			throw new ClassroomError(
				'not-allowed',
				`Cannot ${command.type} while the room is in ${phaseOf(room.snapshot)}.`
			);
		const written = room.apply(event);
		if (!written)
			throw new ClassroomError('not-allowed', `The room ignored ${command.type} right now.`);
		await written;
		if (command.type === 'remove')
			for (const client of room.streamsOf(command.playerId)) client.close();
		return { ok: true, version: room.version };
	}

	stream(
		roomId: string,
		role: Role,
		secret: string,
		ip: string,
		signal: AbortSignal,
		now = Date.now()
	): Response {
		this.limit(this.limits.stream, ip, now);
		if (role !== 'player')
			return openStream(this.hostRoom(roomId, secret), role, undefined, signal);
		const { room, playerId } = this.playerOf(roomId, secret);
		const streams = room.streamsOf(playerId);
		for (const stale of streams.slice(0, Math.max(0, streams.length - MAX_STREAMS_PER_PLAYER + 1)))
			stale.close();
		return openStream(room, 'player', playerId, signal);
	}

	report(roomId: string, secret: string): RoomReport {
		return buildReport(this.hostRoom(roomId, secret).snapshot.context);
	}

	/** Waits for every pending log write (tests and shutdown). */
	async settled(): Promise<void> {
		await Promise.all([...this.rooms.values()].map((room) => room.log.settled()));
	}

	async close(): Promise<void> {
		if (this.sweepTimer) clearInterval(this.sweepTimer);
		for (const room of this.rooms.values()) {
			room.closeAll();
			await room.log.close();
		}
		this.rooms.clear();
	}
}

declare global {
	// One registry per process, surviving the dev server's module reloads.
	var __classroomRegistry: Promise<ClassroomRegistry> | undefined;
}

/** The process's registry, recovered from disk on first use. */
export function getRegistry(): Promise<ClassroomRegistry> {
	return (globalThis.__classroomRegistry ??= (async () => {
		const registry = new ClassroomRegistry({
			dataDir: process.env.CLASSROOM_DATA_DIR ?? '.data/classroom',
			idleMs: envNumber('CLASSROOM_IDLE_MS', DEFAULT_IDLE_MS)
		});
		const resumed = await registry.recover();
		if (resumed > 0) console.log(`classroom: resumed ${resumed} room(s) from ${registry.dataDir}`);
		registry.startSweeping();
		return registry;
	})().catch((error) => {
		globalThis.__classroomRegistry = undefined;
		throw error;
	}));
}
