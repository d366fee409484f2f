import { describe, expect, it } from 'vitest';
import { deleteIn, emptyMap, entriesOf, getIn, hasIn, setIn, sizeOf, valuesOf } from './bucket-map';

describe('bucket map', () => {
	it('sets, gets and deletes without touching the previous version', () => {
		const empty = emptyMap<number>();
		const one = setIn(empty, 'a', 1);
		const two = setIn(one, 'b', 2);
		const less = deleteIn(two, 'a');
		expect([getIn(empty, 'a'), getIn(one, 'a'), getIn(two, 'b'), getIn(less, 'a')]).toEqual([
			undefined,
			1,
			2,
			undefined
		]);
		expect(hasIn(two, 'a')).toBe(true);
		expect(sizeOf(two)).toBe(2);
		expect(sizeOf(less)).toBe(1);
		expect(deleteIn(less, 'zzz')).toBe(less);
	});

	it('holds many keys and lists them all', () => {
		let map = emptyMap<number>();
		for (let i = 0; i < 1000; i++) map = setIn(map, `p${i}`, i);
		expect(sizeOf(map)).toBe(1000);
		expect(valuesOf(map).reduce((a, b) => a + b, 0)).toBe((999 * 1000) / 2);
		expect(new Set(entriesOf(map).map(([k]) => k)).size).toBe(1000);
		expect(getIn(map, 'constructor')).toBeUndefined();
	});
});
