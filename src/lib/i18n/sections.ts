import type { Namespace } from './resources';

/**
 * The UI strings each route section needs beyond the shared ones (common, home), by the
 * section's folder under `src/routes/`. A nested folder (`classroom/join`) may have its own
 * entry, so a page that needs less downloads less. The root layout loads them before the page
 * renders; `sections.spec.ts` checks that every namespace a section's components use is listed.
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
	// A student's phone: the join form and the questions, not the instructor's set tools.
	'classroom/join': ['classroom', 'quiz'],
	sets: ['sets', 'quiz', 'classroom']
};

/** The namespaces of the page at `routeId` ("/classroom/join"): its deepest listed section's. */
export function namespacesFor(routeId: string | null): Namespace[] {
	const folders = (routeId ?? '').split('/').filter(Boolean);
	for (let depth = folders.length; depth > 0; depth--) {
		const found = NAMESPACES_BY_SECTION[folders.slice(0, depth).join('/')];
		if (found) return found;
	}
	return [];
}
