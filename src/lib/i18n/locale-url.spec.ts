import { describe, expect, it } from 'vitest';
import { localeOfPath, negotiateLocale, pathInLocale, stripLocale } from './locale-url.js';

describe('locale in the URL', () => {
	it('serves English under /en and Chinese elsewhere', () => {
		expect(localeOfPath('/en')).toBe('en');
		expect(localeOfPath('/en/learn/x')).toBe('en');
		expect(localeOfPath('/')).toBe('zh-CN');
		expect(localeOfPath('/learn')).toBe('zh-CN');
		// A route that merely starts with the letters is not English.
		expect(localeOfPath('/english')).toBe('zh-CN');
	});

	it('maps a path between its two files', () => {
		expect(stripLocale('/en')).toBe('/');
		expect(stripLocale('/en/learn')).toBe('/learn');
		expect(stripLocale('/learn')).toBe('/learn');
		expect(pathInLocale('/', 'en')).toBe('/en');
		expect(pathInLocale('/learn', 'en')).toBe('/en/learn');
		expect(pathInLocale('/en/learn', 'en')).toBe('/en/learn');
		expect(pathInLocale('/en/learn', 'zh-CN')).toBe('/learn');
		expect(pathInLocale('/en', 'zh-CN')).toBe('/');
	});

	it('negotiates: the saved choice, then Accept-Language by weight', () => {
		expect(negotiateLocale('a=1; sta-lang=en', 'zh-CN,zh;q=0.9')).toBe('en');
		expect(negotiateLocale('sta-lang=zh-CN', 'en-US')).toBe('zh-CN');
		expect(negotiateLocale('sta-lang=fr', 'en-US')).toBe('en');
		expect(negotiateLocale(null, 'en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
		expect(negotiateLocale(null, 'en;q=0.5,zh-TW;q=0.8')).toBe('zh-CN');
		expect(negotiateLocale(null, 'fr-FR')).toBe('en');
		expect(negotiateLocale(null, null)).toBe('zh-CN');
	});
});
