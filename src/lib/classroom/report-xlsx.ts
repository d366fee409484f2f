/**
 * The classroom report as an XLSX workbook (issue 10: "students × questions with scores, plus the
 * per-question summary"), for live rooms, offline sessions and the reports kept with a set.
 * Two sheets: Students (one row per distinct student, a score % per question, blank where not
 * answered) and Questions (the per-question summary, most missed ranked). Cells are typed: numbers
 * stay numbers so the instructor can sort and average. write-excel-file loads only on export.
 */
import type { RoomReport } from './protocol';

export type SheetCell = string | number | null;
export interface ReportSheetRows {
	name: 'Students' | 'Questions';
	rows: SheetCell[][];
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 100));

/** The workbook's two sheets as rows of typed cells (header row first). */
export function reportSheets(report: RoomReport): ReportSheetRows[] {
	const students: SheetCell[][] = [
		[
			'rank',
			'nickname',
			'points',
			'correct',
			'answered',
			'status',
			...report.questions.map((q) => `Q${q.index + 1} %`)
		],
		...report.students.map((s) => [
			s.rank,
			s.nickname,
			s.points,
			s.correct,
			s.answered,
			s.removed ? 'removed' : s.left ? 'left' : '',
			...report.questions.map((_, i) => {
				const answer = s.answers[i];
				return answer ? Math.round(answer.fraction * 100) : null;
			})
		])
	];
	const questions: SheetCell[][] = [
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
			report.mostMissed.includes(q.index) ? report.mostMissed.indexOf(q.index) + 1 : null
		])
	];
	return [
		{ name: 'Students', rows: students },
		{ name: 'Questions', rows: questions }
	];
}

/** The report as an .xlsx Blob. */
export async function reportToXlsx(report: RoomReport): Promise<Blob> {
	const { default: writeXlsxFile } = await import('write-excel-file/universal');
	const sheets = reportSheets(report).map(({ name, rows }) => ({
		sheet: name,
		data: rows.map((row, r) =>
			row.map((value) =>
				value === null
					? null
					: typeof value === 'number'
						? { value, type: Number }
						: { value, type: String, ...(r === 0 ? { fontWeight: 'bold' as const } : {}) }
			)
		),
		columns: rows[0].map((_, i) => ({ width: name === 'Questions' && i === 4 ? 50 : 12 }))
	}));
	return writeXlsxFile(sheets).toBlob();
}
