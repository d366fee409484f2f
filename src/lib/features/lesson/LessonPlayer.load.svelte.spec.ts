import { beforeAll, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { UnitContent } from '$lib/bank/types';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import '../../../app.css';
import LessonPlayer from './LessonPlayer.svelte';

// The session's modules load on the learner's first move (issue #14); here they cannot be
// fetched while `network.offline` (offline before the service worker has cached them).
const network = vi.hoisted(() => ({ offline: true, attempts: 0 }));
vi.mock('./lesson-parts', async (original) => {
	const real = await original<typeof import('./lesson-parts')>();
	return {
		...real,
		loadLessonParts: () => {
			network.attempts++;
			return network.offline
				? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
				: real.loadLessonParts();
		}
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
		// Painted, and some frames later: with nothing saved and no move yet, nothing is loaded
		// (on the page's first load, the session's tasks wait for the learner; issue #14).
		await new Promise((done) => setTimeout(done, 300));
		expect(network.attempts).toBe(0);
		await page.getByRole('button', { name: 'Next section' }).click();
		const alert = page.getByRole('alert');
		await expect.element(alert).toHaveTextContent(/could not be loaded/);
		await expect.element(page.getByText('Some reading.')).toBeVisible();
		// The pointerdown's quiet attempt and the click's, which said so: the click was not lost
		// to an alert appearing under the pointer.
		expect(network.attempts).toBe(2);
		network.offline = false;
		await page.getByRole('button', { name: 'Try again' }).click();
		await expect.element(alert).not.toBeInTheDocument();
		// The move made before the failure is made once the session has loaded.
		await expect.element(page.getByRole('heading', { level: 2 })).toHaveTextContent('Section one');
		expect(network.attempts).toBe(3);
	});
});
