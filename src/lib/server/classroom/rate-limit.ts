/**
 * Rate limits on rate-limiter-flexible: `points` requests per `seconds`-long window per key (IP,
 * player or room). Embedded, the counters live in this process (RateLimiterMemory, which sweeps
 * expired keys itself); shared, in Redis (RateLimiterRedis, one atomic Lua increment), so a PIN
 * guesser gets the same five tries however many instances sit behind the load balancer.
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
	constructor(private readonly backend: RateLimiterAbstract) {}

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
		new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.seconds })
	);

export const redisLimiter = (redis: Redis, name: string, rule: LimitRule): Limiter =>
	new Limiter(
		new RateLimiterRedis({
			storeClient: redis,
			keyPrefix: `classroom:limit:${name}`,
			points: rule.points,
			duration: rule.seconds
		})
	);

/** Reads a positive number from the environment, for tuning limits without a rebuild. */
export function envNumber(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}
