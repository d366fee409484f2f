import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DisplayItem } from '$lib/answering/display';
import type { Item } from '$lib/bank/types';
import type { PublicItem, RevealedKey } from '$lib/classroom/protocol';
import { distributionBars, keyText, toDisplayItem } from './public-item';

const single: PublicItem = {
	type: 'single',
	stem: 'Which mode?',
	options: [
		{ id: 'a', label: 'Mode 1' },
		{ id: 'b', label: 'Mode 2' }
	]
};
const classify: PublicItem = {
	type: 'classify',
	stem: 'Classify',
	dimensions: [
		{ family: 'mode', label: 'Mode', options: [{ id: 'm1', label: 'One' }] },
		{ family: 'direction', label: 'Direction', options: [{ id: 'x', label: 'Export' }] }
	]
};
const explanation = 'Because.';
const singleKey = (optionId: string): RevealedKey => ({ type: 'single', optionId, explanation });
const classifyKey: RevealedKey = {
	type: 'classify',
	dimensions: [
		{ family: 'mode', optionId: 'm1' },
		{ family: 'direction', optionId: 'x' }
	],
	explanation
};
const words = { true: '正确', false: '错误' };

describe('toDisplayItem', () => {
	it('gives the item components what they read and nothing made up (no fake bank fields)', () => {
		expectTypeOf<Item>().toExtend<DisplayItem>();
		expect(Object.keys(toDisplayItem(single, 'q0')).sort()).toEqual([
			'answer',
			'id',
			'options',
			'stem',
			'type'
		]);
	});

	it('leaves the key empty before reveal and fills it in after', () => {
		expect(toDisplayItem(single, 'q0')).toEqual({
			id: 'q0',
			type: 'single',
			stem: 'Which mode?',
			options: single.type === 'single' ? single.options : [],
			answer: undefined
		});
		expect(toDisplayItem(single, 'q0', singleKey('b'))).toMatchObject({ answer: 'b' });
		expect(
			toDisplayItem({ type: 'truefalse', stem: 's' }, 'q1', {
				type: 'truefalse',
				value: false,
				explanation
			})
		).toMatchObject({
			answer: false
		});
	});

	it('puts the classify key on its dimensions', () => {
		const item = toDisplayItem(classify, 'q2', classifyKey);
		expect(item.type === 'classify' && item.dimensions.map((d) => d.answer)).toEqual(['m1', 'x']);
	});

	it('builds matching pairs on the list the phone was shown, so indexes mean what the server expects', () => {
		const item = toDisplayItem(
			{ type: 'matching', stem: 's', left: ['A', 'B'], right: ['y', 'x'] },
			'q3'
		);
		expect(item.type === 'matching' && item.pairs).toEqual([
			{ left: 'A', right: 'y' },
			{ left: 'B', right: 'x' }
		]);
	});
});

describe('distributionBars', () => {
	const labels = { true: 'True', false: 'False' };
	it('has one bar per option, zero when nobody chose it, and marks the key', () => {
		expect(distributionBars(single, { a: 2 }, singleKey('a'), labels)).toEqual([
			{ id: 'a', label: 'Mode 1', mark: 0, count: 2, isKey: true },
			{ id: 'b', label: 'Mode 2', mark: 1, count: 0, isKey: false }
		]);
	});
	it('labels classify bars with their dimension', () => {
		const bars = distributionBars(classify, { 'mode:m1': 3 }, classifyKey, labels);
		expect(bars[0]).toEqual({ id: 'mode:m1', label: 'Mode: One', mark: 0, count: 3, isKey: true });
	});
});

describe('keyText', () => {
	it('prints a true/false key as the option word, never a bare tick or cross', () => {
		const tf: PublicItem = { type: 'truefalse', stem: 's' };
		expect(keyText(tf, { type: 'truefalse', value: false, explanation }, words)).toBe('错误');
		expect(keyText(tf, { type: 'truefalse', value: true, explanation }, words)).toBe('正确');
	});
	it('prints option labels, not ids, for every choice type', () => {
		expect(keyText(single, singleKey('b'), words)).toBe('Mode 2');
		const multiple: PublicItem = { ...single, type: 'multiple' } as PublicItem;
		expect(keyText(multiple, { type: 'multiple', optionIds: ['a', 'b'], explanation }, words)).toBe(
			'Mode 1 · Mode 2'
		);
		expect(keyText(classify, classifyKey, words)).toBe('Mode: One · Direction: Export');
	});
	it('prints pairs and accepted texts', () => {
		const matching: PublicItem = { type: 'matching', stem: 's', left: ['A'], right: ['x'] };
		const pairs = [{ left: 'A', right: 'x' }];
		expect(keyText(matching, { type: 'matching', pairs, explanation }, words)).toBe('A → x');
		const cloze: PublicItem = { type: 'cloze', stem: 's ____' };
		expect(
			keyText(cloze, { type: 'cloze', accept: ['GATS', '服贸总协定'], explanation }, words)
		).toBe('GATS / 服贸总协定');
	});
});
