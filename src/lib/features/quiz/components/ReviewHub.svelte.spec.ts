import { beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import { getStore, progress, refreshProgress } from '$lib/progress/progress.svelte';
import ReviewHub from './ReviewHub.svelte';

// The integrity fuzz (figure 5, seed 1251363847) found /review with no control at all: a learner
// whose few answers were all right has nothing due and no mistakes, and the page said so and
// stopped there. Every screen offers a way on; here, practice.

beforeAll(async () => {
	initLocale('en');
	await ensureNamespaces(['review', 'quiz', 'common']);
});

describe('review hub before the counts are read', () => {
	it('says it is loading, not that nothing is due', async () => {
		progress.countsRead = false;
		await render(ReviewHub);
		await expect.element(page.getByText('Loading…').first()).toBeVisible();
		expect(page.getByText(/Nothing is due now/).elements()).toHaveLength(0);
	});
});

describe('review hub with nothing to review', () => {
	it('offers practice when nothing is due and the mistakes notebook is empty', async () => {
		// A fresh database: nothing due, no mistakes, no session saved.
		await (await getStore()).resetProgress();
		await render(ReviewHub);
		await refreshProgress();
		await expect.element(page.getByText(/Nothing is due now/)).toBeVisible();
		await expect.element(page.getByText(/No mistakes to fix/)).toBeVisible();
		const onward = page.getByRole('link', { name: 'Practise any unit' });
		await expect.element(onward).toBeVisible();
		expect(onward.element().getAttribute('href')).toMatch(/\/practice$/);
	});
});
