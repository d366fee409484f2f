import { answer } from './answer';
import { auditBothThemes } from './axe';
import { open, test, expect } from './fixtures';

// Every page in both languages and both themes is audited on the same visit that checks it
// renders (tests/pages.e2e.ts).

// The flow screens, with their dynamic states on screen: a question with feedback, the exam
// navigator and timer, results with the review list, the progress page with data, a lesson check.
test.describe('axe on the flows', () => {
	test.use({ locale: 'en', viewport: { width: 360, height: 800 } });

	test('practice feedback, results, exam, progress and a lesson check have no violations', async ({
		page
	}) => {
		test.setTimeout(5 * 30_000); // five screens, ten audits
		await open(page, '/practice');
		await page.getByLabel('How many questions').selectOption('5');
		await page.getByRole('button', { name: 'Start practice' }).click();
		for (let n = 0; n < 5; n++) {
			await answer(page, 'en', false);
			await page.keyboard.press('Enter');
			await expect(page.locator('main section.feedback')).toBeVisible();
			if (n === 0) await auditBothThemes(page);
			await page.keyboard.press('Enter');
		}
		await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
		await auditBothThemes(page);

		await page.goto('/practice');
		await page.getByLabel('Paper').selectOption('resources');
		await page.getByRole('button', { name: 'Start the exam' }).click();
		await answer(page, 'en', true);
		await auditBothThemes(page);

		await page.goto('/progress');
		await expect(page.getByTestId('attempt-count')).toBeVisible();
		await auditBothThemes(page);
		await page.goto('/learn/resources');
		await page.getByRole('button', { name: 'Check my understanding' }).click();
		await answer(page, 'en', false);
		await page.getByRole('button', { name: 'Check answer' }).click();
		await expect(page.locator('main section.feedback')).toBeVisible();
		await auditBothThemes(page);
	});
});

// The audit itself can fail: a rule broken in the light palette, and one broken only in the dark
// palette, are each reported (an audit that passes everything would make the walks above moot).
test('the audit reports a violation in either theme', async ({ page }) => {
	test.setTimeout(60_000); // two audits, each in both themes
	await open(page, '/settings');
	await page.evaluate(() => document.querySelector('main')!.append(new Image()));
	await expect(auditBothThemes(page)).rejects.toThrow(/light image-alt/);
	await page.evaluate(() => {
		document.querySelector('main img')!.remove();
		const style = document.createElement('style');
		style.textContent =
			'@media (prefers-color-scheme: dark) { main h1 { color: #333 !important; background: #222 !important } }';
		document.head.append(style);
	});
	await expect(auditBothThemes(page)).rejects.toThrow(/dark color-contrast/);
});
