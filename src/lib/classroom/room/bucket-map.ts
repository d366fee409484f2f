/**
 * A small persistent map over plain objects, for room state keyed by player. The room machine
 * updates context immutably, and copying a 1000-key object on every answer made a big room's
 * answers queue up (the bench showed it); here an update copies one of 64 buckets and the
 * 64-key outer object, so a write costs the same for 40 players as for 1000. Plain objects keep
 * snapshots serialisable and easy to compare in tests.
 */
import { hash32 } from '$lib/bank/generators/random';

export type BucketMap<V> = Readonly<Record<string, Readonly<Record<string, V>>>>;

const BUCKETS = 64;
/**
 * Each key's bucket, remembered: a room of 2,000 hashes the same player ids on every answer and
 * every push (the profile of the shared bench put ~75 ms a question in `hash32`), while a
 * Map look-up reuses the hash V8 keeps on the string. Bounded: forgotten wholesale past
 * BUCKET_CACHE_MAX keys (ids of rooms long gone), and simply computed again.
 */
const BUCKET_CACHE_MAX = 200_000;
const bucketCache = new Map<string, string>();
function bucketOf(key: string): string {
	let bucket = bucketCache.get(key);
	if (bucket === undefined) {
		if (bucketCache.size >= BUCKET_CACHE_MAX) bucketCache.clear();
		bucket = String(hash32(key) % BUCKETS);
		bucketCache.set(key, bucket);
	}
	return bucket;
}

export const emptyMap = <V>(): BucketMap<V> => ({});

export function getIn<V>(map: BucketMap<V>, key: string): V | undefined {
	const bucket = map[bucketOf(key)];
	return bucket && Object.hasOwn(bucket, key) ? bucket[key] : undefined;
}

export const hasIn = <V>(map: BucketMap<V>, key: string): boolean => getIn(map, key) !== undefined;

export function setIn<V>(map: BucketMap<V>, key: string, value: V): BucketMap<V> {
	const b = bucketOf(key);
	return { ...map, [b]: { ...map[b], [key]: value } };
}

export function deleteIn<V>(map: BucketMap<V>, key: string): BucketMap<V> {
	const b = bucketOf(key);
	if (!map[b] || !Object.hasOwn(map[b], key)) return map;
	const bucket = { ...map[b] };
	delete bucket[key];
	return { ...map, [b]: bucket };
}

export function entriesOf<V>(map: BucketMap<V>): [string, V][] {
	return Object.values(map).flatMap((bucket) => Object.entries(bucket));
}

export const valuesOf = <V>(map: BucketMap<V>): V[] =>
	Object.values(map).flatMap((bucket) => Object.values(bucket));

/**
 * How many keys of `map` have a value in `other` that passes `test`: `entriesOf(map)` filtered by
 * `test(getIn(other, key))`, without the arrays of entries and without hashing each key again (a
 * key sits in the same bucket of every map). The host's "answered" count, every push of a room of
 * 1,000.
 */
export function countWith<V, W>(
	map: BucketMap<V>,
	other: BucketMap<W>,
	test: (value: W) => boolean
): number {
	let count = 0;
	for (const b in map) {
		const bucket = map[b];
		const others = Object.hasOwn(other, b) ? other[b] : undefined;
		if (!others) continue;
		for (const key in bucket)
			if (Object.hasOwn(bucket, key) && Object.hasOwn(others, key) && test(others[key])) count++;
	}
	return count;
}

export const sizeOf = <V>(map: BucketMap<V>): number =>
	Object.values(map).reduce((n, bucket) => n + Object.keys(bucket).length, 0);
