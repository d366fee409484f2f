/**
 * The shared store: Redis 7 or Valkey (`CLASSROOM_STORE=redis://host:port/db`), for several
 * instances behind a load balancer.
 *
 * Keys (all under `classroom:`):
 * - `room:<id>`: the room's log, a Stream. Entry `0-1` is the created record; event `n` is entry
 *   `n-0`, so the SSE id, the room version and the stream id are one number.
 * - `seq:<id>`: the room's last seq. `ended:<id>`: the room's end marker (its remaining lifetime
 *   is the ended room's). `pin:<pin>`: the PIN index. `live`: a sorted set of rooms
 *   neither ended nor expired (score: when they expire), for the live-room cap.
 * - `limit:*`: rate-limiter-flexible's counters.
 * - `presence:<id>`: a hash, instance id → `{ until, players }`: the players with an SSE stream
 *   open on that instance, for the host's "connected" dots on every instance. Each instance
 *   rewrites its own field when its streams change and every PRESENCE_REFRESH_MS, and publishes
 *   the room id on `classroom:presence`; a field past `until` (its instance died) is ignored.
 *
 * One order per room: every append runs one Lua script (APPEND_SCRIPT) that reads the last seq,
 * writes entries seq+1, seq+2… and publishes them, atomically. We chose the script over
 * optimistic appends (read, check, retry) because 2,000 answers in a second from several
 * instances would mostly be retries; in a script they queue inside Redis. Each instance sends a
 * room's appends as a group commit: what arrives while the room's previous calls (at most
 * MAX_IN_FLIGHT, pipelined) are on their way goes in the next call, one script, one fsync and
 * one published message for the batch.
 * Answers and joins are appended unconditionally: the room machine, applying the same entries
 * in the same order on every instance, counts the first answer of a player and ignores the
 * second, wherever they came from. Host commands pass the seq they were checked against
 * (`expectSeq`) and the script refuses them if the room moved on (optimistic check inside the
 * script, record by record within a batch): a command is applied to the state the host saw, and
 * a command resent after a lost reply is not applied twice.
 *
 * Fan-out: the script PUBLISHes each batch on `classroom:events`; every instance applies the
 * entries of the rooms it holds. (Pub/Sub rather than a reader per room on XREAD BLOCK: one
 * connection per instance however many rooms it holds, and the script hands the entries over
 * as it writes them, with no polling.) Pub/Sub is at-most-once, so the stream stays the truth:
 * an instance that sees a gap in seq, reconnects, or is asked for a newer Last-Event-ID than it
 * has, reads the missing entries from the stream (XRANGE).
 *
 * Durability: an append resolves when Redis replies. With `appendonly yes` and `appendfsync
 * always` Redis writes and fsyncs the AOF before it sends replies (and publishes), so an
 * acknowledged answer survives a Redis crash or restart. With `appendfsync everysec` (Redis's
 * default) up to a second of acknowledged answers can be lost on a crash of the Redis machine;
 * with no AOF, everything since the last RDB snapshot.
 */
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { redisLimiter, type Limiter, type LimitRule } from './rate-limit';
import {
	AppendLimited,
	PRESENCE_TTL_MS,
	type AppendOptions,
	type CreatedRecord,
	type EventRecord,
	type LogRecord,
	type NewEvent,
	type RoomStore
} from './store';
import { stamp, traceNow, TRACING, type TraceStage } from './trace';

const PREFIX = 'classroom:';
const CHANNEL = `${PREFIX}events`;
const PRESENCE_CHANNEL = `${PREFIX}presence`;
const presenceKey = (roomId: string) => `${PREFIX}presence:${roomId}`;
const roomKey = (roomId: string) => `${PREFIX}room:${roomId}`;
const seqKey = (roomId: string) => `${PREFIX}seq:${roomId}`;
const endedKey = (roomId: string) => `${PREFIX}ended:${roomId}`;
const pinKey = (pin: string) => `${PREFIX}pin:${pin}`;
const LIVE_KEY = `${PREFIX}live`;
const READ_BATCH = 5000;

/**
 * Appends a batch of records to one room, in the order given (group commit, see `append`).
 * KEYS: room stream, seq counter, pin index entry, live set, end marker, then the rate-limit
 * counters the records name.
 * ARGV: ttl ms, room id, live-until ms ('': ended), then for each record: its expected seq (''
 * for none), the index in KEYS of its rate-limit counter ('' for none), that limit's points and
 * window (ms), and its JSON (without seq).
 * A record with a counter is counted first, as rate-limiter-flexible's RateLimiterRedis counts
 * (one integer per key, expiring a window after its first count; the same keys, so the two
 * agree): past `points` it is not written and its result is {-3, ms until the window ends}.
 * Lifetimes: the room's keys live `ttl` from now and the room stays in the live set, unless the
 * room's end marker exists (ENDED_SCRIPT): then they keep the marker's remaining lifetime (the
 * retention counted from the end) and the room stays out of the live set, whatever the caller
 * passed. An instance whose replica has not yet applied the end (an answer taken on another
 * instance in the instant after "end") would otherwise give an ended room the idle lifetime
 * again and count it as live.
 * Returns -1 if the room is gone, else one number per record: its seq, or -2 if its expected seq
 * no longer held (that record is not written; the others are). The records written go out in
 * one message on CHANNEL: "<room id> <seq of the first> [<record>,<record>…]".
 */
const APPEND_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
local first = current + 1
local seqs = {}
local written = {}
for i = 4, #ARGV, 5 do
	local over = nil
	if ARGV[i + 1] ~= '' then
		local counter = KEYS[tonumber(ARGV[i + 1])]
		local window = tonumber(ARGV[i + 3])
		local count = redis.call('INCR', counter)
		if count == 1 then redis.call('PEXPIRE', counter, window) end
		if count > tonumber(ARGV[i + 2]) then
			over = redis.call('PTTL', counter)
			if over < 0 then
				redis.call('PEXPIRE', counter, window)
				over = window
			end
		end
	end
	if over then
		seqs[#seqs + 1] = {-3, over}
	elseif ARGV[i] ~= '' and tonumber(ARGV[i]) ~= current then
		seqs[#seqs + 1] = -2
	else
		current = current + 1
		redis.call('XADD', KEYS[1], current .. '-0', 'r', ARGV[i + 4])
		seqs[#seqs + 1] = current
		written[#written + 1] = ARGV[i + 4]
	end
end
if #written == 0 then return seqs end
local left = redis.call('PTTL', KEYS[5])
if left > 0 then
	redis.call('SET', KEYS[2], current, 'PX', left)
	redis.call('PEXPIRE', KEYS[1], left)
	if redis.call('GET', KEYS[3]) == ARGV[2] then redis.call('PEXPIRE', KEYS[3], left) end
	redis.call('ZREM', KEYS[4], ARGV[2])
else
	redis.call('SET', KEYS[2], current, 'PX', ARGV[1])
	redis.call('PEXPIRE', KEYS[1], ARGV[1])
	redis.call('PEXPIRE', KEYS[3], ARGV[1])
	if ARGV[3] == '' then redis.call('ZREM', KEYS[4], ARGV[2]) else redis.call('ZADD', KEYS[4], ARGV[3], ARGV[2]) end
end
redis.call('PUBLISH', '${CHANNEL}', ARGV[2] .. ' ' .. first .. ' [' .. table.concat(written, ',') .. ']')
return seqs
`;

/**
 * Most records one script call appends: a script holds Redis while it runs (about a microsecond
 * per XADD), so a backlog goes in slices that leave room for other rooms' commands in between.
 */
export const MAX_BATCH = 256;

/**
 * Script calls of one room an instance has on their way at once (pipelined group commit). With
 * one, a batch waited for the previous call's whole round trip: Redis's fsync, its reply, and
 * this process getting round to reading it, which on a busy machine is most of the wait. With
 * two, the next batch is already in Redis's socket when the previous fsync ends; Redis runs it
 * in its next turn. More would only make the batches smaller.
 */
export const MAX_IN_FLIGHT = 2;

/** KEYS: room stream, seq counter, pin entry, live set. ARGV: record, ttl ms, room id, live-until. */
const CREATE_SCRIPT = `
if redis.call('SET', KEYS[3], ARGV[3], 'NX', 'PX', ARGV[2]) == false then return 0 end
redis.call('XADD', KEYS[1], '0-1', 'r', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], 0, 'PX', ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
return 1
`;

/**
 * A room has ended: its end marker and its keys live `retention` ms from now, its PIN entry too
 * if it still names this room (the PIN may already belong to a newer room), and it leaves the
 * live set. Appends after this keep that lifetime (APPEND_SCRIPT). Atomic, so no append falls
 * between the marker and the lifetimes.
 * KEYS: room stream, seq counter, pin entry, live set, end marker. ARGV: retention ms, room id.
 */
const ENDED_SCRIPT = `
redis.call('SET', KEYS[5], 1, 'PX', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
if redis.call('GET', KEYS[3]) == ARGV[2] then redis.call('PEXPIRE', KEYS[3], ARGV[1]) end
redis.call('ZREM', KEYS[4], ARGV[2])
return 1
`;

type Entry = [id: string, fields: string[]];

/** One room's appends waiting to be sent, and how many script calls of the room are on their way. */
interface AppendQueue {
	inFlight: number;
	waiting: {
		json: string;
		expectSeq: number | undefined;
		limit: AppendOptions['limit'];
		/** CLASSROOM_TRACE: the player whose answer this is, for the `sent`/`acked` stamps. */
		traced?: string;
		resolve: (seq: number | null) => void;
		reject: (error: unknown) => void;
	}[];
	options: AppendOptions;
}

/** Stamps `stage` for the traced answers of a batch (CLASSROOM_TRACE). */
function traceBatch(roomId: string, batch: AppendQueue['waiting'], stage: TraceStage): void {
	const at = traceNow();
	for (const { traced } of batch) if (traced) stamp(roomId, traced, stage, at);
}

function toRecord([id, fields]: Entry): LogRecord {
	const record = JSON.parse(fields[1]) as LogRecord;
	if (id === '0-1') return record;
	return { ...(record as EventRecord), seq: Number(id.split('-')[0]) };
}

export class RedisStore implements RoomStore {
	readonly kind = 'shared';
	/** Commands and scripts. */
	readonly redis: Redis;
	/** Pub/Sub needs a connection of its own. */
	private readonly subscriber: Redis;
	private readonly appendedListeners: ((roomId: string, record: EventRecord) => void)[] = [];
	private readonly reconnectedListeners: (() => void)[] = [];
	private readonly presenceListeners: ((roomId: string) => void)[] = [];
	/** This instance's name in the presence hashes. */
	private readonly instanceId = randomBytes(9).toString('base64url');
	private readonly pending = new Set<Promise<unknown>>();
	/** Appends waiting for their room's script call in flight (group commit, see `append`). */
	private readonly queues = new Map<string, AppendQueue>();

	constructor(url: string) {
		this.redis = new Redis(url, { lazyConnect: false });
		this.subscriber = new Redis(url);
		// Its number of keys varies (the rate-limit counters of a batch): given with each call.
		this.redis.defineCommand('classroomAppend', { lua: APPEND_SCRIPT });
		this.redis.defineCommand('classroomEnded', { numberOfKeys: 5, lua: ENDED_SCRIPT });
		this.redis.defineCommand('classroomCreate', { numberOfKeys: 4, lua: CREATE_SCRIPT });
		for (const connection of [this.redis, this.subscriber])
			connection.on('error', (error: Error) => console.error('classroom: redis:', error.message));
		let connectedOnce = false;
		this.subscriber.on('ready', () => {
			// ioredis re-subscribes by itself; what was published meanwhile is read from the streams.
			if (connectedOnce) for (const listener of this.reconnectedListeners) listener();
			connectedOnce = true;
		});
		this.subscriber.on('message', (channel: string, message: string) => {
			if (channel === PRESENCE_CHANNEL) {
				const [roomId, from] = message.split(' ');
				if (from !== this.instanceId)
					for (const listener of this.presenceListeners) listener(roomId);
				return;
			}
			// "<room id> <first seq> [<record>,…]": a batch of consecutive entries (APPEND_SCRIPT).
			const first = message.indexOf(' ');
			const second = message.indexOf(' ', first + 1);
			const roomId = message.slice(0, first);
			const seq = Number(message.slice(first + 1, second));
			const records = JSON.parse(message.slice(second + 1)) as EventRecord[];
			for (let i = 0; i < records.length; i++) {
				records[i].seq = seq + i;
				for (const listener of this.appendedListeners) listener(roomId, records[i]);
			}
		});
	}

	/** Resolves once both connections are up and subscribed (a clear error otherwise). */
	async ready(): Promise<void> {
		await this.subscriber.subscribe(CHANNEL, PRESENCE_CHANNEL);
		await this.redis.ping();
	}

	async recoverAll(): Promise<{ roomId: string; records: LogRecord[] | null }[]> {
		return [];
	}

	async create(record: CreatedRecord, ttlMs: number): Promise<boolean> {
		const { roomId, pin, createdAt } = record.input;
		const created = await this.track(
			(
				this.redis as unknown as {
					classroomCreate(...args: (string | number)[]): Promise<number>;
				}
			).classroomCreate(
				roomKey(roomId),
				seqKey(roomId),
				pinKey(pin),
				LIVE_KEY,
				JSON.stringify(record),
				ttlMs,
				roomId,
				createdAt + ttlMs
			)
		);
		return created === 1;
	}

	async load(roomId: string): Promise<LogRecord[] | null> {
		const entries = (await this.redis.xrange(roomKey(roomId), '-', '+')) as Entry[];
		return entries.length > 0 ? entries.map(toRecord) : null;
	}

	async readAfter(roomId: string, seq: number): Promise<EventRecord[]> {
		const records: EventRecord[] = [];
		// Exclusive start; at 0 also past the created record (entry 0-1).
		let after = seq === 0 ? '0-1' : `${seq}-0`;
		for (;;) {
			const entries = (await this.redis.xrange(
				roomKey(roomId),
				`(${after}`,
				'+',
				'COUNT',
				READ_BATCH
			)) as Entry[];
			for (const entry of entries) records.push(toRecord(entry) as EventRecord);
			if (entries.length < READ_BATCH) return records;
			after = `${records.at(-1)!.seq}-0`;
		}
	}

	/**
	 * Group commit: while MAX_IN_FLIGHT of a room's script calls are on their way, the appends
	 * that arrive for that room queue here and then go together in the next call. A class answering within one second
	 * costs Redis one script, one AOF write and fsync and one published message per batch rather
	 * than per answer, and every instance decodes one message per batch. An append still resolves
	 * only with the reply to the call that wrote it (after the fsync, with `appendfsync always`),
	 * and the queue keeps this instance's order; the script decides the room's order.
	 */
	append(roomId: string, event: NewEvent, options: AppendOptions): Promise<number | null> {
		// The script numbers it; a seq given by the caller is not stored.
		const json = JSON.stringify({ ...event, seq: undefined });
		return this.track(
			new Promise<number | null>((resolve, reject) => {
				let queue = this.queues.get(roomId);
				if (!queue) this.queues.set(roomId, (queue = { inFlight: 0, waiting: [], options }));
				const traced =
					TRACING && event.event.type === 'answer.submit' ? event.event.playerId : undefined;
				queue.waiting.push({
					json,
					expectSeq: options.expectSeq,
					limit: options.limit,
					traced,
					resolve,
					reject
				});
				// The room's latest lifetime and state: the last event of the batch decides them.
				queue.options = options;
				this.pump(roomId, queue);
			})
		);
	}

	/**
	 * Sends a room's queued appends as batches, up to MAX_IN_FLIGHT script calls on their way at
	 * once; each reply sends what queued meanwhile. Calls on one connection reach Redis and run
	 * in the order sent, so this instance's order holds; the script still numbers the room.
	 */
	private pump(roomId: string, queue: AppendQueue): void {
		while (queue.inFlight < MAX_IN_FLIGHT && queue.waiting.length > 0) {
			const batch = queue.waiting.splice(0, MAX_BATCH);
			queue.inFlight++;
			void this.send(roomId, queue.options, batch).then(() => {
				queue.inFlight--;
				if (queue.waiting.length > 0) this.pump(roomId, queue);
				else if (queue.inFlight === 0) this.queues.delete(roomId);
			});
		}
	}

	/** One script call for a batch; settles each append of it with its own result. */
	private async send(
		roomId: string,
		{ pin, ttlMs, ended }: AppendOptions,
		batch: AppendQueue['waiting']
	): Promise<void> {
		const keys = [roomKey(roomId), seqKey(roomId), pinKey(pin), LIVE_KEY, endedKey(roomId)];
		const args: (string | number)[] = [ttlMs, roomId, ended ? '' : Date.now() + ttlMs];
		for (const { json, expectSeq, limit } of batch) {
			if (limit) {
				keys.push(limit.limiter.storeKey(limit.key));
				const { points, seconds } = limit.limiter.rule;
				args.push(expectSeq ?? '', keys.length, points, seconds * 1000, json);
			} else args.push(expectSeq ?? '', '', '', '', json);
		}
		if (TRACING) traceBatch(roomId, batch, 'sent');
		try {
			const seqs = await (
				this.redis as unknown as {
					classroomAppend(
						...args: (string | number)[]
					): Promise<number | (number | [number, number])[]>;
				}
			).classroomAppend(keys.length, ...keys, ...args);
			if (TRACING) traceBatch(roomId, batch, 'acked');
			if (!Array.isArray(seqs)) throw new Error(`room ${roomId} is gone from the store`);
			batch.forEach((entry, i) => {
				const seq = seqs[i];
				if (Array.isArray(seq))
					entry.reject(new AppendLimited(Math.max(1, Math.ceil(seq[1] / 1000))));
				else entry.resolve(seq === -2 ? null : seq);
			});
		} catch (error) {
			for (const entry of batch) entry.reject(error);
		}
	}

	private track<T>(promise: Promise<T>): Promise<T> {
		this.pending.add(promise);
		const untrack = () => this.pending.delete(promise);
		promise.then(untrack, untrack);
		return promise;
	}

	async settled(): Promise<void> {
		await Promise.allSettled([...this.pending]);
	}

	onAppended(listener: (roomId: string, record: EventRecord) => void): void {
		this.appendedListeners.push(listener);
	}

	onReconnected(listener: () => void): void {
		this.reconnectedListeners.push(listener);
	}

	onPresenceChanged(listener: (roomId: string) => void): void {
		this.presenceListeners.push(listener);
	}

	async sharePresence(
		roomId: string,
		playerIds: readonly string[],
		announce: boolean
	): Promise<void> {
		const key = presenceKey(roomId);
		const transaction = this.redis.multi();
		if (playerIds.length === 0) transaction.hdel(key, this.instanceId);
		else
			transaction
				.hset(
					key,
					this.instanceId,
					JSON.stringify({ until: Date.now() + PRESENCE_TTL_MS, players: playerIds })
				)
				.pexpire(key, PRESENCE_TTL_MS);
		if (announce) transaction.publish(PRESENCE_CHANNEL, `${roomId} ${this.instanceId}`);
		await transaction.exec();
	}

	async remotePresence(roomId: string): Promise<ReadonlySet<string>> {
		const lists = await this.redis.hgetall(presenceKey(roomId));
		const now = Date.now();
		const players = new Set<string>();
		for (const [instance, list] of Object.entries(lists)) {
			if (instance === this.instanceId) continue;
			try {
				const { until, players: ids } = JSON.parse(list) as { until: number; players: string[] };
				if (until > now) for (const id of ids) players.add(id);
			} catch {
				// not ours to read: ignored
			}
		}
		return players;
	}

	roomOfPin(pin: string): Promise<string | null> {
		return this.redis.get(pinKey(pin));
	}

	async pinTaken(pin: string): Promise<boolean> {
		return (await this.redis.exists(pinKey(pin))) === 1;
	}

	async countLive(now: number): Promise<number> {
		await this.redis.zremrangebyscore(LIVE_KEY, '-inf', now);
		return this.redis.zcard(LIVE_KEY);
	}

	async markLive(roomId: string, until: number | null): Promise<void> {
		if (until === null) await this.redis.zrem(LIVE_KEY, roomId);
		else await this.redis.zadd(LIVE_KEY, until, roomId);
	}

	async markEnded(roomId: string, pin: string, retentionMs: number): Promise<void> {
		await (
			this.redis as unknown as {
				classroomEnded(...args: (string | number)[]): Promise<number>;
			}
		).classroomEnded(
			roomKey(roomId),
			seqKey(roomId),
			pinKey(pin),
			LIVE_KEY,
			endedKey(roomId),
			retentionMs,
			roomId
		);
	}

	async remove(roomId: string, pin: string): Promise<void> {
		// Only this room's PIN entry: the PIN may already belong to a newer room.
		if ((await this.redis.get(pinKey(pin))) === roomId) await this.redis.del(pinKey(pin));
		await this.redis.del(roomKey(roomId), seqKey(roomId), endedKey(roomId));
		await this.redis.zrem(LIVE_KEY, roomId);
	}

	limiter(name: string, rule: LimitRule): Limiter {
		return redisLimiter(this.redis, name, rule);
	}

	async close(): Promise<void> {
		this.subscriber.disconnect();
		await this.redis.quit().catch(() => this.redis.disconnect());
	}
}
