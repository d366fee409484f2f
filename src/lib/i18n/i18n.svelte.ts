import i18next from 'i18next';
import { DEFAULT_LOCALE, type Locale } from './locale';
import { LOCALE_CACHE, LOCALE_CACHE_KEY, LOCALE_COOKIE } from './locale-url.js';
import enCommon from './locales/en/common.json';
import enHome from './locales/en/home.json';
import zhCommon from './locales/zh-CN/common.json';
import zhHome from './locales/zh-CN/home.json';
import type { Namespace, TranslationKey } from './resources';

// The header, notices and home screen need these on every page: bundled, both languages (a
// few kilobytes), so the first word never waits for a download. Every other namespace is its
// own small chunk, loaded with the pages that use it (and precached for offline use).
const resources = {
	en: { common: enCommon, home: enHome },
	'zh-CN': { common: zhCommon, home: zhHome }
};
const lazy = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { import: 'default' });
// Not reactive on purpose: which bundles are loaded is bookkeeping, never shown.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const loaded = new Set<Namespace>(['common', 'home']);

// Each page is prerendered in the language of its address (see locale-url.ts); the root layout
// sets it with `initLocale` before rendering, on the server and again when hydrating, so server
// and first client render always agree.
const instance = i18next.createInstance();
void instance.init({
	lng: DEFAULT_LOCALE,
	fallbackLng: 'en',
	resources,
	ns: ['common', 'home'],
	defaultNS: 'common',
	initAsync: false,
	// Svelte escapes text itself; escaping here would double-escape.
	interpolation: { escapeValue: false },
	returnNull: false
});

const state = $state<{ locale: Locale }>({ locale: DEFAULT_LOCALE });

/** The current UI language, reactive. */
export function currentLocale(): Locale {
	return state.locale;
}

/**
 * The language a page is rendered in, set before rendering (server) or hydrating (browser).
 * Unlike `setLocale` it remembers nothing: it describes the page, not the reader's choice.
 */
export function initLocale(locale: Locale): void {
	if (state.locale === locale) return;
	void instance.changeLanguage(locale);
	state.locale = locale;
}

/** Switch the UI language and remember it as the reader's choice (see `rememberLocale`). */
export function setLocale(locale: Locale): void {
	if (state.locale === locale) return;
	initLocale(locale);
	if (typeof document === 'undefined') return;
	document.documentElement.lang = locale;
	rememberLocale(locale);
}

/**
 * Leaves the reader's language where the next page load can see it before any script runs: a
 * cookie for the Node server and the Cache API for the service worker (which reads no cookies).
 * Best effort: without them the inline script in app.html still corrects the page.
 */
export function rememberLocale(locale: Locale): void {
	try {
		document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
	} catch {
		// Cookies blocked: the inline script's redirect covers it.
	}
	if (typeof caches === 'undefined') return;
	void caches
		.open(LOCALE_CACHE)
		.then((cache) => cache.put(LOCALE_CACHE_KEY, new Response(locale)))
		.catch(() => {
			// Cache storage unavailable (private mode, quota): the redirect covers it.
		});
}

/**
 * Translate, re-running wherever it is read when the locale changes: reading `state.locale`
 * makes every `t(...)` in markup a reactive dependency of the language. Keys are checked at
 * compile time against the English resources (`'nav.learn'`, `'settings:title'`).
 */
export function t(key: TranslationKey, options?: Record<string, unknown>): string {
	void state.locale;
	return instance.t(key, options) as string;
}

/** Load these namespaces in both languages (once); pages await it in their load. */
export async function ensureNamespaces(needed: readonly Namespace[]): Promise<void> {
	const missing = needed.filter((ns) => !loaded.has(ns));
	await Promise.all(
		missing.flatMap((ns) =>
			(['en', 'zh-CN'] as const).map(async (locale) => {
				const bundle = await lazy[`./locales/${locale}/${ns}.json`]();
				instance.addResourceBundle(locale, ns, bundle, true, true);
			})
		)
	);
	for (const ns of missing) loaded.add(ns);
}
