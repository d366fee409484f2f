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
		'supply-mode': read('generators/supply-mode.yaml')
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
});
