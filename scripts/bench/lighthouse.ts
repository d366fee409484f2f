/**
 * `npm run bench:lighthouse [runs]`: Lighthouse 12 (mobile preset: 4x CPU, slow 4G) on each
 * route of the production build, with Debian's Chromium, as an English and as a Chinese
 * visitor, each page `runs` times (default 3); prints the median performance score, LCP (ms),
 * TBT (ms) and script bytes on the wire (KB, compressed as served), and the accessibility and
 * best-practices scores. Budgets: performance ≥ 99, accessibility 100, best practices 100.
 *
 * The language: this Chromium ignores `--lang`, so the visitor's language is its
 * `--accept-lang`, which decides which prerendered file the server sends. Each run checks the
 * page really came in that language (Chinese characters in the LCP element's text, or none),
 * so a run in the wrong language cannot pass as the other. `LH_LOCALE=zh-CN` (or en-US)
 * audits one language only, `LH_ROUTES=/,/learn` only those routes. Lighthouse is fetched by npx, not a dependency: it is large and
 * only this script uses it. The machine's load average is printed with the figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromiumArgs, chromiumPath } from '../../tests/chromium';
import { LOCALES, ROUTES } from './pages';
import { startProductionServer } from './server';

const BUDGET = { performance: 99, accessibility: 100, 'best-practices': 100 };
const RUNS = Math.max(1, Number(process.argv[2] ?? process.env.LH_RUNS ?? 3) || 3);

/** One Lighthouse report's figures (scores 0–100, times in ms, bytes in KB). */
type Run = {
	performance: number;
	accessibility: number;
	'best-practices': number;
	lcp: number;
	tbt: number;
	cls: number;
	jsKB: number;
	/** The LCP element's text as Lighthouse labels it, to check the page's language. */
	lcpText: string;
};

type Audit = { numericValue?: number; details?: { items?: Record<string, unknown>[] } };
type Report = {
	categories: Record<string, { score: number }>;
	audits: Record<string, Audit>;
};

function figures(report: Report): Run {
	const score = (id: string) => Math.round(report.categories[id].score * 100);
	const scripts = report.audits['resource-summary'].details?.items?.find(
		(item) => item.resourceType === 'script'
	);
	const lcpElement = report.audits['largest-contentful-paint-element']?.details?.items?.[0] as
		{ items?: { node?: { nodeLabel?: string; snippet?: string } }[] } | undefined;
	const node = lcpElement?.items?.[0]?.node;
	return {
		performance: score('performance'),
		accessibility: score('accessibility'),
		'best-practices': score('best-practices'),
		lcp: report.audits['largest-contentful-paint'].numericValue ?? NaN,
		tbt: report.audits['total-blocking-time'].numericValue ?? NaN,
		cls: report.audits['cumulative-layout-shift'].numericValue ?? NaN,
		jsKB: Number(scripts?.transferSize ?? 0) / 1024,
		lcpText: node?.nodeLabel ?? node?.snippet ?? ''
	};
}

/** The median of numbers (the mean of the middle two for an even count). */
function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const HAS_CHINESE = /[\u3400-\u9fff]/;

mkdirSync('.bench', { recursive: true });
const server = await startProductionServer(Number(process.env.BENCH_PORT) || 4322);
const load = () =>
	loadavg()
		.map((n) => n.toFixed(1))
		.join(' ');
let failures = 0;
try {
	console.log(`Lighthouse 12, mobile preset, median of ${RUNS} run(s); load average ${load()}`);
	console.log('locale  route                      perf   LCP ms  TBT ms    CLS  JS KB  a11y  b-p');
	for (const locale of LOCALES)
		for (const route of ROUTES) {
			const runs: Run[] = [];
			for (let i = 0; i < RUNS; i++) {
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
						'--locale=en-US',
						`--chrome-flags=--headless=new ${chromiumArgs.join(' ')} --accept-lang=${locale}`
					],
					{
						env: { ...process.env, CHROME_PATH: chromiumPath },
						stdio: ['ignore', 'ignore', 'inherit']
					}
				);
				const run = figures(JSON.parse(readFileSync(out, 'utf8')));
				if (HAS_CHINESE.test(run.lcpText) !== locale.startsWith('zh'))
					throw new Error(
						`${route} as ${locale}: the page came in the other language (LCP text "${run.lcpText}")`
					);
				runs.push(run);
			}
			const m = (key: Exclude<keyof Run, 'lcpText'>) => median(runs.map((run) => run[key]));
			const ok = (Object.keys(BUDGET) as (keyof typeof BUDGET)[]).every((k) => m(k) >= BUDGET[k]);
			if (!ok) failures++;
			console.log(
				[
					locale.padEnd(7),
					route.padEnd(26),
					String(m('performance')).padStart(4),
					m('lcp').toFixed(0).padStart(8),
					m('tbt').toFixed(0).padStart(7),
					m('cls').toFixed(3).padStart(6),
					m('jsKB').toFixed(1).padStart(6),
					String(m('accessibility')).padStart(5),
					String(m('best-practices')).padStart(4),
					ok ? ' OK' : ' UNDER BUDGET'
				].join(' ')
			);
		}
	console.log(`load average at the end ${load()}`);
} finally {
	server.stop();
}
if (failures) process.exitCode = 1;
