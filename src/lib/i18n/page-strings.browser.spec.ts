import { expect, it } from 'vitest';
import zhCommon from './locales/zh-CN/common.json';

/**
 * A prerendered page carries its UI strings (`<script type="application/json" id="sta-strings">`,
 * see hooks.server.ts); the i18n module adopts them when it loads, so hydration renders every
 * text without fetching a string chunk.
 */
it('adopts the strings the page arrived with, before any namespace is loaded', async () => {
	const script = document.createElement('script');
	script.type = 'application/json';
	script.id = 'sta-strings';
	script.textContent = JSON.stringify({
		'zh-CN': { common: { ...zhCommon, appName: '页面带来的名字' } }
	});
	document.head.append(script);
	// Imported after the element exists, as in a page (module scripts run after parsing).
	const { initLocale, t } = await import('./i18n.svelte');
	initLocale('zh-CN');
	// Not the bundled file's text: the page's own, with no load in between.
	expect(t('appName')).toBe('页面带来的名字');
	expect(t('skipToContent')).toBe(zhCommon.skipToContent);
});
