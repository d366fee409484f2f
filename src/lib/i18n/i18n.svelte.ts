import i18next from 'i18next';
import { DEFAULT_LOCALE, type Locale } from './locale';
import { namespaces, resources, type TranslationKey } from './resources';

// Pages are prerendered in the default locale; the client switches after hydration (see
// the root layout), so server and first client render always agree.
const instance = i18next.createInstance();
void instance.init({
	lng: DEFAULT_LOCALE,
	fallbackLng: 'en',
	resources,
	ns: namespaces,
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
