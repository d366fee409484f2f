import { describe, expect, it } from 'vitest';
import { scoreItem } from '$lib/answering/scoring';
import { LOCALES } from '../types';
import {
	classifySupply,
	countDistinctScenarios,
	directionOf,
	describeScenario,
	enumerateScenarioFacts,
	factsKey,
	generateModeScenarios,
	HANDOUT_EXAMPLES,
	places,
	supplyRules,
	toClassifyItem,
	type DirectionId,
	type ModeId,
	type SupplyFacts
} from './supply-mode';
import { SCENES } from './supply-mode-scenes';
import { glossaryMisses, inSeed } from './spec-support';

const PLACES = places();
const SUPPLY_RULES = supplyRules();
const SEEDS = [0, 1, 2, 3, 42, 2024, 99991, 0xdeadbeef];

/**
 * An independent reading of the rules from locations only (it never looks at `movement`):
 * a supplier operating outside its home country either through an entity (commercial presence)
 * or in person (natural persons); a consumer served outside its home (consumption abroad);
 * otherwise both stay home (cross-border). Direction from which side is Chinese, and none for
 * commercial presence (the handout states none).
 */
function deriveFromLocations(f: SupplyFacts): { mode: ModeId; direction: DirectionId | null } {
	const country = (id: string) => PLACES[id].country;
	const supplierAway = country(f.supplierAt) !== country(f.supplier.home);
	const consumerAway = country(f.consumerAt) !== country(f.consumer.home);
	let mode: ModeId;
	if (supplierAway && f.entity) mode = 'commercial-presence';
	else if (supplierAway && f.person) mode = 'natural-persons';
	else if (consumerAway) mode = 'consumption-abroad';
	else mode = 'cross-border';
	const direction: DirectionId = PLACES[f.supplier.home].side === 'cn' ? 'export' : 'import';
	return { mode, direction: mode === 'commercial-presence' ? null : direction };
}

const enNames = (id: string) => [PLACES[id].en, PLACES[id].enAdj];

describe('classifySupply', () => {
	it('applies the rules of content.md to hand-made facts', () => {
		expect(
			classifySupply({
				service: 'x',
				supplier: { home: 'tianjin', kind: 'x' },
				consumer: { home: 'us', kind: 'x' },
				movement: 'none',
				supplierAt: 'tianjin',
				consumerAt: 'us'
			})
		).toMatchObject({ mode: 'cross-border', direction: 'export' });
		expect(
			classifySupply({
				service: 'x',
				supplier: { home: 'germany', kind: 'x' },
				consumer: { home: 'shanghai', kind: 'x' },
				movement: 'supplier-establishes',
				supplierAt: 'shanghai',
				consumerAt: 'shanghai',
				entity: 'branch'
			})
		).toMatchObject({ mode: 'commercial-presence', direction: null });
	});

	it('refuses scenarios without one Chinese party or with contradictory facts', () => {
		const base: SupplyFacts = {
			service: 'x',
			supplier: { home: 'us', kind: 'x' },
			consumer: { home: 'japan', kind: 'x' },
			movement: 'none',
			supplierAt: 'us',
			consumerAt: 'japan'
		};
		expect(() => classifySupply(base)).toThrow(/Chinese/);
		expect(() =>
			classifySupply({
				...base,
				consumer: { home: 'beijing', kind: 'x' },
				supplier: { home: 'tianjin', kind: 'x' }
			})
		).toThrow(/one country/);
		// A consumer "who travels" but is served at home has no single key.
		expect(() =>
			classifySupply({
				...base,
				consumer: { home: 'tianjin', kind: 'x' },
				movement: 'consumer-travels',
				consumerAt: 'tianjin'
			})
		).toThrow(/do not fit/);
		// Commercial presence needs an entity, movement of natural persons a person.
		expect(() =>
			classifySupply({
				...base,
				consumer: { home: 'tianjin', kind: 'x' },
				movement: 'supplier-establishes',
				supplierAt: 'tianjin',
				consumerAt: 'tianjin'
			})
		).toThrow(/do not fit/);
	});

	it('rule quotes are exact runs of the handout', () => {
		for (const rule of Object.values(SUPPLY_RULES))
			expect(inSeed(rule.quote), rule.quote).toBe(true);
	});
});

describe("the handout's own examples", () => {
	it.each(HANDOUT_EXAMPLES.map((e) => [e.id, e] as const))('%s', (_id, example) => {
		expect(inSeed(example.quote), example.quote).toBe(true);
		const { mode, direction } = classifySupply(example.facts);
		expect({ mode, direction }).toEqual(example.expected);
		expect(deriveFromLocations(example.facts)).toEqual(example.expected);
		// The examples are points of the generator's space, and come out marked as seed cases;
		// except where the handout names a region (欧洲), which generated scenarios never do.
		const parties = [example.facts.supplier.home, example.facts.consumer.home];
		if (parties.some((p) => 'region' in PLACES[p])) {
			expect(enumerateScenarioFacts().map(factsKey)).not.toContain(factsKey(example.facts));
			return;
		}
		expect(enumerateScenarioFacts().map(factsKey)).toContain(factsKey(example.facts));
		expect(describeScenario(example.facts).seedCase).toBe(true);
	});

	it('the four Tianjin studio steps come out as the handout says', () => {
		const byId = (id: string) => {
			const e = HANDOUT_EXAMPLES.find((x) => x.id === id);
			if (!e) throw new Error(id);
			return classifySupply(e.facts);
		};
		expect(byId('tianjin-studio-film-effects')).toMatchObject({
			mode: 'cross-border',
			direction: 'export'
		});
		expect(byId('tianjin-studio-staff-trip')).toMatchObject({
			mode: 'consumption-abroad',
			direction: 'import'
		});
		expect(byId('tianjin-studio-european-branch')).toMatchObject({
			mode: 'commercial-presence',
			direction: null
		});
		expect(byId('tianjin-studio-us-expert')).toMatchObject({
			mode: 'natural-persons',
			direction: 'import'
		});
	});

	it('every mode and (outside commercial presence) both directions have a handout example', () => {
		const seen = new Set(HANDOUT_EXAMPLES.map((e) => `${e.expected.mode}/${e.expected.direction}`));
		expect(seen.size).toBe(7);
		expect(seen).toContain('commercial-presence/null');
	});
});

describe('the generator space', () => {
	const all = enumerateScenarioFacts().map(describeScenario);

	it('holds several hundred distinct scenarios', () => {
		expect(countDistinctScenarios()).toBe(all.length);
		expect(countDistinctScenarios()).toBeGreaterThanOrEqual(500);
	});

	it('every scenario is keyed by the rules, read independently from who is where', () => {
		for (const s of all) {
			expect(deriveFromLocations(s.facts), s.id).toEqual({ mode: s.mode, direction: s.direction });
			expect(PLACES[s.facts.supplier.home].side !== PLACES[s.facts.consumer.home].side).toBe(true);
		}
	});

	it('names countries, never a region: GATS members are countries', () => {
		for (const s of all) {
			for (const at of [s.facts.supplier.home, s.facts.consumer.home, s.facts.supplierAt])
				expect('region' in PLACES[at], s.id).toBe(false);
			expect(s.stem.zh + s.explanation.zh).not.toContain('欧洲');
			expect(s.stem.en + s.explanation.en).not.toMatch(/Europe/);
		}
	});

	it('a bank branch is never called capital-controlled', () => {
		const branches = all.filter(
			(s) => s.facts.entity === 'branch' && s.facts.service !== 'film-production'
		);
		expect(branches.length).toBeGreaterThan(0);
		for (const s of branches.filter(
			(b) => b.direction === null && PLACES[b.facts.supplier.home].side === 'foreign'
		)) {
			expect(s.stem.zh + s.explanation.zh).not.toMatch(/资本控股/);
			expect(s.stem.en + s.explanation.en).not.toMatch(/controlled by|control a branch/);
			expect(s.explanation.zh).toContain('分行是这家银行自身的一部分');
		}
	});

	it('ids and stems are unique across the whole space', () => {
		expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
		expect(new Set(all.map((s) => s.stem.zh)).size).toBe(all.length);
		expect(new Set(all.map((s) => s.stem.en)).size).toBe(all.length);
	});

	it('every scene (mode × direction) is represented and quotes the handout exactly', () => {
		expect(SCENES).toHaveLength(8);
		for (const scene of SCENES) {
			const quote = scene.quote ?? SUPPLY_RULES[scene.mode].quote;
			expect(inSeed(quote), quote).toBe(true);
			expect(
				all.some((s) => s.mode === scene.mode && directionOf(s.facts) === scene.direction)
			).toBe(true);
		}
	});

	it('stems name both parties in both languages, and never the answer', () => {
		const answerWords = /跨境交付|跨境提供|境外消费|商业存在|自然人移动|服务出口|服务进口/;
		const answerWordsEn =
			/cross-border supply|consumption abroad|commercial presence|natural persons|service export|service import/i;
		for (const s of all) {
			const { supplier, consumer } = s.facts;
			expect(s.stem.zh, s.id).toContain(PLACES[supplier.home].zh);
			expect(s.stem.zh, s.id).toContain(PLACES[consumer.home].zh);
			expect(
				enNames(supplier.home).some((n) => s.stem.en.includes(n)),
				s.stem.en
			).toBe(true);
			expect(
				enNames(consumer.home).some((n) => s.stem.en.includes(n)),
				s.stem.en
			).toBe(true);
			expect(s.stem.zh).not.toMatch(answerWords);
			expect(s.stem.en).not.toMatch(answerWordsEn);
			if (s.facts.person) expect(s.stem.zh.length).toBeGreaterThan(10);
		}
	});

	it('explanations name the rule applied, the key and a tempting wrong mode, in both languages', () => {
		const zhModes = {
			'cross-border': '跨境交付',
			'consumption-abroad': '境外消费',
			'commercial-presence': '商业存在',
			'natural-persons': '自然人移动'
		};
		const enModes = {
			'cross-border': 'cross-border supply',
			'consumption-abroad': 'consumption abroad',
			'commercial-presence': 'commercial presence',
			'natural-persons': 'movement of natural persons'
		};
		for (const s of all) {
			expect(s.explanation.zh.startsWith(`规则：${zhModes[s.mode]}`), s.id).toBe(true);
			expect(s.explanation.en.startsWith(`Rule: ${enModes[s.mode]}`), s.id).toBe(true);
			if (s.direction) {
				expect(s.explanation.zh).toContain(s.direction === 'export' ? '服务出口' : '服务进口');
				expect(s.explanation.en).toContain(
					s.direction === 'export' ? 'service export' : 'service import'
				);
			} else {
				// Commercial presence: says the handout gives no direction, and claims none.
				expect(s.explanation.zh).toContain('讲义没有给出商业存在属于服务出口还是服务进口');
				expect(s.explanation.zh).not.toMatch(/这是服务[出进]口/);
				expect(s.explanation.en).toContain('The handout states no direction');
				expect(s.explanation.en).not.toMatch(/this is a service (export|import)/);
			}
			expect(s.explanation.zh).toContain('易混淆');
			expect(s.explanation.en).toContain('tempting alternative');
			const others = Object.entries(zhModes).filter(([m]) => m !== s.mode);
			expect(others.some(([, zh]) => s.explanation.zh.includes(zh))).toBe(true);
			expect(s.explanation.zh.length).toBeGreaterThanOrEqual(20);
			expect(s.explanation.en.length).toBeGreaterThanOrEqual(60);
		}
	});

	it('uses the glossary English for every glossary term in the Chinese', () => {
		for (const s of all) {
			expect(glossaryMisses(s.stem.zh, s.stem.en), s.stem.zh).toEqual([]);
			expect(glossaryMisses(s.explanation.zh, s.explanation.en), s.id).toEqual([]);
		}
	});

	it('English reads cleanly: no doubled articles, no stray placeholders, sentences capitalised', () => {
		for (const s of all) {
			for (const text of [s.stem.en, s.explanation.en]) {
				expect(text).not.toMatch(
					/\b(a|an|the) (a|an|the)\b|undefined|\$\{|\s{2,}|\ban [bcdfgjklpqtvwyz]/i
				);
				expect(text).toMatch(/^[A-Z]/);
				expect(text).toMatch(/[.]$/);
			}
			for (const text of [s.stem.zh, s.explanation.zh]) {
				expect(text).not.toMatch(/undefined|\$\{/);
				expect(text).toMatch(/[。？]$/);
			}
		}
	});
});

describe('generateModeScenarios', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		for (const seed of SEEDS) {
			expect(generateModeScenarios({ seed, count: 50 })).toEqual(
				generateModeScenarios({ seed, count: 50 })
			);
		}
		const a = generateModeScenarios({ seed: 1, count: 50 }).map((s) => s.id);
		const b = generateModeScenarios({ seed: 2, count: 50 }).map((s) => s.id);
		expect(a).not.toEqual(b);
	});

	it('gives 200 scenarios with no duplicate stems, every mode and scored direction present', () => {
		for (const seed of SEEDS) {
			const list = generateModeScenarios({ seed, count: 200 });
			expect(list).toHaveLength(200);
			expect(new Set(list.map((s) => s.stem.zh)).size).toBe(200);
			expect(new Set(list.map((s) => s.stem.en)).size).toBe(200);
			expect(new Set(list.map((s) => s.id)).size).toBe(200);
			expect(new Set(list.map((s) => `${s.mode}/${s.direction}`)).size).toBe(7);
		}
	});

	it('a short drill already covers all four modes', () => {
		for (const seed of SEEDS) {
			const modes = new Set(generateModeScenarios({ seed, count: 8 }).map((s) => s.mode));
			expect(modes.size).toBe(4);
		}
	});

	it('an item depends only on its facts, not on the seed that picked it', () => {
		const fromA = generateModeScenarios({ seed: 5, count: 300 });
		const fromB = new Map(generateModeScenarios({ seed: 6, count: 300 }).map((s) => [s.id, s]));
		const shared = fromA.filter((s) => fromB.has(s.id));
		expect(shared.length).toBeGreaterThan(0);
		for (const s of shared) expect(fromB.get(s.id)).toEqual(s);
	});

	it('asking for more than the space returns the whole space once', () => {
		const list = generateModeScenarios({ seed: 9, count: 10_000 });
		expect(list).toHaveLength(countDistinctScenarios());
		expect(generateModeScenarios({ seed: 9, count: 0 })).toEqual([]);
	});
});

describe('toClassifyItem', () => {
	it('builds valid classify items in both locales that score right with scoreItem', () => {
		for (const seed of SEEDS) {
			for (const scenario of generateModeScenarios({ seed, count: 40 })) {
				for (const locale of LOCALES) {
					const item = toClassifyItem(scenario, locale);
					expect(item).toMatchObject({
						id: scenario.id,
						type: 'classify',
						unit: 'modes-of-supply',
						part: '2.3',
						generated: true,
						concepts: [`mode.${scenario.mode}`, 'topic.mode-scenario']
					});
					expect(item.id).toMatch(/^gen-mode-[0-9a-z]+$/);
					expect(item.stem.trim()).not.toBe('');
					expect(item.explanation.trim()).not.toBe('');
					expect(inSeed(item.source.quote)).toBe(true);
					// No direction is scored for commercial presence: the handout states none.
					expect(item.dimensions.map((d) => d.family)).toEqual(
						scenario.direction ? ['mode', 'direction'] : ['mode']
					);
					expect(item.dimensions[0].options.map((o) => o.id)).toEqual([
						'cross-border',
						'consumption-abroad',
						'commercial-presence',
						'natural-persons'
					]);
					if (scenario.direction)
						expect(item.dimensions[1].options.map((o) => o.id)).toEqual(['export', 'import']);
					for (const d of item.dimensions) {
						expect(d.options.map((o) => o.id)).toContain(d.answer);
						expect(d.label).not.toBe('');
						for (const o of d.options) expect(o.label).not.toBe('');
					}

					if (!scenario.direction) {
						expect(scoreItem(item, { type: 'classify', values: { mode: scenario.mode } })).toEqual({
							correct: true,
							fraction: 1,
							dimensions: { mode: true }
						});
						continue;
					}
					const right = { mode: scenario.mode, direction: scenario.direction };
					expect(scoreItem(item, { type: 'classify', values: right })).toEqual({
						correct: true,
						fraction: 1,
						dimensions: { mode: true, direction: true }
					});
					const wrongDirection = scenario.direction === 'export' ? 'import' : 'export';
					expect(
						scoreItem(item, { type: 'classify', values: { ...right, direction: wrongDirection } })
					).toMatchObject({
						correct: false,
						fraction: 0.5,
						dimensions: { mode: true, direction: false }
					});
				}
			}
		}
	});

	it('labels follow the locale', () => {
		const scenario = generateModeScenarios({ seed: 11, count: 8 }).find((s) => s.direction)!;
		const zh = toClassifyItem(scenario, 'zh-CN');
		const en = toClassifyItem(scenario, 'en');
		expect(zh.stem).toBe(scenario.stem.zh);
		expect(en.stem).toBe(scenario.stem.en);
		expect(zh.dimensions[0].options[1].label).toBe('境外消费');
		expect(en.dimensions[0].options[1].label).toBe('consumption abroad');
		expect(en.dimensions[1].label).toBe('Direction (seen from China)');
	});
});
