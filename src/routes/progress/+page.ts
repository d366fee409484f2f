import { browser } from '$app/environment';
import { loadIndex } from '$lib/bank/loader';
import { getStore } from '$lib/progress/progress.svelte';

export const load = () => {
	// The page's figures come from storage: open it while the page hydrates, rather than after
	// the first paint (the layout's start joins this same open). The bank index (the units'
	// names, the per-unit breakdown) is fetched meanwhile, not awaited: hydration does not wait
	// for it, and the figures shown before the app starts (early-figures.ts) need none of it.
	if (browser) void getStore().catch(() => {});
	const index = loadIndex();
	// Handled by the page, which awaits it; this only keeps a failure from going unhandled first.
	index.catch(() => {});
	return { index };
};
