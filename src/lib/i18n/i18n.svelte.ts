import i18next from 'i18next';
import { DEFAULT_LOCALE, type Locale } from './locale';
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

// Pages are prerendered in the default locale; the client switches after hydration (see
// the root layout), so server and first client render always agree.
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

export function setLocale(locale: Locale): void {
	if (state.locale === locale) return;
	void instance.changeLanguage(locale);
	state.locale = locale;
	if (typeof document !== 'undefined') document.documentElement.lang = locale;
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
