import { isAnswerRecord } from '$lib/answering/marking';
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
	/**
	 * Answers: every check answer given (recorded again, once each). The place: the sections
	 * reached and checked (those this version still has), resumed at reading the section the
	 * learner was on, or the summary of a finished lesson, so the lesson list keeps its status.
	 */
	salvage(old, fresh) {
		const c = (old.context ?? {}) as Partial<Record<keyof LessonContext, unknown>>;
		const answers = Array.isArray(c.answers) ? c.answers.filter(isAnswerRecord) : [];
		const { sections } = fresh as unknown as LessonContext;
		const oldSections = Array.isArray(c.sections) ? (c.sections as { id?: unknown }[]) : [];
		// Sections are matched by id: a later edition may have added or removed some.
		const indexOf = (i: unknown) =>
			typeof i === 'number' ? sections.findIndex((s) => s.id === oldSections[i]?.id) : -1;
		const furthest = indexOf(c.furthest);
		if (furthest < 0) return { answers, context: {}, carried: 0, dropped: 0 };
		const here = indexOf(c.sectionIndex);
		const checked = Array.isArray(c.checkedSections)
			? sections.filter((s) => (c.checkedSections as unknown[]).includes(s.id)).map((s) => s.id)
			: [];
		const context: Partial<LessonContext> = {
			furthest,
			sectionIndex: here >= 0 && here <= furthest ? here : furthest,
			checkedSections: checked
		};
		const finished = old.value === 'summary' && furthest === sections.length - 1;
		return { answers, context, value: finished ? 'summary' : undefined, carried: 1, dropped: 0 };
	}
};
