import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './tests/chromium.ts';

export default defineConfig({
	plugins: [sveltekit()],
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
					include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
					exclude: ['src/**/*.svelte.spec.ts', 'src/**/*.browser.spec.ts']
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
							launchOptions: { executablePath: chromiumPath, args: chromiumArgs }
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});
