/**
 * Token buckets keyed by IP or player: `capacity` requests at once, refilled at `perSecond`.
 * Forgotten buckets are swept so a flood of distinct keys cannot grow memory without bound.
 */
export interface BucketRule {
	capacity: number;
	perSecond: number;
}

interface Bucket {
	tokens: number;
	updated: number;
}

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();

	constructor(
		readonly rule: BucketRule,
		private readonly maxKeys = 100_000
	) {}

	/** Takes one token; returns 0 if allowed, else the seconds to wait. */
	take(key: string, now: number, cost = 1): number {
		const { capacity, perSecond } = this.rule;
		const bucket = this.buckets.get(key) ?? { tokens: capacity, updated: now };
		bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
		bucket.updated = now;
		if (!this.buckets.has(key)) {
			if (this.buckets.size >= this.maxKeys) this.sweep(now);
			this.buckets.set(key, bucket);
		}
		if (bucket.tokens >= cost) {
			bucket.tokens -= cost;
			return 0;
		}
		return Math.max(1, Math.ceil((cost - bucket.tokens) / perSecond));
	}

	/** Seconds to wait before a token is available, without taking one (0 = allowed). */
	blocked(key: string, now: number): number {
		const bucket = this.buckets.get(key);
		if (!bucket) return 0;
		const { capacity, perSecond } = this.rule;
		const tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
		return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / perSecond));
	}

	/** Drops buckets that have refilled completely: they behave exactly like absent ones. */
	sweep(now: number): void {
		const { capacity, perSecond } = this.rule;
		for (const [key, bucket] of this.buckets) {
			if (bucket.tokens + ((now - bucket.updated) / 1000) * perSecond >= capacity)
				this.buckets.delete(key);
		}
	}

	get size(): number {
		return this.buckets.size;
	}
}

/** Reads a positive number from the environment, for tuning limits without a rebuild. */
export function envNumber(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}
