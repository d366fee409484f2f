import { getStore } from '$lib/progress/progress.svelte';
import type { LessonContext } from './lesson.types';

export type LessonStatusSummary =
	{ kind: 'new' } | { kind: 'at'; section: number; total: number } | { kind: 'done' };

/** Where the learner stands in each unit's lesson, read from the saved lesson flows. */
export async function lessonStatuses(
	units: string[]
): Promise<Record<string, LessonStatusSummary>> {
	const store = await getStore();
	const entries = await Promise.all(
		units.map(async (unit): Promise<[string, LessonStatusSummary]> => {
			const flow = await store.loadFlow(`lesson:${unit}`);
			const snapshot = flow?.snapshot as { value?: unknown; context?: LessonContext } | null;
			const context = snapshot?.context;
			if (!context) return [unit, { kind: 'new' }];
			if (snapshot?.value === 'summary') return [unit, { kind: 'done' }];
			return [
				unit,
				{ kind: 'at', section: context.sectionIndex + 1, total: context.sections.length }
			];
		})
	);
	return Object.fromEntries(entries);
}
