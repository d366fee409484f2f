import { describe, expect, it } from 'vitest';
import { scoreItem } from '$lib/answering/scoring';
import { LOCALES } from '../types';
import {
	describeCategory,
	digitalOf,
	enumerateCategoryFacts,
	generateCategoryScenarios,
	toCategoryItem
} from './category';
import { FAMILIES_YAML, inSeed } from './spec-support';
import { generateDrill } from './index';

const all = enumerateCategoryFacts().map(describeCategory);

describe('category generator (二（四）with UNCTAD’s six digitally deliverable categories)', () => {
	it('keys deliverability by the handout’s list of six, and only by the category', () => {
		// 一（三）: 保险服务, 知识产权使用费, 电信、计算机和信息服务, 个人、文化和娱乐服务, 金融服务, 其他商业服务.
		const six = ['insurance', 'ip', 'ict', 'personal-cultural', 'financial', 'other-business'];
		for (const o of FAMILIES_YAML.category.options)
			expect(digitalOf(o.id), o.id).toBe(six.includes(o.id) ? 'deliverable' : 'not-deliverable');
		for (const s of all) expect(s.digital).toBe(digitalOf(s.category));
	});

	it('keys the handout’s own tricky examples as the handout does', () => {
		const byQuote = (q: string) => all.find((s) => s.source.quote.includes(q));
		// An inbound patient's treatment is travel, not personal/cultural (医疗保健) services.
		expect(byQuote('入境就医人员')?.category).toBe('travel');
		// A bonded-zone firm's aircraft repair is maintenance and repair; its processing is processing.
		expect(byQuote('飞机提供的维修和保养')?.category).toBe('maintenance');
		expect(byQuote('货物提供的加工服务')?.category).toBe('processing');
		// Buying a design copyright is an intellectual-property charge, downloads are cultural services.
		expect(byQuote('设计版权')?.category).toBe('ip');
		expect(byQuote('购买和下载的电影')?.category).toBe('personal-cultural');
	});

	it('covers all twelve categories, every quote is the handout’s, ids are unique', () => {
		expect(new Set(all.map((s) => s.category)).size).toBe(12);
		for (const s of all) expect(inSeed(s.source.quote), s.source.quote).toBe(true);
		expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
		expect(all.length).toBeGreaterThan(500);
	});

	it('is deterministic per seed, ranges over the categories, and scores its own key in full', () => {
		const a = generateCategoryScenarios({ seed: 9, count: 12 });
		expect(generateCategoryScenarios({ seed: 9, count: 12 })).toEqual(a);
		expect(generateCategoryScenarios({ seed: 10, count: 12 })).not.toEqual(a);
		expect(new Set(a.map((s) => s.category)).size).toBe(12);
		for (const locale of LOCALES) {
			const items = generateDrill({ kind: 'category', seed: 9, count: 12, locale });
			expect(items.map((i) => i.id)).toEqual(a.map((s) => s.id));
			for (const [i, s] of a.entries()) {
				const item = toCategoryItem(s, locale);
				expect(items[i]).toEqual(item);
				const values = { category: s.category, digital: s.digital };
				expect(scoreItem(item, { type: 'classify', values })).toMatchObject({ correct: true });
				const flipped = s.digital === 'deliverable' ? 'not-deliverable' : 'deliverable';
				expect(
					scoreItem(item, { type: 'classify', values: { ...values, digital: flipped } })
				).toMatchObject({ correct: false, fraction: 0.5 });
			}
		}
	});
});
