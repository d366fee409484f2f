import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { BankIndex, ClassifyItem, MultipleItem, UnitContent } from '../../src/lib/bank/types';
import { joinLines, parseMarkup, parseSpans, runBuild } from './build';
import { fixtureSource } from './fixture';
import { loadBank } from './load';

describe('parseSpans', () => {
	it('turns **bold** into bold spans', () => {
		expect(parseSpans('a **b** c')).toEqual([
			{ text: 'a ' },
			{ text: 'b', bold: true },
			{ text: ' c' }
		]);
	});

	it('leaves an unmatched ** literal', () => {
		expect(parseSpans('2 ** 3')).toEqual([{ text: '2 ** 3' }]);
	});

	it('handles bold at both ends', () => {
		expect(parseSpans('**跨境交付**与**境外消费**')).toEqual([
			{ text: '跨境交付', bold: true },
			{ text: '与' },
			{ text: '境外消费', bold: true }
		]);
	});
});

describe('parseMarkup', () => {
	it('splits paragraphs on blank lines and groups "- " lines into one list', () => {
		expect(parseMarkup('First line\nsecond line.\n\n- one\n- **two**\n\nLast.\n')).toEqual([
			{ kind: 'p', spans: [{ text: 'First line second line.' }] },
			{ kind: 'ul', items: [[{ text: 'one' }], [{ text: 'two', bold: true }]] },
			{ kind: 'p', spans: [{ text: 'Last.' }] }
		]);
	});

	it('joins wrapped Chinese lines without a space', () => {
		expect(joinLines(['服务贸易有四种', '提供方式。'])).toBe('服务贸易有四种提供方式。');
		expect(joinLines(['ITO', '服务'])).toBe('ITO 服务');
	});

	it('continues a list item on an indented line and ends the list at an unindented one', () => {
		expect(parseMarkup('- one\n  more\n- two\nafter')).toEqual([
			{ kind: 'ul', items: [[{ text: 'one more' }], [{ text: 'two' }]] },
			{ kind: 'p', spans: [{ text: 'after' }] }
		]);
	});

	it('gives nothing for an empty body', () => {
		expect(parseMarkup('\n\n')).toEqual([]);
	});
});

describe('build on a fixture bank', () => {
	let root: string;
	let out: string;

	beforeAll(() => {
		root = mkdtempSync(join(tmpdir(), 'bank-fixture-'));
		out = join(root, 'generated');
		const s = fixtureSource();
		const write = (rel: string, text: string) => {
			mkdirSync(join(root, rel, '..'), { recursive: true });
			writeFileSync(join(root, rel), text);
		};
		write('families.yaml', stringify(s.families));
		write('glossary.yaml', stringify(s.glossary));
		write('parts.yaml', stringify(s.parts));
		write('source/seed.txt', s.seed);
		write('units/01-demo/unit.yaml', stringify(s.units[0].unit));
		write('units/01-demo/items.yaml', stringify(s.units[0].itemFiles[0].items));
		// A stale chunk from a renamed unit must disappear.
		write('generated/units/old.en.json', '{}');
	});

	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('loads the fixture from disk without errors', () => {
		expect(loadBank(root).errors).toEqual([]);
	});

	it('fails on the coverage minimums unless --allow-incomplete', () => {
		const strict = runBuild({ root, outDir: out, write: false });
		expect(strict.ok).toBe(false);
		expect(strict.errors.every((e) => e.kind === 'coverage')).toBe(true);
		const lenient = runBuild({ root, outDir: out, allowIncomplete: true, write: false });
		expect(lenient.ok).toBe(true);
		expect(lenient.warnings.length).toBe(strict.errors.length);
	});

	it('writes the index and one file per unit and locale, removing stale ones', () => {
		expect(runBuild({ root, outDir: out, allowIncomplete: true }).ok).toBe(true);
		expect(readdirSync(join(out, 'units')).sort()).toEqual(['demo.en.json', 'demo.zh-CN.json']);
		const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as BankIndex;
		expect(index.version).toMatch(/^[0-9a-f]{12}$/);
		expect(index.units).toEqual([
			{
				id: 'demo',
				order: 1,
				parts: ['2.3', '2.4'],
				title: { zh: '演示单元', en: 'Demo unit' },
				summary: { zh: '用于测试的单元。', en: 'A unit for the tests.' },
				itemCount: 6,
				sectionCount: 1,
				concepts: [
					'category.travel',
					'mode.natural-persons',
					'outsourcing-subclass.kpo-design.creative',
					'topic.definitions',
					'topic.mode-scenario'
				],
				items: expect.any(Array)
			}
		]);
		// Each item's facets point into the unit's concept list.
		const [unit] = index.units;
		expect(unit.items).toHaveLength(6);
		expect(unit.items[0]).toEqual({ id: 'demo-single-01', type: 'single', concepts: [0] });
		for (const facets of unit.items)
			for (const c of facets.concepts) expect(unit.concepts[c]).toBeDefined();
		expect(index.parts[0]).toEqual({
			id: '2.3',
			title: { zh: '二（三）服务贸易的四种模式', en: 'The four modes of supply' }
		});
		expect(index.families.map((f) => f.id)).toEqual([
			'mode',
			'direction',
			'category',
			'digital',
			'outsourcing-mode',
			'outsourcing-type',
			'outsourcing-class',
			'outsourcing-subclass',
			'trade-enterprise',
			'outsourcing-enterprise',
			'oecd-wto-part',
			'dingtao-category',
			'mofcom-2019-class',
			'mofcom-2020-domain',
			'ustr-class'
		]);
		expect(index.families[7].options[2]).toEqual({
			id: 'ito-rd.other',
			label: { zh: '其他IT服务', en: 'other IT services' },
			parent: 'ito-rd',
			noCase: true
		});
	});

	it('localises a unit: lesson blocks, ref labels, classify dimensions in family order', () => {
		runBuild({ root, outDir: out, allowIncomplete: true });
		const zh = JSON.parse(readFileSync(join(out, 'units/demo.zh-CN.json'), 'utf8')) as UnitContent;
		const en = JSON.parse(readFileSync(join(out, 'units/demo.en.json'), 'utf8')) as UnitContent;
		expect(zh.id).toBe('demo');
		expect(zh.locale).toBe('zh-CN');
		expect(en.lesson.sections[0]).toEqual({
			id: 'intro',
			title: 'Introduction',
			blocks: [
				{ kind: 'p', spans: [{ text: 'First paragraph, continued.' }] },
				{
					kind: 'ul',
					items: [[{ text: 'item one' }], [{ text: 'bold', bold: true }, { text: ' item two' }]]
				}
			],
			check: ['demo-single-01', 'demo-cloze-01']
		});
		expect(zh.lesson.sections[0].blocks[0]).toEqual({
			kind: 'p',
			spans: [{ text: '第一段，接着写。' }]
		});
		expect(zh.lesson.objectives).toEqual(['能判断提供方式', '能判断类别']);

		const multiple = en.items.find((it) => it.id === 'demo-multiple-01') as MultipleItem;
		expect(multiple.options).toEqual([
			{ id: 'tariff', label: 'tariffs' },
			{ id: 'cross-border', label: 'cross-border supply' },
			{ id: 'consumption-abroad', label: 'consumption abroad' }
		]);
		expect(multiple.source).toEqual({ part: '2.3', quote: '跨境提供、境外消费' });
		expect(multiple.unit).toBe('demo');

		const classify = zh.items.find((it) => it.id === 'demo-classify-01') as ClassifyItem;
		expect(classify.seedCase).toBe(true);
		expect(classify.dimensions.map((d) => [d.family, d.label, d.answer])).toEqual([
			['mode', '服务贸易提供方式', 'cross-border'],
			['outsourcing-subclass', '具体分类', 'kpo-design.creative'],
			['outsourcing-class', '外包大类', 'kpo-design']
		]);
		expect(classify.dimensions[0].options).toHaveLength(4);
		// `choices` listed creative first; the build shows them in family order.
		expect(classify.dimensions[1].options.map((o) => o.id)).toEqual([
			'ito-rd.software',
			'bpo-internal.hr',
			'kpo-design.creative'
		]);
		expect(en.items.find((it) => it.id === 'demo-cloze-01')).toMatchObject({
			type: 'cloze',
			accept: ['movement of natural persons', 'presence of natural persons']
		});
		expect(zh.items.map((it) => it.type)).toEqual([
			'single',
			'multiple',
			'truefalse',
			'matching',
			'classify',
			'cloze'
		]);
	});

	it('is reproducible: the same input gives byte-identical files', () => {
		const a = runBuild({ root, allowIncomplete: true, write: false }).output!;
		const b = runBuild({ root, allowIncomplete: true, write: false }).output!;
		expect([...a.files.entries()]).toEqual([...b.files.entries()]);
		expect(a.index.version).toBe(b.index.version);
	});

	it('changes version when content changes', () => {
		const before = runBuild({ root, allowIncomplete: true, write: false }).output!.index.version;
		const file = join(root, 'units/01-demo/unit.yaml');
		const original = readFileSync(file, 'utf8');
		writeFileSync(file, original.replace('Demo unit', 'Demo unit, revised'));
		const after = runBuild({ root, allowIncomplete: true, write: false }).output!.index.version;
		writeFileSync(file, original);
		expect(after).not.toBe(before);
	});
});
