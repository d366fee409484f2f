/**
 * Homework results: the small file a student's device writes after working through a shared set,
 * and how the instructor's device merges many of them into one per-student × per-question table
 * (a classroom report, so the same screens and XLSX/CSV exports serve it; kept with the set).
 *
 * File: UTF-8 JSON `{ format: 'sta-homework-result', version: 1, setId, setName, studentId,
 * nickname, finishedAt, answers }`, `answers[i]` the score (0..1) of question i, null if skipped.
 * `studentId` is random per device and set, so two students with one nickname stay apart and the
 * same file imported twice counts once (a newer attempt by the same student replaces the older).
 */
import { nicknameSchema } from '../classroom/nickname.schema';
import type { RoomReport } from '../classroom/protocol';

export const RESULT_FORMAT = 'sta-homework-result';
export const RESULT_VERSION = 1;
/** A results file is a few KB; anything far larger is not one. */
export const MAX_RESULT_FILE_BYTES = 64 * 1024;

export interface HomeworkResult {
	format: typeof RESULT_FORMAT;
	version: number;
	setId: string;
	setName: string;
	studentId: string;
	nickname: string;
	/** ms since the epoch. */
	finishedAt: number;
	answers: (number | null)[];
}

export type ResultProblem =
	'not-a-result' | 'newer-version' | 'other-set' | 'wrong-length' | 'corrupt';

export class ResultError extends Error {
	constructor(readonly problem: ResultProblem) {
		super(`Homework result: ${problem}.`);
		this.name = 'ResultError';
	}
}

/** The file's text for a student's finished homework. */
export function resultFileText(result: Omit<HomeworkResult, 'format' | 'version'>): string {
	return JSON.stringify({ format: RESULT_FORMAT, version: RESULT_VERSION, ...result });
}

/**
 * A results file checked against the set it must belong to. Throws ResultError: `not-a-result`
 * (another file), `newer-version`, `other-set` (a result of another set), `wrong-length` (the set
 * changed since it was shared) or `corrupt`.
 */
export function parseResultFile(
	text: string,
	set: { id: string; questionCount: number }
): HomeworkResult {
	if (text.length > MAX_RESULT_FILE_BYTES) throw new ResultError('not-a-result');
	let v: Record<string, unknown>;
	try {
		v = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
	} catch {
		throw new ResultError('not-a-result');
	}
	if (typeof v !== 'object' || v === null || v.format !== RESULT_FORMAT)
		throw new ResultError('not-a-result');
	if (typeof v.version !== 'number' || v.version > RESULT_VERSION)
		throw new ResultError('newer-version');
	if (v.setId !== set.id) throw new ResultError('other-set');
	const nickname = nicknameSchema.safeParse(v.nickname);
	const answers = v.answers;
	if (
		!nickname.success ||
		typeof v.studentId !== 'string' ||
		!/^[A-Za-z0-9_-]{6,40}$/.test(v.studentId) ||
		!Number.isFinite(v.finishedAt) ||
		!Array.isArray(answers) ||
		!answers.every((a) => a === null || (typeof a === 'number' && a >= 0 && a <= 1))
	)
		throw new ResultError('corrupt');
	if (answers.length !== set.questionCount) throw new ResultError('wrong-length');
	return {
		format: RESULT_FORMAT,
		version: RESULT_VERSION,
		setId: set.id,
		setName: typeof v.setName === 'string' ? v.setName.slice(0, 200) : '',
		studentId: v.studentId,
		nickname: nickname.data,
		finishedAt: v.finishedAt as number,
		answers: answers as (number | null)[]
	};
}

/** What a question of the set is, for the report's per-question rows. */
export interface QuestionMeta {
	itemId: string;
	unit: string;
	type: string;
	stem: string;
}

/**
 * Merges results into the ones already imported: one per distinct student (`studentId`), their
 * latest attempt standing; the same file twice changes nothing. Returns the merged list and how
 * many were new students, newer attempts, or duplicates.
 */
export function mergeResults(
	previous: readonly HomeworkResult[],
	incoming: readonly HomeworkResult[]
): { results: HomeworkResult[]; added: number; updated: number; duplicates: number } {
	const byStudent = new Map(previous.map((r) => [r.studentId, r]));
	let added = 0;
	let updated = 0;
	let duplicates = 0;
	for (const r of incoming) {
		const have = byStudent.get(r.studentId);
		if (have && have.finishedAt >= r.finishedAt) duplicates++;
		else {
			if (have) updated++;
			else added++;
			byStudent.set(r.studentId, r);
		}
	}
	return { results: [...byStudent.values()], added, updated, duplicates };
}

/**
 * The per-student × per-question table of homework results, as a classroom report (so the report
 * screen and the XLSX/CSV exports serve it): ranked by questions fully right, no points or times.
 */
export function homeworkReport(
	results: readonly HomeworkResult[],
	questions: readonly QuestionMeta[]
): RoomReport {
	const students = results.map((r) => {
		const answers = questions.map((_, i) => {
			const f = r.answers[i] ?? null;
			return f === null ? null : { correct: f === 1, fraction: f, points: 0, ms: 0 };
		});
		return {
			playerId: r.studentId,
			nickname: r.nickname,
			rank: 0 as number | null,
			points: 0,
			correct: answers.filter((a) => a?.correct).length,
			answered: answers.filter((a) => a !== null).length,
			removed: false,
			left: false,
			joins: 1,
			answers
		};
	});
	students.sort((a, b) => b.correct - a.correct || a.nickname.localeCompare(b.nickname));
	students.forEach((s, i) => {
		s.rank = i > 0 && students[i - 1].correct === s.correct ? students[i - 1].rank : i + 1;
	});
	const rows = questions.map((q, index) => {
		const answered = students.filter((s) => s.answers[index] !== null).length;
		const correct = students.filter((s) => s.answers[index]?.correct).length;
		return {
			index,
			...q,
			skipped: false,
			answered,
			correct,
			accuracy: answered ? correct / answered : null
		};
	});
	const mostMissed = rows
		.filter((q) => q.accuracy !== null)
		.sort((a, b) => a.accuracy! - b.accuracy! || a.index - b.index)
		.map((q) => q.index);
	return { questions: rows, students, mostMissed };
}
