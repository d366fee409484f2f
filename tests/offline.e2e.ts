import { expect, open, test, waitForServiceWorker } from './fixtures';

test.use({ locale: 'en', viewport: { width: 360, height: 800 }, serviceWorkers: 'allow' });

test('after one visit, pages and lessons open with no network', async ({ page, context }) => {
	await open(page, '/');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Learn international trade in services'
	);

	// Client-side navigation and a direct load of a page never visited online.
	await page
		.getByRole('link', { name: /^Learn/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learn');
	await page.locator('main h2 a').nth(1).click();
	await expect(page.locator('main section h2').first()).toBeVisible();

	await page.goto('/settings');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
	await page.goto('/learn/digital-trade');
	await expect(page.locator('main section h2').first()).toBeVisible();
	// Debian's Chromium 150 under Playwright 1.65 does not carry the context's offline emulation
	// into a document loaded after it was set (navigator.onLine says true there), so the network
	// is lost again, as a phone's is: the page must say so (the 'offline' event).
	await context.setOffline(false);
	await context.setOffline(true);
	await expect(page.getByText('You are offline')).toBeVisible();
});

test('a new version waits for the learner to accept it', async ({ page }) => {
	await open(page, '/');
	await waitForServiceWorker(page);

	// Every file the new worker downloads while it installs (past its own script).
	const downloads: string[] = [];
	page.context().on('request', (request) => {
		const worker = request.serviceWorker()?.url();
		if (worker?.endsWith('?next') && request.url() !== worker) downloads.push(request.url());
	});
	// A deploy, as the browser sees it: the same scope now has a different worker script (a new
	// URL is a new script; the server ignores the query).
	await page.evaluate(async () => {
		await navigator.serviceWorker.register('/service-worker.js?next', { type: 'module' });
	});

	const notice = page.getByText('A new version is ready.');
	await expect(notice).toBeVisible({ timeout: 15_000 });
	// The same build: everything it precaches is in the cache already (src/lib/pwa/precache.ts),
	// so the update downloads nothing (it used to fetch the whole app again).
	expect(downloads).toEqual([]);
	// Nothing reloads by itself: a marker set on this page survives until the learner says so.
	await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
	await page.waitForTimeout(500);
	expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

	await Promise.all([
		page.waitForEvent('load'),
		page.getByRole('button', { name: 'Update now' }).click()
	]);
	expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(
		undefined
	);
});
