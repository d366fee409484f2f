import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { Item } from '$lib/bank/types';
import { trueFalseWords } from '$lib/server/classroom/report-words';
import { DEFAULT_SETTINGS } from './protocol';
import { reportRows, reportToCsv } from './report-csv';
import { roomMachine } from './room/room.machine';
import type { RoomEvent } from './room/room.types';
import { buildReport } from './room/room.view';

const base = {
	unit: 'u',
	part: '1',
	concepts: [],
	difficulty: 1 as const,
	explanation: '因为。',
	source: { part: '1', quote: 'q' }
};

/** One item of every type a room can ask, labels in Chinese, some that look like formulas. */
const items: Item[] = [
	{
		...base,
		id: 'single',
		type: 'single',
		stem: '选 B',
		options: [
			{ id: 'a', label: '跨境交付' },
			{ id: 'b', label: '=境外消费' }
		],
		answer: 'b'
	},
	{
		...base,
		id: 'multiple',
		type: 'multiple',
		stem: '选两个',
		options: [
			{ id: 'a', label: '信息技术外包' },
			{ id: 'b', label: '业务流程外包' },
			{ id: 'c', label: '知识流程外包' }
		],
		answer: ['a', 'c']
	},
	{ ...base, id: 'tf-true', type: 'truefalse', stem: '对吗？', answer: true },
	{ ...base, id: 'tf-false', type: 'truefalse', stem: '错吗？', answer: false },
	{
		...base,
		id: 'matching',
		type: 'matching',
		stem: '连线',
		pairs: [
			{ left: '模式一', right: '跨境交付' },
			{ left: '模式二', right: '境外消费, "出境"' }
		]
	},
	{
		...base,
		id: 'classify',
		type: 'classify',
		stem: '归类',
		dimensions: [
			{
				family: 'mode',
				label: '供应模式',
				options: [
					{ id: 'm1', label: '模式一' },
					{ id: 'm2', label: '模式二' }
				],
				answer: 'm2'
			}
		]
	},
	{ ...base, id: 'cloze', type: 'cloze', stem: '填空', accept: ['-3%', '负百分之三'] }
];

/** A room that asked every item and ended: the report as the host downloads it. */
function endedRoom() {
	let [snapshot] = initialTransition(roomMachine, {
		roomId: 'room-key',
		pin: '123456',
		settings: DEFAULT_SETTINGS,
		questions: items.map((item) => ({
			item,
			rightOrder: item.type === 'matching' ? [1, 0] : undefined
		})),
		createdAt: 0
	});
	const events: RoomEvent[] = [
		{ type: 'player.join', playerId: 'p1', nickname: 'Ann', rejoinCode: 'ABCDE', at: 1 },
		{ type: 'host.start', at: 2 },
		...items.slice(1).flatMap((_, i): RoomEvent[] => [
			{ type: 'host.reveal', at: 10 + i * 2 },
			{ type: 'host.next', at: 11 + i * 2 }
		]),
		{ type: 'host.end', at: 100 }
	];
	for (const event of events) [snapshot] = transition(roomMachine, snapshot, event);
	return snapshot.context;
}

describe('questions.csv: the key in words', () => {
	it('has a key column, in the room language, for every item type', () => {
		const report = buildReport(endedRoom(), trueFalseWords('zh-CN'));
		const [header, ...rows] = reportRows(report, 'questions');
		const column = header.indexOf('key');
		expect(column).toBeGreaterThan(header.indexOf('stem'));
		expect(Object.fromEntries(rows.map((row) => [row[1], row[column]]))).toEqual({
			single: '=境外消费',
			multiple: '信息技术外包 · 知识流程外包',
			'tf-true': '正确',
			'tf-false': '错误',
			matching: '模式一 → 跨境交付; 模式二 → 境外消费, "出境"',
			classify: '供应模式: 模式二',
			cloze: '-3% / 负百分之三'
		});
		// The same room's report in English words where the room was English.
		const english = buildReport(endedRoom(), trueFalseWords('en'));
		expect(english.questions.map((q) => q.key).slice(2, 4)).toEqual(['True', 'False']);
	});

	it('stays well-formed CSV (RFC 4180) and formula-safe with the key column', () => {
		const csv = reportToCsv(buildReport(endedRoom(), trueFalseWords('zh-CN')), 'questions');
		const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
		expect(parsed.errors).toEqual([]);
		const [header, ...rows] = parsed.data;
		expect(rows.every((row) => row.length === header.length)).toBe(true);
		const keyOf = (id: string) => rows.find((row) => row[1] === id)![header.indexOf('key')];
		// A key that a spreadsheet would run as a formula stays text.
		expect(keyOf('single')).toBe("'=境外消费");
		expect(keyOf('cloze')).toBe("'-3% / 负百分之三");
		expect(keyOf('matching')).toBe('模式一 → 跨境交付; 模式二 → 境外消费, "出境"');
	});

	it('leaves the key empty for a report saved before it had one', () => {
		const report = buildReport(endedRoom(), trueFalseWords('en'));
		const old = { ...report, questions: report.questions.map(({ key: _, ...q }) => q) };
		const [header, first] = reportRows(old, 'questions');
		expect(first[header.indexOf('key')]).toBe('');
	});
});
