/**
 * Aiken, Moodle's one-line-per-option multiple-choice format (docs.moodle.org/en/Aiken_format;
 * question/format/aiken/format.php). Moodle's tolerance: options `A.` or `A)` followed by a space,
 * `ANSWER:` with or without a space; blank lines between questions optional. A question without
 * an `ANSWER:` line is refused by its line and the next question still imports. One key → single;
 * Aiken has no multiple-answer form, so `ANSWER: A,C` (a common extension) → multiple.
 */
import type { ParsedQuestion, ParseResult } from './build';
import { LETTERS } from './build';

const OPTION = /^\s*([A-Z])\s*[.)）．、]\s*(.*)$/;
const ANSWER = /^\s*ANSWER\s*[:：]\s*(.*)$/i;

export function parseAiken(source: string): ParseResult {
	const result: ParseResult = { questions: [], rejected: [] };
	let stem: { line: number; lines: string[] } | null = null;
	let options: string[] = [];

	const reset = () => {
		stem = null;
		options = [];
	};
	const lines = source.split(/\r?\n/);
	lines.forEach((raw, i) => {
		const line = raw.trim();
		if (line === '') {
			// A blank line after a complete-looking question without ANSWER ends it.
			if (stem && options.length > 0) {
				result.rejected.push({ line: stem.line, reason: { code: 'aikenNoAnswer' } });
				reset();
			}
			return;
		}
		const answer = ANSWER.exec(line);
		const option = OPTION.exec(line);
		if (answer) {
			if (!stem || options.length === 0) {
				result.rejected.push({ line: stem?.line ?? i + 1, reason: { code: 'aikenNoOptions' } });
				return reset();
			}
			const letters = answer[1]
				.toUpperCase()
				.replace(/[\s,，、;；]/g, '')
				.split('');
			const keys = letters.map((l) => LETTERS.indexOf(l));
			if (letters.length === 0 || keys.some((k) => k < 0 || k >= options.length))
				result.rejected.push({
					line: stem.line,
					reason: { code: 'keyNotOption', params: { key: answer[1].trim() } }
				});
			else
				result.questions.push({
					line: stem.line,
					type: keys.length > 1 ? 'multiple' : 'single',
					stem: stem.lines.join('\n'),
					options: [...options],
					keys
				} satisfies ParsedQuestion);
			return reset();
		}
		if (option && stem && option[1] === LETTERS[options.length]) {
			options.push(option[2].trim());
			return;
		}
		if (stem && options.length > 0) {
			// A new stem while the previous question still waits for its ANSWER line.
			result.rejected.push({ line: stem.line, reason: { code: 'aikenNoAnswer' } });
			reset();
		}
		if (stem) stem.lines.push(line);
		else stem = { line: i + 1, lines: [line] };
	});
	if (stem)
		result.rejected.push({
			line: (stem as { line: number }).line,
			reason: { code: 'aikenNoAnswer' }
		});
	return result;
}

/** True when the text has Aiken's `ANSWER: X` lines after lettered options. */
export function looksLikeAiken(text: string): boolean {
	return /^\s*ANSWER\s*:\s*[A-Z]/im.test(text) && /^\s*[A-D]\s*[.)]\s+\S/m.test(text);
}
