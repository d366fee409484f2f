import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { loadIndex, loadUnit } from '$lib/bank/loader';
import { currentLocale } from '$lib/i18n/i18n.svelte';
import { isLocale } from '$lib/i18n/locale';

// Prerender one page per unit so every lesson is precached for offline reading.
export const entries = async () => (await loadIndex()).units.map((u) => ({ unit: u.id }));

export const load = async ({ params }) => {
	const index = await loadIndex();
	const meta = index.units.find((u) => u.id === params.unit);
	if (!meta) error(404, 'Unknown unit');
	// While hydrating a prerendered (Chinese) page for an English reader, fetch the English
	// text alongside instead of after: the page switches to it right away.
	if (browser && isLocale(document.documentElement.lang)) {
		void loadUnit(meta.id, document.documentElement.lang);
	}
	return { meta, parts: index.parts, content: await loadUnit(meta.id, currentLocale()) };
};
