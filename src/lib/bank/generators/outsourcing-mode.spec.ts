import { describe, expect, it } from 'vitest';
import { scoreItem } from '$lib/answering/scoring';
import { LOCALES } from '../types';
import { generateDrill } from './index';
import {
	classifyOutsourcingMode,
	describeOutsourcingMode,
	enumerateOutsourcingModeFacts,
	generateOutsourcingModeScenarios,
	toOutsourcingModeItem
} from './outsourcing-mode';
import { typeOf } from './outsourcing';
import { place } from './supply-mode-facts';
import { inSeed } from './spec-support';

const all = enumerateOutsourcingModeFacts().map(describeOutsourcingMode);

describe('outsourcing-mode generator (二（七）)', () => {
	it('applies the handout’s three rules, and refuses facts it gives no mode for', () => {
		const base = {
			subclass: 'kpo-design.creative',
			business: '影视特效制作',
			vendorHome: 'tianjin'
		};
		expect(classifyOutsourcingMode({ ...base, clientHome: 'us' })).toBe('offshore');
		expect(classifyOutsourcingMode({ ...base, clientHome: 'beijing' })).toBe('onshore');
		expect(classifyOutsourcingMode({ ...base, clientHome: 'germany', branchStake: 0 })).toBe(
			'overseas'
		);
		// A branch that subcontracts back to China, or one serving a client in China: no handout key.
		expect(() =>
			classifyOutsourcingMode({
				...base,
				clientHome: 'germany',
				branchStake: 0,
				subcontractedBack: true
			})
		).toThrow(/no mode/);
		expect(() =>
			classifyOutsourcingMode({ ...base, clientHome: 'beijing', branchStake: 0 })
		).toThrow(/no mode/);
	});

	it('keys every item by the rules read from where the parties are, and the type by the table', () => {
		expect(all.length).toBeGreaterThan(1000);
		for (const s of all) {
			const abroad = place(s.facts.clientHome).side === 'foreign';
			const expected =
				s.facts.branchStake !== undefined ? 'overseas' : abroad ? 'offshore' : 'onshore';
			expect(s.mode, s.id).toBe(expected);
			expect(s.type).toBe(typeOf(s.facts.subclass));
			expect(inSeed(s.source.quote), s.source.quote).toBe(true);
		}
		expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
	});

	it('overseas stems state both conditions: over 50 % and nothing subcontracted back', () => {
		for (const s of all.filter((x) => x.mode === 'overseas')) {
			expect(s.stem.zh).toMatch(/(60|80|100)%/);
			expect(s.stem.zh).toMatch(/没有把业务转包回国内|未向国内转包/);
			expect(s.stem.en).toMatch(/back to China/);
			expect(s.explanation.zh).toContain('50%以上');
		}
	});

	it('is deterministic per seed, mixes the three modes, and scores its own key in full', () => {
		const a = generateOutsourcingModeScenarios({ seed: 3, count: 9 });
		expect(generateOutsourcingModeScenarios({ seed: 3, count: 9 })).toEqual(a);
		expect(new Set(a.map((s) => s.mode)).size).toBe(3);
		for (const locale of LOCALES) {
			const items = generateDrill({ kind: 'outsourcing-mode', seed: 3, count: 9, locale });
			expect(items.map((i) => i.id)).toEqual(a.map((s) => s.id));
			for (const [i, s] of a.entries()) {
				const item = toOutsourcingModeItem(s, locale);
				expect(items[i]).toEqual(item);
				expect(item.unit).toBe('outsourcing-models');
				const values = { 'outsourcing-mode': s.mode, 'outsourcing-type': s.type };
				expect(scoreItem(item, { type: 'classify', values })).toMatchObject({ correct: true });
				const wrong = s.mode === 'offshore' ? 'overseas' : 'offshore';
				expect(
					scoreItem(item, { type: 'classify', values: { ...values, 'outsourcing-mode': wrong } })
				).toMatchObject({ correct: false, fraction: 0.5 });
			}
		}
	});
});
