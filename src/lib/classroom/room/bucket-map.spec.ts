import { describe, expect, it } from 'vitest';
import {
	countWith,
	deleteIn,
	emptyMap,
	entriesOf,
	getIn,
	hasIn,
	setIn,
	sizeOf,
	valuesOf
} from './bucket-map';

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

	it('counts the keys whose value in another map passes a test, as a filter over entries would', () => {
		let answers = emptyMap<string>();
		let players = emptyMap<{ active: boolean }>();
		for (let i = 0; i < 500; i++) players = setIn(players, `p${i}`, { active: i % 3 !== 0 });
		for (let i = 0; i < 700; i += 2) answers = setIn(answers, `p${i}`, 'x');
		answers = setIn(answers, 'constructor', 'x');
		const test = (p: { active: boolean }) => p.active;
		const expected = entriesOf(answers).filter(([id]) => {
			const player = getIn(players, id);
			return player !== undefined && test(player);
		}).length;
		expect(expected).toBeGreaterThan(100);
		expect(countWith(answers, players, test)).toBe(expected);
		expect(countWith(answers, emptyMap<{ active: boolean }>(), test)).toBe(0);
	});
});
