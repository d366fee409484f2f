import type { Page } from '@playwright/test';
import { answer } from './answer';
import { expect, open, test } from './fixtures';

// The lesson page paints and hydrates from its first section with no actor; the session (the
// machine, the saved place) loads after mount (issue #14). A learner who comes back to a lesson
// must land where they were, and what the page shows on the way must never be anything but
// the first section (the prerendered page, until the saved place is read) and then that place.

const UNIT = 'outsourcing-models';

/** The saved lesson's section index as stored (null: nothing saved yet). */
function savedSection(page: Page): Promise<number | null> {
	return page.evaluate(
		(id) =>
			new Promise<number | null>((resolve) => {
				const request = indexedDB.open('services-trade-academy');
				request.onerror = () => resolve(null);
				request.onsuccess = () => {
					const db = request.result;
					const get = db.transaction('flows').objectStore('flows').get(id);
					get.onsuccess = () => {
						db.close();
						const flow = get.result as
							{ snapshot?: { context?: { sectionIndex?: number } } } | undefined;
						resolve(flow?.snapshot?.context?.sectionIndex ?? null);
					};
					get.onerror = () => (db.close(), resolve(null));
				};
			}),
		`lesson:${UNIT}`
	);
}

test.use({ locale: 'en' });

test('a learner resuming at section 3 lands there, with no other section shown on the way', async ({
	page
}) => {
	test.slow(); // four answers, then a reload
	await open(page, `/learn/${UNIT}`);
	const heading = page.locator('#section-heading');
	const titles: string[] = [];
	for (let section = 0; section < 2; section++) {
		titles.push((await heading.innerText()).trim());
		await page.getByRole('button', { name: 'Check my understanding' }).click();
		const more = page.getByRole('button', { name: 'Next question' });
		const next = page.getByRole('button', { name: 'Next section' });
		while (true) {
			await answer(page, 'en', true);
			await page.getByRole('button', { name: 'Check answer' }).click();
			await expect(more.or(next)).toBeVisible();
			if (await next.isVisible()) break;
			await more.click();
		}
		await next.click();
	}
	const third = (await heading.innerText()).trim();
	expect(titles).not.toContain(third);
	await expect.poll(() => savedSection(page)).toBe(2);

	// Every painted frame from the start of the reload: the section heading then on screen.
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __seen: string[] }).__seen = seen;
		const note = () => {
			const h2 = document.querySelector('#section-heading');
			if (h2) seen.push(h2.textContent?.trim() ?? '');
			requestAnimationFrame(note);
		};
		requestAnimationFrame(note);
	});
	await page.reload();
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await expect(heading).toHaveText(third);
	await expect(page.getByText('Section 3 of 5')).toBeVisible();
	// A few more frames, for anything that would replace the restored place afterwards.
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				let frames = 30;
				const tick = () => (--frames > 0 ? requestAnimationFrame(tick) : resolve());
				requestAnimationFrame(tick);
			})
	);
	const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
	const first = seen.indexOf(third);
	expect(first, 'the restored section was painted').toBeGreaterThanOrEqual(0);
	// Before the place is read: the first section only (the prerendered page); after: it only.
	expect(new Set(seen.slice(0, first))).toEqual(new Set(first > 0 ? [titles[0]] : []));
	expect(new Set(seen.slice(first))).toEqual(new Set([third]));
	await expect(heading).toHaveText(third);
});
