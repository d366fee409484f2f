import { expect, test } from '@playwright/test';
import { COMPILE_HINT } from '../scripts/build/compile-hints';

// The compile hint must reach the browser: a hint added where the minifier later strips it (a
// `renderChunk` hook) builds and passes every other test, and only the figures tell (issue #14).
test('the scripts of a first load carry the compile hint, and a script loaded later does not', async ({
	request
}) => {
	const lazy: string[] = [];
	for (const path of ['/', '/en/learn/modes-of-supply', '/classroom/join']) {
		const html = await (await request.get(path)).text();
		const scripts = [...html.matchAll(/<link href="([^"]+\.js)" rel="modulepreload">/g)].map(
			(match) => new URL(match[1], new URL(path, 'http://x/')).pathname
		);
		expect(scripts.length, path).toBeGreaterThan(5);
		for (const script of scripts) {
			const code = await (await request.get(script)).text();
			expect(code.startsWith(COMPILE_HINT + '\n'), script).toBe(true);
			for (const [, target] of code.matchAll(/import\(`(\.\.?\/[^`]+\.js)`\)/g))
				lazy.push(new URL(target, new URL(script, 'http://x/')).pathname);
		}
	}
	// What the pages fetch by import() later (the lesson session on the first move…): at least
	// some of it is only ever fetched so, and is left lazy.
	const hinted = await Promise.all(
		lazy.map(async (script) => (await (await request.get(script)).text()).startsWith(COMPILE_HINT))
	);
	expect(lazy.length).toBeGreaterThan(0);
	expect(hinted).toContain(false);
});
