import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeAsBrowser, MUTATION_KINDS, mutateBackup } from './mutate';
import { seededRng } from './random';

const valid = JSON.stringify({
	format: 'services-trade-academy-progress',
	version: 2,
	exportedAt: 1,
	settings: { locale: null, theme: 'dark' },
	attempts: [
		{
			id: 'a1',
			itemId: 'u1-q',
			unit: 'u1',
			at: 5,
			correct: true,
			fraction: 1,
			ms: 9,
			flow: 'practice'
		}
	],
	itemStates: {
		u1: { 'u1-q': { itemId: 'u1-q', streak: 1, lastCorrect: true, lastAt: 5, due: null } }
	},
	flows: [{ id: 'lesson:u1', kind: 'lesson', savedAt: 1 }]
});

describe('mutateBackup', () => {
	// At 1/1000 of the size: the full-size huge files take seconds each on a loaded machine.
	const files = (seed: number, n: number, scale = 0.001) => {
		const rng = seededRng(seed);
		return Array.from({ length: n }, () => mutateBackup(valid, rng, scale));
	};

	it('is replayable from its seed', () => {
		// Digests: a deep comparison of megabyte arrays element by element takes minutes.
		const digest = (seed: number) =>
			files(seed, 50).map((f) => `${f.kind} ${createHash('sha1').update(f.bytes).digest('hex')}`);
		expect(digest(11)).toEqual(digest(11));
		expect(digest(12)).not.toEqual(digest(11));
	});

	it('makes every kind, and each file differs from the valid one', () => {
		const made = files(2, 200);
		expect(new Set(made.map((f) => f.kind))).toEqual(new Set(MUTATION_KINDS));
		const unchanged = made.filter((f) => decodeAsBrowser(f.bytes) === valid);
		expect(unchanged.length).toBeLessThan(made.length / 20);
	});

	it('writes an own "__proto__" member into the text for evil keys', () => {
		const evil = files(4, 200).filter((f) => f.kind === 'evil keys');
		expect(evil.some((f) => decodeAsBrowser(f.bytes).includes('"__proto__":'))).toBe(true);
		for (const f of evil) expect(() => JSON.parse(decodeAsBrowser(f.bytes))).not.toThrow();
	});

	it('makes huge files of megabytes, and other encodings that are not UTF-8 JSON', () => {
		const made = files(8, 40, 1);
		expect(
			Math.max(...made.filter((f) => f.kind === 'huge').map((f) => f.bytes.length))
		).toBeGreaterThan(1_000_000);
		const utf16 = made.filter((f) => f.kind === 'other encoding' && f.bytes[0] === 0xff);
		expect(utf16.length).toBeGreaterThan(0);
		for (const f of utf16) expect(() => JSON.parse(decodeAsBrowser(f.bytes))).toThrow();
	});

	it('decodes as File.text() does: a UTF-8 BOM dropped, bad bytes replaced', () => {
		expect(decodeAsBrowser(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
		expect(decodeAsBrowser(new Uint8Array([0x7b, 0xff]))).toBe('{\ufffd');
	});
});
