import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGeneratorContent } from './generator-content';
import { parseGeneratorContent, type GeneratorSources } from './generator-schema';
import { DEFAULT_BANK_ROOT } from './load';
import { familiesSchema } from './schema';

const read = (rel: string) => parse(readFileSync(join(DEFAULT_BANK_ROOT, rel), 'utf8'));
const sources = (): GeneratorSources => ({
	files: {
		outsourcing: read('generators/outsourcing.yaml'),
		'supply-mode': read('generators/supply-mode.yaml'),
		'outsourcing-mode': read('generators/outsourcing-mode.yaml'),
		category: read('generators/category.yaml'),
		exclusions: read('generators/exclusions.yaml')
	},
	families: familiesSchema.parse(read('families.yaml')),
	seedNoSpace: readFileSync(join(DEFAULT_BANK_ROOT, 'source/seed.txt'), 'utf8').replace(/\s+/g, '')
});
const messages = (s: GeneratorSources) =>
	parseGeneratorContent(s).errors.map((e) => `${e.file} ${e.path}: ${e.message}`);

describe('generator content schema', () => {
	it('the bank’s generator YAML is valid and carries the families of families.yaml', () => {
		const { content, errors } = loadGeneratorContent();
		expect(errors).toEqual([]);
		expect(content?.families['outsourcing-subclass'].options.length).toBeGreaterThan(40);
		expect(content?.outsourcing.rows.every((r) => r.businesses.every((b) => b.zh))).toBe(true);
	});

	it('rejects a sub-class that is not a family option', () => {
		const s = sources();
		(s.files.outsourcing as { rows: { subclass: string }[] }).rows[0].subclass = 'ito-rd.nope';
		expect(messages(s)).toEqual([
			"generators/outsourcing.yaml rows.0.subclass: 'ito-rd.nope' is not an outsourcing-subclass option"
		]);
	});

	it('rejects a cell that is not in the handout, and a business not in its cell', () => {
		const s = sources();
		const row = (
			s.files.outsourcing as { rows: { cell: string; businesses: { seed: string }[] }[] }
		).rows[0];
		row.cell = `${row.cell}（编造）`;
		row.businesses[0].seed = '不存在的业务';
		expect(messages(s)).toEqual([
			'generators/outsourcing.yaml rows.0.cell: is not a contiguous run of the handout',
			"generators/outsourcing.yaml rows.0.businesses.0.seed: '不存在的业务' is not in the row's cell"
		]);
	});

	it('rejects a template placeholder its generator does not fill', () => {
		const s = sources();
		(s.files.outsourcing as { stems: { en: string }[] }).stems[0].en =
			'{vendor} serves {customer}.';
		expect(messages(s)).toEqual([
			'generators/outsourcing.yaml stems.0.en: unknown placeholder {customer} (known: vendor, client, business)'
		]);
	});

	it('rejects a region or unknown place among the homes, and a rule quote not in the handout', () => {
		const s = sources();
		const supply = s.files['supply-mode'] as {
			foreignCountries: string[];
			rules: Record<string, { quote: string }>;
		};
		supply.foreignCountries.push('europe', 'atlantis');
		supply.rules['cross-border'].quote = '跨境交付就是出口';
		expect(messages(s)).toEqual([
			"generators/supply-mode.yaml foreignCountries.4: 'europe' is not a foreign country of places",
			"generators/supply-mode.yaml foreignCountries.5: 'atlantis' is not a foreign country of places",
			'generators/supply-mode.yaml rules.cross-border.quote: is not a contiguous run of the handout'
		]);
	});

	it('rejects a category scene with an unknown category, an invented quote or a stray placeholder', () => {
		const s = sources();
		const scenes = (
			s.files.category as {
				scenes: { category: string; quote: string; templates: { en: string }[] }[];
			}
		).scenes;
		scenes[0].category = 'tourism';
		scenes[1].quote = '天津一家企业出口了服务';
		scenes[2].templates[0].en = 'A firm in {city} serves {client}.';
		expect(messages(s)).toEqual([
			'generators/category.yaml scenes.2.templates.0.en: unknown placeholder {client} (known: city, country, countryAdj)'
		]);
		scenes[2].templates[0].en = 'A firm in {city} serves a client.';
		expect(messages(s)).toEqual([
			"generators/category.yaml scenes.0.category: 'tourism' is not a category option",
			'generators/category.yaml scenes.1.quote: is not a contiguous run of the handout'
		]);
	});

	it('rejects an exclusion case asking an unknown class, or an excluded side with no quote', () => {
		const s = sources();
		const cases = (
			s.files.exclusions as {
				cases: { asks: { option?: string }; outside: { quote?: string } }[];
			}
		).cases;
		cases[0].asks.option = 'banking';
		delete cases[1].outside.quote;
		expect(messages(s)).toEqual([
			"generators/exclusions.yaml cases.0.asks.option: 'banking' is not a category option",
			'generators/exclusions.yaml cases.1.outside.quote: needs a quote (only an inside side drawn from the tables quotes its row)'
		]);
	});
});
