import { expect, test as base, type Page } from '@playwright/test';

export const PAGES = [
	{
		path: '/',
		heading: { 'zh-CN': '学习国际服务贸易', en: 'Learn international trade in services' }
	},
	{ path: '/learn', heading: { 'zh-CN': '学习', en: 'Learn' } },
	{ path: '/glossary', heading: { 'zh-CN': '术语表', en: 'Glossary' } },
	{ path: '/practice', heading: { 'zh-CN': '练习', en: 'Practice' } },
	{ path: '/review', heading: { 'zh-CN': '复习', en: 'Review' } },
	{ path: '/classroom', heading: { 'zh-CN': '课堂', en: 'Classroom' } },
	{ path: '/progress', heading: { 'zh-CN': '进度', en: 'Progress' } },
	{ path: '/settings', heading: { 'zh-CN': '设置', en: 'Settings' } }
] as const;

export type Locale = 'zh-CN' | 'en';

/** Go to a page and wait until the app has hydrated and applied the learner's language. */
export async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}

/** Wait until the service worker controls the page and has finished activating. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(
		async () => {
			await navigator.serviceWorker.ready;
			return navigator.serviceWorker.controller?.state === 'activated';
		},
		undefined,
		{ timeout: 20_000 }
	);
}

// The browser's own `locale` option drives the language the app first picks.
export const test = base;
export { expect };
