import type { Handle } from '@sveltejs/kit';
import { localeOfPath } from '$lib/i18n/locale-url.js';

// Replay classroom logs and start idle expiry at boot, so a session interrupted by a server
// restart is back before the first phone reconnects.
export const init = async () => {
	await (await import('$lib/server/classroom/registry')).getRegistry();
};

/** Every page is rendered in the language of its address: `<html lang>` says which. */
export const handle: Handle = ({ event, resolve }) => {
	const locale = localeOfPath(event.url.pathname);
	return resolve(event, { transformPageChunk: ({ html }) => html.replaceAll('%lang%', locale) });
};
