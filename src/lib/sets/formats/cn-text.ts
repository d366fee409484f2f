/**
 * The plain-text exam format of Chinese exam and LMS tools (学习通, 雨课堂, 考试酷 and Word
 * templates alike): a numbered stem (`1.` `1、` `1．` `（1）`), options `A.` / `A、` / `A．`,
 * `答案：` (several letters for 多选题), `解析：`; 判断题 answered 正确/错误, 对/错, √/×, T/F;
 * 填空题 with `____` (or `（ ）`) and `答案：` alternatives separated by `;` / `；`. Full- and
 * half-width punctuation are both accepted. The type comes from a section heading
 * (`一、单选题`), a tag in the stem (`【多选题】`), or else from the question's shape.
 */
import type { ParsedQuestion, ParseResult } from './build';
import { LETTERS } from './build';

type CnType = 'single' | 'multiple' | 'truefalse' | 'cloze';

const TYPE_WORDS: [RegExp, CnType][] = [
	[/单选|单项选择/, 'single'],
	[/多选|多项选择|不定项/, 'multiple'],
	[/判断/, 'truefalse'],
	[/填空/, 'cloze']
];

const HEADING = /^\s*[一二三四五六七八九十]+\s*[、.．]\s*(.+?)\s*$/;
const NUMBERED = /^\s*(?:\d+\s*[.．、:：)）]|[(（]\s*\d+\s*[)）])\s*(.*)$/;
const OPTION = /^\s*([A-Ha-hＡ-Ｈ])\s*[.．、:：)）]\s*(.*)$/;
const ANSWER = /^\s*[【[]?(?:正确答案|参考答案|标准答案|答案)[】\]]?\s*[:：]?\s*(.*)$/;
const EXPLANATION = /^\s*[【[]?(?:答案解析|试题解析|解析)[】\]]?\s*[:：]?\s*(.*)$/;
const TAG =
	/^\s*[【[(（]\s*(单选题?|多选题?|判断题?|填空题?|单项选择题?|多项选择题?|不定项选择题?)\s*[】\])）]\s*/;
const TRUE_WORDS = /^(正确|对|√|✓|✔|是|T|TRUE|Y)$/i;
const FALSE_WORDS = /^(错误|错|×|✗|✘|否|F|FALSE|N)$/i;

function typeFromWords(text: string): CnType | null {
	for (const [pattern, type] of TYPE_WORDS) if (pattern.test(text)) return type;
	return null;
}

/** Full-width Ａ–Ｈ as A–H. */
const letter = (l: string) =>
	String.fromCharCode(
		l.charCodeAt(0) >= 0xff21 ? l.charCodeAt(0) - 0xfee0 : l.charCodeAt(0)
	).toUpperCase();

interface Draft {
	line: number;
	sectionType: CnType | null;
	stem: string[];
	options: string[];
	answer: string | null;
	explanation: string[];
	/** Where continuation lines go. */
	into: 'stem' | 'option' | 'answer' | 'explanation';
}

function finish(d: Draft): ParsedQuestion | { code: string; params?: Record<string, string> } {
	let stem = d.stem.join('\n').trim();
	const tag = TAG.exec(stem);
	let type = d.sectionType;
	if (tag) {
		type = typeFromWords(tag[1]);
		stem = stem.slice(tag[0].length).trim();
	}
	// A trailing "（单选题）" tag, as some tools print it.
	const trailing = /[(（]\s*(单选题?|多选题?|判断题?|填空题?)\s*[)）]\s*$/.exec(stem);
	if (trailing) {
		type = typeFromWords(trailing[1]);
		stem = stem.slice(0, trailing.index).trim();
	}
	const answer = d.answer?.trim() ?? '';
	if (!answer) return { code: 'cnNoAnswer' };
	const explanation = d.explanation.join('\n').trim() || undefined;
	if (type === null) {
		if (d.options.length > 0)
			type = answer.replace(/[^A-Za-zＡ-Ｈ]/g, '').length > 1 ? 'multiple' : 'single';
		else if (TRUE_WORDS.test(answer) || FALSE_WORDS.test(answer)) type = 'truefalse';
		else type = 'cloze';
	}
	const base = { line: d.line, stem, explanation };
	switch (type) {
		case 'single':
		case 'multiple': {
			if (d.options.length === 0) return { code: 'cnNoOptions' };
			const letters = answer
				.replace(/[\s,，、;；]/g, '')
				.split('')
				.map(letter);
			const keys = letters.map((l) => LETTERS.indexOf(l));
			if (keys.some((k) => k < 0 || k >= d.options.length))
				return { code: 'keyNotOption', params: { key: answer } };
			return { ...base, type, options: d.options, keys };
		}
		case 'truefalse':
			if (TRUE_WORDS.test(answer)) return { ...base, type, answer: true };
			if (FALSE_WORDS.test(answer)) return { ...base, type, answer: false };
			return { code: 'cnTrueFalseAnswer', params: { answer } };
		case 'cloze': {
			const accept = answer
				.split(/[;；|]/)
				.map((a) => a.trim())
				.filter(Boolean);
			return { ...base, type, accept };
		}
	}
}

/** Parses the Chinese plain-text format into questions and per-question refusals (by line). */
export function parseCnText(source: string): ParseResult {
	const result: ParseResult = { questions: [], rejected: [] };
	let sectionType: CnType | null = null;
	let draft: Draft | null = null;
	const close = () => {
		if (!draft) return;
		const q = finish(draft);
		if ('code' in q) result.rejected.push({ line: draft.line, reason: q });
		else result.questions.push(q);
		draft = null;
	};
	source.split(/\r?\n/).forEach((raw, i) => {
		const line = raw.replace(/\u3000/g, ' ');
		if (line.trim() === '') return;
		const heading = HEADING.exec(line);
		if (heading && typeFromWords(heading[1]) && heading[1].length <= 30) {
			close();
			sectionType = typeFromWords(heading[1]);
			return;
		}
		const numbered = NUMBERED.exec(line);
		if (numbered) {
			close();
			draft = {
				line: i + 1,
				sectionType,
				stem: [numbered[1]],
				options: [],
				answer: null,
				explanation: [],
				into: 'stem'
			};
			return;
		}
		if (!draft) {
			result.rejected.push({ line: i + 1, reason: { code: 'cnNotNumbered' } });
			return;
		}
		const d: Draft = draft;
		const answer = ANSWER.exec(line);
		const explanation = EXPLANATION.exec(line);
		if (explanation) {
			d.explanation.push(explanation[1]);
			d.into = 'explanation';
			return;
		}
		if (answer) {
			d.answer = answer[1];
			d.into = 'answer';
			return;
		}
		const option = OPTION.exec(line);
		if (option && letter(option[1]) === LETTERS[d.options.length] && d.into !== 'explanation') {
			// Several options on one line: "A. 甲   B. 乙".
			const parts = line.trim().split(/\s+(?=[B-HＢ-Ｈ]\s*[.．、)）])/);
			for (const part of parts) {
				const o = OPTION.exec(part);
				if (o && letter(o[1]) === LETTERS[d.options.length]) d.options.push(o[2].trim());
			}
			d.into = 'option';
			return;
		}
		if (d.into === 'stem') d.stem.push(line.trim());
		else if (d.into === 'option') d.options[d.options.length - 1] += `\n${line.trim()}`;
		else if (d.into === 'explanation') d.explanation.push(line.trim());
		else d.answer += line.trim();
	});
	close();
	return result;
}

/** True when the text has numbered questions with `答案：` lines. */
export function looksLikeCnText(text: string): boolean {
	return /^\s*[【[]?(?:正确答案|参考答案|标准答案|答案)[】\]]?\s*[:：]/m.test(text);
}
