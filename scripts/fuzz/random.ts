import { mulberry32 } from '../../src/lib/bank/generators/random';

/**
 * The fuzz's seeded source: the bank generators' mulberry32 with the picks the fuzz needs, so a
 * run replays exactly from its printed seed (`--seed`).
 */
export interface Rng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [0, n). */
	int(n: number): number;
	/** One element of a non-empty list. */
	pick<T>(list: readonly T[]): T;
	/** The list in a random order (a copy; Fisher–Yates). */
	shuffle<T>(list: readonly T[]): T[];
}

export function seededRng(seed: number): Rng {
	const next = mulberry32(seed);
	const int = (n: number) => Math.floor(next() * n);
	return {
		next,
		int,
		pick: (list) => list[int(list.length)],
		shuffle: (list) => {
			const out = [...list];
			for (let i = out.length - 1; i > 0; i--) {
				const j = int(i + 1);
				[out[i], out[j]] = [out[j], out[i]];
			}
			return out;
		}
	};
}
