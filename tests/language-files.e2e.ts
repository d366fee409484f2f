import { expect, open, PAGES, test } from './fixtures';

const PIN_LABEL = { en: 'PIN', 'zh-CN': 'PIN' } as const;

/**
 * Each reader gets HTML already in their language: no script has to run before the first text
 * (issue #14: English readers used to wait for hydration to switch a Chinese page).
 */
test.describe('first text in the reader language, before any script', () => {
	test.use({ javaScriptEnabled: false });

	for (const locale of ['en', 'zh-CN'] as const) {
		test.describe(locale, () => {
			test.use({ locale });
			test(`every page arrives in ${locale}, the lesson text included`, async ({ page }) => {
				test.slow(); // nine pages in one test
				const lesson = { 'zh-CN': /^基础概念/, en: /^Foundations/ };
				for (const { path, heading } of [
					...PAGES,
					{ path: '/learn/foundations', heading: lesson }
				]) {
					await page.goto(path);
					await expect(page.locator('html'), path).toHaveAttribute('lang', locale);
					await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading[locale]);
				}
				// The join page a phone opens from a QR code carries its real form, not a placeholder.
				await page.goto('/classroom/join');
				await expect(page.getByRole('textbox', { name: PIN_LABEL[locale] })).toBeVisible();
			});
		});
	}
});

/**
 * With scripts on, the prerendered text is painted while the app's scripts are still on their way,
 * and hydration changes neither its language nor its words: no page is hidden until hydration,
 * and nothing flashes in the other language (issue #14). The app's scripts are held back until
 * the paint is seen, so the order is forced, not a matter of timing.
 */
test.describe('the prerendered page paints before hydration, in one language throughout', () => {
	const lesson = {
		path: '/learn/foundations',
		heading: { 'zh-CN': /^基础概念/, en: /^Foundations/ }
	};
	const join = {
		path: '/classroom/join',
		heading: { 'zh-CN': /^加入课堂测验$/, en: /^Join a classroom quiz$/ }
	};
	const exactly = (text: string) => new RegExp(`^${text}$`);
	const pages = [
		...[PAGES[0], PAGES[1], PAGES[3]].map(({ path, heading }) => ({
			path,
			heading: { 'zh-CN': exactly(heading['zh-CN']), en: exactly(heading.en) }
		})),
		lesson,
		join
	];

	for (const locale of ['en', 'zh-CN'] as const) {
		test.describe(locale, () => {
			test.use({ locale });
			test(`home, learn, a lesson, practice and join paint in ${locale} before hydrating`, async ({
				page
			}) => {
				test.slow(); // five pages
				// Every frame, note the heading and the document language as they were painted.
				await page.addInitScript(() => {
					const seen: string[] = [];
					(window as unknown as { __seen: string[] }).__seen = seen;
					const note = () => {
						const h1 = document.querySelector('h1');
						if (h1) seen.push(`${document.documentElement.lang}|${h1.textContent?.trim()}`);
						requestAnimationFrame(note);
					};
					requestAnimationFrame(note);
				});
				for (const { path, heading } of pages) {
					let release = () => {};
					const held = new Promise<void>((resolve) => (release = resolve));
					const hold = async (route: import('@playwright/test').Route) => {
						await held;
						await route.continue().catch(() => {}); // the page may have moved on
					};
					await page.route('**/_app/immutable/**/*.js', hold);
					await page.goto(path, { waitUntil: 'commit' });
					const h1 = page.getByRole('heading', { level: 1 });
					await expect(h1, path).toHaveText(heading[locale]);
					await expect(page.locator('html'), path).toHaveAttribute('lang', locale);
					// Painted, not only present: a contentful paint happened with no app script run.
					await page.waitForFunction(
						() =>
							performance
								.getEntriesByType('paint')
								.some((e) => e.name === 'first-contentful-paint'),
						undefined,
						{ timeout: 10_000 }
					);
					expect(
						await page.evaluate(() => ({
							hydrated: document.documentElement.dataset.hydrated ?? null,
							marks: performance.getEntriesByName('sta:hydrated').length,
							visible: getComputedStyle(document.body).visibility,
							opacity: getComputedStyle(document.body).opacity
						})),
						path
					).toEqual({ hydrated: null, marks: 0, visible: 'visible', opacity: '1' });
					const before = await h1.textContent();
					// The route stays, passing every script straight on: unrouting now could race
					// a script requested meanwhile and leave it hanging (early-figures.e2e.ts).
					release();
					await expect(page.locator('html[data-hydrated="true"]'), path).toHaveCount(1);
					await expect(h1, path).toHaveText(before ?? '');
					const seen = await page.evaluate(
						() => (window as unknown as { __seen: string[] }).__seen
					);
					expect(seen.length, path).toBeGreaterThan(0);
					const other = seen.filter(
						(entry) => !entry.startsWith(`${locale}|`) || !heading[locale].test(entry.split('|')[1])
					);
					expect(other, `${path}: frames painted in another language or with other words`).toEqual(
						[]
					);
				}
			});
		});
	}
});

test.describe('the saved choice beats the browser language', () => {
	test.use({ locale: 'en' });

	test('a learner who switched to Chinese gets Chinese files, even from an /en address', async ({
		page
	}) => {
		await open(page, '/settings');
		await page.getByRole('button', { name: /switch to Chinese/ }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		// A fresh load, with the script's help disabled, shows what the server itself chose.
		const response = await page.request.get('/learn');
		expect(await response.text()).toContain('data-rendered-lang="zh-CN"');
		await open(page, '/learn');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('学习');
		// An English address (a shared link) lands on the Chinese file.
		await page.goto('/en/learn');
		await expect(page).toHaveURL(/\/learn$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('学习');
	});
});
