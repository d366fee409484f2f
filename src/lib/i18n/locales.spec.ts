import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale';
import { NAMESPACES } from './resources';

// Every locale file, read directly (the app loads most of them lazily).
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
	eager: true,
	import: 'default'
});
const read = (locale: string) =>
	Object.fromEntries(NAMESPACES.map((ns) => [ns, files[`./locales/${locale}/${ns}.json`]]));
const resources = { en: read('en'), 'zh-CN': read('zh-CN') } as const;

/** Flatten nested keys; plural forms (`_one`, `_other`) count as one key, since Chinese has one form. */
function keysOf(tree: object, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([key, value]) =>
		typeof value === 'object' && value !== null
			? keysOf(value, `${prefix}${key}.`)
			: [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`]
	);
}

function leaves(tree: object): string[] {
	return Object.values(tree).flatMap((v) => (typeof v === 'object' && v ? leaves(v) : [v]));
}

describe('UI strings', () => {
	it('has a file per namespace and language, and no stray files', () => {
		expect(Object.keys(files).sort()).toEqual(
			['en', 'zh-CN'].flatMap((l) => NAMESPACES.map((ns) => `./locales/${l}/${ns}.json`)).sort()
		);
	});

	for (const ns of NAMESPACES) {
		it(`${ns}: English and Chinese have the same keys`, () => {
			const en = [...new Set(keysOf(resources.en[ns]))].sort();
			const zh = [...new Set(keysOf(resources['zh-CN'][ns]))].sort();
			expect(zh).toEqual(en);
		});

		it(`${ns}: no string is empty, keys at most two deep`, () => {
			for (const locale of ['en', 'zh-CN'] as const) {
				for (const value of leaves(resources[locale][ns])) expect(value).toMatch(/\S/);
				for (const key of keysOf(resources[locale][ns]))
					expect(key.split('.').length).toBeLessThanOrEqual(2);
			}
		});
	}

	it('every plural key has the English one/other pair', () => {
		const keys = (tree: object, prefix = ''): string[] =>
			Object.entries(tree).flatMap(([k, v]) =>
				typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]
			);
		for (const ns of Object.values(resources.en)) {
			const all = keys(ns);
			for (const key of all.filter((k) => k.endsWith('_other')))
				expect(all).toContain(key.replace(/_other$/, '_one'));
		}
	});
});

describe('pickLocale', () => {
	it('chooses Chinese for any Chinese preference that comes first', () => {
		expect(pickLocale(['zh-TW', 'en'])).toBe('zh-CN');
		expect(pickLocale(['zh'])).toBe('zh-CN');
		expect(pickLocale(['fr', 'zh-CN'])).toBe('zh-CN');
	});
	it('chooses English otherwise', () => {
		expect(pickLocale(['en-GB', 'zh-CN'])).toBe('en');
		expect(pickLocale(['fr'])).toBe('en');
		expect(pickLocale([])).toBe('en');
	});
});

describe('scores that add up (issue #8)', () => {
	// "答对 20 / 30 题（79%）" read the partial-credit score as the share of the count right.
	const scoreWord = { en: /\bscore\b/i, 'zh-CN': /得分/ } as const;
	for (const locale of ['en', 'zh-CN'] as const) {
		it(`${locale}: a count right and a percentage are two named figures`, () => {
			const mixed = NAMESPACES.flatMap((ns) => leaves(resources[locale][ns])).filter(
				(text) =>
					typeof text === 'string' && text.includes('{{correct}}') && text.includes('{{percent}}')
			);
			expect(mixed.length).toBeGreaterThan(0);
			for (const text of mixed) {
				expect(text).toMatch(scoreWord[locale]);
				expect(text).not.toMatch(/[(（]\{\{percent\}\}%[)）]/);
			}
		});
	}
});

describe('outcome words never read as option labels (issue #11)', () => {
	// "正确：13 · 错误：23" beside true/false options labelled 正确/错误 was read as 23 right when
	// 13 were. Any string that counts people or answers ({{correct}}, {{count}}, a percentage…)
	// must name its outcome in words no true/false option uses, in every language.
	const counted = /\{\{(correct|wrong|partial|unanswered|count|n|percent|right)\}\}/;
	for (const locale of ['en', 'zh-CN'] as const) {
		it(`${locale}: no counted string uses the true/false labels`, () => {
			const quiz = resources[locale].quiz as Record<string, string>;
			const labels = [quiz.true, quiz.false];
			const offending = NAMESPACES.flatMap((ns) =>
				leaves(resources[locale][ns]).filter(
					(text): text is string =>
						typeof text === 'string' &&
						counted.test(text) &&
						labels.some((label) =>
							locale === 'en' ? new RegExp(`\\b${label}\\b`).test(text) : text.includes(label)
						)
				)
			);
			expect(labels.every(Boolean)).toBe(true);
			expect(offending).toEqual([]);
		});
	}
});
