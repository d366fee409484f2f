import { describe, expect, it } from 'vitest';
import type { RoomReport } from './protocol';
import { REPORT_SHEETS, reportRows, reportToCsv } from './report-csv';
import { reportToXlsx } from './report-xlsx';

const report: RoomReport = {
	questions: [
		{
			index: 0,
			itemId: 'modes-def-01',
			unit: 'modes-of-supply',
			stem: '出国留学属于哪种服务提供方式？',
			type: 'single',
			skipped: false,
			answered: 2,
			correct: 1,
			accuracy: 0.5
		}
	],
	students: [
		{
			playerId: 'a',
			nickname: '=HYPERLINK("x")',
			rank: 1,
			points: 1000,
			correct: 1,
			answered: 1,
			removed: false,
			left: false,
			joins: 1,
			answers: [{ correct: true, fraction: 1, points: 1000, ms: 1500 }]
		},
		{
			playerId: 'b',
			nickname: '小明',
			rank: 2,
			points: 0,
			correct: 0,
			answered: 1,
			removed: false,
			left: false,
			joins: 1,
			answers: [{ correct: false, fraction: 0, points: 0, ms: 2500 }]
		}
	],
	mostMissed: [0]
};

describe('classroom report as XLSX', () => {
	it('holds the CSV sheets in one workbook, cell for cell, numbers as numbers and text as text', async () => {
		const blob = await reportToXlsx(report);
		const { default: readXlsx } = await import('read-excel-file/universal');
		const sheets = await readXlsx(await blob.arrayBuffer());
		expect(sheets.map((s) => s.sheet)).toEqual([...REPORT_SHEETS]);
		for (const { sheet, data } of sheets) {
			const rows = reportRows(report, sheet as (typeof REPORT_SHEETS)[number]);
			// Empty cells read back as null; everything else exactly as written.
			expect(data, sheet).toEqual(rows.map((row) => row.map((c) => (c === '' ? null : c))));
		}
		// The same rows make the CSV (a formula-looking nickname stays text in both).
		expect(reportToCsv(report, 'students')).toContain(`"'=HYPERLINK(""x"")"`);
		expect(sheets[0].data[1][1]).toBe('=HYPERLINK("x")');
		expect(sheets[0].data[1][2]).toBe(1000);
	});
});
