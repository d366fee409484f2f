import { describe, expect, it } from 'vitest';
import { buildOutput } from '../../../scripts/bank/build';
import { loadBank } from '../../../scripts/bank/load';
import type { ClassifyItem, Item, MultipleItem, SingleItem, UnitContent } from '$lib/bank/types';
import { numberKeyResponse } from './keyboard';
import {
	FAMILY_SIZES,
	isWholeFamily,
	matchingOrder,
	presentItem,
	seededOrder
} from './option-order';

/** The real bank, built in memory in both languages. */
const built = buildOutput(loadBank().bank);
const unitsIn = (locale: string): UnitContent[] =>
	[...built.files]
		.filter(([path]) => path.endsWith(`.${locale}.json`))
		.map(([, json]) => JSON.parse(json) as UnitContent);
const zhItems = unitsIn('zh-CN').flatMap((u) => u.items);
const enById = new Map(unitsIn('en').flatMap((u) => u.items.map((i) => [i.id, i])));

const singles = zhItems.filter((i): i is SingleItem => i.type === 'single');
const multiples = zhItems.filter((i): i is MultipleItem => i.type === 'multiple');
const shownIds = (item: Item, seed: number) => {
	const shown = presentItem(item, seed).item;
	return 'options' in shown ? shown.options.map((o) => o.id) : [];
};

describe('seeded option order', () => {
	it('is a permutation, deterministic for a seed and key', () => {
		const order = seededOrder(42, 'x', 6);
		expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
		expect(seededOrder(42, 'x', 6)).toEqual(order);
	});

	it('is the same in both languages for the same attempt (order of positions, not labels)', () => {
		for (const item of singles.slice(0, 40)) {
			const en = enById.get(item.id)!;
			expect(shownIds(en, 7)).toEqual(shownIds(item, 7));
		}
	});

	it('differs between attempts', () => {
		const item = singles.find((i) => i.options.length >= 4)!;
		const orders = new Set(Array.from({ length: 20 }, (_, seed) => shownIds(item, seed).join()));
		expect(orders.size).toBeGreaterThan(5);
	});

	it('puts the key of single-choice items first about 1 time in n, whatever the bank does', () => {
		// The figure: 134 of 158 single items had the key first in bank order.
		let keyFirst = 0;
		let expected = 0;
		for (let seed = 1; seed <= 20; seed++)
			for (const item of singles) {
				if (shownIds(item, seed)[0] === item.answer) keyFirst++;
				expected += 1 / item.options.length;
			}
		expect(Math.abs(keyFirst - expected) / expected).toBeLessThan(0.1);
	});

	it('does not leave the keys of multiple-choice items as the first k options', () => {
		let prefix = 0;
		for (let seed = 1; seed <= 10; seed++)
			for (const item of multiples) {
				const first = shownIds(item, seed).slice(0, item.answer.length);
				if (item.answer.every((id) => first.includes(id))) prefix++;
			}
		// In bank order 35 of 36 were a prefix; a fair shuffle makes it rare.
		expect(prefix / (multiples.length * 10)).toBeLessThan(0.4);
	});

	it('never shows a matching column in key order', () => {
		for (let seed = 0; seed < 200; seed++) {
			const order = matchingOrder(seed, 'm', 3);
			expect(order).not.toEqual([0, 1, 2]);
		}
	});

	it('keeps whole families in natural order and shuffles a pick of a family', () => {
		const classify = zhItems.filter((i): i is ClassifyItem => i.type === 'classify');
		let shuffledPick = 0;
		for (const item of classify) {
			const shown = presentItem(item, 99).item as ClassifyItem;
			item.dimensions.forEach((d, i) => {
				const ids = shown.dimensions[i].options.map((o) => o.id);
				if (isWholeFamily(d)) expect(ids).toEqual(d.options.map((o) => o.id));
				else if (ids.join() !== d.options.map((o) => o.id).join()) shuffledPick++;
			});
		}
		expect(shuffledPick).toBeGreaterThan(0);
	});

	it('knows the size of every family in the bank', () => {
		for (const family of built.index.families)
			expect(FAMILY_SIZES[family.id], family.id).toBe(family.options.length);
	});

	it('leaves an item as given when there is no seed (the classroom sends it ordered)', () => {
		const item = singles[0];
		expect(presentItem(item, null).item).toBe(item);
	});
});

describe('number keys', () => {
	it('choose the option shown at that position, not the bank position', () => {
		const item = singles.find((i) => shownIds(i, 3)[0] !== i.options[0].id)!;
		expect(numberKeyResponse(item, 3, 1, null)).toEqual({
			type: 'single',
			choice: shownIds(item, 3)[0]
		});
	});

	it('answer classify items dimension by dimension', () => {
		const item = zhItems.find(
			(i): i is ClassifyItem => i.type === 'classify' && i.dimensions.length >= 2
		)!;
		const [first, second] = (presentItem(item, 5).item as ClassifyItem).dimensions;
		const afterOne = numberKeyResponse(item, 5, 1, null);
		expect(afterOne).toEqual({ type: 'classify', values: { [first.family]: first.options[0].id } });
		const afterTwo = numberKeyResponse(item, 5, 2, afterOne);
		expect(afterTwo?.type === 'classify' && afterTwo.values[second.family]).toBeTruthy();
		// With focus in the first dimension, a key changes that one.
		const changed = numberKeyResponse(item, 5, 2, afterTwo, first.family);
		expect(changed?.type === 'classify' && changed.values[first.family]).not.toBe(
			first.options[0].id
		);
	});
});
