import { describe, expect, it } from 'vitest';
import { largestFitting } from './fit-text';

describe('largestFitting', () => {
	it('finds the largest size that fits, to half a pixel', () => {
		const size = largestFitting(10, 100, (s) => s <= 37.2);
		expect(size).toBeLessThanOrEqual(37.2);
		expect(size).toBeGreaterThan(36.7);
	});
	it('takes the largest when everything fits, and the floor when nothing does', () => {
		expect(largestFitting(10, 100, () => true)).toBe(100);
		expect(largestFitting(10, 100, () => false)).toBe(10);
	});
});
