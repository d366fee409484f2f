import { addOrderSeed, type FlowMachine } from '$lib/flows/flow-host';
import type { LessonContext } from './lesson.types';

/**
 * The lesson machine as the flow host knows it. Version 1 is the shape saved before flows carried
 * a version (fixture: `fixtures/lesson-v1.json`); version 2 added the option-order seed (`addOrderSeed`).
 */
export const LESSON_FLOW: FlowMachine = {
	id: 'lesson',
	version: 2,
	migrations: { 1: addOrderSeed },
	saveKey({ value, context }) {
		// The place, not the (large, localised) items nor the clock.
		const c = context as LessonContext;
		return JSON.stringify([
			value,
			c.sectionIndex,
			c.furthest,
			c.checkedSections,
			c.checkQueue,
			c.checkPosition,
			c.answers.length,
			c.saveError
		]);
	},
	recordedAnswers({ value, context }) {
		const answers = (context as Partial<LessonContext> | undefined)?.answers;
		const saving = JSON.stringify(value).includes('sav');
		return Math.max(0, (Array.isArray(answers) ? answers.length : 0) - (saving ? 1 : 0));
	}
};
