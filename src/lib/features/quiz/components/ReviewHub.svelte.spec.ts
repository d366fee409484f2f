import { beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import { figuresGeneration, rememberFigures } from '$lib/progress/known-figures';
import { endOfLocalDay } from '$lib/progress/queues';
import ReviewHub from './ReviewHub.svelte';

// The integrity fuzz (figure 5, seed 1251363847) found /review with no control at all: a learner
// whose few answers were all right has nothing due and no mistakes, and the page said so and
// stopped there. Every screen offers a way on; here, practice.

beforeAll(async () => {
	initLocale('en');
	await ensureNamespaces(['review', 'quiz', 'common']);
});

describe('review hub with nothing to review', () => {
	it('does not show counts remembered for a moment that has passed', async () => {
		const now = Date.now();
		rememberFigures(
			'counts',
			{ due: 7, mistakes: 2 },
			{ generation: figuresGeneration(), tag: '', from: now - 2000, until: now - 1000 }
		);
		await render(ReviewHub);
		await expect.element(page.getByText(/Nothing is due now/)).toBeVisible();
	});

	it('offers practice when nothing is due and the mistakes notebook is empty', async () => {
		// A fresh database: nothing due, no mistakes, no session saved.
		await render(ReviewHub);
		await expect.element(page.getByText(/Nothing is due now/)).toBeVisible();
		await expect.element(page.getByText(/No mistakes to fix/)).toBeVisible();
		const onward = page.getByRole('link', { name: 'Practise any unit' });
		await expect.element(onward).toBeVisible();
		expect(onward.element().getAttribute('href')).toMatch(/\/practice$/);
	});
});

describe('review hub on a later visit', () => {
	it('shows the counts remembered from the last read before storage opens', async () => {
		// Issue #14: the counts of a learner with 10,000 items waited for IndexedDB to open.
		const now = Date.now();
		rememberFigures(
			'counts',
			{ due: 7, mistakes: 2 },
			{ generation: figuresGeneration(), tag: '', from: now, until: endOfLocalDay(now) - 1 }
		);
		await render(ReviewHub);
		await expect.element(page.getByText('7 reviews due')).toBeVisible();
		await expect.element(page.getByText('2 questions in your mistakes notebook')).toBeVisible();
	});
});
