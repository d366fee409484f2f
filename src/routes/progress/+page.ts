import { browser } from '$app/environment';
import { loadIndex } from '$lib/bank/loader';
import { getStore } from '$lib/progress/progress.svelte';

export const load = async () => {
	// The page's figures come from storage: open it while the index loads and the page
	// hydrates, rather than after the first paint (the layout's start joins this same open).
	if (browser) void getStore().catch(() => {});
	return { index: await loadIndex() };
};
