import AxeBuilder from '@axe-core/playwright';
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
