import type { Reroute } from '@sveltejs/kit';
import { stripLocale } from '$lib/i18n/locale-url.js';

/** `/en/learn` is the English file of the `/learn` route (see `$lib/i18n/locale-url`). */
export const reroute: Reroute = ({ url }) => stripLocale(url.pathname);
