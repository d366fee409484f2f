import { describe, expect, it } from 'vitest';
import { scoreItem } from '$lib/answering/scoring';
import { LOCALES, type Family } from '../types';
import { familyOption, generatorFamily } from './families';
import {
	classOf,
	countDistinctOutsourcingScenarios,
	describeOutsourcing,
	drillBusinesses,
	enumerateOutsourcingKeys,
	generateOutsourcingScenarios,
	namesSubclass,
	outsourcingRows,
	pickDistractors,
	quoteFor,
	toOutsourcingItem,
	typeOf
} from './outsourcing';
import { generatorContent } from './content';
import { mulberry32 } from './random';
import { FAMILIES_YAML, glossaryMisses, inSeed, SEED_NO_SPACE } from './spec-support';

const OUTSOURCING_BUSINESS = outsourcingRows();
const CONFUSABLE_SUBCLASSES = generatorContent().outsourcing.confusable;
const SEEDS = [0, 1, 7, 42, 31337, 0xfeedface];
const label = (family: Family, id: string) => familyOption(family, id).label;

describe('the typical-business table', () => {
	it('covers every sub-class of the tree except the 其他… ones, once each', () => {
		const withCase = generatorFamily('outsourcing-subclass')
			.options.filter((o) => !o.noCase)
			.map((o) => o.id);
		expect(OUTSOURCING_BUSINESS.map((r) => r.subclass).sort()).toEqual([...withCase].sort());
	});

	it('cells are contiguous runs of the handout, joined to the sub-class name where claimed', () => {
		for (const row of OUTSOURCING_BUSINESS) {
			expect(SEED_NO_SPACE.includes(row.cell), row.subclass).toBe(true);
			if (row.nameJoinsCell)
				expect(SEED_NO_SPACE.includes(row.name + row.cell), row.subclass).toBe(true);
			// The table's printed name is the family's sub-class name.
			expect(
				generatorFamily('outsourcing-subclass').options.find((o) => o.id === row.subclass)?.label.zh
			).toBe(row.name);
		}
	});

	it('every business stands in its cell, and its quote is exact, short and contains it', () => {
		for (const row of OUTSOURCING_BUSINESS) {
			expect(row.businesses.length).toBeGreaterThanOrEqual(2);
			for (const business of row.businesses) {
				expect(row.cell, business.seed).toContain(business.seed);
				const quote = quoteFor(row, business);
				expect(inSeed(quote), quote).toBe(true);
				expect(quote).toContain(business.seed);
				expect(quote.length).toBeGreaterThanOrEqual(10);
				expect(quote.length).toBeLessThanOrEqual(60);
				expect(business.zh.trim()).not.toBe('');
				expect(business.en.trim()).not.toBe('');
				expect(glossaryMisses(business.zh, business.en), business.zh).toEqual([]);
			}
		}
	});

	it('no business is listed under two sub-classes', () => {
		const seen = new Map<string, string>();
		for (const row of OUTSOURCING_BUSINESS)
			for (const b of row.businesses) {
				expect(seen.get(b.zh), b.zh).toBeUndefined();
				seen.set(b.zh, row.subclass);
			}
	});

	it('confusable pairs name real sub-classes', () => {
		const ids = new Set(generatorFamily('outsourcing-subclass').options.map((o) => o.id));
		for (const [x, y] of CONFUSABLE_SUBCLASSES) {
			expect(ids.has(x) && ids.has(y), `${x} / ${y}`).toBe(true);
			expect(x).not.toBe(y);
		}
	});
});

describe('pickDistractors', () => {
	it('one from the same class, one from another type, none confusable or 其他…', () => {
		const confusable = new Set(
			CONFUSABLE_SUBCLASSES.flatMap(([x, y]) => [`${x}|${y}`, `${y}|${x}`])
		);
		for (const row of OUTSOURCING_BUSINESS) {
			for (let seed = 0; seed < 30; seed++) {
				const d = pickDistractors(row.subclass, mulberry32(seed));
				expect(d).toHaveLength(3);
				expect(new Set([row.subclass, ...d]).size).toBe(4);
				expect(d.some((s) => classOf(s) === classOf(row.subclass))).toBe(true);
				expect(d.some((s) => typeOf(s) !== typeOf(row.subclass))).toBe(true);
				for (const s of d) {
					expect(s.endsWith('.other')).toBe(false);
					expect(confusable.has(`${row.subclass}|${s}`), `${row.subclass} vs ${s}`).toBe(false);
				}
			}
		}
	});
});

describe('generateOutsourcingScenarios', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		for (const seed of SEEDS) {
			expect(generateOutsourcingScenarios({ seed, count: 60 })).toEqual(
				generateOutsourcingScenarios({ seed, count: 60 })
			);
		}
		expect(generateOutsourcingScenarios({ seed: 1, count: 60 }).map((s) => s.id)).not.toEqual(
			generateOutsourcingScenarios({ seed: 2, count: 60 }).map((s) => s.id)
		);
	});

	it('200 scenarios: no duplicate stems, and a drill of one row per sub-class covers them all', () => {
		expect(countDistinctOutsourcingScenarios()).toBeGreaterThanOrEqual(500);
		for (const seed of SEEDS) {
			const list = generateOutsourcingScenarios({ seed, count: 200 });
			expect(list).toHaveLength(200);
			expect(new Set(list.map((s) => s.stem.zh)).size).toBe(200);
			expect(new Set(list.map((s) => s.stem.en)).size).toBe(200);
			expect(new Set(list.map((s) => s.id)).size).toBe(200);
			const drilled = OUTSOURCING_BUSINESS.filter((row) => drillBusinesses(row).length > 0);
			const firstRound = generateOutsourcingScenarios({ seed, count: drilled.length });
			expect(new Set(firstRound.map((s) => s.subclass)).size).toBe(drilled.length);
		}
	});

	it('keys follow the table row and the family tree', () => {
		const rowOf = new Map(OUTSOURCING_BUSINESS.map((r) => [r.subclass, r]));
		for (const seed of SEEDS) {
			for (const s of generateOutsourcingScenarios({ seed, count: 120 })) {
				expect(rowOf.get(s.subclass)?.businesses).toContain(s.business);
				expect(s.class).toBe(classOf(s.subclass));
				expect(s.type).toBe(typeOf(s.subclass));
				expect(s.subclass.startsWith(`${s.class}.`)).toBe(true);
				expect(s.class.startsWith(`${s.type}-`)).toBe(true);
				expect(s.choices).toContain(s.subclass);
				expect(s.choices).toHaveLength(4);
				// The stem names the business in both languages, and never its answer family.
				expect(s.stem.zh).toContain(s.business.zh);
				expect(s.stem.en).toContain(s.business.en);
				expect(inSeed(s.source.quote)).toBe(true);
				expect(s.source.part).toBe('2.8');
			}
		}
	});

	it('explanations name the table row, the class and the type, and a tempting alternative', () => {
		for (const s of generateOutsourcingScenarios({ seed: 5, count: 400 })) {
			const sub = generatorFamily('outsourcing-subclass').options.find((o) => o.id === s.subclass);
			expect(s.explanation.zh).toContain(`“${sub?.label.zh}”一行`);
			expect(s.explanation.zh).toContain(s.business.seed);
			expect(s.explanation.en).toContain(`the row for ${sub?.label.en}`);
			// A sibling is named as another row of the class, never as "the closest trap".
			expect(s.explanation.zh).toContain(
				`同属${label(generatorFamily('outsourcing-class'), s.class).zh}的还有`
			);
			expect(s.explanation.en).toContain('The same class also holds');
			expect(s.explanation.en).not.toContain('closest trap');
			expect(glossaryMisses(s.stem.zh, s.stem.en), s.stem.zh).toEqual([]);
			expect(glossaryMisses(s.explanation.zh, s.explanation.en), s.id).toEqual([]);
			for (const text of [s.stem.en, s.explanation.en]) {
				expect(text).not.toMatch(/undefined|\$\{|\s{2,}|\b(a|an|the) (a|an|the)\b/);
				expect(text).toMatch(/^[A-Z]/);
			}
		}
	});

	it('never drills a business that names its own sub-class, and no client "outsources" it', () => {
		const all = enumerateOutsourcingKeys().map(describeOutsourcing);
		for (const s of all) {
			expect(namesSubclass(s.subclass, s.business), s.business.zh).toBe(false);
			expect(s.stem.en).not.toMatch(/outsources/);
		}
		// 定制软件研发 names 软件研发服务: it stays in the table but is not drilled.
		const software = OUTSOURCING_BUSINESS.find((r) => r.subclass === 'ito-rd.software')!;
		const custom = software.businesses.find((b) => b.seed === '定制软件研发')!;
		expect(namesSubclass('ito-rd.software', custom)).toBe(true);
		expect(drillBusinesses(software)).not.toContain(custom);
	});

	it('a type filter keeps to one table', () => {
		for (const type of ['ito', 'bpo', 'kpo'] as const) {
			const list = generateOutsourcingScenarios({ seed: 3, count: 80, type });
			expect(list.length).toBe(80);
			expect(list.every((s) => s.type === type)).toBe(true);
		}
	});
});

describe('toOutsourcingItem', () => {
	it('valid classify items in both locales that score right with scoreItem', () => {
		const classIds = FAMILIES_YAML['outsourcing-class'].options.map((o) => o.id);
		for (const seed of SEEDS) {
			for (const scenario of generateOutsourcingScenarios({ seed, count: 45 })) {
				for (const locale of LOCALES) {
					const item = toOutsourcingItem(scenario, locale);
					expect(item).toMatchObject({
						id: scenario.id,
						type: 'classify',
						unit: scenario.type,
						part: '2.8',
						generated: true
					});
					expect(item.id).toMatch(/^gen-os-[0-9a-z]+$/);
					expect(item.concepts).toContain(`outsourcing-subclass.${scenario.subclass}`);
					expect(item.stem).not.toBe('');
					expect(item.explanation).not.toBe('');
					expect(item.dimensions.map((d) => d.family)).toEqual([
						'outsourcing-subclass',
						'outsourcing-class',
						'outsourcing-type'
					]);
					expect(item.dimensions[0].options.map((o) => o.id)).toEqual(scenario.choices);
					expect(item.dimensions[1].options.map((o) => o.id)).toEqual(classIds);
					for (const d of item.dimensions) expect(d.options.map((o) => o.id)).toContain(d.answer);

					const right = {
						'outsourcing-subclass': scenario.subclass,
						'outsourcing-class': scenario.class,
						'outsourcing-type': scenario.type
					};
					expect(scoreItem(item, { type: 'classify', values: right })).toMatchObject({
						correct: true,
						fraction: 1
					});
					const wrongSub = scenario.choices.find((c) => c !== scenario.subclass) ?? '';
					const partial = scoreItem(item, {
						type: 'classify',
						values: { ...right, 'outsourcing-subclass': wrongSub }
					});
					expect(partial.correct).toBe(false);
					expect(partial.fraction).toBeCloseTo(2 / 3);
					expect(partial.dimensions?.['outsourcing-subclass']).toBe(false);
				}
			}
		}
	});
});
