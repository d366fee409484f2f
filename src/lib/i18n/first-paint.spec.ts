import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { I18NEXT_OPTIONS, translateFromBundles, type Bundles } from './first-paint';
import { NAMESPACES } from './resources';

/**
 * The first-paint translator must give exactly i18next's text (issue #14): the page hydrates
 * with it and i18next takes over after the first paint, so any difference would show as a
 * change on screen, or as text the server (i18next) and the client disagree on. Checked over
 * every key of every namespace in both languages, with each plural count, sample and hostile
 * values, missing and empty values.
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
	eager: true,
	import: 'default'
});
const LOCALES = ['en', 'zh-CN'] as const;
const bundles: Bundles = Object.fromEntries(
	LOCALES.map((locale) => [
		locale,
		Object.fromEntries(NAMESPACES.map((ns) => [ns, files[`./locales/${locale}/${ns}.json`]]))
	])
);

function leaves(tree: object, prefix = ''): [string, string][] {
	return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
		typeof value === 'object' && value !== null
			? leaves(value, `${prefix}${key}.`)
			: [[`${prefix}${key}`, String(value)]]
	);
}
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key as `t` is called with it (`ns:path`, plural forms folded), with its templates. */
const keys = new Map<string, string[]>();
for (const locale of LOCALES)
	for (const ns of NAMESPACES)
		for (const [path, text] of leaves(bundles[locale]![ns]!)) {
			const key = `${ns === 'common' ? '' : `${ns}:`}${path.replace(PLURAL, '')}`;
			keys.set(key, [...(keys.get(key) ?? []), text]);
		}

const variablesOf = (texts: string[]) => [
	...new Set(texts.flatMap((text) => [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1].trim())))
];

const HOSTILE = ['{{count}}', '$&$1$$', '<b>&amp;\'"</b>', '$t(appName)', ')', '小明 \n tab\t', ''];
const COUNTS: unknown[] = [0, 1, 2, 5, 1.5, -1, 21, '1', null];

/**
 * The options `t` is checked with for a key using `variables`: none; each plural count (keys
 * with `count`); sample, hostile, empty and odd values; each value missing in turn.
 */
function optionSets(variables: string[]): (Record<string, unknown> | undefined)[] {
	const others = variables.filter((name) => name !== 'count');
	const withValue = (value: unknown, count: unknown = 1) => ({
		count,
		...Object.fromEntries(others.map((name) => [name, value]))
	});
	const sets: (Record<string, unknown> | undefined)[] = [undefined, {}, withValue('sample', 2)];
	if (variables.includes('count')) for (const count of COUNTS) sets.push(withValue('v', count));
	// Values matter only where there is a placeholder to put them in.
	if (others.length === 0) return sets;
	for (const value of [...HOSTILE, 0, 42, false, null, undefined, { a: 1 }, ['x', 'y']])
		sets.push(withValue(value));
	// One value missing at a time: i18next keeps its placeholder.
	for (const missing of others)
		sets.push({
			count: 1,
			...Object.fromEntries(others.filter((n) => n !== missing).map((n) => [n, 'x']))
		});
	return sets;
}

async function i18nextFor(locale: string) {
	const instance = i18next.createInstance();
	await instance.init({
		...I18NEXT_OPTIONS,
		ns: [...I18NEXT_OPTIONS.ns],
		lng: locale,
		resources: bundles as Record<string, Record<string, Record<string, unknown>>>
	});
	return instance;
}

describe('the first-paint translator', () => {
	it('uses only what it reproduces: {{name}} placeholders, no nesting, formats or unescaping', () => {
		for (const texts of keys.values())
			for (const text of texts) {
				expect(text).not.toMatch(/\$t\(/);
				for (const [, inner] of text.matchAll(/\{\{(.+?)\}\}/g))
					expect(inner.trim(), text).toMatch(/^[A-Za-z_]\w*$/);
			}
	});

	for (const locale of LOCALES)
		for (const ns of NAMESPACES)
			it(`gives i18next's text for every ${ns} key in ${locale}`, async () => {
				const reference = await i18nextFor(locale);
				const prefix = ns === 'common' ? /^[^:]+$/ : new RegExp(`^${ns}:`);
				let compared = 0;
				const differences: string[] = [];
				for (const [key, texts] of keys) {
					if (!prefix.test(key)) continue;
					for (const options of optionSets(variablesOf(texts))) {
						// i18next may add to the options it is given: each side gets its own copy.
						const expected = reference.t(key, options && { ...options });
						const actual = translateFromBundles(bundles, locale, key, options && { ...options });
						if (actual !== expected)
							differences.push(`${key} ${JSON.stringify(options)}: ${actual} ≠ ${expected}`);
						compared++;
					}
				}
				expect(differences).toEqual([]);
				expect(compared).toBeGreaterThan(0);
			});

	it('gives i18next’s answer for missing keys and for a page that carries one language', async () => {
		const onlyPage: Bundles = { 'zh-CN': bundles['zh-CN'] };
		const reference = await i18nextFor('zh-CN');
		const single = i18next.createInstance();
		await single.init({
			...I18NEXT_OPTIONS,
			ns: [...I18NEXT_OPTIONS.ns],
			lng: 'zh-CN',
			resources: onlyPage as Record<string, Record<string, Record<string, unknown>>>
		});
		for (const key of ['nav.nothing', 'quiz:nothing', 'nothing', 'quiz:submit', 'nosuchns:a.b'])
			for (const options of [undefined, { count: 1 }, { count: 0, x: 'y' }]) {
				expect(translateFromBundles(bundles, 'zh-CN', key, options)).toBe(
					reference.t(key, options)
				);
				expect(translateFromBundles(onlyPage, 'zh-CN', key, options)).toBe(single.t(key, options));
			}
	});

	it('falls back to English where a Chinese string is missing, as i18next does', async () => {
		const partial: Bundles = {
			en: { common: { a: 'A {{n}}', b_zero: 'no bs', b_one: 'one b', b_other: '{{count}} bs' } },
			'zh-CN': { common: { b_other: '{{count}} 个' } }
		};
		const instance = i18next.createInstance();
		await instance.init({
			...I18NEXT_OPTIONS,
			ns: [...I18NEXT_OPTIONS.ns],
			lng: 'zh-CN',
			resources: partial as Record<string, Record<string, Record<string, unknown>>>
		});
		for (const [key, options] of [
			['a', { n: 1 }],
			['b', { count: 1 }],
			['b', { count: 0 }],
			['b', undefined]
		] as const) {
			expect(translateFromBundles(partial, 'zh-CN', key, options)).toBe(instance.t(key, options));
		}
	});
});
