import { beforeAll, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { UnitContent } from '$lib/bank/types';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import { getStore } from '$lib/progress/progress.svelte';
import '../../../app.css';
import LessonPlayer from './LessonPlayer.svelte';

// Storage opens when a test lets it (`openStorage`): a lesson answered before then is the one a
// learner on a slow phone (or a loaded test machine) checks before IndexedDB has opened.
const storage = vi.hoisted(() => {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open: () => open() };
});
vi.mock('$lib/progress/progress.svelte', async (original) => {
	const real = await original<typeof import('$lib/progress/progress.svelte')>();
	return { ...real, getStore: () => storage.opened.then(() => real.getStore()) };
});

// The session (xstate, the machine, saving) loads once the player is mounted; a test holds it
// back (`loadSession`) to act on the page before it has loaded. Once let go, it stays loaded.
const session = vi.hoisted(() => {
	let load = () => {};
	const loaded = new Promise<void>((resolve) => (load = resolve));
	return { loaded, load: () => load() };
});
vi.mock('./lesson-session', async (original) => {
	await session.loaded;
	return original();
});

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

describe('moves made before the session has loaded', () => {
	// The page hydrates from the first screen's view with no actor: a tap then must not be lost.
	it('are kept and made once it has', async () => {
		const twoSections: UnitContent = {
			...unit,
			id: 'queued-unit',
			lesson: {
				...unit.lesson,
				sections: [
					{ ...unit.lesson.sections[0], id: 's0', title: 'Section zero', check: [] },
					unit.lesson.sections[0]
				]
			}
		};
		await render(LessonPlayer, { content: twoSections, partTitles: {} });
		// Section zero has no checks: "Next section" is on the first screen.
		await page.getByRole('button', { name: 'Next section' }).click();
		// Not loaded: nothing has moved yet.
		await expect.element(page.getByRole('heading', { level: 2 })).toHaveTextContent('Section zero');
		session.load();
		// Made once loaded, with its focus move: section one, its heading focused.
		const heading = page.getByRole('heading', { level: 2 });
		await expect.element(heading).toHaveTextContent('Section one');
		await expect.element(heading).toHaveFocus();
		await expect.element(page.getByRole('button', { name: /check/i }).first()).toBeVisible();
	});
});

describe('a check answered before storage opens', () => {
	// Before the fix, the first-paint actor had no way to store an answer: it failed at once
	// ("saveAttempts was not provided"), and that failure was carried into the stored machine,
	// so the explanation never came (the full gate's flake, where storage opened slowly).
	it('shows the verdict and explanation at once, and is stored once storage opens', async () => {
		await render(LessonPlayer, { content: { ...unit, id: 'early-unit' }, partTitles: {} });
		await page.getByRole('button', { name: /check/i }).first().click();
		await page.getByRole('radio').first().click();
		await page.getByRole('button', { name: 'Check answer' }).click();
		await expect.element(page.getByRole('radio').first()).toBeDisabled();
		// The verdict and the explanation do not wait for the store; the store is told of the
		// answer all the same once it opens.
		await expect.element(page.getByText('Because.')).toBeVisible();
		storage.open();
		await expect
			.poll(async () => {
				const store = await getStore();
				await store.whenIdle();
				return Object.keys(await store.getItemStates('keys-unit'));
			})
			.toEqual(['q1']);
		await expect.element(page.getByText('Saving your answer…')).not.toBeInTheDocument();
		await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
	});
});

describe('lesson checks: number keys and Enter', () => {
	it('2 chooses the second option as shown, Enter checks it', async () => {
		storage.open();
		await render(LessonPlayer, { content: unit, partTitles: {} });
		await page.getByRole('button', { name: /check/i }).first().click();
		const radios = page.getByRole('radio');
		await expect.element(radios.nth(1)).toBeVisible();
		// Nothing chosen yet; the document (not a control) has focus, as after a tap elsewhere.
		(document.activeElement as HTMLElement | null)?.blur();
		await userEvent.keyboard('2');
		await expect.element(radios.nth(1)).toBeChecked();
		await expect.element(radios.nth(0)).not.toBeChecked();
		// The store answers within a few microtasks: the verdict comes in one render, with no
		// "Saving…" flashing before it (as on the quiz screen).
		let savingShown = false;
		const watch = new MutationObserver(() => {
			savingShown ||= document.body.textContent!.includes('Saving');
		});
		watch.observe(document.body, { childList: true, subtree: true, characterData: true });
		await userEvent.keyboard('{Enter}');
		await expect.element(page.getByRole('radio').nth(1)).toBeDisabled();
		await expect.element(page.getByText('Because.')).toBeVisible();
		watch.disconnect();
		expect(savingShown, '"Saving…" was rendered before the verdict').toBe(false);
	});
});
