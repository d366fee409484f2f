import { expect, open, PAGES, test } from './fixtures';

const PIN_LABEL = { en: 'PIN', 'zh-CN': 'PIN' } as const;

/**
 * Each reader gets HTML already in their language: no script has to run before the first text
 * (issue #14: English readers used to wait for hydration to switch a Chinese page).
 */
test.describe('first text in the reader language, before any script', () => {
	test.use({ javaScriptEnabled: false });

	for (const locale of ['en', 'zh-CN'] as const) {
		test.describe(locale, () => {
			test.use({ locale });
			test(`every page arrives in ${locale}, the lesson text included`, async ({ page }) => {
				test.slow(); // nine pages in one test
				const lesson = { 'zh-CN': /^基础概念/, en: /^Foundations/ };
				for (const { path, heading } of [
					...PAGES,
					{ path: '/learn/foundations', heading: lesson }
				]) {
					await page.goto(path);
					await expect(page.locator('html'), path).toHaveAttribute('lang', locale);
					await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading[locale]);
				}
				// The join page a phone opens from a QR code carries its real form, not a placeholder.
				await page.goto('/classroom/join');
				await expect(page.getByRole('textbox', { name: PIN_LABEL[locale] })).toBeVisible();
			});
		});
	}
});

test.describe('the saved choice beats the browser language', () => {
	test.use({ locale: 'en' });

	test('a learner who switched to Chinese gets Chinese files, even from an /en address', async ({
		page
	}) => {
		await open(page, '/settings');
		await page.getByRole('button', { name: /switch to Chinese/ }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		// A fresh load, with the script's help disabled, shows what the server itself chose.
		const response = await page.request.get('/learn');
		expect(await response.text()).toContain('data-rendered-lang="zh-CN"');
		await open(page, '/learn');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('学习');
		// An English address (a shared link) lands on the Chinese file.
		await page.goto('/en/learn');
		await expect(page).toHaveURL(/\/learn$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('学习');
	});
});
