/**
 * The lesson's pure rules: its first context and what "done with a section" means. Shared by
 * the machine (`lesson.machine.ts`, its guards and actions) and by the first screen
 * (`firstLessonView` in `lesson.view.ts`), which is computed without an actor so that the
 * lesson page paints and hydrates without xstate or the machine (issue #14).
 */
import type { UnitContent } from '$lib/bank/types';
import type { LessonContext, LessonInput } from './lesson.types';

/**
 * The id a unit's lesson place is saved under among the store's flows (`loadFlow`, `saveFlow`,
 * backups): `lesson:<unit id>`. One home: the session saves under it, the lesson page asks
 * whether a place is saved before loading the session, and Learn reads each unit's status.
 */
export function lessonFlowId(unit: string): string {
	return `lesson:${unit}`;
}

/**
 * The machine's input for reading `unit` from the start, opened at `startedAt` (epoch ms) with
 * the option-order seed `orderSeed` (`newOrderSeed()`): the caller reads the clock and the
 * random source, so this stays pure.
 */
export function lessonInput(unit: UnitContent, startedAt: number, orderSeed: number): LessonInput {
	return {
		unit: unit.id,
		sections: unit.lesson.sections.map((s) => ({ id: s.id, check: s.check })),
		items: unit.items,
		startedAt,
		orderSeed
	};
}

/**
 * `unit` as the lesson page needs it: the lesson, and of the unit's items only those its sections
 * check. The page carries its content inline for hydration, and the unit's other items (three
 * quarters of them, for practice) were most of the page's bytes (issue #14). Order is kept.
 */
export function lessonContent(unit: UnitContent): UnitContent {
	const checked = new Set(unit.lesson.sections.flatMap((section) => section.check));
	return { ...unit, items: unit.items.filter((item) => checked.has(item.id)) };
}

/** Indices into `items` of a section's check questions; ids without an item are skipped. */
export function checkIndices(context: Pick<LessonContext, 'items'>, check: readonly string[]) {
	return check
		.map((id) => context.items.findIndex((item) => item.id === id))
		.filter((index) => index >= 0);
}

/** Done with a section: its checks were all answered, or it has none to answer. */
export function isSectionDone(context: LessonContext, index: number): boolean {
	const section = context.sections[index];
	return (
		section !== undefined &&
		(context.checkedSections.includes(section.id) ||
			checkIndices(context, section.check).length === 0)
	);
}

/** A lesson opened from `input`: at its first section, nothing reached beyond, nothing answered. */
export function initialLessonContext(input: LessonInput): LessonContext {
	return {
		unit: input.unit,
		sections: input.sections,
		items: input.items,
		sectionIndex: 0,
		furthest: 0,
		checkedSections: [],
		checkQueue: [],
		checkPosition: 0,
		answers: [],
		startedAt: input.startedAt,
		orderSeed: (input.orderSeed ?? input.startedAt) >>> 0,
		now: input.startedAt,
		shownAt: input.startedAt,
		saveError: null,
		completed: input.completed ?? false
	};
}
