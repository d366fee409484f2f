import { expect, open, test } from './fixtures';

test.use({ viewport: { width: 360, height: 800 } });

test.describe('language', () => {
	test.use({ locale: 'en-US' });

	test('follows the browser, switches on every screen and survives a reload', async ({ page }) => {
		await open(page, '/practice');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByRole('button', { name: /switch to Chinese/ }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('练习');
		await page.reload();
		await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('练习');
	});
});

test.describe('settings', () => {
	test.use({ locale: 'zh-CN' });

	test('theme and text size apply at once and persist', async ({ page }) => {
		await open(page, '/settings');
		await page.getByRole('radio', { name: '深色' }).check();
		await page.getByRole('radio', { name: '特大' }).check();
		const html = page.locator('html');
		await expect(html).toHaveAttribute('data-theme', 'dark');
		await expect(html).toHaveAttribute('data-text-size', 'larger');
		await page.reload();
		await expect(html).toHaveAttribute('data-theme', 'dark');
		await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
		await expect(page.getByRole('radio', { name: '深色' })).toBeChecked();
		await expect(page.getByRole('radio', { name: '特大' })).toBeChecked();
	});
});

test.describe('storage problems', () => {
	test.use({ locale: 'en' });

	test('blocked storage: the app runs and says progress will not be kept', async ({ page }) => {
		await page.addInitScript(() => {
			Object.defineProperty(window, 'indexedDB', { value: undefined });
		});
		await open(page, '/settings');
		await expect(page.getByText('progress will not be kept')).toBeVisible();
		await page.getByRole('radio', { name: 'Dark' }).check();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	});

	test('a corrupt saved record is set aside and reported, the rest kept', async ({ page }) => {
		await open(page, '/settings');
		await page.getByRole('radio', { name: 'Dark' }).check();
		// Break the stored settings behind the app's back, as a crash mid-write might.
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const request = indexedDB.open('services-trade-academy');
					request.onsuccess = () => {
						const tx = request.result.transaction('settings', 'readwrite');
						tx.objectStore('settings').put({ theme: 42 }, 'settings');
						tx.oncomplete = () => resolve();
						tx.onerror = () => reject(tx.error);
					};
				})
		);
		await page.reload();
		await expect(page.getByText('could not be read and was set aside')).toBeVisible();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
		await expect(page.getByRole('radio', { name: 'Follow system' }).first()).toBeChecked();
	});
});
