import { beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { UnitContent } from '$lib/bank/types';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import '../../../app.css';
import LessonPlayer from './LessonPlayer.svelte';

// Lesson checks take the quiz screen's keyboard rule ($lib/answering/keyboard): number keys
// choose the option with that number as shown, Enter checks.

const unit: UnitContent = {
	id: 'keys-unit',
	locale: 'en',
	lesson: {
		title: 'Keys',
		summary: '',
		objectives: [],
		sections: [
			{
				id: 's1',
				title: 'Section one',
				blocks: [{ kind: 'p', spans: [{ text: 'Some reading.' }] }],
				check: ['q1']
			}
		]
	},
	items: [
		{
			id: 'q1',
			type: 'single',
			unit: 'keys-unit',
			part: 'p',
			concepts: [],
			difficulty: 1,
			stem: 'Which one?',
			explanation: 'Because.',
			source: { part: 'p', quote: '' },
			options: [
				{ id: 'a', label: 'Alpha' },
				{ id: 'b', label: 'Beta' },
				{ id: 'c', label: 'Gamma' }
			],
			answer: 'a'
		}
	]
};

beforeAll(async () => {
	initLocale('en');
	await ensureNamespaces(['learn', 'quiz', 'common']);
});

describe('lesson checks: number keys and Enter', () => {
	it('2 chooses the second option as shown, Enter checks it', async () => {
		await render(LessonPlayer, { content: unit, partTitles: {} });
		await page.getByRole('button', { name: /check/i }).first().click();
		const radios = page.getByRole('radio');
		await expect.element(radios.nth(1)).toBeVisible();
		// Nothing chosen yet; the document (not a control) has focus, as after a tap elsewhere.
		(document.activeElement as HTMLElement | null)?.blur();
		await userEvent.keyboard('2');
		await expect.element(radios.nth(1)).toBeChecked();
		await expect.element(radios.nth(0)).not.toBeChecked();
		await userEvent.keyboard('{Enter}');
		await expect.element(page.getByRole('radio').nth(1)).toBeDisabled();
		await expect.element(page.getByText('Because.')).toBeVisible();
	});
});
