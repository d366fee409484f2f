import { describe, expect, it } from 'vitest';
import { shellModules, type ModuleNode } from './shell-chunk';

const START = '/x/node_modules/@sveltejs/kit/src/runtime/client/entry.js';
const APP = '/x/.svelte-kit/generated/client-optimized/app.js';
const LAYOUT = '/x/.svelte-kit/generated/client-optimized/nodes/0.js';
const PAGE = '/x/.svelte-kit/generated/client-optimized/nodes/5.js';

function graph(nodes: Record<string, Partial<ModuleNode>>): Map<string, ModuleNode> {
	return new Map(
		Object.entries(nodes).map(([id, n]) => [id, { isEntry: false, importedIds: [], ...n }])
	);
}

describe('shellModules', () => {
	it('takes what the runtime, the app and the root layout import statically, transitively', () => {
		const shell = shellModules(
			graph({
				[START]: { isEntry: true, importedIds: ['runtime'] },
				[APP]: { isEntry: true, importedIds: ['hooks'] },
				[LAYOUT]: { isEntry: true, importedIds: ['layout.svelte'] },
				'layout.svelte': { importedIds: ['header', 'svelte'] },
				header: { importedIds: ['svelte'] },
				runtime: { importedIds: ['svelte'] },
				[PAGE]: { isEntry: true, importedIds: ['page.svelte'] },
				'page.svelte': { importedIds: ['svelte', 'page-only'] }
			})
		);
		expect([...shell].sort()).toEqual(['header', 'hooks', 'layout.svelte', 'runtime', 'svelte']);
	});

	it('leaves out a route’s own modules and the entries themselves', () => {
		const shell = shellModules(
			graph({
				[LAYOUT]: { isEntry: true, importedIds: ['a', PAGE] },
				[PAGE]: { isEntry: true, importedIds: ['page-only'] },
				a: {}
			})
		);
		expect(shell.has('a')).toBe(true);
		expect(shell.has(PAGE)).toBe(false);
		expect(shell.has('page-only')).toBe(false);
	});
});
