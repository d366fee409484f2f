import adapterNode from '@sveltejs/adapter-node';
import adapterStatic from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// Two builds from one codebase: the Node server (default; the classroom needs it) and a
// static bundle for self-study on any static host (`npm run build:static`).
const isStatic = process.env.STATIC === '1';
// PRECOMPRESS=0 writes no .br/.gz beside each file: brotli at its top quality is about 12 of the
// build's ~50 CPU-seconds, and a test over loopback gains nothing from it (the check gate builds
// so, see scripts/gate.ts). A deploy keeps the default.
const precompress = process.env.PRECOMPRESS !== '0';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: isStatic
			? adapterStatic({ pages: 'build-static', assets: 'build-static', fallback: '200.html' })
			: adapterNode({ out: 'build', precompress }),
		// Registered by hand in the root layout so an update waits for the learner's say-so.
		serviceWorker: { register: false },
		// Our stylesheets are small; inlined, they stop being render-blocking requests (each one
		// costs a round trip on a phone's network before the first paint).
		inlineStyleThreshold: 8192
	}
};

export default config;
