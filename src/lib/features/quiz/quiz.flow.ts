import { fittingResponse, isAnswerRecord } from '$lib/answering/marking';
import type { Response } from '$lib/bank/types';
import { addOrderSeed, type FlowMachine } from '$lib/flows/flow-host';
import type { QuizContext } from './quiz.types';

/** Exam snapshots are saved at least this often while the clock runs, to bound `clock.resume`. */
export const EXAM_SAVE_EVERY_MS = 5_000;

/**
 * The quiz machine as the flow host knows it. Version 1 is the shape saved before flows carried
 * a version (fixture: `fixtures/practice-v1.json`, `fixtures/exam-v1.json`); version 2 added the option-order seed (`addOrderSeed`).
 */
export const QUIZ_FLOW: FlowMachine = {
	id: 'quiz',
	version: 2,
	migrations: { 1: addOrderSeed },
	saveKey({ value, context }) {
		const c = context as QuizContext;
		return JSON.stringify([
			value,
			c.position,
			c.answers.length,
			c.queue.length,
			c.drafts,
			c.deadline === null ? 0 : Math.floor(c.now / EXAM_SAVE_EVERY_MS)
		]);
	},
	/**
	 * Answers: every scored one (practice: each was stored before the learner moved on from it,
	 * except perhaps the one being saved; an exam: the paper once submitted). An exam not yet submitted: its
	 * drafts for questions still in the paper, its deadline (no time given back) and its place
	 * are carried into the fresh run, so the learner checks them and submits.
	 */
	salvage(old, fresh) {
		const c = (old.context ?? {}) as Partial<Record<keyof QuizContext, unknown>>;
		const answers = Array.isArray(c.answers) ? c.answers.filter(isAnswerRecord) : [];
		const base = fresh as unknown as QuizContext;
		const drafts = typeof c.drafts === 'object' && c.drafts !== null ? c.drafts : {};
		const draftEntries = Object.entries(drafts as Record<string, unknown>);
		if (base.mode !== 'exam' || c.mode !== 'exam' || answers.length > 0)
			return { answers, context: {}, carried: 0, dropped: 0 };
		const kept: Record<string, Response> = {};
		for (const [id, draft] of draftEntries) {
			const item = base.items.find((i) => i.id === id);
			const response = item && fittingResponse(item, draft);
			if (response) kept[id] = response;
		}
		const context: Partial<QuizContext> = { drafts: kept };
		const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
		const [deadline, now] = [number(c.deadline), number(c.now)];
		if (base.deadline !== null && deadline !== null && now !== null && now <= deadline)
			Object.assign(context, { deadline, now, shownAt: now });
		const position = number(c.position);
		if (position !== null && Number.isInteger(position) && position < base.queue.length)
			context.position = Math.max(0, position);
		const carried = Object.keys(kept).length;
		return { answers: [], context, carried, dropped: draftEntries.length - carried };
	}
};
