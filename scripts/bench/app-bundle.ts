import { resolve } from 'node:path';
import { build } from 'vite';

/**
 * The app's own modules (`exports`: export statements with paths relative to `src/lib`) bundled
 * by Vite into one script that defines `globalThis[name]`, for a benchmark or a fuzz to run in
 * the page of the production build: the same code as the app's chunks, on the same storage.
 */
export async function bundleAppModules(name: string, exports: Record<string, string[]>) {
	const id = `\0${name}-entry`;
	const entry = Object.entries(exports)
		.map(
			([path, names]) =>
				`export { ${names.join(', ')} } from ${JSON.stringify(resolve('src/lib', path))};`
		)
		.join('\n');
	const result = await build({
		configFile: false,
		logLevel: 'silent',
		resolve: { alias: { $lib: resolve('src/lib') } },
		plugins: [
			{
				name: 'app-bundle-entry',
				resolveId: (source) => (source === 'app-bundle-entry' ? id : null),
				load: (source) => (source === id ? entry : null)
			}
		],
		build: {
			write: false,
			rolldownOptions: {
				input: 'app-bundle-entry',
				preserveEntrySignatures: 'strict',
				output: { format: 'iife', name }
			}
		}
	});
	const output = Array.isArray(result) ? result[0] : result;
	const chunk = 'output' in output ? output.output[0] : undefined;
	if (chunk?.type !== 'chunk') throw new Error(`bundling ${name} failed`);
	return chunk.code;
}
