import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdp, page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import KeyboardHint from './KeyboardHint.svelte';

/**
 * The keyboard hint names number keys and Enter: shown where there is a keyboard and a fine
 * pointer, hidden on a touch screen (a phone has no number keys to press), where it would only
 * crowd the answer options.
 */
describe('KeyboardHint', () => {
	beforeAll(async () => {
		initLocale('en');
		await ensureNamespaces(['quiz']);
	});
	afterEach(async () => {
		await touchScreen(false);
	});

	// Chromium's touch emulation (DevTools' device mode) makes the primary pointer coarse.
	const touchScreen = (enabled: boolean) =>
		cdp().send('Emulation.setTouchEmulationEnabled', { enabled, maxTouchPoints: 5 });

	it('is shown with a fine pointer and hidden on a touch screen', async () => {
		await render(KeyboardHint);
		const hint = page.getByText(/Enter/);
		await touchScreen(false);
		expect(matchMedia('(pointer: coarse)').matches).toBe(false);
		await expect.element(hint).toBeVisible();
		await touchScreen(true);
		expect(matchMedia('(pointer: coarse)').matches).toBe(true);
		await expect.element(hint).not.toBeVisible();
	});
});
