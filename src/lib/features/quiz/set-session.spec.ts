import { beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '$lib/bank/loader';
import { scoreItem } from '$lib/answering/scoring';
import type { QuestionSet } from '$lib/sets/set-store';
import { drillEntry, weekSet } from '$lib/sets/sets.fixtures';
import { setPlan } from './plans';
import { loadPlanItems, loadSetItems, type SessionPlan } from './quiz.session';

// A practice or exam session on a question set (issue 10, "Using a set"): the plan carries the
// set's questions, so a reload rebuilds them in either language whatever became of the set.
const set = weekSet;
/** As the flow store gives it back after a reload. */
const stored = (plan: SessionPlan) => JSON.parse(JSON.stringify(plan)) as SessionPlan;

describe('a session on a question set', () => {
	// The generators and the index load once, cold, for the whole file (slow on a loaded machine).
	beforeAll(() => Promise.all([import('$lib/bank/generators'), loadIndex()]), 60_000);

	it('asks bank, generated and own questions in the set’s order, in both languages', async () => {
		const plan = stored(setPlan('practice', set, { seed: 9, now: 5 }));
		const zh = await loadPlanItems(plan, 'zh-CN');
		const en = await loadPlanItems(plan, 'en');
		expect(zh.map((i) => i.id)).toEqual(en.map((i) => i.id));
		expect(zh.map((i) => i.id).slice(0, 2)).toEqual(['mode-02', 'own-1']);
		expect(zh).toHaveLength(4); // the draft is not asked; the drill gives 2
		expect(zh[2].id).not.toBe(zh[3].id);
		// The own question is an Item like the bank's: the flows score it the same way.
		const own = zh[1];
		expect(own).toMatchObject({ type: 'truefalse', stem: '出国留学属于境外消费。', unit: 'own' });
		expect(scoreItem(own, { type: 'truefalse', value: true })).toMatchObject({ correct: true });
		expect(scoreItem(own, { type: 'truefalse', value: false })).toMatchObject({ correct: false });
	});

	it('is self-contained: deleting or changing the set afterwards changes nothing asked', async () => {
		const source = structuredClone(set);
		const plan = stored(setPlan('exam', source, { seed: 9, now: 5, minutes: 15 }));
		const before = (await loadPlanItems(plan, 'en')).map((i) => i.id);
		source.entries.reverse();
		(source.entries[0] as { count: number }).count = 9;
		expect((await loadPlanItems(plan, 'en')).map((i) => i.id)).toEqual(before);
		expect(plan.timeLimitMs).toBe(15 * 60_000);
		expect(plan.set).toMatchObject({ id: set.id, version: 2, startedAt: 5, order: 'fixed' });
	});

	it('shuffles per attempt when the instructor chose so; results keep the set’s order', async () => {
		const many: QuestionSet = {
			...set,
			order: 'shuffled',
			entries: [{ ...drillEntry, count: 12 }]
		};
		const inOrder = (await loadSetItems(setPlan('exam', many, { seed: 1, now: 0 }).set!, 'en')).map(
			(i) => i.id
		);
		const orders = await Promise.all(
			[1, 1, 2].map(async (seed) =>
				(await loadPlanItems(setPlan('exam', many, { seed, now: 0 }), 'en')).map((i) => i.id)
			)
		);
		expect(orders[0]).toEqual(orders[1]);
		expect(orders[0]).not.toEqual(orders[2]);
		expect(orders[0]).not.toEqual(inOrder);
		expect([...orders[0]].sort()).toEqual([...inOrder].sort());
	});

	it('skips a damaged entry of a saved plan instead of failing the screen', async () => {
		const plan = stored(setPlan('practice', set, { seed: 9, now: 5 }));
		(plan.set!.entries as unknown[]).splice(0, 0, { kind: 'own', item: { id: 'x' } }, null);
		expect((await loadPlanItems(plan, 'en')).map((i) => i.id).slice(0, 2)).toEqual([
			'mode-02',
			'own-1'
		]);
	});
});
