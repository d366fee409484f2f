import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'build-static/',
			'.svelte-kit/',
			'node_modules/',
			'src/lib/bank/generated/',
			'src/lib/sets/formats/gift-parser.js',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: {
					// The service worker has its own lib (webworker) and is excluded from tsconfig.
					allowDefaultProject: ['src/service-worker.ts']
				},
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// An unawaited storage write loses data; every promise is awaited or voided on purpose.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			// TypeScript already reports undefined names, including our declared build constants.
			'no-undef': 'off'
		}
	}
);
