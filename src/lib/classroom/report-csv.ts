/**
 * The classroom report as CSV, shared by the server (live rooms) and the browser (offline
 * sessions, which have no server). CSV that Excel and WPS open correctly: UTF-8 with a BOM (else Chinese names turn to mojibake),
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

/** Every sheet of the report, in the order a workbook lists them. */
export const REPORT_SHEETS: readonly ReportSheet[] = ['students', 'questions', 'answers'];

/** A report cell: numbers stay numbers (a spreadsheet sorts and sums them). */
export type ReportCell = string | number | null;

/** One sheet of the report as CSV. */
export const reportToCsv = (report: RoomReport, sheet: ReportSheet): string =>
	toCsv(reportRows(report, sheet));

/**
 * One sheet of the report as rows, header first (English column names, as the live classroom's
 * CSV has them); `answers` is the long form: one row per student and question. The CSV and the
 * XLSX export are both made from these rows.
 */
export function reportRows(report: RoomReport, sheet: ReportSheet): ReportCell[][] {
	if (sheet === 'questions') {
		return [
			[
				'question',
				'item',
				'unit',
				'type',
				'stem',
				'key',
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
				q.key ?? '',
				q.answered,
				q.correct,
				percent(q.accuracy),
				q.skipped ? 'yes' : '',
				report.mostMissed.includes(q.index) ? report.mostMissed.indexOf(q.index) + 1 : ''
			])
		];
	}
	if (sheet === 'answers') {
		const rows: ReportCell[][] = [
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
		return rows;
	}
	return [
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
	];
}
