import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import {
	homeworkReport,
	mergeResults,
	parseResultFile,
	resultFileText,
	ResultError,
	type HomeworkResult
} from './homework-results';
import {
	decodeSharedSet,
	encodeSharedSet,
	shareLink,
	ShareError,
	MAX_LINK_CHARS
} from './share-code';
import type { SetEntry } from './set-store';

const own: SetEntry = {
	kind: 'own',
	item: {
		id: 'own-1',
		type: 'truefalse',
		part: '',
		concepts: [],
		difficulty: 2,
		lang: 'zh',
		stem: { zh: '出国留学属于境外消费。', en: '出国留学属于境外消费。' },
		explanation: { zh: '消费者移动。', en: '消费者移动。' },
		answer: true
	}
};
const set = {
	id: 'set-abc123',
	name: '第 3 周作业',
	entries: [
		{ kind: 'bank', unit: 'modes-of-supply', id: 'mode-02' },
		own,
		{ kind: 'draft', id: 'own-2', draft: { stem: 'half' } },
		{ kind: 'drill', drill: 'mode', seed: 5, count: 2 }
	] as SetEntry[]
};

const problemOf = (run: () => unknown) => {
	try {
		run();
		return null;
	} catch (error) {
		return error instanceof ShareError || error instanceof ResultError
			? error.problem
			: String(error);
	}
};

describe('shared set (homework link, QR, file)', () => {
	it('round-trips a set in its order without its drafts, from the text, a link or a file', () => {
		const code = encodeSharedSet(set);
		const expected = { id: set.id, name: set.name, entries: [set.entries[0], own, set.entries[3]] };
		expect(decodeSharedSet(code)).toEqual(expected);
		const link = shareLink('https://class.example', code)!;
		expect(link).toMatch(/^https:\/\/class\.example\/sets\/open#STASET1\./);
		expect(decodeSharedSet(link)).toEqual(expected);
		expect(decodeSharedSet(`\r\n${code}\n`)).toEqual(expected);
		console.log(`shared set of 4 questions (1 own): ${link.length} link characters`);
	});

	it('says a set too large for a link travels as a file', () => {
		const many = Array.from({ length: 60 }, (_, i) => ({
			...own,
			item: {
				...own.item,
				id: `own-${i}`,
				stem: {
					zh: Array.from({ length: 40 }, (_, j) =>
						String.fromCharCode(0x4e00 + ((i * 7919 + j * 104729) % 20000))
					).join(''),
					en: `Q${i}`
				}
			}
		})) as SetEntry[];
		const code = encodeSharedSet({ ...set, entries: many });
		expect(shareLink('https://class.example', code)).toBeNull();
		expect(code.length).toBeGreaterThan(MAX_LINK_CHARS);
		expect(decodeSharedSet(code).entries).toHaveLength(60);
	});

	it('refuses bad codes with a reason', () => {
		const code = encodeSharedSet(set);
		const wrap = (value: unknown) =>
			'STASET1.' +
			btoa(String.fromCharCode(...deflateSync(new TextEncoder().encode(JSON.stringify(value)))))
				.replace(/\+/g, '-')
				.replace(/\//g, '_')
				.replace(/=+$/, '');
		expect(problemOf(() => decodeSharedSet('https://example.com/'))).toBe('not-a-set');
		expect(problemOf(() => decodeSharedSet(code.replace('STASET1', 'STASET2')))).toBe(
			'newer-version'
		);
		expect(problemOf(() => decodeSharedSet(code.slice(0, code.length - 10)))).toBe('corrupt');
		expect(problemOf(() => decodeSharedSet(code.slice(0, 12) + 'AAAA' + code.slice(16)))).toBe(
			'corrupt'
		);
		expect(problemOf(() => encodeSharedSet({ ...set, entries: [set.entries[2]] }))).toBe('empty');
		// Well packed, but empty, malformed or hostile inside.
		expect(problemOf(() => decodeSharedSet(wrap({ id: 'set-x', name: 'x', entries: [] })))).toBe(
			'empty'
		);
		for (const bad of [
			{ id: 'set-x', name: 'x', entries: [{ kind: 'own', item: {} }] },
			{ id: 'set-x', name: 'x', entries: [set.entries[2]] },
			{ id: '../x', name: 'x', entries: [own] },
			{ id: 'set-x', name: 'x'.repeat(500), entries: [own] },
			JSON.parse('{"__proto__":{"id":"set-x"},"name":"x","entries":[]}'),
			[own]
		])
			expect(
				problemOf(() => decodeSharedSet(wrap(bad))),
				JSON.stringify(bad).slice(0, 60)
			).toBe('corrupt');
	});
});

const result = (over: Partial<HomeworkResult> = {}) =>
	resultFileText({
		setId: set.id,
		setName: set.name,
		studentId: 'stu-0001',
		nickname: '王小明',
		finishedAt: 1000,
		answers: [1, 0, 0.5, null],
		...over
	});

describe('homework results', () => {
	const target = { id: set.id, questionCount: 4 };

	it('reads a results file and refuses another set’s, a newer, a damaged or another file', () => {
		expect(parseResultFile(result(), target).nickname).toBe('王小明');
		expect(problemOf(() => parseResultFile(result({ setId: 'set-other' }), target))).toBe(
			'other-set'
		);
		expect(
			problemOf(() => parseResultFile(result().replace('"version":1', '"version":9'), target))
		).toBe('newer-version');
		expect(problemOf(() => parseResultFile(result({ answers: [1, 2, 0, 0] }), target))).toBe(
			'corrupt'
		);
		expect(problemOf(() => parseResultFile(result({ nickname: '\u202Eevil' }), target))).toBe(
			'corrupt'
		);
		expect(problemOf(() => parseResultFile(result({ answers: [1] }), target))).toBe('wrong-length');
		expect(problemOf(() => parseResultFile('question,answer\n1,A', target))).toBe('not-a-result');
		expect(problemOf(() => parseResultFile('x'.repeat(70_000), target))).toBe('not-a-result');
	});

	it('merges distinct students, counts a duplicate once, keeps a newer attempt', () => {
		const a = parseResultFile(result(), target);
		const b = parseResultFile(
			result({ studentId: 'stu-0002', nickname: '王小明', answers: [1, 1, 1, 1] }),
			target
		);
		const aLater = parseResultFile(result({ finishedAt: 2000, answers: [1, 1, 0, 0] }), target);
		const first = mergeResults([], [a, b, a]);
		expect([first.added, first.updated, first.duplicates]).toEqual([2, 0, 1]);
		const second = mergeResults(first.results, [a, aLater]);
		expect([second.added, second.updated, second.duplicates]).toEqual([0, 1, 1]);
		expect(second.results).toHaveLength(2);
		const meta = [0, 1, 2, 3].map((i) => ({
			itemId: `q${i}`,
			unit: 'own',
			type: 'single',
			stem: `Q${i}`
		}));
		const report = homeworkReport(second.results, meta);
		expect(report.students.map((s) => [s.nickname, s.rank, s.correct, s.answered])).toEqual([
			['王小明', 1, 4, 4],
			['王小明', 2, 2, 4]
		]);
		expect(report.questions.map((q) => [q.answered, q.correct])).toEqual([
			[2, 2],
			[2, 2],
			[2, 1],
			[2, 1]
		]);
		expect(report.mostMissed.slice(0, 2)).toEqual([2, 3]);
	});
});
