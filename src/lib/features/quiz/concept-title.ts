import { conceptLabel } from '$lib/bank/concepts';
import type { BankIndex, Locale } from '$lib/bank/types';
import { t } from '$lib/i18n/i18n.svelte';
import type { TranslationKey } from '$lib/i18n/resources';

/** Readable names for concept tags in the reader's language (topics from the quiz strings). */
export function conceptTitleFor(index: BankIndex, locale: Locale): (concept: string) => string {
	return (concept) =>
		conceptLabel(concept, index, locale, (topic) => t(`quiz:topics.${topic}` as TranslationKey));
}
