/**
 * Homework results: the small file a student's device writes after practising or sitting an exam
 * on a shared set, and how the instructor's device merges many of them into one per-student ×
 * per-question table (a classroom report, so the same screens and XLSX/CSV exports serve it; kept
 * with the set).
 *
 * File: UTF-8 JSON, one schema (`homeworkResultSchema`) for the writer and the reader:
 * `{ format: 'sta-homework-result', version: 1, setId, setVersion, setName, studentId, nickname,
 * mode, startedAt, finishedAt, questions }`, `questions[i]` the set's question i (its item id) with
 * the student's last answer to it (response, score 0..1, ms spent) or null if not answered.
 * `studentId` is random per device, so two students with one nickname stay apart and the same
 * file imported twice counts once (a newer attempt by the same student replaces the older).
 * `setVersion` is the fingerprint of the set's questions as shared (`setFingerprint`); a file is
 * accepted when its question ids are the set's, in order.
 */
import { z } from 'zod';
import { hash32 } from '../bank/generators/random';
import type { AnswerRecord } from '../answering/types';
import { nicknameSchema } from '../classroom/nickname.schema';
import type { RoomReport } from '../classroom/protocol';

export const RESULT_FORMAT = 'sta-homework-result';
export const RESULT_VERSION = 1;
/** A results file of the largest set (500 questions with responses) is far smaller than this. */
export const MAX_RESULT_FILE_BYTES = 512 * 1024;
/** Most questions a results file may list (a shared set unpacks to at most 512 KB). */
export const MAX_RESULT_QUESTIONS = 500;
const DAY_MS = 86_400_000;

const epochMs = z.number().int().nonnegative();

/** One question of the set and the student's final answer to it (null: not answered). */
const resultQuestionSchema = z.strictObject({
	itemId: z.string().min(1).max(120),
	answer: z
		.strictObject({
			/** The response as the flows store it (`Response` of `$lib/bank/types`), for the record. */
			response: z.unknown(),
			/** 0..1, partial credit included (`Score.fraction`). */
			score: z.number().min(0).max(1),
			/** Time from the question shown to the answer given, in ms. */
			ms: z.number().int().min(0).max(DAY_MS)
		})
		.nullable()
});

/** The results file, checked the same way when written and when read. */
export const homeworkResultSchema = z.strictObject({
	format: z.literal(RESULT_FORMAT),
	version: z.literal(RESULT_VERSION),
	setId: z.string().regex(/^set-[a-z0-9]{1,40}$/),
	setVersion: z.string().regex(/^[0-9a-f]{8}$/),
	setName: z.string().max(200),
	studentId: z.string().regex(/^[A-Za-z0-9_-]{6,40}$/),
	nickname: nicknameSchema,
	mode: z.enum(['practice', 'exam']),
	startedAt: epochMs,
	finishedAt: epochMs,
	questions: z.array(resultQuestionSchema).min(1).max(MAX_RESULT_QUESTIONS)
});

export type HomeworkResult = z.infer<typeof homeworkResultSchema>;

export type ResultProblem =
	'not-a-result' | 'newer-version' | 'other-set' | 'set-changed' | 'corrupt';

export class ResultError extends Error {
	constructor(readonly problem: ResultProblem) {
		super(`Homework result: ${problem}.`);
		this.name = 'ResultError';
	}
}

/** The version of a set's questions: 8 hex digits of FNV-1a over its item ids in order. */
export function setFingerprint(itemIds: readonly string[]): string {
	return hash32(itemIds.join('\n')).toString(16).padStart(8, '0');
}

/** What the student's device knows when a session on a shared set finishes. */
export interface FinishedHomework {
	set: { id: string; name: string };
	/** The set's item ids in the set's order (not the order asked). */
	itemIds: readonly string[];
	/** Every answer of the session (a question answered twice: the last one stands). */
	answers: readonly AnswerRecord[];
	studentId: string;
	nickname: string;
	mode: 'practice' | 'exam';
	startedAt: number;
	finishedAt: number;
}

/** The result of a finished session, in the set's order. Throws a ZodError if it is not valid. */
export function buildResult(done: FinishedHomework): HomeworkResult {
	const last = new Map(done.answers.map((a) => [a.itemId, a]));
	return homeworkResultSchema.parse({
		format: RESULT_FORMAT,
		version: RESULT_VERSION,
		setId: done.set.id,
		setVersion: setFingerprint(done.itemIds),
		setName: done.set.name.slice(0, 200),
		studentId: done.studentId,
		nickname: done.nickname,
		mode: done.mode,
		startedAt: Math.round(done.startedAt),
		finishedAt: Math.round(done.finishedAt),
		questions: done.itemIds.map((itemId) => {
			const a = last.get(itemId);
			return {
				itemId,
				answer: a
					? {
							response: a.response,
							score: a.score.fraction,
							ms: Math.min(DAY_MS, Math.max(0, Math.round(a.ms)))
						}
					: null
			};
		})
	});
}

/** The file's text for a result (checked against the schema first). */
export function resultFileText(result: HomeworkResult): string {
	return JSON.stringify(homeworkResultSchema.parse(result));
}

/**
 * A results file checked against the set it must belong to (`itemIds`: the set's questions in
 * order). Throws ResultError: `not-a-result` (another file, or far too large), `newer-version`,
 * `other-set` (a result of another set), `set-changed` (its questions are no longer the set's)
 * or `corrupt`.
 */
export function parseResultFile(
	text: string,
	set: { id: string; itemIds: readonly string[] }
): HomeworkResult {
	if (text.length > MAX_RESULT_FILE_BYTES) throw new ResultError('not-a-result');
	let v: unknown;
	try {
		v = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		throw new ResultError('not-a-result');
	}
	const head = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
	if (head.format !== RESULT_FORMAT) throw new ResultError('not-a-result');
	if (typeof head.version !== 'number' || head.version > RESULT_VERSION)
		throw new ResultError('newer-version');
	if (head.setId !== set.id) throw new ResultError('other-set');
	const parsed = homeworkResultSchema.safeParse(v);
	if (!parsed.success) throw new ResultError('corrupt');
	const ids = parsed.data.questions.map((q) => q.itemId);
	if (ids.length !== set.itemIds.length || ids.some((id, i) => id !== set.itemIds[i]))
		throw new ResultError('set-changed');
	return parsed.data;
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
 * screen and the XLSX/CSV exports serve it): ranked by questions fully right, with each answer's
 * score and time; no points (homework is not a race).
 */
export function homeworkReport(
	results: readonly HomeworkResult[],
	questions: readonly QuestionMeta[]
): RoomReport {
	const students = results.map((r) => {
		const answers = questions.map((_, i) => {
			const a = r.questions[i]?.answer ?? null;
			return a === null ? null : { correct: a.score === 1, fraction: a.score, points: 0, ms: a.ms };
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
