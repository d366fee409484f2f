import { describe, expect, it } from 'vitest';
import { PackError, packJson, unpackJson } from './compact-json';

describe('compact JSON (dictionary DEFLATE)', () => {
	it('round-trips values and is smaller than the JSON for own items', () => {
		const value = {
			id: 'own-x',
			type: 'single',
			lang: 'both',
			stem: { zh: '哪一种属于境外消费？', en: 'Which one is consumption abroad?' },
			options: [
				{ id: 'a', zh: '出国旅游', en: 'Travel abroad' },
				{ id: 'b', zh: '跨境电商', en: 'Cross-border e-commerce' },
				{ id: 'c', zh: '设立分公司', en: 'Opening a branch' }
			],
			answer: 'a'
		};
		const packed = packJson(value);
		expect(unpackJson(packed, 10_000)).toEqual(value);
		expect(packed.length).toBeLessThan(new TextEncoder().encode(JSON.stringify(value)).length);
	});

	it('refuses damage, non-JSON and anything that unpacks past the cap', () => {
		const problem = (run: () => unknown) => {
			try {
				run();
				return null;
			} catch (error) {
				return error instanceof PackError ? error.problem : String(error);
			}
		};
		const big = packJson('x'.repeat(50_000));
		expect(problem(() => unpackJson(big, 1000))).toBe('too-large');
		expect(problem(() => unpackJson(Uint8Array.from([0xff, 0x00, 0x12]), 1000))).toBe('corrupt');
		expect(problem(() => unpackJson(new Uint8Array(), 1000))).toBe('corrupt');
		const packed = packJson({ a: 1 });
		expect(problem(() => unpackJson(packed.slice(0, packed.length - 2), 1000))).toBe('corrupt');
	});
});
