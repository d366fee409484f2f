import { describe, expect, it } from 'vitest';
import type { PublicItem, RevealedKey } from '$lib/classroom/protocol';
import { distributionBars, toBankItem } from './public-item';

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
const key = (answer: string[]): RevealedKey => ({ answer, text: '', explanation: 'Because.' });

describe('toBankItem', () => {
	it('leaves the key empty before reveal and fills it in after', () => {
		expect(toBankItem(single, 'q0')).toMatchObject({ id: 'q0', type: 'single', answer: '' });
		expect(toBankItem(single, 'q0', key(['b']))).toMatchObject({
			answer: 'b',
			explanation: 'Because.'
		});
		expect(toBankItem({ type: 'truefalse', stem: 's' }, 'q1', key(['false']))).toMatchObject({
			answer: false
		});
	});

	it('maps classify keys (family:option) back to their dimensions', () => {
		const item = toBankItem(classify, 'q2', key(['mode:m1', 'direction:x']));
		expect(item.type === 'classify' && item.dimensions.map((d) => d.answer)).toEqual(['m1', 'x']);
	});

	it('builds matching pairs on the list the phone was shown, so indexes mean what the server expects', () => {
		const item = toBankItem(
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
		expect(distributionBars(single, { a: 2 }, key(['a']), labels)).toEqual([
			{ id: 'a', label: 'Mode 1', count: 2, isKey: true },
			{ id: 'b', label: 'Mode 2', count: 0, isKey: false }
		]);
	});
	it('labels classify bars with their dimension', () => {
		const bars = distributionBars(classify, { 'mode:m1': 3 }, key(['mode:m1']), labels);
		expect(bars[0]).toEqual({ id: 'mode:m1', label: 'Mode: One', count: 3, isKey: true });
	});
});
