import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGiftGrammar } from '../../../../scripts/sets/grammar';
import { bothLanguages, type OwnItem } from '../own-item';
import {
	exportAiken,
	exportCnText,
	exportGift,
	exportXlsx,
	sheetRows,
	toCsv,
	type ExportLang
} from './export';
import { importFile, MAX_IMPORT_BYTES } from './import';
import { ImportError, type ImportPreview } from './types';

const sample = (name: string) => new Uint8Array(readFileSync(`static/question-files/${name}`));
const bytes = (text: string) => new TextEncoder().encode(text);
const lines = (p: ImportPreview) => ({
	imported: p.imported.map((q) => q.line),
	rejected: p.rejected.map((r) => [r.line, r.reason.code])
});
let n = 0;
const ids = () => `own-t${++n}`;

async function refused(name: string, data: Uint8Array): Promise<string> {
	try {
		await importFile(name, data);
	} catch (error) {
		expect(error).toBeInstanceOf(ImportError);
		return (error as ImportError).reason.code;
	}
	throw new Error('expected the file to be refused');
}

describe('sample files: good questions imported, broken ones reported by line', () => {
	it('GIFT', async () => {
		const { format, preview } = await importFile('sample.gift', sample('sample.gift'));
		expect(format).toBe('gift');
		expect(lines(preview)).toEqual({
			imported: [4, 12, 19, 21, 23, 29, 31],
			rejected: [
				[35, 'giftNumerical'],
				[37, 'giftEssay'],
				[39, 'giftSyntax'],
				[41, 'schema']
			]
		});
		const [mc, multi, tf, cloze, matching, zh, escaped] = preview.imported.map((q) => q.item);
		expect(mc).toMatchObject({ type: 'single', answer: 'b', lang: 'en' });
		expect(mc.explanation.en).toBe(
			'GATS mode 2 (consumption abroad): the consumer goes to the supplier.'
		);
		expect(multi).toMatchObject({ type: 'multiple', answer: ['a', 'b'] });
		expect(tf).toMatchObject({ type: 'truefalse', answer: true });
		// [html] is rendered as text: tags dropped, the missing word becomes the cloze gap.
		expect(cloze).toMatchObject({
			type: 'cloze',
			accept: { en: ['ITO', 'information technology outsourcing'] }
		});
		expect(cloze.stem.en).toBe(
			'Outsourcing of software testing is an example of ____ (name the type).'
		);
		expect(matching.type === 'matching' && matching.pairs[2].right.en).toBe('Mode 3');
		expect(zh).toMatchObject({ lang: 'zh', answer: 'd' });
		expect(escaped.stem.en).toBe('Escapes are kept: a = b {not a block}');
	});

	it('Aiken (Moodle tolerance: A. and A); a question without ANSWER does not stop the next)', async () => {
		const { format, preview } = await importFile('sample-aiken.txt', sample('sample-aiken.txt'));
		expect(format).toBe('aiken');
		expect(lines(preview)).toEqual({
			imported: [1, 8, 25],
			rejected: [
				[14, 'aikenNoAnswer'],
				[19, 'keyNotOption']
			]
		});
	});

	it('Chinese exam text: sections, 、and ．, 判断 √/正确, 填空 with ；', async () => {
		const { format, preview } = await importFile('sample-cn.txt', sample('sample-cn.txt'));
		expect(format).toBe('cn-text');
		expect(lines(preview)).toEqual({
			imported: [2, 10, 18, 32, 35, 42],
			rejected: [
				[26, 'cnNoAnswer'],
				[38, 'cnTrueFalseAnswer']
			]
		});
		expect(preview.imported[2].item).toMatchObject({ type: 'multiple', answer: ['a', 'b', 'd'] });
		expect(preview.imported[5].item).toMatchObject({
			type: 'cloze',
			accept: { zh: ['ITO', '信息技术'] }
		});
	});

	for (const name of ['sample.csv', 'sample.xlsx']) {
		it(`spreadsheet template: ${name}`, async () => {
			const { format, preview } = await importFile(name, sample(name));
			expect(format).toBe(name.endsWith('xlsx') ? 'xlsx' : 'csv');
			expect(lines(preview)).toEqual({
				imported: [2, 3, 4, 5, 6],
				rejected: [
					[7, 'sheetType'],
					[8, 'keyNotOption']
				]
			});
		});
	}

	it('reads GBK CSV (Excel on Chinese Windows) and UTF-8 CSV with a BOM alike', async () => {
		const text = readFileSync('static/question-files/template.csv', 'utf8');
		const { preview: utf8 } = await importFile('t.csv', bytes('\uFEFF' + text));
		// Encode to GBK through a decode table built from TextDecoder (Node has no GBK encoder).
		const gbk = encodeGbk(text);
		const { encoding, preview } = await importFile('t.csv', gbk);
		expect(encoding).toBe('gbk');
		expect(preview.imported.map((q) => q.stem)).toEqual(utf8.imported.map((q) => q.stem));
		expect(preview.imported[0].stem).toBe('外国游客在中国境内住宿属于哪种服务提供方式？');
	});
});

describe('bad input is refused whole, with a reason', () => {
	it('refuses a file over the size limit (50 MB)', async () => {
		expect(await refused('big.gift', new Uint8Array(50 * 1024 * 1024))).toBe('tooLarge');
		expect(MAX_IMPORT_BYTES).toBeLessThan(50 * 1024 * 1024);
	});
	it('refuses binary data, an old .xls, a text file named .xlsx, and text in no known format', async () => {
		expect(await refused('x.gift', new Uint8Array([1, 2, 0, 4, 5, 0, 7]))).toBe('binary');
		expect(await refused('x.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).toBe('oldExcel');
		expect(await refused('x.xlsx', bytes('type,stem\nsingle,x'))).toBe('notWhatItSays');
		expect(await refused('notes.txt', bytes('just some notes\nnothing else'))).toBe(
			'unknownFormat'
		);
		expect(await refused('zip.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]))).toBe(
			'notSpreadsheet'
		);
		expect(await refused('empty.gift', new Uint8Array())).toBe('empty');
	});
	it('refuses bytes that are neither UTF-8 nor GBK', async () => {
		expect(await refused('x.txt', new Uint8Array([0x41, 0x81, 0x20, 0x42]))).toBe('encoding');
	});
	it('detects the format from the content, not the extension', async () => {
		const { format } = await importFile('questions.gift', sample('sample-aiken.txt'));
		expect(format).toBe('aiken');
	});
});

// ---------------------------------------------------------------- round trips

function item(partial: Record<string, unknown>): OwnItem {
	return {
		id: ids(),
		part: '',
		concepts: [],
		difficulty: 2,
		lang: 'both',
		explanation: {
			zh: '解析：这是一个足够长的解释说明。',
			en: 'An explanation, long enough to be one.'
		},
		...partial
	} as unknown as OwnItem;
}
const opt = (id: string, zh: string, en: string) => ({ id, zh, en });
const SET: OwnItem[] = [
	item({
		type: 'single',
		stem: { zh: '出国留学属于哪种提供方式？', en: 'Which mode is studying abroad?' },
		options: [
			opt('a', '跨境交付', 'Cross-border supply'),
			opt('b', '境外消费', 'Consumption abroad'),
			opt('c', '商业存在', 'Commercial presence')
		],
		answer: 'b'
	}),
	item({
		type: 'multiple',
		stem: { zh: '哪些属于服务提供方式？', en: 'Which are modes of supply?' },
		options: [
			opt('a', '跨境交付', 'Cross-border supply'),
			opt('b', '商业存在', 'Commercial presence'),
			opt('c', '货物过境', 'Transit of goods'),
			opt('d', '自然人流动', 'Presence of natural persons')
		],
		answer: ['a', 'b', 'd']
	}),
	item({
		type: 'truefalse',
		stem: {
			zh: '银行设立境外分行属于商业存在。',
			en: 'A foreign bank branch is commercial presence: 100% {sure} = #1?'
		},
		answer: true
	}),
	item({
		type: 'cloze',
		stem: { zh: '软件测试外包属于____外包。', en: 'Software testing is ____ outsourcing.' },
		accept: { zh: ['ITO', '信息技术'], en: ['ITO', 'information technology'] }
	}),
	item({
		type: 'matching',
		stem: { zh: '将方式与编号配对。', en: 'Match each mode with its number.' },
		pairs: [
			{ left: bothLanguages('跨境交付'), right: { zh: '模式一', en: 'Mode 1' } },
			{ left: { zh: '境外消费', en: 'Consumption abroad' }, right: { zh: '模式二', en: 'Mode 2' } },
			{ left: { zh: '商业存在', en: 'Commercial presence' }, right: { zh: '模式三', en: 'Mode 3' } }
		]
	}),
	item({ type: 'classify', stem: bothLanguages('x'), answer: { mode: 'mode-1' } })
];

/** What survives a one-language export: the type, texts and keys in that language. */
function essence(q: OwnItem, lang: ExportLang, aiken = false) {
	const { stem, explanation, type } = q;
	// Aiken has no place for an explanation; every other format keeps it.
	const rest: Record<string, unknown> = { type, stem: stem[lang] };
	if (!aiken) rest.explanation = explanation[lang];
	if (q.type === 'single' || q.type === 'multiple') {
		rest.options = q.options.map((o) => o[lang]);
		rest.answer = q.answer;
	}
	if (q.type === 'truefalse') rest.answer = q.answer;
	if (q.type === 'cloze') rest.accept = q.accept[lang];
	if (q.type === 'matching') rest.pairs = q.pairs.map((p) => [p.left[lang], p.right[lang]]);
	return rest;
}

describe('export → import gives the same questions', () => {
	const cases: [
		string,
		string,
		(lang: ExportLang) => Promise<Uint8Array> | Uint8Array,
		OwnItem['type'][]
	][] = [
		[
			'GIFT',
			'set.gift',
			(l) => bytes(exportGift(SET, l).text),
			['single', 'multiple', 'truefalse', 'cloze', 'matching']
		],
		['Aiken', 'set.txt', (l) => bytes(exportAiken(SET, l).text), ['single']],
		[
			'Chinese text',
			'set.txt',
			(l) => bytes(exportCnText(SET, l).text),
			['single', 'multiple', 'truefalse', 'cloze']
		],
		[
			'CSV',
			'set.csv',
			(l) => bytes(toCsv(sheetRows(SET, l).rows)),
			['single', 'multiple', 'truefalse', 'cloze', 'matching']
		],
		[
			'XLSX',
			'set.xlsx',
			async (l) => new Uint8Array(await (await exportXlsx(SET, l)).blob.arrayBuffer()),
			['single', 'multiple', 'truefalse', 'cloze', 'matching']
		]
	];
	for (const [label, name, write, types] of cases)
		for (const lang of ['zh', 'en'] as const)
			it(`${label}, ${lang}`, async () => {
				const { preview } = await importFile(name, await write(lang));
				expect(preview.rejected).toEqual([]);
				const aiken = label === 'Aiken';
				const expected = SET.filter((q) => types.includes(q.type)).map((q) =>
					essence(q, lang, aiken)
				);
				expect(preview.imported.map((q) => essence(q.item, lang, aiken))).toEqual(expected);
			});

	it('lists what a format cannot hold instead of dropping it silently', () => {
		expect(exportAiken(SET, 'en').skipped.map((s) => s.index)).toEqual([1, 2, 3, 4, 5]);
		expect(exportGift(SET, 'en').skipped.map((s) => [s.index, s.reason.code])).toEqual([
			[5, 'exportUnfit']
		]);
	});
});

describe('GIFT grammar', () => {
	it('the committed parser is what gift.peggy compiles to (run npm run sets:grammar)', () => {
		expect(readFileSync('src/lib/sets/formats/gift-parser.js', 'utf8')).toBe(compileGiftGrammar());
	});
});

/** A GBK encoder for the test, from the platform's GBK decoder (two-byte codes 0x81–0xFE). */
function encodeGbk(text: string): Uint8Array {
	const table = new Map<string, number[]>();
	const decoder = new TextDecoder('gbk');
	for (let hi = 0x81; hi <= 0xfe; hi++)
		for (let lo = 0x40; lo <= 0xfe; lo++) {
			if (lo === 0x7f) continue;
			const ch = decoder.decode(new Uint8Array([hi, lo]));
			if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
		}
	const out: number[] = [];
	for (const ch of text) {
		if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
		else out.push(...(table.get(ch) ?? [0x3f]));
	}
	return new Uint8Array(out);
}
