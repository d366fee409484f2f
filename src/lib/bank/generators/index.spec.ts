import { describe, expect, it } from 'vitest';
import { scoreItem } from '$lib/answering/scoring';
import { LOCALES } from '../types';
import {
	countDistinctScenarios,
	DRILL_KINDS,
	GENERATOR_SPACES,
	generateDrill,
	READABLE_DRILL_KINDS
} from './index';

describe('generateDrill', () => {
	it.each([['supply-mode'], ['mode']] as const)(
		'%s drills: deterministic classify items in each locale',
		(kind) => {
			for (const locale of LOCALES) {
				const a = generateDrill({ kind, seed: 12, count: 20, locale });
				expect(a).toHaveLength(20);
				expect(generateDrill({ kind, seed: 12, count: 20, locale })).toEqual(a);
				expect(
					a.every((i) => i.type === 'classify' && i.unit === 'modes-of-supply' && i.generated)
				).toBe(true);
			}
			// Same ids in both locales: a class mixing languages still answers the same drill.
			expect(generateDrill({ kind, seed: 12, count: 20, locale: 'en' }).map((i) => i.id)).toEqual(
				generateDrill({ kind, seed: 12, count: 20, locale: 'zh-CN' }).map((i) => i.id)
			);
		}
	);

	it('outsourcing drills, optionally one type', () => {
		const all = generateDrill({ kind: 'outsourcing', seed: 4, count: 30, locale: 'en' });
		expect(all).toHaveLength(30);
		expect(new Set(all.map((i) => i.unit))).toEqual(new Set(['ito', 'bpo', 'kpo']));
		const kpo = generateDrill({
			kind: 'outsourcing',
			seed: 4,
			count: 30,
			locale: 'zh-CN',
			outsourcingType: 'kpo'
		});
		expect(kpo.every((i) => i.unit === 'kpo')).toBe(true);
	});

	it('every generated item is answerable: its own key scores full marks', () => {
		for (const kind of READABLE_DRILL_KINDS) {
			for (const item of generateDrill({ kind, seed: 77, count: 100, locale: 'en' })) {
				if (item.type !== 'classify') throw new Error('generated items are classify items');
				const values = Object.fromEntries(item.dimensions.map((d) => [d.family, d.answer]));
				expect(scoreItem(item, { type: 'classify', values }).correct).toBe(true);
			}
		}
	});

	it('every drill kind, retired ones too, has its whole space in the text check and bank:stats', () => {
		expect(GENERATOR_SPACES.map((s) => s.kind)).toEqual([...READABLE_DRILL_KINDS]);
		expect(READABLE_DRILL_KINDS.slice(0, DRILL_KINDS.length)).toEqual([...DRILL_KINDS]);
	});

	it('re-exports the size of the supply-mode space', () => {
		expect(countDistinctScenarios()).toBeGreaterThan(300);
	});
});
