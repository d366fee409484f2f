/**
 * The classroom report as one XLSX workbook: a sheet each for students, questions and answers
 * (the same rows as the CSV files, numbers kept as numbers), written by the app's one
 * spreadsheet writer (`sheetsToXlsx`), which loads write-excel-file only when asked.
 */
import type { RoomReport } from '$lib/classroom/protocol';
import { REPORT_SHEETS, reportRows } from './report-csv';

/** Column widths in characters: the nickname and the stem need room. */
const WIDTHS: Record<(typeof REPORT_SHEETS)[number], number[]> = {
	students: [8, 24],
	questions: [10, 16, 16, 12, 60],
	answers: [24]
};

export async function reportToXlsx(report: RoomReport): Promise<Blob> {
	const { sheetsToXlsx } = await import('$lib/sets/formats/export');
	return sheetsToXlsx(
		REPORT_SHEETS.map((sheet) => ({
			name: sheet,
			rows: reportRows(report, sheet),
			widths: WIDTHS[sheet]
		}))
	);
}
