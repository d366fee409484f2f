import AxeBuilder from '@axe-core/playwright';
import { answer } from './answer';
import { expect, open, PAGES, test } from './fixtures';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

for (const theme of ['light', 'dark'] as const) {
	for (const locale of ['zh-CN', 'en'] as const) {
		test.describe(`axe, ${theme} theme, ${locale}`, () => {
			test.use({ colorScheme: theme, locale, viewport: { width: 360, height: 800 } });

			for (const { path } of [...PAGES, { path: '/learn/modes-of-supply' }]) {
				test(`${path} has no WCAG 2.1 AA violations`, async ({ page }) => {
					await open(page, path);
					// Open the menu and every disclosure so hidden content is audited too.
					await page.getByRole('button', { name: /Menu|菜单/ }).click();
					for (const details of await page.locator('details').all())
						await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
					const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
					expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
				});
			}
		});
	}
}

// The flow screens, with their dynamic states on screen: a question with feedback, the exam
// navigator and timer, results with the review list, and the progress page with data.
for (const theme of ['light', 'dark'] as const) {
	test.describe(`axe on the flows, ${theme} theme`, () => {
		test.use({ colorScheme: theme, locale: 'en', viewport: { width: 360, height: 800 } });

		const audit = async (page: import('@playwright/test').Page) => {
			for (const details of await page.locator('details').all())
				await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
			const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
			expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
		};

		test('practice feedback, results, exam and progress have no violations', async ({ page }) => {
			test.slow(); // four screens, five audits
			await open(page, '/practice');
			await page.getByLabel('How many questions').selectOption('5');
			await page.getByRole('button', { name: 'Start practice' }).click();
			for (let n = 0; n < 5; n++) {
				await answer(page, 'en', false);
				await page.keyboard.press('Enter');
				await expect(page.locator('main section.feedback')).toBeVisible();
				if (n === 0) await audit(page);
				await page.keyboard.press('Enter');
			}
			await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
			await audit(page);

			await page.goto('/practice');
			await page.getByLabel('Paper').selectOption('resources');
			await page.getByRole('button', { name: 'Start the exam' }).click();
			await answer(page, 'en', true);
			await audit(page);

			await page.goto('/progress');
			await expect(page.getByTestId('attempt-count')).toBeVisible();
			await audit(page);
			await page.goto('/learn/resources');
			await page.getByRole('button', { name: 'Check my understanding' }).click();
			await answer(page, 'en', false);
			await page.getByRole('button', { name: 'Check answer' }).click();
			await expect(page.locator('main section.feedback')).toBeVisible();
			await audit(page);
		});
	});
}
