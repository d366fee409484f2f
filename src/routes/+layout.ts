import { browser } from '$app/environment';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import { isLocale } from '$lib/i18n/locale';
import { localeOfPath } from '$lib/i18n/locale-url.js';
import { namespacesFor } from '$lib/i18n/sections';
import { afterNextPaint } from '$lib/scheduling/after-paint';

let hydrated = false;

// Every page is prerendered: the app shell and lessons are static, and the service worker
// precaches them so navigation works with no network.
export const prerender = true;

export const load = async ({ route, url }) => {
	// Render in the language of the page's file. In the browser that is the file that arrived
	// (only for hydration; afterwards the reader's choice, set by the layout, stays).
	if (!browser) initLocale(localeOfPath(url.pathname));
	else if (!hydrated) {
		hydrated = true;
		const rendered = document.documentElement.dataset.renderedLang;
		initLocale(isLocale(rendered) ? rendered : localeOfPath(url.pathname));
		// The scripts have run and the router has started: let the browser paint the
		// prerendered page first, then hydrate in a task of its own, so the two do not add up
		// to one long task at a phone's CPU (issue #14). Not `scheduler.yield()`: its
		// continuation outranks rendering, and the first paint waited for hydration (Lighthouse
		// then counts every script before it).
		await new Promise<void>((resolve) => afterNextPaint(resolve));
	}
	await ensureNamespaces(namespacesFor(route.id));
};
