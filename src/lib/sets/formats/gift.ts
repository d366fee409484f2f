/**
 * GIFT, Moodle's text format (docs.moodle.org/en/GIFT_format; question/format/gift/format.php).
 * The file is split into questions at blank lines and `//` comment lines are dropped, as Moodle
 * does; each question is then parsed by the peggy grammar in gift.peggy. Mapping to our types:
 * multiple choice with one `=` (or one 100 % weight) → single; several positive `%` weights →
 * multiple; `{T}`/`{F}`/`{TRUE}`/`{FALSE}` → truefalse; `{=a =b}` short answer and the
 * missing-word form → cloze; `{=a -> b …}` → matching. Numerical `{#…}`, essay `{}` and
 * descriptions (no braces) are refused by name and line.
 */
import { parse, type GiftQuestion } from './gift-parser.js';
import type { ParsedQuestion, ParseResult } from './build';
import { CLOZE_BLANK } from '../../../../scripts/bank/schema';
import { looksChinese } from '../own-item';

interface Chunk {
	/** 1-based line of the chunk's first line. */
	line: number;
	text: string;
}

/** Questions are separated by blank lines; comment lines (`//…`) are not part of any question. */
export function splitGiftQuestions(text: string): Chunk[] {
	const chunks: Chunk[] = [];
	let current: string[] = [];
	let start = 0;
	const flush = () => {
		if (current.length > 0) chunks.push({ line: start, text: current.join('\n') });
		current = [];
	};
	text.split(/\r?\n/).forEach((raw, i) => {
		if (/^\s*\/\//.test(raw)) return;
		if (raw.trim() === '') return flush();
		if (current.length === 0) start = i + 1;
		current.push(raw);
	});
	flush();
	return chunks;
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' '
};

/**
 * `[html]` text becomes plain text (tags dropped, a few entities decoded): everything is shown
 * as text, never as markup, so an imported file cannot inject anything into the page.
 */
export function htmlToText(html: string): string {
	return html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&(#\d+|[a-z]+);/gi, (m, e: string) =>
			e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? m)
		);
}

function plain(text: string, format: GiftQuestion['format']): string {
	return (format === 'html' ? htmlToText(text) : text).replace(/[ \t]*\n[ \t]*/g, '\n').trim();
}

function toQuestion(q: GiftQuestion, line: number): ParsedQuestion | { reason: string } {
	const block = q.block;
	if (!block) return { reason: 'giftNoAnswers' };
	if (block.kind === 'numerical') return { reason: 'giftNumerical' };
	if (block.kind === 'essay') return { reason: 'giftEssay' };
	// Missing word: the answers stand where the blank goes.
	const missingWord = q.after.trim().length > 0;
	const stem = plain(missingWord ? `${q.before}${CLOZE_BLANK}${q.after}` : q.before, q.format);
	const text = (s: string) => plain(s, q.format);

	if (block.kind === 'truefalse') {
		const explanation = block.general ?? block.feedback.at(-1) ?? undefined;
		return {
			line,
			type: 'truefalse',
			stem,
			answer: block.value,
			explanation: text(explanation ?? '')
		};
	}
	const answers = block.answers;
	const key = (a: (typeof answers)[number]) => (a.weight === null ? a.mark === '=' : a.weight > 0);
	if (answers.some((a) => a.right !== null)) {
		if (answers.some((a) => a.right === null || a.mark !== '='))
			return { reason: 'giftMixedMatching' };
		return {
			line,
			type: 'matching',
			stem,
			pairs: answers.map((a) => ({ left: text(a.text), right: text(a.right!) })),
			explanation: text(block.general ?? '')
		};
	}
	if (answers.every((a) => a.mark === '=')) {
		// Short answer: only full-credit answers are accepted (our cloze has no partial credit).
		const accept = answers
			.filter((a) => a.weight === null || a.weight >= 100)
			.map((a) => text(a.text));
		return {
			line,
			type: 'cloze',
			// Short answer: the gap goes at the end (no space after Chinese text).
			stem: missingWord ? stem : `${stem}${looksChinese(stem.slice(-1)) ? '' : ' '}${CLOZE_BLANK}`,
			accept,
			explanation: text(block.general ?? answers[0].feedback ?? '')
		};
	}
	const keys = answers.flatMap((a, i) => (key(a) ? [i] : []));
	const weighted = answers.some((a) => a.weight !== null && a.weight > 0 && a.weight < 100);
	const explanation =
		block.general ?? answers.find((a) => key(a) && a.feedback)?.feedback ?? undefined;
	return {
		line,
		type: weighted || keys.length > 1 ? 'multiple' : 'single',
		stem,
		options: answers.map((a) => text(a.text)),
		keys,
		explanation: explanation === undefined ? undefined : text(explanation)
	};
}

/** Parses a GIFT file into questions and per-question refusals (by line). */
export function parseGift(source: string): ParseResult {
	const result: ParseResult = { questions: [], rejected: [] };
	for (const chunk of splitGiftQuestions(source)) {
		if (/^\s*\$CATEGORY:/i.test(chunk.text)) continue;
		let parsed: GiftQuestion;
		try {
			parsed = parse(chunk.text);
		} catch (error) {
			const at = (error as { location?: { start: { line: number } } }).location?.start.line ?? 1;
			result.rejected.push({ line: chunk.line + at - 1, reason: { code: 'giftSyntax' } });
			continue;
		}
		const q = toQuestion(parsed, chunk.line);
		if ('reason' in q) result.rejected.push({ line: chunk.line, reason: { code: q.reason } });
		else result.questions.push(q);
	}
	return result;
}

/** True when the text reads as GIFT: an answer block `{…}` with GIFT marks, or `::name::`. */
export function looksLikeGift(text: string): boolean {
	return /\{\s*(?:[=~]|T\b|F\b|TRUE\b|FALSE\b|#)[^}]*\}/.test(text) || /^\s*::[^:]+::/m.test(text);
}
