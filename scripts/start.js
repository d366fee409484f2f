// `npm start`: build if the sources changed since the last build, then serve the production
// app on every interface (phones in the room join over the local network), honouring PORT.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

const BUILD_ENTRY = 'build/handler.js';
const SOURCES = [
	'src',
	'question-bank',
	'static',
	'package.json',
	'svelte.config.js',
	'vite.config.ts'
];

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) {
		// Generated output is rebuilt by the build itself; it must not trigger one.
		if (entry === 'generated') continue;
		newest = Math.max(newest, newestMtime(join(path, entry)));
	}
	return newest;
}

const builtAt = existsSync(BUILD_ENTRY) ? statSync(BUILD_ENTRY).mtimeMs : 0;
if (Math.max(...SOURCES.map(newestMtime)) > builtAt) {
	console.log('Building the app (sources changed since the last build)…');
	execSync('npm run build', { stdio: 'inherit' });
}

const port = Number(process.env.PORT ?? 3000);
process.env.PORT = String(port);
process.env.HOST ??= '0.0.0.0';

const lan = Object.values(networkInterfaces())
	.flat()
	.filter((net) => net && net.family === 'IPv4' && !net.internal)
	.map((net) => `http://${net.address}:${port}`);
console.log(`\n服务贸易学堂 · Services Trade Academy`);
console.log(`  This computer:      http://localhost:${port}`);
for (const url of lan) console.log(`  Local network:      ${url}`);
if (lan.length === 0) console.log('  Local network:      (no network interface found)');
console.log('');

await import('./serve.js');
