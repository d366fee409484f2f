import { beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { loadIndex } from '$lib/bank/loader';
import type { BankIndex } from '$lib/bank/types';
import { hasSets, openSets } from '$lib/features/sets/sets-state';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import PracticeSetup from './PracticeSetup.svelte';

// Issue #14: the Practice page's start-up was two long tasks at a phone's CPU, one hydrating
// about 190 concept checkboxes inside a closed <details>, one evaluating the set store's
// schemas for a learner with no set. Neither is paid for now until it is used.

let index: BankIndex;
beforeAll(async () => {
	initLocale('en');
	await ensureNamespaces(['practice', 'quiz', 'common']);
	index = await loadIndex();
});

describe('practice setup start-up', () => {
	it('renders the concept checkboxes once the learner opens them, and they work', async () => {
		await render(PracticeSetup, { index });
		const concepts = page.getByRole('group', { name: 'Concepts (optional)' });
		await expect.element(page.getByText('Concepts (optional)', { exact: true })).toBeVisible();
		expect(concepts.query()).toBeNull();
		await page.getByText('Concepts (optional)', { exact: true }).click();
		await expect.element(concepts).toBeVisible();
		const boxes = concepts.getByRole('checkbox');
		expect(boxes.all().length).toBeGreaterThan(100);
		await boxes.first().click();
		await expect.element(boxes.first()).toBeChecked();
	});

	it('tells whether the device keeps any set (read without the set store)', async () => {
		expect(await hasSets()).toBe(false);
		const { store } = await openSets();
		const set = await store.create('Homework 1');
		expect(await hasSets()).toBe(true);
		await store.remove(set.id);
		expect(await hasSets()).toBe(false);
	});
});
