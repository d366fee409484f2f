import { browser } from '$app/environment';
import { getStore } from '$lib/progress/progress.svelte';

// The page's figures come from storage: open it now, while the page hydrates, rather than after
// the first paint (the layout's start joins this same open). The bank index is loaded only when
// a session starts.
export const load = () => {
	if (browser) void getStore().catch(() => {});
};
