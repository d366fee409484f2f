/**
 * The step every importer ends with: a question as the file described it (one language, options
 * as a list, keys as indices) becomes an own item, validated by the bank's schema and rules. A
 * question that fails lands in `rejected` with its line, so one bad question never stops the rest.
 */
import type { Family } from '../../bank/types';
import { CLOZE_BLANK } from '../../../../scripts/bank/schema';
import {
	bothLanguages,
	looksChinese,
	validateOwnItem,
	type OwnItem,
	type OwnItemType
} from '../own-item';
import type { ImportPreview, Reason } from './types';

/** A question as read from a file, before it becomes an own item. */
export type ParsedQuestion = {
	line: number;
	stem: string;
	explanation?: string;
	/** Optional source note (GIFT question name, a spreadsheet column). */
	note?: string;
} & (
	| { type: 'single' | 'multiple'; options: string[]; keys: number[] }
	| { type: 'truefalse'; answer: boolean }
	| { type: 'cloze'; accept: string[] }
	| { type: 'matching'; pairs: { left: string; right: string }[] }
);

/** What an importer found: questions to build, and questions it already refused. */
export interface ParseResult {
	questions: ParsedQuestion[];
	rejected: { line: number; reason: Reason }[];
}

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Option ids inside an own item: a, b, c… (lowercase, as the bank's id rule wants). */
export const optionId = (index: number) => LETTERS[index].toLowerCase();

let counter = 0;
/** A fresh own id; random so items from two imports never collide. */
export function newOwnId(): string {
	counter = (counter + 1) % 1296;
	const random = Math.floor(Math.random() * 36 ** 6).toString(36);
	return `own-${Date.now().toString(36)}${counter.toString(36)}${random}`;
}

// The bank asks for an explanation; an imported question without one says so rather than
// inventing one (the preview shows it, and the instructor can add one in the editor).
const NO_EXPLANATION = { zh: '（未提供解析）', en: '(No explanation given.)' };

/** The cloze gap as every importer writes it: any run of 3+ underscores or a full-width blank. */
export function normaliseBlank(stem: string): string {
	return stem.replace(/_{3,}|＿{2,}|（\s*）|\(\s*\)/g, CLOZE_BLANK);
}

/** The key in the preview's short form. */
export function keyText(item: OwnItem): string {
	const lang = item.lang === 'en' ? 'en' : 'zh';
	switch (item.type) {
		case 'single':
			return LETTERS[item.options.findIndex((o) => o.id === item.answer)] ?? item.answer;
		case 'multiple':
			return item.options.map((o, i) => (item.answer.includes(o.id!) ? LETTERS[i] : '')).join('');
		case 'truefalse':
			return String(item.answer);
		case 'cloze':
			return item.accept[lang].join('; ');
		case 'matching':
			return item.pairs.map((p) => `${p.left[lang]} → ${p.right[lang]}`).join('; ');
		case 'classify':
			return Object.entries(item.answer)
				.map(([family, id]) => `${family}=${id}`)
				.join('; ');
	}
}

/** Builds the own item a parsed question describes (not yet validated). */
export function ownItemFrom(q: ParsedQuestion, id = newOwnId()): Record<string, unknown> {
	const lang = looksChinese(q.stem) ? 'zh' : 'en';
	const explanation = q.explanation?.trim() ? bothLanguages(q.explanation.trim()) : NO_EXPLANATION;
	const base = {
		id,
		part: '',
		concepts: [],
		difficulty: 2,
		stem: bothLanguages(q.stem.trim()),
		explanation,
		...(q.note?.trim() ? { source: { quote: q.note.trim() } } : {}),
		lang
	};
	switch (q.type) {
		case 'single':
		case 'multiple': {
			const options = q.options.map((label, i) => ({ id: optionId(i), ...bothLanguages(label) }));
			const keys = q.keys.map(optionId);
			return q.type === 'single'
				? { ...base, type: 'single', options, answer: keys[0] }
				: { ...base, type: 'multiple', options, answer: keys };
		}
		case 'truefalse':
			return { ...base, type: 'truefalse', answer: q.answer };
		case 'cloze':
			return {
				...base,
				stem: bothLanguages(normaliseBlank(q.stem.trim())),
				type: 'cloze',
				accept: { zh: q.accept, en: q.accept }
			};
		case 'matching':
			return {
				...base,
				type: 'matching',
				pairs: q.pairs.map((p) => ({ left: bothLanguages(p.left), right: bothLanguages(p.right) }))
			};
	}
}

/** Validates every parsed question; the refused ones join the importer's own refusals by line. */
export function finishImport(
	result: ParseResult,
	families: readonly Family[] = [],
	makeId: () => string = newOwnId
): ImportPreview {
	const preview: ImportPreview = { imported: [], rejected: [...result.rejected] };
	for (const q of result.questions) {
		if (q.type === 'single' && q.keys.length !== 1) {
			preview.rejected.push({ line: q.line, reason: { code: 'oneKey' } });
			continue;
		}
		const checked = validateOwnItem(ownItemFrom(q, makeId()), families);
		if (checked.ok)
			preview.imported.push({
				line: q.line,
				type: checked.item.type as OwnItemType,
				stem: q.stem.trim(),
				key: keyText(checked.item),
				item: checked.item
			});
		else preview.rejected.push({ line: q.line, reason: checked.errors[0].reason });
	}
	preview.rejected.sort((a, b) => a.line - b.line);
	return preview;
}
