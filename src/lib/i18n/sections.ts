import type { Namespace } from './resources';

/**
 * The UI strings each top-level route section needs beyond the shared ones (common, home), by
 * the section's folder under `src/routes/`. The root layout loads them before the page renders;
 * `sections.spec.ts` checks that every namespace a section's components use is listed here.
 */
export const NAMESPACES_BY_SECTION: Record<string, Namespace[]> = {
	learn: ['learn', 'quiz'],
	glossary: ['glossary'],
	practice: ['practice', 'quiz'],
	review: ['review', 'quiz'],
	session: ['quiz', 'practice', 'review'],
	progress: ['progress', 'quiz'],
	settings: ['settings', 'practice'],
	classroom: ['classroom', 'quiz', 'sets', 'offline'],
	sets: ['sets', 'quiz', 'classroom']
};
