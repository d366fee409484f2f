import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** WCAG 2.1 A and AA: the level the brief asks of every screen. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The axe rules whose outcome depends on the palette; the others read the DOM alone. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Audits the page as it stands with axe-core, every WCAG 2.1 A/AA rule in the light colour scheme
 * and the colour rules again in the dark one, and fails listing every violation. Every
 * `<details>` is opened first so hidden content is audited too.
 *
 * Both themes in one visit: the app's palette follows `prefers-color-scheme` live (app.css), so
 * switching the emulated scheme re-colours the same screen. That audits the dynamic state on
 * screen (a question with feedback, a lobby with players) in both palettes without walking to it
 * twice, and the rules that only read the DOM run once. The page is left in the scheme it had.
 */
export async function auditBothThemes(page: Page): Promise<void> {
	for (const details of await page.locator('details').all())
		await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
	const initial = await page.evaluate(() =>
		matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
	);
	const failures: string[] = [];
	const backgrounds = new Set<string>();
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		// The palette really changed (a theme pinned in settings would make the second pass moot).
		backgrounds.add(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
		const axe = new AxeBuilder({ page });
		const results = await (
			colorScheme === 'light' ? axe.withTags(TAGS) : axe.withRules(COLOUR_RULES)
		).analyze();
		failures.push(...results.violations.map((v) => `${colorScheme} ${v.id}: ${v.help}`));
	}
	await page.emulateMedia({ colorScheme: initial });
	expect(failures).toEqual([]);
	expect(backgrounds.size).toBe(2);
}
