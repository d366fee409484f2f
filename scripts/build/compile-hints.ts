import type { Plugin } from 'vite';

/**
 * V8's explicit compile hint (Chrome 136+; a plain comment to every other engine): a script
 * that begins with it has all its functions compiled eagerly, on the background thread that
 * streams it, instead of lazily on the main thread at each function's first call.
 * Source: https://v8.dev/blog/explicit-compile-hints
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The parts of a rendered chunk this plugin reads (Rollup's and Rolldown's `RenderedChunk`). */
export interface ChunkNode {
	isEntry: boolean;
	/** File names of the chunks it imports statically (loaded with it, before it runs). */
	imports: readonly string[];
}

/**
 * The chunks a page's first load runs: every entry (SvelteKit's `entry/start`, `entry/app`
 * and each route's `nodes/N`) and whatever they import statically, transitively. A chunk reached
 * only by a dynamic `import()` (the lesson session, the QR decoder, the spreadsheet readers…)
 * is not among them: it may never run. `chunks` maps file name → chunk; returns file names.
 */
export function initialChunks(chunks: Record<string, ChunkNode>): Set<string> {
	const initial = new Set<string>();
	const visit = (name: string) => {
		if (initial.has(name) || !chunks[name]) return;
		initial.add(name);
		for (const dep of chunks[name].imports) visit(dep);
	};
	for (const [name, chunk] of Object.entries(chunks)) if (chunk.isEntry) visit(name);
	return initial;
}

/**
 * Vite plugin: puts `COMPILE_HINT` at the top of each client chunk of a first load
 * (`initialChunks`). Why: at a phone's CPU, compiling the functions that hydration calls, one
 * by one on the main thread, was a large share of every page's hydration task and so of
 * Lighthouse's Total Blocking Time (issue #14; `bench:long-tasks`, est. TBT at 4x, same machine
 * and hour: home 96–140 → 9–47 ms, practice 236 → 101, a lesson 141 → 31). Chunks loaded later
 * are left lazy: eagerly compiling code that may never run only costs memory.
 *
 * Added once the bundle is final (`generateBundle`, last), because the minifier drops comments from
 * what `renderChunk` returns; the file names' hashes were computed just before, from the same
 * code, so a change of code still changes the name. The server build is left alone, and client
 * builds have no source maps for the extra line to shift.
 */
export function compileHints(): Plugin {
	return {
		name: 'sta:compile-hints',
		apply: 'build',
		applyToEnvironment: (environment) => environment.name === 'client',
		generateBundle: {
			// After Vite's own: its preload helper puts `__vite__mapDeps` above the code, and
			// the hint counts only at the very top.
			order: 'post',
			handler(_options, bundle) {
				const chunks: Record<string, ChunkNode & { code: string }> = {};
				for (const [name, output] of Object.entries(bundle))
					if (output.type === 'chunk') chunks[name] = output;
				for (const name of initialChunks(chunks))
					chunks[name].code = `${COMPILE_HINT}\n${chunks[name].code}`;
			}
		}
	};
}
