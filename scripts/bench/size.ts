/**
 * `npm run bench:size`: gzip bytes of the JS and CSS a first visit to each route downloads,
 * measured by loading the production build in Chromium and gzipping each file it fetched.
 * Each route is loaded as an English and as a Chinese reader (each gets its own page file).
 * Budget: the home and join pages load at most 50 KB of JS each.
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
	'/settings',
	'/classroom/join'
];
const BUDGETED = ['/', '/classroom/join'];
const JS_BUDGET = 50 * 1024;

const server = await startProductionServer();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const rows: { route: string; locale: string; js: number; css: number; files: number }[] = [];
try {
	for (const locale of ['en', 'zh-CN'])
		for (const route of ROUTES) {
			// A fresh context per route: nothing cached, no service worker yet.
			const context = await browser.newContext({ serviceWorkers: 'block', locale });
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
			rows.push({ route, locale, js, css, files: fetched.size });
			await context.close();
		}
} finally {
	await browser.close();
	server.stop();
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6) + ' KB';
console.log('locale  route                     JS (gzip)   CSS (gzip)  files');
for (const r of rows)
	console.log(
		`${r.locale.padEnd(7)} ${r.route.padEnd(24)} ${kb(r.js)}   ${kb(r.css)}   ${r.files}`
	);
for (const r of rows.filter((r) => BUDGETED.includes(r.route)))
	console.log(
		`${r.locale} ${r.route} JS ${kb(r.js).trim()} of ${kb(JS_BUDGET).trim()} budget: ${r.js <= JS_BUDGET ? 'OK' : 'OVER'}`
	);
