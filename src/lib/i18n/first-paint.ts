/**
 * The translator the page uses from hydration until i18next has loaded (issue #14: first-load
 * JavaScript). i18next is the project's translation library and takes over as soon as it is
 * in (`adoptI18next` in i18n.svelte.ts, scheduled after the first paint); it is 16 KB of gzip,
 * a third of the budget for a page's first load, while hydrating a prerendered page needs only
 * the lookups and substitutions below over the strings the page carries inline.
 *
 * It reproduces exactly the part of i18next (v26, with the options set in i18n.svelte.ts:
 * `fallbackLng: 'en'`, `escapeValue: false`, `returnNull: false`, `skipOnVariables` default)
 * that our strings use, and nothing more:
 * - `ns:key.path` lookup (namespace before the first `:`, default `common`), in the page's
 *   language and then in English;
 * - plurals: with a numeric `count`, `key_zero` for 0, then `key_<Intl.PluralRules category>`,
 *   then `key`, per language in that order;
 * - `{{name}}` substitution from the options, once over the template (a value containing
 *   `{{…}}` is not substituted again), `''` for `null` or an option given as `undefined`, the
 *   placeholder left as it is when the option is missing;
 * - the key without its namespace when nothing is found.
 *
 * Not reproduced, and refused by `first-paint.spec.ts` if a string ever uses them: nesting
 * (`$t(…)`), formats (`{{n, number}}`), unescaped `{{- x}}`, dotted variables, context keys.
 * That spec runs this and i18next side by side over every key of every namespace in both
 * languages (sample values, plurals, hostile values) and requires the same text, so the two
 * cannot drift apart silently.
 */

/**
 * The options i18next is created with (besides `lng` and `resources`): the translator below
 * reproduces i18next under exactly these, and first-paint.spec.ts checks it under them.
 */
export const I18NEXT_OPTIONS = {
	fallbackLng: 'en',
	ns: ['common', 'home'],
	defaultNS: 'common',
	initAsync: false,
	// Svelte escapes text itself; escaping here would double-escape.
	interpolation: { escapeValue: false },
	returnNull: false
} as const;

/** `{ [locale]: { [namespace]: nested bundle } }`: the strings loaded so far. */
export type Bundles = Record<
	string,
	Record<string, Record<string, unknown> | undefined> | undefined
>;

const plurals = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: string, count: unknown): string {
	let rules = plurals.get(locale);
	if (!rules) plurals.set(locale, (rules = new Intl.PluralRules(locale)));
	return rules.select(count as number);
}

/** The string at a dotted path of a bundle, or undefined. */
function lookup(bundle: Record<string, unknown> | undefined, path: string): unknown {
	let node: unknown = bundle;
	for (const part of path.split('.')) {
		if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
		node = (node as Record<string, unknown>)[part];
	}
	return node;
}

const PLACEHOLDER = /\{\{(.+?)\}\}/g;

/**
 * The text of `fullKey` (`'nav.learn'`, `'settings:title'`) in `locale`, with `options`
 * (`count` and `{{name}}` values) applied, as i18next would give it for the same bundles.
 */
export function translateFromBundles(
	bundles: Bundles,
	locale: string,
	fullKey: string,
	options?: Record<string, unknown>
): string {
	const colon = fullKey.indexOf(':');
	const ns = colon < 0 ? 'common' : fullKey.slice(0, colon);
	// i18next joins any further `:`-separated parts with the key separator.
	const key = colon < 0 ? fullKey : fullKey.slice(colon + 1).replaceAll(':', '.');
	const count = options?.count;
	const plural = count !== undefined && typeof count !== 'string';

	let found: unknown;
	for (const code of locale === 'en' ? ['en'] : [locale, 'en']) {
		const candidates = plural
			? [...(count === 0 ? [`${key}_zero`] : []), `${key}_${pluralCategory(code, count)}`, key]
			: [key];
		for (const candidate of candidates) {
			found = lookup(bundles[code]?.[ns], candidate);
			if (found !== undefined && found !== null) break;
		}
		if (found !== undefined && found !== null) break;
	}
	const text = typeof found === 'string' ? found : key;
	if (!options) return text;
	return text.replace(PLACEHOLDER, (placeholder, inner: string) => {
		const name = inner.trim();
		if (!Object.hasOwn(options, name)) return placeholder;
		const value = options[name];
		return value === undefined || value === null ? '' : String(value);
	});
}
