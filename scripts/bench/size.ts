/**
 * `npm run bench:size`: gzip bytes of the JS and CSS a first visit to each route downloads,
 * measured by loading the production build in Chromium and gzipping each file it fetched.
 * Budget: the home page loads at most 70 KB of JS.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, chromiumPath } from '../../tests/chromium';
import { startProductionServer } from './server';

const ROUTES = [
	'/',
	'/learn',
	'/learn/modes-of-supply',
	'/practice',
	'/review',
	'/classroom',
	'/progress',
	'/settings'
];
const HOME_JS_BUDGET = 70 * 1024;

const server = await startProductionServer();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const rows: { route: string; js: number; css: number; files: number }[] = [];
try {
	for (const route of ROUTES) {
		// A fresh context per route: nothing cached, no service worker yet.
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		const fetched = new Set<string>();
		page.on('response', (response) => {
			const path = new URL(response.url()).pathname;
			if (/\.(js|css)$/.test(path)) fetched.add(path);
		});
		await page.goto(server.url + route, { waitUntil: 'networkidle' });
		let js = 0;
		let css = 0;
		for (const path of fetched) {
			const bytes = gzipSync(readFileSync(join('build/client', path)), { level: 9 }).length;
			if (path.endsWith('.js')) js += bytes;
			else css += bytes;
		}
		rows.push({ route, js, css, files: fetched.size });
		await context.close();
	}
} finally {
	await browser.close();
	server.stop();
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6) + ' KB';
console.log('route                     JS (gzip)   CSS (gzip)  files');
for (const r of rows) console.log(`${r.route.padEnd(24)} ${kb(r.js)}   ${kb(r.css)}   ${r.files}`);
const home = rows.find((r) => r.route === '/')!;
console.log(
	`\nhome JS ${kb(home.js).trim()} of ${kb(HOME_JS_BUDGET).trim()} budget: ${home.js <= HOME_JS_BUDGET ? 'OK' : 'OVER'}`
);
