import { answer } from './answer';
import { expect, open, test } from './fixtures';

// Issue #8 "an honest learning loop": option order, setup fields, and no work thrown away by a
// tap. One learner walks through it in one page, so the suite stays lean.

test.use({ locale: 'en', viewport: { width: 360, height: 800 } });

/** The option labels of the question on screen, in the order shown (once it is there). */
async function shownOrder(page: import('@playwright/test').Page) {
	const labels = page.locator('main form label .label');
	await expect(labels.first()).toBeVisible();
	return labels.allInnerTexts();
}

test('options in a seeded order that survives a reload; setup fields checked; leaving keeps the session', async ({
	page
}) => {
	test.setTimeout(90_000);
	// The menu closes on Escape and gives focus back to its button.
	await open(page, '/');
	const menu = page.getByRole('button', { name: 'Menu' });
	await menu.click();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await page.keyboard.press('Escape');
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(menu).toBeFocused();
	// A missing page is translated, titled and leads home.
	await open(page, '/no-such-page');
	await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	await expect(page).toHaveTitle(/Page not found/);
	await expect(page.getByRole('link', { name: 'Back to the home page' })).toBeVisible();
	// Nothing running: the exam page says exam, not practice.
	await open(page, '/session/exam');
	await expect(page.getByText('There is no exam in progress.')).toBeVisible();
	await open(page, '/session/review');
	await expect(page.getByText('There is no review in progress.')).toBeVisible();
	// A lesson's "Practise this unit" (?unit=): that unit chosen, and only it.
	await open(page, '/practice?unit=ito');
	const units = page.getByRole('group', { name: 'Units' });
	await expect(
		units.getByRole('checkbox', { name: 'Information technology outsourcing (ITO)' })
	).toBeChecked();
	await expect(units.getByRole('checkbox', { checked: true })).toHaveCount(1);

	// An empty minutes field does not start an exam that is over at birth.
	await open(page, '/practice');
	await page.getByLabel('Minutes').fill('');
	await page.getByRole('button', { name: 'Start the exam' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter a whole number from 1 to 240');
	await expect(page).toHaveURL(/\/practice$/);

	// Single-choice only, so every question has options to order.
	const types = page.getByRole('group', { name: 'Question types' });
	for (const name of [
		'Select all that apply',
		'True or false',
		'Matching',
		'Classify a case',
		'Fill in the blank'
	])
		await types.getByRole('checkbox', { name }).uncheck();
	await page.getByRole('button', { name: 'Start practice' }).click();
	await expect(page).toHaveURL(/\/session\/practice$/);
	const order = await shownOrder(page);
	expect(order.length).toBeGreaterThan(2);
	await page.reload();
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	expect(await shownOrder(page)).toEqual(order);
	await answer(page, 'en', true);
	await page.keyboard.press('Enter');
	// Focus moves to the explanation below the verdict (the live region has announced the
	// verdict); after a reload there, the learner's own answer is still shown.
	await expect(page.getByRole('group', { name: 'Why' })).toBeFocused();
	await page.reload();
	await expect(page.locator('main section.feedback')).toBeVisible();
	await expect(page.locator('main form input:checked')).toHaveCount(1);

	// Leaving keeps it; starting another asks first.
	await page.getByRole('link', { name: 'Leave for now' }).click();
	await open(page, '/practice');
	await expect(page.getByRole('link', { name: 'Resume the session in progress' })).toBeVisible();
	await page.getByRole('button', { name: 'Start practice' }).click();
	const dialog = page.getByRole('alertdialog');
	await expect(dialog).toContainText('still in progress');
	await dialog.getByRole('button', { name: 'Keep it' }).click();
	await expect(page).toHaveURL(/\/practice$/);

	// Discarding is explicit and confirmed.
	await page.getByRole('link', { name: 'Resume the session in progress' }).click();
	await expect(page.locator('main section.feedback')).toBeVisible();
	await page.getByRole('button', { name: 'Discard this session' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Discard', exact: true }).click();
	await expect(page).toHaveURL(/\/practice$/);
	await expect(page.getByRole('link', { name: 'Resume the session in progress' })).toHaveCount(0);
});
