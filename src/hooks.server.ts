import type { Handle } from '@sveltejs/kit';
import { PAGE_STRINGS_ID, pageStringsJson } from '$lib/i18n/i18n.svelte';
import { localeOfPath } from '$lib/i18n/locale-url.js';
import { namespacesFor } from '$lib/i18n/sections';
import { holdBootForEarlyFigures } from '$lib/progress/early-figures';

// Replay classroom logs and start idle expiry at boot, so a session interrupted by a server
// restart is back before the first phone reconnects. Then hand the production server
// (scripts/serve.js) the classroom routes it serves ahead of SvelteKit.
export const init = async () => {
	await (await import('$lib/server/classroom/registry')).getRegistry();
	(await import('$lib/server/classroom/node-routes')).publishNodeRoutes();
};

/**
 * Every page is rendered in the language of its address: `<html lang>` says which, and the
 * page carries its UI strings in that language (`%sta.strings%` in app.html; see
 * `PAGE_STRINGS_ID`), loaded by the root layout's load before the page rendered.
 */
export const handle: Handle = ({ event, resolve }) => {
	const locale = localeOfPath(event.url.pathname);
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			holdBootForEarlyFigures(html)
				.replaceAll('%lang%', locale)
				.replace(
					'%sta.strings%',
					`<script type="application/json" id="${PAGE_STRINGS_ID}">${pageStringsJson(
						locale,
						namespacesFor(event.route.id)
					)}</script>`
				)
	});
};
