import { describe, expect, it } from 'vitest';
import { normaliseAnswer, scoreItem } from './scoring';
import type { ClassifyItem, ClozeItem, Item, MatchingItem, MultipleItem } from '$lib/bank/types';

const base = {
	id: 't-01',
	unit: 'test',
	part: '2.3',
	concepts: ['topic.definitions'],
	difficulty: 1 as const,
	stem: 'stem',
	explanation: 'explanation',
	source: { part: '2.3', quote: '跨境交付' }
};

const single: Item = {
	...base,
	type: 'single',
	options: [
		{ id: 'a', label: 'A' },
		{ id: 'b', label: 'B' }
	],
	answer: 'b'
};

const multiple: MultipleItem = {
	...base,
	type: 'multiple',
	options: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id.toUpperCase() })),
	answer: ['a', 'c']
};

const matching: MatchingItem = {
	...base,
	type: 'matching',
	pairs: [
		{ left: 'L1', right: 'R1' },
		{ left: 'L2', right: 'R2' },
		{ left: 'L3', right: 'R3' },
		{ left: 'L4', right: 'R4' }
	]
};

const classify: ClassifyItem = {
	...base,
	type: 'classify',
	dimensions: [
		{ family: 'mode', label: 'Mode', options: [], answer: 'cross-border' },
		{ family: 'direction', label: 'Direction', options: [], answer: 'export' }
	]
};

const cloze: ClozeItem = {
	...base,
	type: 'cloze',
	accept: ['自然人移动', 'movement of natural persons', '招聘流程外包（RPO）']
};

describe('normaliseAnswer', () => {
	it('folds every default-ignorable code point a paste can bring, not only the zero-width space', () => {
		// ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen, BOM, CGJ, variation selector, Hangul filler.
		const invisible = [
			'\u200b',
			'\u200c',
			'\u200d',
			'\u2060',
			'\u00ad',
			'\ufeff',
			'\u034f',
			'\ufe0f',
			'\u3164'
		];
		for (const mark of invisible)
			expect(normaliseAnswer(`自然人${mark}流动`), JSON.stringify(mark)).toBe('自然人流动');
	});

	it('folds case, width, whitespace and punctuation of both scripts', () => {
		expect(normaliseAnswer('  Movement of Natural-Persons. ')).toBe('movementofnaturalpersons');
		expect(normaliseAnswer('ＭＯＶＥＭＥＮＴ　ｏｆ')).toBe('movementof');
		expect(normaliseAnswer('自然人移动。')).toBe('自然人移动');
		expect(normaliseAnswer('「跨境交付」，')).toBe('跨境交付');
		expect(normaliseAnswer('招聘流程外包（RPO）')).toBe(normaliseAnswer('招聘流程外包(rpo)'));
		expect(normaliseAnswer('电信、计算机和信息服务')).toBe('电信计算机和信息服务');
	});

	it('keeps letters and digits', () => {
		expect(normaliseAnswer('全球化 4.0')).toBe('全球化40');
		expect(normaliseAnswer('１２')).toBe('12');
	});
});

describe('scoreItem', () => {
	it('single: all or nothing', () => {
		expect(scoreItem(single, { type: 'single', choice: 'b' })).toEqual({
			correct: true,
			fraction: 1
		});
		expect(scoreItem(single, { type: 'single', choice: 'a' })).toEqual({
			correct: false,
			fraction: 0
		});
	});

	it('truefalse', () => {
		const item: Item = { ...base, type: 'truefalse', answer: false };
		expect(scoreItem(item, { type: 'truefalse', value: false }).correct).toBe(true);
		expect(scoreItem(item, { type: 'truefalse', value: true }).fraction).toBe(0);
	});

	it('multiple: fraction of options judged right, correct only when exact', () => {
		expect(scoreItem(multiple, { type: 'multiple', choices: ['c', 'a'] })).toEqual({
			correct: true,
			fraction: 1
		});
		// a right, b right (left out), c wrong (missed), d right (left out)
		expect(scoreItem(multiple, { type: 'multiple', choices: ['a'] })).toEqual({
			correct: false,
			fraction: 0.75
		});
		// ticking everything judges the two distractors wrong
		expect(scoreItem(multiple, { type: 'multiple', choices: ['a', 'b', 'c', 'd'] }).fraction).toBe(
			0.5
		);
		expect(scoreItem(multiple, { type: 'multiple', choices: [] }).fraction).toBe(0.5);
		expect(scoreItem(multiple, { type: 'multiple', choices: ['b', 'd'] }).fraction).toBe(0);
	});

	it('matching: fraction of pairs right', () => {
		const all = { 0: 0, 1: 1, 2: 2, 3: 3 };
		expect(scoreItem(matching, { type: 'matching', rightFor: all })).toEqual({
			correct: true,
			fraction: 1
		});
		const twoSwapped = { 0: 1, 1: 0, 2: 2, 3: 3 };
		expect(scoreItem(matching, { type: 'matching', rightFor: twoSwapped })).toEqual({
			correct: false,
			fraction: 0.5
		});
		expect(scoreItem(matching, { type: 'matching', rightFor: { 0: 0 } }).fraction).toBe(0.25);
	});

	it('matching: identical right-hand texts are interchangeable', () => {
		const twins: MatchingItem = {
			...matching,
			pairs: [
				{ left: 'L1', right: 'same' },
				{ left: 'L2', right: 'same' },
				{ left: 'L3', right: 'R3' }
			]
		};
		expect(scoreItem(twins, { type: 'matching', rightFor: { 0: 1, 1: 0, 2: 2 } }).correct).toBe(
			true
		);
	});

	it('classify: fraction of dimensions right, with a per-dimension map', () => {
		expect(
			scoreItem(classify, {
				type: 'classify',
				values: { mode: 'cross-border', direction: 'export' }
			})
		).toEqual({ correct: true, fraction: 1, dimensions: { mode: true, direction: true } });
		expect(
			scoreItem(classify, {
				type: 'classify',
				values: { mode: 'cross-border', direction: 'import' }
			})
		).toEqual({ correct: false, fraction: 0.5, dimensions: { mode: true, direction: false } });
		expect(scoreItem(classify, { type: 'classify', values: {} })).toEqual({
			correct: false,
			fraction: 0,
			dimensions: { mode: false, direction: false }
		});
	});

	it('cloze: lenient comparison, empty answers wrong', () => {
		for (const text of [
			'自然人移动',
			' 自然人移动。',
			'Movement of natural persons',
			'招聘流程外包(RPO)'
		]) {
			expect(scoreItem(cloze, { type: 'cloze', text }).correct, text).toBe(true);
		}
		expect(scoreItem(cloze, { type: 'cloze', text: '商业存在' }).correct).toBe(false);
		expect(scoreItem(cloze, { type: 'cloze', text: ' 。' }).correct).toBe(false);
	});

	it('a response of another type scores zero', () => {
		expect(scoreItem(single, { type: 'cloze', text: 'b' })).toEqual({
			correct: false,
			fraction: 0
		});
		expect(scoreItem(classify, { type: 'single', choice: 'cross-border' }).fraction).toBe(0);
	});
});
