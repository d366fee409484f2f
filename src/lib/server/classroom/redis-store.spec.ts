/**
 * The shared store against a real redis-server (Debian's, started here on a free port with the
 * cluster's settings: AOF, appendfsync always): two RedisStores stand for two instances.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type Proc } from '../../../../scripts/cluster/cluster';
import type { CreateRoomRequest, HostCommand } from '$lib/classroom/protocol';
import type { RoomEvent, RoomInput } from '$lib/classroom/room/room.types';
import { ClassroomRegistry } from './registry';
import { MAX_BATCH, MAX_IN_FLIGHT, RedisStore } from './redis-store';
import { AppendLimited, type AppendOptions, type EventRecord, type NewEvent } from './store';

let redis: Proc;
let dir: string;
let url: string;
const stores: RedisStore[] = [];

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'redis-store-spec-'));
	const port = await freePort();
	redis = await startRedis(dir, port);
	url = `redis://127.0.0.1:${port}`;
}, 20_000);

afterAll(async () => {
	await Promise.all(stores.map((store) => store.close()));
	await redis?.stop();
	await rm(dir, { recursive: true, force: true });
});

async function instance(): Promise<{ store: RedisStore; heard: EventRecord[] }> {
	const store = new RedisStore(url);
	stores.push(store);
	await store.ready();
	const heard: EventRecord[] = [];
	store.onAppended((_, record) => heard.push(record));
	return { store, heard };
}

let rooms = 0;
async function createRoom(store: RedisStore): Promise<{ roomId: string; options: AppendOptions }> {
	const roomId = `spec-room-${++rooms}`;
	const pin = String(200_000 + rooms);
	const input = { roomId, pin, createdAt: Date.now() } as RoomInput;
	const created = await store.create(
		{ v: 1, kind: 'created', input, locale: 'en', hostSecretHash: 'x', joinUrls: [] },
		60_000
	);
	expect(created).toBe(true);
	return { roomId, options: { pin, ttlMs: 60_000, ended: false } };
}

const answer = (origin: string): NewEvent => ({
	kind: 'event',
	event: { type: 'answer.submit', playerId: origin, at: 1 } as unknown as RoomEvent,
	origin
});

/** Script calls Redis has run so far (the append script's, and any other). */
/**
 * Counts the writes `store`'s connection makes to its socket (ioredis writes a pipeline in one
 * go) until `restore()` is called.
 */
function countWrites(store: RedisStore): {
	count: () => number;
	reset: () => void;
	restore: () => void;
} {
	const socket = (store.redis as unknown as { stream: { write: (...args: unknown[]) => unknown } })
		.stream;
	const write = socket.write;
	let writes = 0;
	socket.write = function (this: unknown, ...args: unknown[]) {
		writes++;
		return write.apply(this, args);
	};
	return {
		count: () => writes,
		reset: () => void (writes = 0),
		restore: () => void (socket.write = write)
	};
}

async function scriptCalls(store: RedisStore): Promise<number> {
	const info = await store.redis.info('commandstats');
	return [...info.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)].reduce(
		(n, [, calls]) => n + Number(calls),
		0
	);
}

describe('RedisStore appends (group commit)', () => {
	it('two instances appending at once: one order, every entry once, heard in order by both, in a few script calls', async () => {
		const a = await instance();
		const b = await instance();
		const { roomId, options } = await createRoom(a.store);
		const perInstance = MAX_BATCH + 150;
		const callsBefore = await scriptCalls(a.store);
		const appended = await Promise.all(
			[a, b].flatMap(({ store }, i) =>
				Array.from({ length: perInstance }, async (_, n) => {
					const origin = `${i}-${n}`;
					return { origin, seq: await store.append(roomId, answer(origin), options) };
				})
			)
		);
		const calls = (await scriptCalls(a.store)) - callsBefore;
		const total = 2 * perInstance;
		// Every append got its own seq, and together they are 1…total.
		expect(appended.map((x) => x.seq).sort((x, y) => x! - y!)).toEqual(
			Array.from({ length: total }, (_, i) => i + 1)
		);
		// Each instance's appends keep the order it sent them in.
		for (const i of [0, 1]) {
			const own = appended.filter((x) => x.origin.startsWith(`${i}-`)).map((x) => x.seq!);
			expect(own).toEqual([...own].sort((x, y) => x - y));
		}
		// Group commit: a call per batch, not per append (MAX_IN_FLIGHT each to start, then full
		// batches).
		expect(calls).toBeLessThanOrEqual(
			2 * (MAX_IN_FLIGHT + Math.ceil((perInstance - MAX_IN_FLIGHT) / MAX_BATCH))
		);
		// The stream holds each once, at the seq its append was told.
		const stored = await a.store.readAfter(roomId, 0);
		expect(stored.map((r) => [r.seq, r.origin])).toEqual(
			[...appended].sort((x, y) => x.seq! - y.seq!).map((x) => [x.seq, x.origin])
		);
		// Both instances heard every entry, in the stream's order, with its seq.
		await expect.poll(() => Math.min(a.heard.length, b.heard.length)).toBe(total);
		for (const { heard } of [a, b])
			expect(heard.map((r) => [r.seq, r.origin])).toEqual(stored.map((r) => [r.seq, r.origin]));
	});

	it('checks each conditional append of a batch against the entries before it in that batch', async () => {
		const { store, heard } = await instance();
		const { roomId, options } = await createRoom(store);
		// The first goes at once; the others queue behind it and go together.
		const results = await Promise.all([
			store.append(roomId, answer('first'), options),
			store.append(roomId, answer('second'), options),
			store.append(roomId, answer('stale'), { ...options, expectSeq: 1 }),
			store.append(roomId, answer('current'), { ...options, expectSeq: 2 })
		]);
		expect(results).toEqual([1, 2, null, 3]);
		expect((await store.readAfter(roomId, 0)).map((r) => r.origin)).toEqual([
			'first',
			'second',
			'current'
		]);
		await expect
			.poll(() => heard.map((r) => `${r.seq}:${r.origin}`))
			.toEqual(['1:first', '2:second', '3:current']);
	});

	it('sends the next batch while the previous one is on its way (pipelined), in order', async () => {
		const { store, heard } = await instance();
		const { roomId, options } = await createRoom(store);
		const writes = countWrites(store);
		let sentBeforeReply: number;
		let results: (number | null)[];
		try {
			const first = store.append(roomId, answer('one'), options);
			// Appended before any reply came back: with one call in flight it would wait for it.
			const second = store.append(roomId, answer('two'), options);
			sentBeforeReply = writes.count();
			const third = store.append(roomId, answer('three'), options);
			results = await Promise.all([first, second, third]);
		} finally {
			writes.restore();
		}
		expect(sentBeforeReply).toBe(MAX_IN_FLIGHT);
		expect(results).toEqual([1, 2, 3]);
		await expect
			.poll(() => heard.map((r) => `${r.seq}:${r.origin}`))
			.toEqual(['1:one', '2:two', '3:three']);
	});

	it('refuses appends to a room the store no longer has, every one of a batch', async () => {
		const { store } = await instance();
		const options = { pin: '999999', ttlMs: 60_000, ended: false };
		const results = await Promise.allSettled(
			['x', 'y', 'z'].map((origin) => store.append('no-such-room', answer(origin), options))
		);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/gone from the store/);
	});
});

describe('RedisStore rate limits', () => {
	it('counts one window across instances, and sends counts that arrive together in one write', async () => {
		const a = await instance();
		const b = await instance();
		const rule = { points: 5, seconds: 60 };
		const [onA, onB] = [a.store.limiter('spec', rule), b.store.limiter('spec', rule)];
		const writes = countWrites(a.store);
		try {
			const waits = await Promise.all(
				Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? onA : onB).take('one-player'))
			);
			// One count for both instances: 5 allowed, then each refused with the time to wait.
			expect(waits.filter((w) => w === 0)).toHaveLength(5);
			expect(waits.filter((w) => w > 0 && w <= 60)).toHaveLength(3);
			expect(await onA.blocked('one-player')).toBeGreaterThan(0);
			expect(await onB.take('another-player')).toBe(0);
			// A's four counts: the first alone, the three asked meanwhile in one pipeline.
			const burst = writes.count();
			writes.reset();
			await Promise.all(Array.from({ length: 20 }, (_, i) => onA.take(`player-${i}`)));
			expect(burst).toBeLessThanOrEqual(2 + 2);
			expect(writes.count()).toBeLessThanOrEqual(2);
		} finally {
			writes.restore();
		}
	});
});

describe('answers counted against their rate limit by the append itself', () => {
	it('counts one window across instances in the append script, and refuses the append past it', async () => {
		const a = await instance();
		const b = await instance();
		const { roomId, options } = await createRoom(a.store);
		const rule = { points: 2, seconds: 60 };
		const [onA, onB] = [a.store.limiter('spec-answer', rule), b.store.limiter('spec-answer', rule)];
		const key = `${roomId}:ann`;
		const calls = await scriptCalls(a.store);
		const results = await Promise.allSettled(
			[a, b, a].map(({ store }, i) =>
				store.append(roomId, answer(`ann-${i}`), {
					...options,
					limit: { limiter: store === a.store ? onA : onB, key }
				})
			)
		);
		// Counted and appended in the append scripts alone: no call of the limiter's own.
		expect((await scriptCalls(a.store)) - calls).toBeLessThanOrEqual(3);
		const refused = results.filter((r) => r.status === 'rejected');
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
		expect(refused).toHaveLength(1);
		const reason = (refused[0] as PromiseRejectedResult).reason as AppendLimited;
		expect(reason).toBeInstanceOf(AppendLimited);
		expect(reason.retryAfter).toBeGreaterThanOrEqual(1);
		expect(reason.retryAfter).toBeLessThanOrEqual(60);
		// The refused one is not in the stream; the others are, once each.
		expect((await a.store.readAfter(roomId, 0)).map((r) => r.seq)).toEqual([1, 2]);
		// The same counter as rate-limiter-flexible's: both instances' limiters see it spent.
		expect(await onB.blocked(key)).toBeGreaterThan(0);
		expect(await onA.take(key)).toBeGreaterThan(0);
		// Another player's window is its own.
		expect(
			await a.store.append(roomId, answer('bob'), {
				...options,
				limit: { limiter: onA, key: `${roomId}:bob` }
			})
		).toBe(3);
	});

	it('an answer in the shared mode costs Redis one script call: its append, which counts it too', async () => {
		const { store } = await instance();
		const registry = new ClassroomRegistry({ store });
		try {
			const request: CreateRoomRequest = {
				locale: 'en',
				source: { kind: 'generated', generated: [{ kind: 'mode', seed: 1, count: 1 }] },
				settings: { secondsPerQuestion: 30, scoring: 'accuracy', order: 'fixed' }
			};
			const room = await registry.create(request, new URL('http://localhost/'), '10.9.9.8');
			const ann = await registry.join(room.pin, 'Ann', '10.9.9.7');
			await registry.command(room.roomId, room.hostSecret, { type: 'start' });
			const context = registry.rooms.get(room.roomId)!.snapshot.context;
			const item = context.questions[0].item;
			if (item.type !== 'classify') throw new Error('expected a classify item');
			const response = {
				type: 'classify' as const,
				values: Object.fromEntries(item.dimensions.map((d) => [d.family, d.answer]))
			};
			const calls = await scriptCalls(store);
			expect(await registry.answer(room.roomId, ann.token, { questionIndex: 0, response })).toEqual(
				{ ok: true, duplicate: false }
			);
			expect((await scriptCalls(store)) - calls).toBe(1);
			// The answer limit still holds (6 in 3 s), duplicates included.
			const codes: string[] = [];
			for (let i = 0; i < 7; i++)
				await registry.answer(room.roomId, ann.token, { questionIndex: 0, response }).then(
					() => codes.push('ok'),
					(error: { code: string }) => codes.push(error.code)
				);
			expect(codes.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
			expect(codes.slice(5)).toEqual(['rate-limited', 'rate-limited']);
		} finally {
			await registry.close();
		}
	});
});

describe('a room that ends in the shared mode', () => {
	const request: CreateRoomRequest = {
		locale: 'en',
		source: { kind: 'generated', generated: [{ kind: 'mode', seed: 1, count: 1 }] },
		settings: { secondsPerQuestion: 30, scoring: 'accuracy', order: 'fixed' }
	};
	const IDLE_MS = 60 * 60_000;
	const ENDED_MS = 10 * 60_000;
	const ends: Record<string, HostCommand[]> = {
		end: [{ type: 'end' }],
		'skip of the last question': [{ type: 'start' }, { type: 'skip' }],
		'next after the last question': [
			{ type: 'start' },
			{ type: 'reveal' },
			{ type: 'next' },
			{ type: 'next' }
		]
	};

	it('keeps the ended lifetime when an instance that has not applied the end yet appends after it', async () => {
		const a = await instance();
		const b = await instance();
		const { roomId, options } = await createRoom(a.store);
		const pin = options.pin;
		expect(await a.store.append(roomId, answer('before-end'), options)).toBe(1);
		// A ends the room; B's replica is still behind and appends an answer with the idle lifetime.
		await a.store.markEnded(roomId, pin, ENDED_MS);
		const late = await b.store.append(roomId, answer('late'), {
			pin,
			ttlMs: IDLE_MS,
			ended: false
		});
		// The entry is still written (the room machine ignores it; the order stays one).
		expect(late).toBe(2);
		for (const key of [`room:${roomId}`, `seq:${roomId}`, `pin:${pin}`]) {
			const ttl = await b.store.redis.pttl(`classroom:${key}`);
			expect(ttl, key).toBeGreaterThan(0);
			expect(ttl, key).toBeLessThanOrEqual(ENDED_MS);
		}
		expect(await b.store.redis.zscore('classroom:live', roomId)).toBeNull();
	});

	it.each(Object.entries(ends))(
		'keeps its data for the retention counted from its end (%s), and frees its live place',
		async (_, commands) => {
			const { store } = await instance();
			const registry = new ClassroomRegistry({ store, idleMs: IDLE_MS, endedMs: ENDED_MS });
			try {
				const room = await registry.create(request, new URL('http://localhost/'), '10.9.9.9');
				for (const command of commands)
					await registry.command(room.roomId, room.hostSecret, command);
				expect(registry.rooms.get(room.roomId)?.ended).toBe(true);
				for (const key of [`room:${room.roomId}`, `seq:${room.roomId}`, `pin:${room.pin}`]) {
					const ttl = await store.redis.pttl(`classroom:${key}`);
					expect(ttl, key).toBeGreaterThan(0);
					expect(ttl, key).toBeLessThanOrEqual(ENDED_MS);
				}
				expect(await store.redis.zscore('classroom:live', room.roomId)).toBeNull();
			} finally {
				await registry.close();
			}
		}
	);
});
