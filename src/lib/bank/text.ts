import type { L10n, Locale } from './types';

/** The text of a bilingual field in the given UI language. */
export function pickText(text: L10n, locale: Locale): string {
	return locale === 'zh-CN' ? text.zh : text.en;
}
