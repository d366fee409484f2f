import { beforeAll, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { UnitContent } from '$lib/bank/types';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import '../../../app.css';
import LessonPlayer from './LessonPlayer.svelte';

// The session's modules load after mount (issue #14); here the first load fails, as offline
// before the service worker has cached them, and the second succeeds.
const attempts = vi.hoisted(() => ({ count: 0 }));
vi.mock('./lesson-parts', async (original) => {
	const real = await original<typeof import('./lesson-parts')>();
	return {
		...real,
		loadLessonParts: () =>
			++attempts.count === 1
				? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
				: real.loadLessonParts()
	};
});

const unit: UnitContent = {
	id: 'load-unit',
	locale: 'en',
	lesson: {
		title: 'Loading',
		summary: '',
		objectives: [],
		sections: [
			{
				id: 's0',
				title: 'Section zero',
				blocks: [{ kind: 'p', spans: [{ text: 'Some reading.' }] }],
				check: []
			},
			{
				id: 's1',
				title: 'Section one',
				blocks: [{ kind: 'p', spans: [{ text: 'More reading.' }] }],
				check: []
			}
		]
	},
	items: []
};

beforeAll(async () => {
	initLocale('en');
	await ensureNamespaces(['learn', 'quiz', 'common']);
});

describe('a lesson whose session does not load', () => {
	it('says so, keeps the text and the move made meanwhile, and loads on retry', async () => {
		await render(LessonPlayer, { content: unit, partTitles: {} });
		await page.getByRole('button', { name: 'Next section' }).click();
		const alert = page.getByRole('alert');
		await expect.element(alert).toHaveTextContent(/could not be loaded/);
		await expect.element(page.getByText('Some reading.')).toBeVisible();
		await page.getByRole('button', { name: 'Try again' }).click();
		await expect.element(alert).not.toBeInTheDocument();
		// The move made before the failure is made once the session has loaded.
		await expect.element(page.getByRole('heading', { level: 2 })).toHaveTextContent('Section one');
		expect(attempts.count).toBe(2);
	});
});
