import { ensureNamespaces } from '$lib/i18n/i18n.svelte';
import type { Namespace } from '$lib/i18n/resources';

// Every page is prerendered: the app shell and lessons are static, and the service worker
// precaches them so navigation works with no network.
export const prerender = true;

/** The UI strings each section needs beyond the shared ones (common, home). */
const NAMESPACES_BY_SECTION: Record<string, Namespace[]> = {
	learn: ['learn', 'quiz'],
	practice: ['practice', 'quiz'],
	review: ['review', 'quiz'],
	session: ['quiz', 'practice', 'review'],
	progress: ['progress', 'quiz'],
	settings: ['settings'],
	classroom: ['classroom', 'quiz', 'offline']
};

export const load = async ({ route }) => {
	const section = route.id?.split('/')[1] ?? '';
	await ensureNamespaces(NAMESPACES_BY_SECTION[section] ?? []);
};
