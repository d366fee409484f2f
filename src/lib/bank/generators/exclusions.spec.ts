import { describe, expect, it } from 'vitest';
import { scoreItem } from '$lib/answering/scoring';
import { LOCALES } from '../types';
import {
	describeExclusion,
	enumerateExclusionFacts,
	generateExclusionScenarios,
	toExclusionItem
} from './exclusions';
import { classOf } from './outsourcing';
import { inSeed } from './spec-support';
import { generateDrill } from './index';

const all = enumerateExclusionFacts().map(describeExclusion);
const ofCase = (id: string) => all.filter((s) => s.facts.case === id);

describe('exclusion generator (the handout’s 不包括… clauses)', () => {
	it('keys each excluded activity by the handout’s own clause', () => {
		const outside = (id: string) => ofCase(id).filter((s) => s.facts.side === 'outside');
		// 二（四）: 存款、贷款等所得的利息不包括在内，属于投资收入.
		for (const s of outside('interest')) {
			expect(s.answer).toBe('outside');
			expect(s.stem.zh).toMatch(/利息/);
			expect(s.source.quote).toContain('不包括在内，属于投资收入');
		}
		// 二（八） BPO 维修维护服务: 但不包括手机等消费产品的维修服务.
		for (const s of outside('phone-repair')) {
			expect(s.answer).toBe('outside');
			expect(s.stem.zh).toMatch(/手机/);
		}
		// 二（八） KPO 研发服务: 不包括任何自主性研发活动.
		for (const s of outside('own-research')) {
			expect(s.answer).toBe('outside');
			expect(s.stem.zh).toMatch(/自己/);
		}
		// 二（六）: 签署的是服务协议而非生产制造、劳务派遣等其他协议.
		for (const s of outside('agreement')) {
			expect(s.answer).toBe('fails');
			expect(s.stem.zh).toMatch(/劳务派遣协议|生产制造协议/);
		}
		expect(outside('agreement').some((s) => s.stem.zh.includes('劳务派遣'))).toBe(true);
	});

	it('drills each clause against what it includes: table businesses stay in the class asked', () => {
		for (const s of all.filter((x) => x.facts.side === 'inside')) {
			expect(s.answer).toBe(s.family === 'scope' ? 'inside' : 'meets');
			expect(s.stem.zh).not.toMatch(/手机|自主|劳务派遣|利息/);
		}
		for (const s of ofCase('phone-repair').filter((x) => x.facts.side === 'inside'))
			expect(s.source.quote.length).toBeGreaterThan(4);
		// The inside rows of the BPO case are all from 维修维护服务 (bpo-maintenance.*).
		const rows = ofCase('phone-repair')
			.filter((x) => x.facts.side === 'inside')
			.map((x) => x.stem.zh);
		expect(rows.length).toBeGreaterThan(10);
		expect(classOf('bpo-maintenance.medical')).toBe('bpo-maintenance');
	});

	it('every quote is the handout’s, ids are unique, stems never say the answer word', () => {
		for (const s of all) {
			expect(inSeed(s.source.quote), s.source.quote).toBe(true);
			expect(s.stem.zh).not.toMatch(/属于/);
			expect(s.stem.en).not.toMatch(/belong/i);
		}
		expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
	});

	it('is deterministic per seed, mixes both sides of every clause, scores its own key', () => {
		const a = generateExclusionScenarios({ seed: 21, count: 8 });
		expect(generateExclusionScenarios({ seed: 21, count: 8 })).toEqual(a);
		expect(new Set(a.map((s) => `${s.facts.case}/${s.facts.side}`)).size).toBe(8);
		for (const locale of LOCALES) {
			const items = generateDrill({ kind: 'exclusion', seed: 21, count: 8, locale });
			expect(items.map((i) => i.id)).toEqual(a.map((s) => s.id));
			for (const [i, s] of a.entries()) {
				const item = toExclusionItem(s, locale);
				expect(items[i]).toEqual(item);
				expect(item.dimensions).toHaveLength(1);
				// The class asked about is named in the dimension's label (the options are yes / no).
				if (s.family === 'scope')
					expect(item.dimensions[0].label).toContain(locale === 'en' ? s.asked.en : s.asked.zh);
				const values = { [s.family]: s.answer };
				expect(scoreItem(item, { type: 'classify', values })).toMatchObject({ correct: true });
				const wrong = item.dimensions[0].options.find((o) => o.id !== s.answer)!.id;
				expect(scoreItem(item, { type: 'classify', values: { [s.family]: wrong } })).toMatchObject({
					correct: false
				});
			}
		}
	});
});
