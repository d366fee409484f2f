/**
 * `npm run bench:lighthouse`: Lighthouse 12 (mobile preset) scores for each route of the
 * production build, using Debian's Chromium. Lighthouse is fetched by npx, not a dependency:
 * it is large and only this script uses it. Budgets: performance ≥ 99, accessibility 100,
 * best practices 100. Every route is audited as an English and as a Chinese visitor (the
 * browser's Accept-Language, which decides which file the server sends; this Chromium ignores
 * `--lang`, so `--accept-lang` it is). `LH_LOCALE=zh-CN` (or en-US) audits one language only.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromiumArgs, chromiumPath } from '../../tests/chromium';
import { startProductionServer } from './server';

const ROUTES = ['/', '/learn', '/learn/modes-of-supply', '/practice', '/classroom/join'];
const BUDGET = { performance: 99, accessibility: 100, 'best-practices': 100 };
const LOCALES = process.env.LH_LOCALE ? [process.env.LH_LOCALE] : ['en-US', 'zh-CN'];

mkdirSync('.bench', { recursive: true });
const server = await startProductionServer(4322);
try {
	console.log('Lighthouse 12, mobile');
	console.log('locale  route                      perf  a11y  best-practices');
	for (const locale of LOCALES)
		for (const route of ROUTES) {
			const out = `.bench/lighthouse-${locale}${route.replaceAll('/', '_') || '_home'}.json`;
			execFileSync(
				'npx',
				[
					'-y',
					'lighthouse@12',
					server.url + route,
					'--quiet',
					'--output=json',
					`--output-path=${out}`,
					'--only-categories=performance,accessibility,best-practices',
					`--locale=en-US`,
					`--chrome-flags=--headless=new ${chromiumArgs.join(' ')} --accept-lang=${locale}`
				],
				{
					env: { ...process.env, CHROME_PATH: chromiumPath },
					stdio: ['ignore', 'ignore', 'inherit']
				}
			);
			const report = JSON.parse(readFileSync(out, 'utf8'));
			const score = (id: keyof typeof BUDGET) => Math.round(report.categories[id].score * 100);
			const scores = {
				performance: score('performance'),
				accessibility: score('accessibility'),
				'best-practices': score('best-practices')
			};
			const ok = (Object.keys(BUDGET) as (keyof typeof BUDGET)[]).every(
				(k) => scores[k] >= BUDGET[k]
			);
			console.log(
				`${locale.padEnd(7)} ${route.padEnd(26)} ${String(scores.performance).padStart(4)}  ${String(scores.accessibility).padStart(4)}  ${String(scores['best-practices']).padStart(4)}   ${ok ? 'OK' : 'UNDER BUDGET'}`
			);
		}
} finally {
	server.stop();
}
