import { getStore } from '$lib/progress/progress.svelte';
import { lessonFlowId } from './lesson.rules';
import type { LessonContext } from './lesson.types';

export type LessonStatusSummary =
	{ kind: 'new' } | { kind: 'at'; section: number; total: number } | { kind: 'done' };

/**
 * Where a saved lesson stands: done once it reached its summary (`completed`, kept while
 * sections are re-read; a lesson saved before that field is done when it sits at its summary),
 * else the section it is at. Pure: `snapshot` is the saved flow's persisted snapshot.
 */
export function savedLessonStatus(snapshot: unknown): LessonStatusSummary {
	const saved = snapshot as { value?: unknown; context?: Partial<LessonContext> } | null;
	const context = saved?.context;
	if (!context || !Array.isArray(context.sections)) return { kind: 'new' };
	if (context.completed === true || saved?.value === 'summary') return { kind: 'done' };
	return { kind: 'at', section: (context.sectionIndex ?? 0) + 1, total: context.sections.length };
}

/** Where the learner stands in each unit's lesson, read from the saved lesson flows. */
export async function lessonStatuses(
	units: string[]
): Promise<Record<string, LessonStatusSummary>> {
	const store = await getStore();
	const entries = await Promise.all(
		units.map(async (unit): Promise<[string, LessonStatusSummary]> => {
			const flow = await store.loadFlow(lessonFlowId(unit));
			return [unit, savedLessonStatus(flow?.snapshot ?? null)];
		})
	);
	return Object.fromEntries(entries);
}
