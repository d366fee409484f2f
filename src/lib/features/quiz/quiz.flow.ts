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
	recordedAnswers({ value, context }) {
		const c = context as Partial<QuizContext> | undefined;
		const answers = Array.isArray(c?.answers) ? c.answers.length : 0;
		// An exam's answers are stored when it is submitted; until then none are in the history.
		if (c?.mode === 'exam') return value === 'finished' ? answers : 0;
		// Practice: every answer before feedback is stored; one being saved may not be yet.
		const saving = JSON.stringify(value).includes('sav');
		return Math.max(0, answers - (saving ? 1 : 0));
	}
};
