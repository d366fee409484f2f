import type { Plugin } from 'vite';

/** The parts of a module's info this plugin reads (Rollup's and Rolldown's `ModuleInfo`). */
export interface ModuleNode {
	isEntry: boolean;
	/** Modules it imports statically (run before it). */
	importedIds: readonly string[];
}

/**
 * The entries every page loads: SvelteKit's client runtime (`entry/start`), the app's manifest
 * (`entry/app`, with the client hooks) and the root layout (`nodes/0`). Matched on the module ids
 * SvelteKit 2 generates.
 */
const SHELL_ENTRIES = [
	/[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js$/,
	/[\\/]generated[\\/]client(-optimized)?[\\/]app\.js$/,
	/[\\/]generated[\\/]client(-optimized)?[\\/]nodes[\\/]0\.js$/
];

/**
 * The modules of the shell: those the shell's entries (`SHELL_ENTRIES`) import statically,
 * transitively, not counting the entries themselves. Every page's first load runs all of them.
 * `modules` maps module id → info; returns module ids.
 */
export function shellModules(modules: Map<string, ModuleNode>): Set<string> {
	const shell = new Set<string>();
	const visit = (id: string) => {
		for (const dep of modules.get(id)?.importedIds ?? []) {
			if (shell.has(dep) || modules.get(dep)?.isEntry) continue;
			shell.add(dep);
			visit(dep);
		}
	};
	for (const [id, info] of modules)
		if (info.isEntry && SHELL_ENTRIES.some((entry) => entry.test(id))) visit(id);
	return shell;
}

/**
 * Vite plugin: puts the shell's modules (`shellModules`) into one client chunk. Why: left to
 * automatic chunking, they were split by which routes share them into many small chunks (14–22
 * under 2 KB gzip on a first load, 19–28 scripts a page), and each script costs the main thread a
 * request, a module record and a fetch turn before the page can start (issue #14: at 4x CPU,
 * ~1.5 ms of main thread a request in the preload scan, and tens of ms of module fetching in a
 * trace of /review). Every page loads all of the shell anyway, so one chunk adds no byte to any
 * page; a route's own modules still split as before, and code reached only by `import()` stays
 * lazy. The server build is left alone.
 */
export function shellChunk(): Plugin {
	let shell = new Set<string>();
	return {
		name: 'sta:shell-chunk',
		apply: 'build',
		applyToEnvironment: (environment) => environment.name === 'client',
		buildEnd() {
			const modules = new Map<string, ModuleNode>();
			for (const id of this.getModuleIds()) {
				const info = this.getModuleInfo(id);
				if (info) modules.set(id, info);
			}
			shell = shellModules(modules);
		},
		outputOptions(options) {
			return {
				...options,
				codeSplitting: { groups: [{ name: 'shell', test: (id: string) => shell.has(id) }] }
			};
		}
	};
}
