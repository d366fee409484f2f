import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Start the production server (building first if there is no build) on a free port and wait
 * until it answers. Benchmarks measure what a learner gets, not the dev server.
 */
export async function startProductionServer(port = 4321): Promise<{
	url: string;
	stop: () => void;
}> {
	if (!existsSync('build/handler.js')) {
		await new Promise<void>((resolve, reject) => {
			const build = spawn('npm', ['run', 'build'], { stdio: 'inherit' });
			build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed'))));
		});
	}
	// scripts/serve.js, as `npm start` runs it: each reader gets the page file in their language.
	const server: ChildProcess = spawn('node', ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(url)).ok) return { url, stop: () => server.kill() };
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	server.kill();
	throw new Error(`server did not start on ${url}`);
}
