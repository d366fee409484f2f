import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ChoiceGroup from './ChoiceGroup.svelte';

describe('ChoiceGroup', () => {
	it('is a named radio group that arrow keys move through', async () => {
		const chosen: string[] = [];
		const screen = await render(ChoiceGroup, {
			legend: 'Theme',
			name: 'theme',
			value: 'light',
			options: [
				{ value: 'light', label: 'Light' },
				{ value: 'dark', label: 'Dark' }
			],
			onchange: (value: string) => chosen.push(value)
		});
		await expect.element(screen.getByRole('group', { name: 'Theme' })).toBeVisible();
		const light = screen.getByRole('radio', { name: 'Light' });
		await expect.element(light).toBeChecked();
		await userEvent.click(light);
		await userEvent.keyboard('{ArrowRight}');
		await expect.element(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
		expect(chosen).toEqual(['dark']);
	});
});
