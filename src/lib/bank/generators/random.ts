/**
 * A tiny seeded PRNG and the helpers the generators need. Everything is integer arithmetic on
 * 32-bit values (Math.imul, >>> 0), so a seed gives the same sequence in every browser, in Node
 * and in tests: a whole class that shares a seed gets the same drill.
 */

/** A source of floats in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: small, fast and good enough for shuffling drills (not for cryptography).
 * The seed is folded to an unsigned 32-bit integer first so any number works.
 */
export function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * FNV-1a over UTF-16 code units: a stable 32-bit hash used for ids and for seeding per-item
 * choices, so an item's content depends only on its facts and not on the list it came in.
 */
export function hash32(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** `hash32` as a short lowercase token, for ids like `gen-mode-1x2y3z`. */
export function hashId(text: string): string {
	return hash32(text).toString(36).padStart(7, '0');
}

/** A non-negative integer below `n`. */
export function randomInt(random: Random, n: number): number {
	return Math.floor(random() * n);
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, list: readonly T[]): T {
	if (list.length === 0) throw new Error('pick: empty list');
	return list[randomInt(random, list.length)];
}

/** A shuffled copy (Fisher–Yates); the input is left untouched. */
export function shuffle<T>(random: Random, list: readonly T[]): T[] {
	const copy = [...list];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = randomInt(random, i + 1);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

/** Up to `count` distinct elements, in random order. */
export function sample<T>(random: Random, list: readonly T[], count: number): T[] {
	return shuffle(random, list).slice(0, Math.max(0, count));
}

/**
 * Round-robin merge: first of each list, then second of each, and so on (a drill's kinds take
 * turns, so even a short drill has every one).
 */
export function interleave<T>(lists: readonly (readonly T[])[]): T[] {
	const out: T[] = [];
	const longest = Math.max(0, ...lists.map((l) => l.length));
	for (let i = 0; i < longest; i++)
		for (const list of lists) if (i < list.length) out.push(list[i]);
	return out;
}
