import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHints, initialChunks } from './compile-hints';

const chunk = (isEntry: boolean, imports: string[] = []) => ({ isEntry, imports });

describe('initialChunks', () => {
	it('is the entries and what they import statically, transitively, and nothing reached only by import()', () => {
		const graph = {
			'entry/start.js': chunk(true, ['chunks/client.js']),
			'nodes/0.js': chunk(true, ['chunks/svelte.js', 'chunks/i18n.js']),
			'chunks/client.js': chunk(false, ['chunks/svelte.js']),
			'chunks/svelte.js': chunk(false),
			'chunks/i18n.js': chunk(false, ['chunks/strings.js']),
			'chunks/strings.js': chunk(false),
			// Only dynamically imported (its importers list it under dynamicImports, not imports).
			'chunks/xstate.js': chunk(false),
			'chunks/lesson-session.js': chunk(false, ['chunks/xstate.js', 'chunks/svelte.js'])
		};
		expect([...initialChunks(graph)].sort()).toEqual([
			'chunks/client.js',
			'chunks/i18n.js',
			'chunks/strings.js',
			'chunks/svelte.js',
			'entry/start.js',
			'nodes/0.js'
		]);
	});

	it('survives an import cycle', () => {
		const graph = { 'a.js': chunk(true, ['b.js']), 'b.js': chunk(false, ['a.js']) };
		expect(initialChunks(graph)).toEqual(new Set(['a.js', 'b.js']));
	});
});

describe('compileHints', () => {
	it('puts the hint at the top of the first-load chunks of the final bundle only', () => {
		const bundle = {
			'entry.js': { type: 'chunk', isEntry: true, imports: ['dep.js'], code: 'import "./dep.js";' },
			'dep.js': { type: 'chunk', isEntry: false, imports: [], code: 'export const a = 1;' },
			'lazy.js': { type: 'chunk', isEntry: false, imports: [], code: 'export const b = 2;' },
			'style.css': { type: 'asset', source: 'a{}' }
		};
		const hook = compileHints().generateBundle as {
			handler: (options: unknown, bundle: unknown) => void;
		};
		hook.handler.call({}, {}, bundle);
		expect(bundle['entry.js'].code).toBe(`${COMPILE_HINT}\nimport "./dep.js";`);
		expect(bundle['dep.js'].code).toBe(`${COMPILE_HINT}\nexport const a = 1;`);
		expect(bundle['lazy.js'].code).toBe('export const b = 2;');
		expect(bundle['style.css'].source).toBe('a{}');
	});
});
