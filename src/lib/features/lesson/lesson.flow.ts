import { addOrderSeed, type FlowMachine, type PersistedSnapshot } from '$lib/flows/flow-host';
import type { LessonContext } from './lesson.types';

/**
 * Version 2 → 3: a finished lesson stays open. The summary was a final state, saved with
 * `status: 'done'`, which the host cannot resume, so reopening a finished lesson started it
 * over and the unit fell back to "section 1". A lesson at its summary becomes a running one
 * with `completed: true`; any other gets `completed: false`.
 */
export function addCompleted(snapshot: PersistedSnapshot): PersistedSnapshot | null {
	if (!snapshot.context) return null;
	const atSummary = snapshot.value === 'summary';
	return {
		...snapshot,
		status: atSummary ? 'active' : snapshot.status,
		context: { ...snapshot.context, completed: atSummary }
	};
}

/**
 * The lesson machine as the flow host knows it. Version 1 is the shape saved before flows carried
 * a version (fixture: `fixtures/lesson-v1.json`); version 2 added the option-order seed
 * (`addOrderSeed`); version 3 keeps a finished lesson open (`addCompleted`; fixture:
 * `fixtures/lesson-v2.json`, a lesson at its summary).
 */
export const LESSON_FLOW: FlowMachine = {
	id: 'lesson',
	version: 3,
	migrations: { 1: addOrderSeed, 2: addCompleted },
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
			c.saveError,
			c.completed
		]);
	},
	recordedAnswers({ value, context }) {
		const answers = (context as Partial<LessonContext> | undefined)?.answers;
		const saving = JSON.stringify(value).includes('sav');
		return Math.max(0, (Array.isArray(answers) ? answers.length : 0) - (saving ? 1 : 0));
	}
};
