import { auditBothThemes } from './axe';
import { expect, open, PAGES, test } from './fixtures';

// Every page in each language, one visit each: it arrives in that language, nothing runs off the
// side at a phone's or a laptop's width, and axe finds no WCAG 2.1 AA violation in the light or
// the dark palette (menu open, so the navigation is audited too). One test per language: the
// browser starts once, and the viewport and the theme change in place.
for (const locale of ['zh-CN', 'en'] as const) {
	test.describe(locale, () => {
		test.use({ locale, viewport: { width: 360, height: 800 } });

		test(`every page renders in ${locale} at 360 and 1280 px, with no WCAG 2.1 AA violations in light and dark`, async ({
			page
		}) => {
			const lesson = { path: '/learn/modes-of-supply', heading: null };
			const pages = [...PAGES, lesson];
			// The budget of one test per page, which this walk replaces.
			test.setTimeout(pages.length * 30_000);
			for (const { path, heading } of pages) {
				await test.step(path, async () => {
					await page.setViewportSize({ width: 360, height: 800 });
					await open(page, path);
					await expect(page.locator('html'), path).toHaveAttribute('lang', locale);
					if (heading)
						await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading[locale]);
					// Nothing wider than the screen: no sideways scrolling on a phone or a laptop.
					for (const width of [1280, 360]) {
						await page.setViewportSize({ width, height: 800 });
						await expect
							.poll(() => page.evaluate(() => document.documentElement.scrollWidth - innerWidth), {
								message: `${path} scrolls sideways at ${width} px`
							})
							.toBeLessThanOrEqual(0);
					}
					await page.getByRole('button', { name: /Menu|菜单/ }).click();
					await auditBothThemes(page);
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
