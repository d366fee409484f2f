/**
 * The UI strings: `t`, the current language and switching it, and which namespaces are loaded.
 * i18next is the translation library. It is not in a page's first load (16 KB of gzip, a third
 * of the 50 KB budget, issue #14): the page hydrates with the first-paint translator over the
 * strings it carries inline, proven to give i18next's exact text (first-paint.ts and its spec),
 * and i18next takes over right after the first paint (`adoptI18next`).
 */
import { browser } from '$app/environment';
import type { i18n as I18next } from 'i18next';
import { I18NEXT_OPTIONS, translateFromBundles, type Bundles } from './first-paint';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locale';
import { LOCALE_CACHE, LOCALE_CACHE_KEY, LOCALE_COOKIE } from './locale-url.js';
import type { Namespace, TranslationKey } from './resources';

/** The header, notices and home screen use these on every page. */
export const SHARED_NAMESPACES: readonly Namespace[] = I18NEXT_OPTIONS.ns;

/**
 * Id of the `<script type="application/json">` in which each prerendered page carries its UI
 * strings, in its own language only (`pageStringsJson`, written by `hooks.server.ts`): the
 * first render and hydration need no string download and no string in the JavaScript, and an
 * English reader never downloads the Chinese strings (issue #14: first-load JavaScript).
 */
export const PAGE_STRINGS_ID = 'sta-strings';

// Every namespace in each language is its own small chunk, loaded in the page's language with
// the pages that use it (and precached for offline use); the page's own come inline.
const lazy = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { import: 'default' });

/** The strings the page arrived with (none on the server, in tests, or on a page without). */
function pageStrings(): Bundles {
	if (typeof document === 'undefined') return {};
	try {
		const text = document.getElementById(PAGE_STRINGS_ID)?.textContent;
		const parsed: unknown = text ? JSON.parse(text) : {};
		return typeof parsed === 'object' && parsed !== null ? (parsed as Bundles) : {};
	} catch {
		// A damaged page: every namespace loads as a chunk instead.
		return {};
	}
}
/**
 * Every bundle loaded so far, `{ [locale]: { [namespace]: bundle } }`: the page's own to begin
 * with. i18next is given this same object as its resources, so it and the first-paint
 * translator always read the same strings.
 */
const resources = pageStrings();

// Not reactive on purpose: which bundles are loaded ("en:quiz") and which namespaces pages have
// asked for so far are bookkeeping, never shown.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const loaded = new Set<string>(
	Object.entries(resources).flatMap(([locale, bundles]) =>
		isLocale(locale) ? Object.keys(bundles ?? {}).map((ns) => `${locale}:${ns}`) : []
	)
);
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const used = new Set<Namespace>(SHARED_NAMESPACES);

/**
 * Texts of keys without options in the current language. i18next resolves each call afresh
 * (namespaces, fallbacks, nesting), and a screen re-rendered on an answer re-reads dozens of
 * them; cleared whenever the language or the loaded resources change.
 */
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const plain = new Map<string, string>();

/**
 * i18next, once loaded; until then `t` uses the first-paint translator (see first-paint.ts for
 * why and how the two are kept equal). In the browser i18next loads after the first paint
 * (`adoptI18next`, called by the root layout) or when the reader switches language; on the
 * server and in Node it loads before anything renders (`ensureNamespaces` awaits it).
 */
let instance: I18next | null = null;
let adopting: Promise<void> | null = null;

/**
 * Load i18next and hand it every string loaded so far; from then on it answers every `t`.
 * Resolves once it has taken over (at once if it already has); rejects if it could not load.
 * Its text is the same as the first-paint translator's (proven by first-paint.spec.ts), so
 * nothing on screen changes.
 */
export function adoptI18next(): Promise<void> {
	adopting ??= import('i18next').then(({ default: i18next }) => {
		const created = i18next.createInstance();
		void created.init({
			...I18NEXT_OPTIONS,
			ns: [...I18NEXT_OPTIONS.ns],
			lng: state.locale,
			resources: resources as Record<string, Record<string, Record<string, unknown>>>
		});
		instance = created;
	});
	// Not loaded (a phone offline without a service worker): the first-paint translator, which
	// gives the same text, goes on answering, and the next call tries again.
	adopting.catch(() => (adopting = null));
	return adopting;
}

/** The shared namespaces and `namespaces`, each once. */
const withShared = (namespaces: readonly Namespace[]): Namespace[] =>
	[...SHARED_NAMESPACES, ...namespaces].filter((ns, i, all) => all.indexOf(ns) === i);

/**
 * The page's strings as the JSON text of its {@link PAGE_STRINGS_ID} script: `namespaces` (with
 * the shared ones) in `locale`, those loaded so far (the root layout's load has loaded them
 * before the page renders). `<` is escaped, so the text cannot end the script element.
 */
export function pageStringsJson(locale: Locale, namespaces: readonly Namespace[]): string {
	const bundles: Partial<Record<Namespace, unknown>> = {};
	for (const ns of withShared(namespaces)) {
		const bundle = resources[locale]?.[ns];
		if (bundle) bundles[ns] = bundle;
	}
	return JSON.stringify({ [locale]: bundles }).replaceAll('<', '\\u003c');
}

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
	void instance?.changeLanguage(locale);
	plain.clear();
	state.locale = locale;
}

/** The language asked for last (it may still be loading); a newer choice wins over an older. */
let wanted: Locale | null = null;

/**
 * Switch the UI language and remember it as the reader's choice (see `rememberLocale`). The
 * page keeps its language until that language's strings for the namespaces in use are in
 * (in the same task when they already are), so no raw key ever shows; resolves once switched.
 */
export async function setLocale(locale: Locale): Promise<void> {
	wanted = locale;
	// A switch is i18next's work: it loads now if the reader is quicker than the idle time.
	await Promise.all([
		loadBundles(locale, [...used]),
		state.locale === locale ? null : adoptI18next().catch(() => {})
	]);
	if (wanted !== locale || state.locale === locale) return;
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
	const translate = (options?: Record<string, unknown>): string =>
		instance
			? (instance.t(key, options) as string)
			: translateFromBundles(resources, state.locale, key, options);
	if (options) return translate(options);
	let text = plain.get(key);
	if (text === undefined) plain.set(key, (text = translate()));
	return text;
}

/**
 * Load these namespaces in the page's language (and in a language being switched to), once;
 * pages await it in their load. The other language's strings are fetched only if the reader
 * switches (`setLocale`), not with every page.
 */
export async function ensureNamespaces(namespaces: readonly Namespace[]): Promise<void> {
	const needed = withShared(namespaces);
	for (const ns of needed) used.add(ns);
	const locales = wanted && wanted !== state.locale ? [state.locale, wanted] : [state.locale];
	await Promise.all([
		...locales.map((locale) => loadBundles(locale, needed)),
		// What renders on the server (the prerendered pages) is i18next's own text.
		browser ? null : adoptI18next()
	]);
}

/** Adds the missing bundles of `namespaces` in `locale` to i18next. */
async function loadBundles(locale: Locale, namespaces: readonly Namespace[]): Promise<void> {
	const missing = namespaces.filter((ns) => !loaded.has(`${locale}:${ns}`));
	if (missing.length === 0) return;
	await Promise.all(
		missing.map(async (ns) => {
			const bundle = await lazy[`./locales/${locale}/${ns}.json`]();
			(resources[locale] ??= {})[ns] = bundle;
			instance?.addResourceBundle(locale, ns, bundle, true, true);
			loaded.add(`${locale}:${ns}`);
		})
	);
	plain.clear();
}
