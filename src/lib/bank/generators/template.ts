/**
 * The sentence patterns of question-bank/generators/*.yaml: `{name}` placeholders filled from a
 * map of words, one language at a time. English also gets its articles and capitals here, so the
 * YAML can say `{a} {supAdj} client` and a sentence may begin with a lower-case phrase.
 */
import type { L10n } from '../types';

/** English indefinite article: "an IT company", "a US bank", "a university". */
export function a(phrase: string): string {
	const vowel = /^[aeiou]/i.test(phrase);
	// "a US bank", "a European client", "a university": written vowels that sound like "y" or "w".
	const sounds = /^(?:US\b|uni|eu|one)/i.test(phrase);
	return `${vowel && !sounds ? 'an' : 'a'} ${phrase}`;
}

/** Capitalises the first letter. */
export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Fills `{name}` from `words`; throws on a placeholder `words` lacks (the schema has already
 * checked each pattern's placeholders, so this only fires on a generator bug). In English, an
 * `{a}` placeholder becomes "a" or "an" for the word after it, and each sentence's first letter
 * is capitalised.
 */
export function fill(
	pattern: string,
	words: Readonly<Record<string, string>>,
	lang: 'zh' | 'en'
): string {
	const out = pattern.replace(/\{([^}]+)\}/g, (whole, name: string) => {
		if (name === 'a' && lang === 'en') return whole;
		const value = words[name];
		if (value === undefined) throw new Error(`pattern needs {${name}}: ${pattern}`);
		return value;
	});
	if (lang === 'zh') return out;
	return out
		.replace(/\{a\} (\S+)/g, (_m, next: string) => a(next))
		.replace(
			/(^|[.?!]\s+)([a-z])/g,
			(_m, before: string, letter: string) => before + letter.toUpperCase()
		);
}

/** `fill` in both languages, with words given per language. */
export function fillBoth(
	pattern: L10n,
	words: { zh: Record<string, string>; en: Record<string, string> }
): L10n {
	return { zh: fill(pattern.zh, words.zh, 'zh'), en: fill(pattern.en, words.en, 'en') };
}
