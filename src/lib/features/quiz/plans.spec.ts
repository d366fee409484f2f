import { describe, expect, it } from 'vitest';
import type { Item } from '$lib/bank/types';
import type { ItemState } from '$lib/progress/types';
import { confusionsPlan, examPlan, mistakesPlan, reviewPlan } from './plans';

const item = (id: string, unit: string, concepts: string[]) =>
	({ id, unit, type: 'truefalse', concepts }) as unknown as Item;

const pool = [
	item('m1', 'modes', ['mode.cross-border', 'topic.mode-scenario']),
	item('m2', 'modes', ['mode.consumption-abroad', 'topic.mode-scenario']),
	item('m3', 'modes', ['mode.natural-persons']),
	item('c1', 'categories', ['category.travel']),
	item('d1', 'digital', ['topic.digital-trade'])
];

const state = (itemId: string, over: Partial<ItemState> = {}): ItemState => ({
	itemId,
	streak: 0,
	lastCorrect: false,
	lastAt: 1,
	due: null,
	inMistakes: true,
	...over
});

describe('session plans', () => {
	it('confusions: the missed concept and its siblings, not unrelated topics', () => {
		expect(confusionsPlan(pool, {}, 1)).toBeNull();
		const plan = confusionsPlan(pool, { m1: state('m1') }, 1)!;
		expect(plan.itemIds.sort()).toEqual(['m1', 'm2', 'm3']);
		expect(plan.units).toEqual(['modes']);
	});

	it('mistakes: every notebook item, asked again until right', () => {
		const plan = mistakesPlan(pool, {
			m2: state('m2'),
			c1: state('c1', { lastAt: 0 }),
			gone: state('gone')
		});
		expect(plan).toMatchObject({ kind: 'mistakes', itemIds: ['c1', 'm2'], requeueWrong: true });
	});

	it('review: only items due now, most overdue first', () => {
		const states = {
			m1: state('m1', { due: 50, inMistakes: false }),
			m2: state('m2', { due: 10, inMistakes: false }),
			m3: state('m3', { due: 500, inMistakes: false })
		};
		expect(reviewPlan(pool, states, 100).itemIds).toEqual(['m2', 'm1']);
	});

	it('exam: a timed paper over the pool', () => {
		const plan = examPlan(pool, 3, 10, 4);
		expect(plan.kind).toBe('exam');
		expect(plan.itemIds).toHaveLength(3);
		expect(plan.timeLimitMs).toBe(600_000);
	});
});
