import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import type { AnswerRecord } from '../answering/types';
import {
	buildResult,
	homeworkReport,
	mergeResults,
	parseResultFile,
	resultFileText,
	ResultError,
	setFingerprint,
	type FinishedHomework,
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
import { bankEntry, drillEntry, ownEntry } from './sets.fixtures';

const own = ownEntry;
const set = {
	id: 'set-abc123',
	name: '第 3 周作业',
	entries: [
		bankEntry,
		own,
		{ kind: 'draft', id: 'own-2', draft: { stem: 'half' } },
		drillEntry
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
		const expected = {
			id: set.id,
			name: set.name,
			entries: [set.entries[0], own, set.entries[3]],
			order: 'fixed'
		};
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

/** Four questions of the set, in its order, as the student's device resolves them. */
const itemIds = ['mode-02', 'own-1', 'drill-a', 'drill-b'];
const record = (itemId: string, fraction: number, ms = 4000, at = 2000): AnswerRecord => ({
	itemId,
	unit: 'own',
	response: { type: 'truefalse', value: true },
	score: { correct: fraction === 1, fraction },
	ms,
	at
});
const finished = (over: Partial<FinishedHomework> = {}): HomeworkResult =>
	buildResult({
		set,
		itemIds,
		answers: [record('mode-02', 1), record('own-1', 0), record('drill-a', 0.5)],
		studentId: 'stu-0001',
		nickname: '王小明',
		mode: 'practice',
		startedAt: 1000,
		finishedAt: 9000,
		...over
	});

describe('homework results', () => {
	const target = { id: set.id, itemIds };

	it('round-trips: the file a finished session writes is what the instructor reads', () => {
		const result = finished({
			// A question answered twice in practice: the last answer stands.
			answers: [record('own-1', 0, 100, 1500), record('mode-02', 1), record('own-1', 1, 900)]
		});
		const read = parseResultFile(resultFileText(result), target);
		expect(read).toEqual(result);
		expect(read.questions.map((q) => [q.itemId, q.answer?.score ?? null, q.answer?.ms])).toEqual([
			['mode-02', 1, 4000],
			['own-1', 1, 900],
			['drill-a', null, undefined],
			['drill-b', null, undefined]
		]);
		expect(read.setVersion).toBe(setFingerprint(itemIds));
		// With a BOM, as some editors save it.
		expect(parseResultFile('\uFEFF' + resultFileText(result), target)).toEqual(result);
	});

	it('writes nothing that the reader would refuse', () => {
		expect(() => finished({ nickname: '\u202Eevil' })).toThrow();
		expect(() => finished({ studentId: 'x' })).toThrow();
		expect(() => resultFileText({ ...finished(), setId: '../x' })).toThrow();
	});

	it('refuses another set’s, a changed set’s, a newer, a damaged or another file', () => {
		const text = (over: Record<string, unknown>) => JSON.stringify({ ...finished(), ...over });
		expect(problemOf(() => parseResultFile(text({ setId: 'set-other' }), target))).toBe(
			'other-set'
		);
		expect(problemOf(() => parseResultFile(text({ version: 9 }), target))).toBe('newer-version');
		const bad = finished().questions.map((q) => ({
			...q,
			answer: { response: 1, score: 2, ms: 0 }
		}));
		expect(problemOf(() => parseResultFile(text({ questions: bad }), target))).toBe('corrupt');
		expect(problemOf(() => parseResultFile(text({ nickname: '\u202Eevil' }), target))).toBe(
			'corrupt'
		);
		expect(problemOf(() => parseResultFile(text({ extra: 1 }), target))).toBe('corrupt');
		expect(
			problemOf(() => parseResultFile(text({}), { id: set.id, itemIds: itemIds.slice(0, 3) }))
		).toBe('set-changed');
		expect(
			problemOf(() => parseResultFile(text({}), { id: set.id, itemIds: [...itemIds].reverse() }))
		).toBe('set-changed');
		expect(problemOf(() => parseResultFile('question,answer\n1,A', target))).toBe('not-a-result');
		expect(problemOf(() => parseResultFile('x'.repeat(600_000), target))).toBe('not-a-result');
	});

	it('merges distinct students, counts the same file once, keeps a newer attempt', () => {
		const read = (r: HomeworkResult) => parseResultFile(resultFileText(r), target);
		const a = read(finished());
		const b = read(
			finished({
				studentId: 'stu-0002',
				answers: itemIds.map((id) => record(id, 1, 2500))
			})
		);
		const aLater = read(
			finished({ finishedAt: 20_000, answers: [record('mode-02', 1), record('own-1', 1)] })
		);
		const first = mergeResults([], [a, b, a]);
		expect([first.added, first.updated, first.duplicates]).toEqual([2, 0, 1]);
		const second = mergeResults(first.results, [a, aLater]);
		expect([second.added, second.updated, second.duplicates]).toEqual([0, 1, 1]);
		expect(second.results).toHaveLength(2);
		const meta = itemIds.map((itemId, i) => ({
			itemId,
			unit: 'own',
			type: 'single',
			stem: `Q${i}`
		}));
		const report = homeworkReport(second.results, meta);
		expect(report.students.map((s) => [s.nickname, s.rank, s.correct, s.answered])).toEqual([
			['王小明', 1, 4, 4],
			['王小明', 2, 2, 2]
		]);
		expect(report.students[0].answers[0]).toEqual({
			correct: true,
			fraction: 1,
			points: 0,
			ms: 2500
		});
		expect(report.questions.map((q) => [q.answered, q.correct])).toEqual([
			[2, 2],
			[2, 2],
			[1, 1],
			[1, 1]
		]);
	});
});
