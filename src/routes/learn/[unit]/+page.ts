import { error } from '@sveltejs/kit';
import { loadIndex, loadUnit } from '$lib/bank/loader';
import { currentLocale } from '$lib/i18n/i18n.svelte';

// Prerender one page per unit so every lesson is precached for offline reading.
export const entries = async () => (await loadIndex()).units.map((u) => ({ unit: u.id }));

export const load = async ({ params }) => {
	const index = await loadIndex();
	const meta = index.units.find((u) => u.id === params.unit);
	if (!meta) error(404, 'Unknown unit');
	return { meta, content: await loadUnit(meta.id, currentLocale()) };
};
