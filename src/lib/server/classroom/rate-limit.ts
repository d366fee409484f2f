/**
 * Rate limits on rate-limiter-flexible: `points` requests per `seconds`-long window per key (IP,
 * player or room). Embedded, the counters live in this process (RateLimiterMemory, which sweeps
 * expired keys itself); shared, in Redis (RateLimiterRedis, one atomic Lua increment), so a PIN
 * guesser gets the same five tries however many instances sit behind the load balancer. The
 * shared counts of requests that arrive together travel in one pipeline (`pipelineCounts`).
 */
import {
	RateLimiterMemory,
	RateLimiterRedis,
	RateLimiterRes,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';

export interface LimitRule {
	/** Requests allowed per window. */
	points: number;
	/** Window length in seconds. */
	seconds: number;
}

export class Limiter {
	constructor(
		private readonly backend: RateLimiterAbstract,
		/** Its rule: `points` per `seconds`-long window. */
		readonly rule: LimitRule
	) {}

	/**
	 * Where the count of `key` lives in the store (rate-limiter-flexible's own key: its prefix,
	 * a colon, the key), for a store script that counts in the same window (RedisStore's appends).
	 */
	storeKey(key: string): string {
		return this.backend.getKey(key);
	}

	/** Counts one request; resolves 0 if allowed, else the whole seconds to wait. */
	async take(key: string): Promise<number> {
		try {
			await this.backend.consume(key);
			return 0;
		} catch (outcome) {
			// A store failure (Redis down) rejects with an Error: let the request through rather
			// than refuse a whole class; the room's own checks still apply.
			if (!(outcome instanceof RateLimiterRes)) return 0;
			return Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
		}
	}

	/** Seconds until a request would be allowed, without counting one (0 = allowed now). */
	async blocked(key: string): Promise<number> {
		const state = await this.backend.get(key).catch(() => null);
		if (!state || state.remainingPoints > 0) return 0;
		return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
	}
}

export const memoryLimiter = (name: string, rule: LimitRule): Limiter =>
	new Limiter(
		new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.seconds }),
		rule
	);

export function redisLimiter(redis: Redis, name: string, rule: LimitRule): Limiter {
	const backend = new RateLimiterRedis({
		storeClient: redis,
		keyPrefix: `classroom:limit:${name}`,
		points: rule.points,
		duration: rule.seconds
	});
	pipelineCounts(redis);
	return new Limiter(backend, rule);
}

/** The Redis command RateLimiterRedis defines on its client for a count (its Lua increment). */
const COUNT_COMMAND = 'rlflxIncr';
const pipelined = new WeakSet<Redis>();

type Call = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Sends RateLimiterRedis's counts on `redis` in pipelines, group-commit style: the first count
 * goes at once, and those asked for while a pipeline is on its way go together in the next one.
 * A class answering within a second then costs an instance one write and one read per batch of
 * counts rather than a round trip each, and Redis handles a batch in one turn of its loop. Each
 * count is still the library's own atomic script on the shared counter, and resolves with its
 * own reply. (Done once per connection, after the library has defined the command.)
 */
function pipelineCounts(redis: Redis): void {
	if (pipelined.has(redis)) return;
	pipelined.add(redis);
	const client = redis as unknown as Record<string, Call>;
	// defineCommand's function runs the script on whatever `this` is: the pipeline, below.
	const count = client[COUNT_COMMAND];
	let waiting: { args: unknown[]; resolve(value: unknown): void; reject(error: unknown): void }[] =
		[];
	let busy = false;
	const flush = async () => {
		busy = true;
		while (waiting.length > 0) {
			const batch = waiting;
			waiting = [];
			const pipeline = redis.pipeline();
			// On a pipeline the command is queued (the reply comes with exec's).
			for (const { args } of batch) count.apply(pipeline, args);
			const replies = await pipeline.exec().catch((error: unknown) => batch.map(() => [error]));
			batch.forEach(({ resolve, reject }, i) => {
				const [error, value] = replies?.[i] ?? [new Error('no reply from Redis')];
				if (error) reject(error);
				else resolve(value);
			});
		}
		busy = false;
	};
	client[COUNT_COMMAND] = (...args: unknown[]) =>
		new Promise((resolve, reject) => {
			waiting.push({ args, resolve, reject });
			if (!busy) void flush();
		});
}

/** Reads a positive number from the environment, for tuning limits without a rebuild. */
export function envNumber(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}
