import { describe, expect, it } from 'vitest';
import type { RoomReport } from './protocol';
import { reportSheets, reportToXlsx } from './report-xlsx';

const report: RoomReport = {
	questions: [
		{
			index: 0,
			itemId: 'mode-01',
			unit: 'modes-of-supply',
			stem: '跨境交付？',
			type: 'single',
			skipped: false,
			answered: 2,
			correct: 1,
			accuracy: 0.5
		},
		{
			index: 1,
			itemId: 'own-x',
			unit: 'own',
			stem: 'Own',
			type: 'cloze',
			skipped: false,
			answered: 1,
			correct: 1,
			accuracy: 1
		}
	],
	students: [
		{
			playerId: 'p1',
			nickname: '王小明',
			rank: 1,
			points: 2000,
			correct: 2,
			answered: 2,
			removed: false,
			left: false,
			joins: 1,
			answers: [
				{ correct: true, fraction: 1, points: 1000, ms: 3000 },
				{ correct: true, fraction: 1, points: 1000, ms: 2000 }
			]
		},
		{
			playerId: 'p2',
			nickname: '=cmd',
			rank: 2,
			points: 500,
			correct: 0,
			answered: 1,
			removed: false,
			left: true,
			joins: 2,
			answers: [{ correct: false, fraction: 0.5, points: 500, ms: 9000 }, null]
		}
	],
	mostMissed: [0, 1]
};

describe('report workbook', () => {
	it('has students × questions with scores and the per-question summary', () => {
		const [students, questions] = reportSheets(report);
		expect(students.rows[0]).toEqual([
			'rank',
			'nickname',
			'points',
			'correct',
			'answered',
			'status',
			'Q1 %',
			'Q2 %'
		]);
		expect(students.rows[1]).toEqual([1, '王小明', 2000, 2, 2, '', 100, 100]);
		expect(students.rows[2]).toEqual([2, '=cmd', 500, 0, 1, 'left', 50, null]);
		expect(questions.rows[1]).toEqual([
			1,
			'mode-01',
			'modes-of-supply',
			'single',
			'跨境交付？',
			2,
			1,
			50,
			'',
			1
		]);
	});

	it('writes a real XLSX file (a ZIP) with both sheets', async () => {
		const blob = await reportToXlsx(report);
		const bytes = new Uint8Array(await blob.arrayBuffer());
		expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
		const { unzipSync, strFromU8 } = await import('fflate');
		const files = unzipSync(bytes);
		expect(strFromU8(files['xl/workbook.xml'])).toMatch(/Students[\s\S]*Questions/);
		// A nickname that looks like a formula stays text (a shared string, not a formula).
		expect(strFromU8(files['xl/worksheets/sheet1.xml'])).not.toMatch(/<f>/);
	});
});
