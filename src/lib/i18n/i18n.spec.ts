import { describe, expect, it } from 'vitest';
import {
	currentLocale,
	ensureNamespaces,
	initLocale,
	pageStringsJson,
	setLocale,
	t
} from './i18n.svelte';
import en from './locales/en/quiz.json';
import zh from './locales/zh-CN/quiz.json';

/**
 * A page downloads its namespaces in its own language only (issue #14: first-load JavaScript);
 * the other language's strings come when the reader switches, before the switch shows, so no
 * raw key ("quiz:submit") ever replaces a text.
 */
describe('UI strings per language', () => {
	it('loads a page in its language, and the other only on a switch, before switching', async () => {
		initLocale('zh-CN');
		await ensureNamespaces(['quiz']);
		expect(t('quiz:submit')).toBe(zh.submit);
		// i18next answers with the key for a bundle it does not have.
		expect(t('quiz:submit', { lng: 'en' })).toBe('submit');

		const switching = setLocale('en');
		expect(currentLocale()).toBe('zh-CN');
		expect(t('quiz:submit')).toBe(zh.submit);
		await switching;
		expect(currentLocale()).toBe('en');
		expect(t('quiz:submit')).toBe(en.submit);
		expect(t('quiz:progress', { position: 2, total: 5 })).toBe('Question 2 of 5');
	});

	it('lets the newest choice win when the reader switches back before a switch lands', async () => {
		initLocale('en');
		await ensureNamespaces(['review']);
		const first = setLocale('zh-CN');
		const second = setLocale('en');
		await Promise.all([first, second]);
		expect(currentLocale()).toBe('en');
	});
});

/**
 * Each prerendered page carries its strings in its own language (the JSON script written by
 * hooks.server.ts), so neither language's strings are in the first-load JavaScript.
 */
describe('the strings a page carries', () => {
	it('are the shared and the listed namespaces, in the page language only, safe in a script', async () => {
		initLocale('en');
		await ensureNamespaces(['quiz']);
		const text = pageStringsJson('en', ['quiz']);
		const carried = JSON.parse(text) as Record<string, Record<string, unknown>>;
		expect(Object.keys(carried)).toEqual(['en']);
		expect(Object.keys(carried.en).sort()).toEqual(['common', 'home', 'quiz']);
		expect(carried.en.quiz).toEqual(en);
		// No "</script>" or "<!--" can end the element early.
		expect(text).not.toContain('<');
	});
});
