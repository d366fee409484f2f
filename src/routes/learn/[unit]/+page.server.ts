import { error } from '@sveltejs/kit';
import { loadIndex, loadUnit } from '$lib/bank/loader';
import { lessonContent } from '$lib/features/lesson/lesson.rules';
import { localeOfPath } from '$lib/i18n/locale-url.js';

// Prerender one page per unit so every lesson is precached for offline reading.
export const entries = async () => (await loadIndex()).units.map((u) => ({ unit: u.id }));

/**
 * The lesson in the language of the page's file, rendered into the HTML and carried in it for
 * hydration: the reader's text needs no request after the scripts (and never the other language).
 */
export const load = async ({ params, url }) => {
	const index = await loadIndex();
	const meta = index.units.find((u) => u.id === params.unit);
	if (!meta) error(404, 'Unknown unit');
	// Only what the page reads: the data is carried inline for hydration (issue #14).
	const content = lessonContent(await loadUnit(meta.id, localeOfPath(url.pathname)));
	// Part titles are shown beside a check item's explanation: only its items' parts.
	const parts = new Set(content.items.map((item) => item.source.part));
	return {
		meta: { id: meta.id },
		parts: index.parts.filter((part) => parts.has(part.id)),
		content
	};
};
