import { describe, expect, it } from 'vitest';
import { selectExamPaper, selectPractice } from './selection';
import type { Item } from './types';

function item(
	id: string,
	unit: string,
	type: Item['type'] = 'truefalse',
	concepts = ['topic.x']
): Item {
	return {
		id,
		unit,
		type,
		part: '2.3',
		concepts,
		difficulty: 1,
		stem: id,
		explanation: '',
		source: { part: '2.3', quote: '' },
		answer: true
	} as Item;
}

const pool = [
	...Array.from({ length: 30 }, (_, i) => item(`a${i}`, 'a')),
	...Array.from({ length: 10 }, (_, i) => item(`b${i}`, 'b', 'single', ['category.ict'])),
	...Array.from({ length: 60 }, (_, i) => item(`c${i}`, 'c'))
];

describe('selectPractice', () => {
	it('keeps to the chosen units, types and concepts', () => {
		const set = selectPractice(
			pool,
			{ units: ['b', 'c'], types: ['single'], concepts: [], count: 50 },
			1
		);
		expect(set).toHaveLength(10);
		expect(set.every((i) => i.unit === 'b')).toBe(true);
		const byConcept = selectPractice(
			pool,
			{ units: [], types: [], concepts: ['category.ict'], count: 5 },
			1
		);
		expect(byConcept.every((i) => i.concepts.includes('category.ict'))).toBe(true);
	});

	it('is the same set for the same seed and prefers unseen items', () => {
		const filter = { units: ['a'], types: [], concepts: [], count: 10 };
		expect(selectPractice(pool, filter, 7)).toEqual(selectPractice(pool, filter, 7));
		const seen = new Set(
			pool
				.filter((i) => i.unit === 'a')
				.slice(0, 20)
				.map((i) => i.id)
		);
		const set = selectPractice(pool, filter, 7, (id) => (seen.has(id) ? 3 : 0));
		expect(set.every((i) => !seen.has(i.id))).toBe(true);
	});
});

describe('selectExamPaper', () => {
	it('samples every unit in proportion, without repeats', () => {
		const paper = selectExamPaper(pool, 20, 3);
		expect(paper).toHaveLength(20);
		expect(new Set(paper.map((i) => i.id)).size).toBe(20);
		const count = (u: string) => paper.filter((i) => i.unit === u).length;
		expect(count('a')).toBe(6);
		expect(count('b')).toBe(2);
		expect(count('c')).toBe(12);
	});

	it('never asks for more items than the pool has', () => {
		expect(selectExamPaper(pool.slice(0, 5), 20, 3)).toHaveLength(5);
	});
});
