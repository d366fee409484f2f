import { expect, open, PAGES, test } from './fixtures';

// Every page in each language, at a phone's and a laptop's width. One test per language: the
// browser starts once and the viewport changes in place.
for (const locale of ['zh-CN', 'en'] as const) {
	test.describe(locale, () => {
		test.use({ locale, viewport: { width: 360, height: 800 } });

		test(`every page renders in ${locale} at 360 and 1280 px`, async ({ page }) => {
			// The budget of one test per page, which this walk replaces.
			test.setTimeout(PAGES.length * 30_000);
			for (const { path, heading } of PAGES) {
				await test.step(path, async () => {
					await page.setViewportSize({ width: 360, height: 800 });
					await open(page, path);
					await expect(page.locator('html')).toHaveAttribute('lang', locale);
					await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading[locale]);
					// Nothing wider than the screen: no sideways scrolling on a phone or a laptop.
					for (const width of [360, 1280]) {
						await page.setViewportSize({ width, height: 800 });
						await expect
							.poll(() => page.evaluate(() => document.documentElement.scrollWidth - innerWidth))
							.toBeLessThanOrEqual(0);
					}
				});
			}
		});
	});
}

test.describe('navigation', () => {
	test.use({ viewport: { width: 360, height: 800 }, locale: 'en' });

	test('the menu reaches every section by keyboard on a phone', async ({ page }) => {
		await open(page, '/');
		const menu = page.getByRole('button', { name: 'Menu' });
		await menu.focus();
		await page.keyboard.press('Enter');
		await expect(menu).toHaveAttribute('aria-expanded', 'true');
		const nav = page.getByRole('navigation', { name: 'Main' });
		await nav.getByRole('link', { name: 'Settings' }).click();
		await expect(page).toHaveURL(/\/settings$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
	});

	test('every lesson listed on Learn opens', async ({ page }) => {
		await open(page, '/learn');
		const links = page.locator('main h2 a');
		const count = await links.count();
		expect(count).toBeGreaterThanOrEqual(9);
		const first = links.first();
		const title = await first.textContent();
		await first.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!.trim());
		await expect(page.locator('main section h2').first()).toBeVisible();
	});
});
