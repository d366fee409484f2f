/**
 * Writes a set's questions (own items, and bank items turned into the same shape) as GIFT, Aiken,
 * the Chinese plain-text format or the spreadsheet template, in one language. What a format
 * cannot hold is listed in `skipped` (Aiken: only single choice; none: classify), never dropped
 * silently. Every writer is the inverse of its importer: export → import gives the same questions
 * (formats.spec.ts checks this per format and language).
 */
import { CLOZE_BLANK } from '../../../../scripts/bank/schema';
import type { OwnItem } from '../own-item';
import { LETTERS } from './build';
import { SHEET_COLUMNS, type Cell } from './sheet';
import type { FormatId, Reason } from './types';

export type ExportLang = 'zh' | 'en';

export interface Skipped {
	/** Position in the set (0-based). */
	index: number;
	id: string;
	reason: Reason;
}

export interface TextExport {
	text: string;
	skipped: Skipped[];
}

const FITS: Record<Exclude<FormatId, 'csv'>, readonly OwnItem['type'][]> = {
	gift: ['single', 'multiple', 'truefalse', 'cloze', 'matching'],
	aiken: ['single'],
	'cn-text': ['single', 'multiple', 'truefalse', 'cloze'],
	xlsx: ['single', 'multiple', 'truefalse', 'cloze', 'matching']
};

function partition(items: readonly OwnItem[], format: keyof typeof FITS) {
	const kept: OwnItem[] = [];
	const skipped: Skipped[] = [];
	items.forEach((item, index) => {
		if (FITS[format].includes(item.type)) kept.push(item);
		else
			skipped.push({
				index,
				id: item.id,
				reason: { code: 'exportUnfit', params: { type: item.type, format } }
			});
	});
	return { kept, skipped };
}

const optionText = (
	o: OwnItem extends infer T ? (T extends { options: (infer O)[] } ? O : never) : never,
	lang: ExportLang
) => (lang === 'zh' ? o.zh : o.en) ?? o.ref ?? '';
const noExplanation = (s: string) => /^（未提供解析）$|^\(No explanation given\.\)$/.test(s);

// ---------------------------------------------------------------- GIFT

/** Moodle's escapes for the characters GIFT gives meaning to. */
export const giftEscape = (s: string) => s.replace(/([~=#{}:\\])/g, '\\$1').replace(/\n/g, '\\n');

/** Moodle accepts only these percentages; a split of 100 among n right answers rounds to one. */
const MOODLE_FRACTIONS = [
	100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
	12.5, 11.11111, 10, 5
];
const nearestFraction = (x: number) =>
	MOODLE_FRACTIONS.reduce((best, f) => (Math.abs(f - x) < Math.abs(best - x) ? f : best));

export function exportGift(items: readonly OwnItem[], lang: ExportLang): TextExport {
	const { kept, skipped } = partition(items, 'gift');
	const blocks = kept.map((item) => {
		const stem = giftEscape(item.stem[lang]);
		const explanation = item.explanation[lang];
		const general = noExplanation(explanation) ? '' : ` ####${giftEscape(explanation)}`;
		switch (item.type) {
			case 'single':
				return `${stem} {${item.options
					.map((o) => `${o.id === item.answer ? '=' : '~'}${giftEscape(optionText(o, lang))}`)
					.join(' ')}${general}}`;
			case 'multiple': {
				const right = `%${nearestFraction(100 / item.answer.length)}%`;
				return `${stem} {${item.options
					.map(
						(o) =>
							`~${item.answer.includes(o.id!) ? right : '%-100%'}${giftEscape(optionText(o, lang))}`
					)
					.join(' ')}${general}}`;
			}
			case 'truefalse':
				return `${stem} {${item.answer ? 'TRUE' : 'FALSE'}${general}}`;
			case 'matching':
				return `${stem} {${item.pairs
					.map((p) => `=${giftEscape(p.left[lang])} -> ${giftEscape(p.right[lang])}`)
					.join(' ')}${general}}`;
			case 'cloze': {
				// Missing-word form: the answers stand where the gap is.
				const [before, after] = item.stem[lang].split(CLOZE_BLANK);
				const answers = `{${item.accept[lang].map((a) => `=${giftEscape(a)}`).join(' ')}${general}}`;
				return `${giftEscape(before)}${answers}${giftEscape(after ?? '')}`;
			}
			default:
				return '';
		}
	});
	return { text: blocks.join('\n\n') + '\n', skipped };
}

// ---------------------------------------------------------------- Aiken

export function exportAiken(items: readonly OwnItem[], lang: ExportLang): TextExport {
	const { kept, skipped } = partition(items, 'aiken');
	const blocks = kept.map((item) => {
		if (item.type !== 'single') return '';
		// Aiken wants the question on one line.
		const lines = [item.stem[lang].replace(/\s*\n\s*/g, ' ')];
		item.options.forEach((o, i) =>
			lines.push(`${LETTERS[i]}. ${optionText(o, lang).replace(/\s*\n\s*/g, ' ')}`)
		);
		lines.push(`ANSWER: ${LETTERS[item.options.findIndex((o) => o.id === item.answer)]}`);
		return lines.join('\n');
	});
	return { text: blocks.join('\n\n') + '\n', skipped };
}

// ---------------------------------------------------------------- Chinese plain text

const CN_TAG: Record<string, string> = {
	single: '单选题',
	multiple: '多选题',
	truefalse: '判断题',
	cloze: '填空题'
};

export function exportCnText(items: readonly OwnItem[], lang: ExportLang): TextExport {
	const { kept, skipped } = partition(items, 'cn-text');
	const blocks = kept.map((item, n) => {
		const lines = [`${n + 1}. 【${CN_TAG[item.type]}】${item.stem[lang]}`];
		let answer = '';
		if (item.type === 'single' || item.type === 'multiple') {
			item.options.forEach((o, i) => lines.push(`${LETTERS[i]}. ${optionText(o, lang)}`));
			const keys = item.type === 'single' ? [item.answer] : item.answer;
			answer = item.options.map((o, i) => (keys.includes(o.id!) ? LETTERS[i] : '')).join('');
		} else if (item.type === 'truefalse') answer = item.answer ? '正确' : '错误';
		else if (item.type === 'cloze') answer = item.accept[lang].join('；');
		lines.push(`答案：${answer}`);
		const explanation = item.explanation[lang];
		if (!noExplanation(explanation)) lines.push(`解析：${explanation}`);
		return lines.join('\n');
	});
	return { text: blocks.join('\n\n') + '\n', skipped };
}

// ---------------------------------------------------------------- spreadsheet

const SHEET_TYPE: Record<string, string> = {
	single: 'single',
	multiple: 'multiple',
	truefalse: 'truefalse',
	cloze: 'cloze',
	matching: 'matching'
};

/** The template's rows (header first); also what the CSV template and XLSX export write. */
export function sheetRows(
	items: readonly OwnItem[],
	lang: ExportLang
): { rows: string[][]; skipped: Skipped[] } {
	const { kept, skipped } = partition(items, 'xlsx');
	const header = SHEET_COLUMNS.map((c) => (lang === 'zh' ? c.zh : c.en));
	const rows = kept.map((item) => {
		const options: string[] = [];
		let answer = '';
		if (item.type === 'single' || item.type === 'multiple') {
			item.options.forEach((o) => options.push(optionText(o, lang)));
			const keys = item.type === 'single' ? [item.answer] : item.answer;
			answer = item.options.map((o, i) => (keys.includes(o.id!) ? LETTERS[i] : '')).join('');
		} else if (item.type === 'truefalse') answer = item.answer ? 'TRUE' : 'FALSE';
		else if (item.type === 'cloze') answer = item.accept[lang].join('; ');
		else if (item.type === 'matching')
			item.pairs.forEach((p) => options.push(`${p.left[lang]} -> ${p.right[lang]}`));
		const explanation = item.explanation[lang];
		return [
			SHEET_TYPE[item.type],
			item.stem[lang],
			...Array.from({ length: 6 }, (_, i) => options[i] ?? ''),
			answer,
			noExplanation(explanation) ? '' : explanation,
			item.source?.quote ?? ''
		];
	});
	return { rows: [header, ...rows], skipped };
}

/** The XLSX file (write-excel-file, loaded on demand). */
export async function exportXlsx(
	items: readonly OwnItem[],
	lang: ExportLang
): Promise<{ blob: Blob; skipped: Skipped[] }> {
	const { rows, skipped } = sheetRows(items, lang);
	return { blob: await rowsToXlsx(rows), skipped };
}

/** A spreadsheet cell: text, or a number kept as a number so it sorts and sums. */
export type XlsxCell = string | number | null;

/** One sheet of a workbook: its tab name, rows (the first one bold, as a header), column widths. */
export interface XlsxSheet {
	name: string;
	rows: readonly (readonly XlsxCell[])[];
	/** In characters, per column; 16 where not given. */
	widths?: readonly number[];
}

/**
 * Sheets as one XLSX workbook (write-excel-file, loaded on demand): the app's one spreadsheet
 * writer, shared by the set exporter, `npm run sets:template` and the classroom reports.
 * The header row stays in view when scrolling.
 */
export async function sheetsToXlsx(sheets: readonly XlsxSheet[]): Promise<Blob> {
	const { default: writeXlsxFile } = await import('write-excel-file/universal');
	return writeXlsxFile(
		sheets.map(({ name, rows, widths = [] }) => ({
			sheet: name,
			data: rows.map((row, r) =>
				row.map((value) => ({
					value: value ?? '',
					type: typeof value === 'number' ? Number : String,
					...(r === 0 ? { fontWeight: 'bold' as const } : {})
				}))
			),
			columns: (rows[0] ?? []).map((_, i) => ({ width: widths[i] ?? 16 })),
			stickyRowsCount: 1
		}))
	).toBlob();
}

/** Rows of text as an XLSX sheet in the template's layout (bold header, a wide stem column). */
export const rowsToXlsx = (rows: readonly (readonly string[])[]): Promise<Blob> =>
	sheetsToXlsx([{ name: 'Sheet1', rows, widths: [16, 50] }]);

/** CSV text (RFC 4180 quoting) with a UTF-8 BOM, so Excel on any system reads Chinese right. */
export function toCsv(rows: readonly Cell[][]): string {
	const quote = (c: Cell) => {
		const s = c === null || c === undefined ? '' : String(c);
		return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return '\uFEFF' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
