/**
 * Which language a page is served in, decided from its URL and the reader's choice.
 *
 * Every page is prerendered twice: Chinese at its plain path (`/learn`) and English under `/en`
 * (`/en/learn`), so first text never waits for JavaScript in either language. The `/en` prefix is
 * only an address for the English file: `src/hooks.ts` reroutes it to the same route, and links
 * inside the app stay unprefixed. Who picks the file:
 * - the Node server (`scripts/serve.js`): the `sta-lang` cookie, else `Accept-Language`;
 * - the service worker: the choice the page stored in the Cache API (`LOCALE_CACHE`);
 * - a static host cannot choose: the inline script in `app.html` sees the mismatch and replaces
 *   the URL with the other file before the first paint (it mirrors these rules; it cannot import).
 *
 * Plain JavaScript with JSDoc types and no imports, because the production server
 * (`scripts/serve.js`, plain Node) imports it too; TypeScript checks it (`checkJs`).
 */

/** @typedef {'zh-CN' | 'en'} Locale */

export const EN_PREFIX = '/en';
/** Cookie the Node server reads; set by the inline script and by every language switch. */
export const LOCALE_COOKIE = 'sta-lang';
/** Cache Storage bucket and key under which the page leaves its language for the service worker. */
export const LOCALE_CACHE = 'sta-prefs';
export const LOCALE_CACHE_KEY = '/__locale';

/**
 * @param {unknown} value
 * @returns {value is Locale}
 */
export function isLocale(value) {
	return value === 'zh-CN' || value === 'en';
}

/**
 * zh-CN when the reader prefers any Chinese, English otherwise (the brief's rule).
 * @param {readonly string[]} preferred language tags, most preferred first
 * @returns {Locale}
 */
export function pickLocale(preferred) {
	for (const tag of preferred) {
		const lower = tag.toLowerCase();
		if (lower.startsWith('zh')) return 'zh-CN';
		if (lower.startsWith('en')) return 'en';
	}
	return 'en';
}

/**
 * The language a path's prerendered file is in: English under `/en`, Chinese elsewhere.
 * @param {string} pathname
 * @returns {Locale}
 */
export function localeOfPath(pathname) {
	return pathname === EN_PREFIX || pathname.startsWith(`${EN_PREFIX}/`) ? 'en' : 'zh-CN';
}

/**
 * The route path without the language prefix: `/en/learn` → `/learn`, `/en` → `/`.
 * @param {string} pathname
 */
export function stripLocale(pathname) {
	if (localeOfPath(pathname) === 'zh-CN') return pathname;
	return pathname.slice(EN_PREFIX.length) || '/';
}

/**
 * The address of a page's file in a language: (`/learn`, en) → `/en/learn`, (`/en`, zh-CN) → `/`.
 * @param {string} pathname
 * @param {Locale} locale
 */
export function pathInLocale(pathname, locale) {
	const bare = stripLocale(pathname);
	if (locale === 'zh-CN') return bare;
	return bare === '/' ? EN_PREFIX : `${EN_PREFIX}${bare}`;
}

/**
 * The reader's language for a request: the saved choice (cookie) wins, else the browser's
 * `Accept-Language` ordered by q-value (RFC 9110 §12.5.4), else Chinese, the original.
 * @param {string | null | undefined} cookieHeader the raw `Cookie` header
 * @param {string | null | undefined} acceptLanguage the raw `Accept-Language` header
 * @returns {Locale}
 */
export function negotiateLocale(cookieHeader, acceptLanguage) {
	for (const part of (cookieHeader ?? '').split(';')) {
		const [name, value = ''] = part.trim().split('=');
		if (name === LOCALE_COOKIE && isLocale(value)) return value;
	}
	if (!acceptLanguage) return 'zh-CN';
	const tags = acceptLanguage
		.split(',')
		.map((entry, i) => {
			const [tag, ...params] = entry.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, i };
		})
		.filter((t) => t.tag && t.q > 0)
		.sort((a, b) => b.q - a.q || a.i - b.i)
		.map((t) => t.tag);
	return pickLocale(tags);
}
