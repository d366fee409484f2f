import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, testChromiumPath } from './tests/chromium.ts';
import { compileHints } from './scripts/build/compile-hints.ts';
import { shellChunk } from './scripts/build/shell-chunk.ts';

export default defineConfig({
	plugins: [sveltekit(), shellChunk(), compileHints()],
	define: {
		// Lets the classroom page say it needs the server instead of failing in the static build.
		__STATIC_BUILD__: JSON.stringify(process.env.STATIC === '1')
	},
	test: {
		expect: { requireAssertions: true },
		// The generators import generated/generators.json: build it from question-bank/ first.
		globalSetup: ['./scripts/bank/generator-global-setup.ts'],
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'node',
					environment: 'node',
					// One module graph per worker, not one per file: every spec file re-importing
					// the bank, the generators and Svelte's compiler cost 118 s of CPU against
					// 51 s shared (665 tests, same results). Specs restore what they change
					// (timers, globals) in afterEach, so they do not need a fresh graph.
					isolate: false,
					setupFiles: ['scripts/vitest-shared-graph.ts'],
					include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
					exclude: ['src/**/*.svelte.spec.ts', 'src/**/*.browser.spec.ts', '**/*.isolated.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					// Specs that replace a module (`vi.mock`) need a module graph of their own: in the
					// shared graph above, the real module is already loaded by the time they run.
					name: 'node-isolated',
					environment: 'node',
					include: ['src/**/*.isolated.spec.ts', 'scripts/**/*.isolated.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'browser',
					include: ['src/**/*.svelte.spec.ts', 'src/**/*.browser.spec.ts'],
					browser: {
						enabled: true,
						headless: true,
						provider: playwright({
							launchOptions: { executablePath: testChromiumPath, args: chromiumArgs }
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});
