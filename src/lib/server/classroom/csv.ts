/**
 * CSV that Excel and WPS open correctly: UTF-8 with a BOM (else Chinese names turn to mojibake),
 * CRLF line ends, every field quoted, quotes doubled, and cells that a spreadsheet would run as a
 * formula (= + - @, tab, CR) prefixed with ' so a nickname like `=HYPERLINK(…)` stays text.
 */
import type { RoomReport } from '$lib/classroom/protocol';

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | null | undefined): string {
	if (value === null || value === undefined) return '""';
	let text = String(value);
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
	return BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export type ReportSheet = 'students' | 'questions' | 'answers';

const percent = (share: number | null) => (share === null ? '' : Math.round(share * 100));

/** One sheet of the report; `answers` is the long form: one row per student and question. */
export function reportToCsv(report: RoomReport, sheet: ReportSheet): string {
	if (sheet === 'questions') {
		return toCsv([
			[
				'question',
				'item',
				'unit',
				'type',
				'stem',
				'answered',
				'correct',
				'accuracy %',
				'skipped',
				'most missed rank'
			],
			...report.questions.map((q) => [
				q.index + 1,
				q.itemId,
				q.unit,
				q.type,
				q.stem,
				q.answered,
				q.correct,
				percent(q.accuracy),
				q.skipped ? 'yes' : '',
				report.mostMissed.includes(q.index) ? report.mostMissed.indexOf(q.index) + 1 : ''
			])
		]);
	}
	if (sheet === 'answers') {
		const rows: (string | number | null)[][] = [
			['nickname', 'question', 'item', 'correct', 'score %', 'points', 'seconds']
		];
		for (const s of report.students)
			s.answers.forEach((a, i) =>
				rows.push([
					s.nickname,
					i + 1,
					report.questions[i].itemId,
					a === null ? 'unanswered' : a.correct ? 'yes' : 'no',
					a === null ? '' : Math.round(a.fraction * 100),
					a === null ? 0 : a.points,
					a === null ? '' : (a.ms / 1000).toFixed(1)
				])
			);
		return toCsv(rows);
	}
	return toCsv([
		[
			'rank',
			'nickname',
			'points',
			'correct',
			'answered',
			'status',
			'joins',
			...report.questions.map((q) => `Q${q.index + 1}`)
		],
		...report.students.map((s) => [
			s.rank ?? '',
			s.nickname,
			s.points,
			s.correct,
			s.answered,
			s.removed ? 'removed' : s.left ? 'left' : '',
			s.joins,
			...s.answers.map((a) => (a === null ? '' : a.correct ? '✓' : a.fraction > 0 ? '½' : '✗'))
		])
	]);
}
