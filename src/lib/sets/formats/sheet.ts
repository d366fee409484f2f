/**
 * The spreadsheet template (XLSX or CSV): one row per question, a header row naming the columns
 * in English or Chinese. Columns: type (single/multiple/truefalse/cloze/matching or 单选/多选/
 * 判断/填空/匹配), stem, options A–F, answer, explanation, note. Matching rows put one
 * `left -> right` pair in each option cell. Rows are reported by their spreadsheet row number.
 */
import type { ParsedQuestion, ParseResult } from './build';
import { LETTERS } from './build';

/** The template's header row, the same for download, export and import (English first). */
export const SHEET_COLUMNS = [
	{ key: 'type', en: 'type', zh: '题型' },
	{ key: 'stem', en: 'stem', zh: '题干' },
	...['A', 'B', 'C', 'D', 'E', 'F'].map((l) => ({ key: l, en: l, zh: `选项${l}` })),
	{ key: 'answer', en: 'answer', zh: '答案' },
	{ key: 'explanation', en: 'explanation', zh: '解析' },
	{ key: 'note', en: 'note', zh: '出处' }
] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number]['key'];

const TYPE_NAMES: Record<string, ParsedQuestion['type']> = {
	single: 'single',
	单选: 'single',
	单选题: 'single',
	multiple: 'multiple',
	多选: 'multiple',
	多选题: 'multiple',
	truefalse: 'truefalse',
	'true/false': 'truefalse',
	判断: 'truefalse',
	判断题: 'truefalse',
	cloze: 'cloze',
	填空: 'cloze',
	填空题: 'cloze',
	matching: 'matching',
	匹配: 'matching',
	匹配题: 'matching',
	连线题: 'matching'
};
const TRUE_WORDS = /^(true|t|正确|对|√|✓|是|yes|y)$/i;
const FALSE_WORDS = /^(false|f|错误|错|×|✗|否|no|n)$/i;

export type Cell = string | number | boolean | Date | null | undefined;

const cellText = (c: Cell) => (c === null || c === undefined ? '' : String(c).trim());

function headerIndex(row: Cell[]): Map<SheetColumn, number> | null {
	const index = new Map<SheetColumn, number>();
	row.forEach((cell, i) => {
		const name = cellText(cell)
			.replace(/^\uFEFF/, '')
			.toLowerCase();
		const column = SHEET_COLUMNS.find(
			(c) =>
				c.en.toLowerCase() === name ||
				c.zh.toLowerCase() === name ||
				(c.key.length === 1 && name === `option ${c.key.toLowerCase()}`)
		);
		if (column && !index.has(column.key)) index.set(column.key, i);
	});
	return index.has('stem') && index.has('type') ? index : null;
}

/** Reads template rows; row numbers in the result are 1-based spreadsheet rows. */
export function parseSheetRows(rows: Cell[][]): ParseResult {
	const result: ParseResult = { questions: [], rejected: [] };
	const headerRow = rows.findIndex((r) => headerIndex(r) !== null);
	if (headerRow < 0) {
		result.rejected.push({ line: 1, reason: { code: 'sheetNoHeader' } });
		return result;
	}
	const columns = headerIndex(rows[headerRow])!;
	const get = (row: Cell[], key: SheetColumn) => {
		const i = columns.get(key);
		return i === undefined ? '' : cellText(row[i]);
	};
	for (let r = headerRow + 1; r < rows.length; r++) {
		const row = rows[r];
		const line = r + 1;
		if (row.every((c) => cellText(c) === '')) continue;
		const typeName = get(row, 'type').toLowerCase();
		const type = TYPE_NAMES[typeName];
		if (!type) {
			result.rejected.push({ line, reason: { code: 'sheetType', params: { type: typeName } } });
			continue;
		}
		const stem = get(row, 'stem');
		const options = LETTERS.slice(0, 6)
			.split('')
			.map((l) => get(row, l as SheetColumn))
			.filter((o) => o !== '');
		const answer = get(row, 'answer');
		const base = {
			line,
			stem,
			explanation: get(row, 'explanation') || undefined,
			note: get(row, 'note') || undefined
		};
		switch (type) {
			case 'single':
			case 'multiple': {
				const letters = answer
					.toUpperCase()
					.replace(/[\s,，、;；]/g, '')
					.split('');
				const keys = letters.map((l) => LETTERS.indexOf(l));
				if (letters.length === 0 || keys.some((k) => k < 0 || k >= options.length)) {
					result.rejected.push({ line, reason: { code: 'keyNotOption', params: { key: answer } } });
					continue;
				}
				result.questions.push({ ...base, type, options, keys });
				break;
			}
			case 'truefalse':
				if (TRUE_WORDS.test(answer)) result.questions.push({ ...base, type, answer: true });
				else if (FALSE_WORDS.test(answer)) result.questions.push({ ...base, type, answer: false });
				else
					result.rejected.push({ line, reason: { code: 'cnTrueFalseAnswer', params: { answer } } });
				break;
			case 'cloze':
				result.questions.push({
					...base,
					type,
					accept: answer
						.split(/[;；|]/)
						.map((a) => a.trim())
						.filter(Boolean)
				});
				break;
			case 'matching': {
				const pairs = options.map((o) => o.split(/\s*(?:->|→)\s*/));
				if (pairs.some((p) => p.length !== 2 || !p[0] || !p[1])) {
					result.rejected.push({ line, reason: { code: 'sheetPair' } });
					continue;
				}
				result.questions.push({
					...base,
					type,
					pairs: pairs.map(([left, right]) => ({ left, right }))
				});
				break;
			}
		}
	}
	return result;
}
