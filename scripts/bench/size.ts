/**
 * `npm run bench:size`: gzip bytes of the JS and CSS a first visit to each route downloads,
 * measured by loading the production build in Chromium and gzipping each file it fetched.
 * Each route is loaded as an English and as a Chinese reader (each gets its own page file).
 *
 * "First load" is the JavaScript fetched until the page has hydrated (the root layout marks
 * `sta:hydrated` in its onMount): what stands between the prerendered page and a working one.
 * "Later" is what the page fetches after that until the network is idle (storage opens after
 * the first paint, for instance). Budget: the home and join pages' first load ≤ 50 KB of JS.
 * The machine's load average is printed: on a busy machine late fetches can shift columns.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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

const server = await startProductionServer(Number(process.env.BENCH_PORT) || 4321);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const rows: {
	route: string;
	locale: string;
	js: number;
	later: number;
	css: number;
	files: number;
	detail: string[];
}[] = [];
try {
	for (const locale of ['en', 'zh-CN'])
		// SIZE_ONLY_BUDGETED=1: just the budgeted routes (a quicker loop while cutting).
		for (const route of process.env.SIZE_ONLY_BUDGETED ? BUDGETED : ROUTES) {
			// A fresh context per route: nothing cached, no service worker yet.
			const context = await browser.newContext({ serviceWorkers: 'block', locale });
			const page = await context.newPage();
			const fetched = new Set<string>();
			page.on('response', (response) => {
				const path = new URL(response.url()).pathname;
				if (/\.(js|css)$/.test(path)) fetched.add(path);
			});
			await page.goto(server.url + route, { waitUntil: 'networkidle' });
			await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached' });
			// Scripts whose fetch started after the hydration mark (resource timing, same clock).
			const afterHydration = new Set(
				await page.evaluate(() => {
					const mark = performance.getEntriesByName('sta:hydrated')[0]?.startTime ?? Infinity;
					return performance
						.getEntriesByType('resource')
						.filter((entry) => entry.startTime > mark)
						.map((entry) => new URL(entry.name).pathname);
				})
			);
			let js = 0;
			let later = 0;
			let css = 0;
			const detail: string[] = [];
			for (const path of fetched) {
				const bytes = gzipSync(readFileSync(join('build/client', path)), { level: 9 }).length;
				if (!path.endsWith('.js')) css += bytes;
				else if (afterHydration.has(path)) later += bytes;
				else js += bytes;
				const when = !path.endsWith('.js') ? 'css' : afterHydration.has(path) ? 'later' : 'first';
				detail.push(`${(bytes / 1024).toFixed(1).padStart(6)} KB  ${when.padEnd(5)}  ${path}`);
			}
			rows.push({ route, locale, js, later, css, files: fetched.size, detail });
			await context.close();
		}
} finally {
	await browser.close();
	server.stop();
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6) + ' KB';
console.log(
	`gzip -9; load average ${loadavg()
		.map((n) => n.toFixed(1))
		.join(' ')}`
);
console.log('locale  route                    JS first load  JS later  CSS        files');
for (const r of rows)
	console.log(
		`${r.locale.padEnd(7)} ${r.route.padEnd(24)} ${kb(r.js)}      ${kb(r.later)} ${kb(r.css)}   ${r.files}`
	);
// SIZE_FILES=1: every file of the budgeted routes, largest first (what to cut next).
if (process.env.SIZE_FILES)
	for (const r of rows.filter((r) => BUDGETED.includes(r.route)))
		console.log(`\n${r.locale} ${r.route}\n${r.detail.sort().reverse().join('\n')}`);
for (const r of rows.filter((r) => BUDGETED.includes(r.route)))
	console.log(
		`${r.locale} ${r.route} first-load JS ${kb(r.js).trim()} of ${kb(JS_BUDGET).trim()} budget: ${r.js <= JS_BUDGET ? 'OK' : 'OVER'}`
	);
