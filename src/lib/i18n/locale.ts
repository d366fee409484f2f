import type { Locale } from '$lib/bank/types';

export type { Locale };
export const DEFAULT_LOCALE: Locale = 'zh-CN';

// One home for the language rules, shared with the plain-Node production server.
export { isLocale, pickLocale } from './locale-url.js';
