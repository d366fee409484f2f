import type { Locale } from '$lib/bank/types';

export type { Locale };
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** zh-CN when the browser prefers any Chinese, English otherwise (the brief's rule). */
export function pickLocale(preferred: readonly string[]): Locale {
	for (const tag of preferred) {
		const lower = tag.toLowerCase();
		if (lower.startsWith('zh')) return 'zh-CN';
		if (lower.startsWith('en')) return 'en';
	}
	return 'en';
}

export function isLocale(value: unknown): value is Locale {
	return value === 'zh-CN' || value === 'en';
}
