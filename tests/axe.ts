import axe from 'axe-core';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** WCAG 2.1 A and AA: the level the brief asks of every screen. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The axe rules whose outcome depends on the palette; the others read the DOM alone. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** What one `axe.run` reports that a failure message needs. */
interface Violation {
	id: string;
	help: string;
	targets: string[];
}

/**
 * Runs axe-core in the page's document and returns its violations (rule id, help text and up to
 * three offending selectors each).
 *
 * Why not `@axe-core/playwright`: its `analyze()` evaluates the 550 KB axe source two or three
 * times per call and finishes every run in a new blank page (`axe.finishRun`); on two shared
 * cores that made one audit cost 6–20 s, against under 1 s for the same rules run here (measured
 * side by side on /learn, same browser, same load). The source is evaluated once per document and
 * `axe.run` is the engine's own entry point, so the rules and results are the same.
 *
 * Throws when the page has a child frame: `axe.run` here audits the top document only, so a page
 * with an iframe would pass unaudited inside it (the app has none; a new one must extend this).
 */
async function violations(
	page: Page,
	runOnly: { type: 'tag' | 'rule'; values: string[] }
): Promise<Violation[]> {
	expect(page.frames(), 'axe here audits the top document only').toHaveLength(1);
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
	return page.evaluate(async (only) => {
		const engine = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const results = await engine.run(document, { runOnly: only, resultTypes: ['violations'] });
		return results.violations.map((v) => ({
			id: v.id,
			help: v.help,
			targets: v.nodes.slice(0, 3).map((node) => node.target.join(' '))
		}));
	}, runOnly);
}

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
		const found = await violations(
			page,
			colorScheme === 'light'
				? { type: 'tag', values: TAGS }
				: { type: 'rule', values: COLOUR_RULES }
		);
		failures.push(
			...found.map((v) => `${colorScheme} ${v.id}: ${v.help} (${v.targets.join(', ')})`)
		);
	}
	await page.emulateMedia({ colorScheme: initial });
	expect(failures).toEqual([]);
	expect(backgrounds.size).toBe(2);
}
