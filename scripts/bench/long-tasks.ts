/**
 * `npm run bench:long-tasks [runs]`: the main-thread tasks that make Lighthouse's Total Blocking
 * Time on each page `bench:lighthouse` measures (home, learn, a lesson, practice, join, as an
 * English and a Chinese visitor), and which modules they run, from a Chromium trace with V8's
 * sampling profiler on.
 *
 * Why not Lighthouse's own figure: Lighthouse's mobile preset simulates a 4x slower CPU by
 * multiplying each observed task's wall time by 4, so on a loaded machine (other processes
 * stretching wall time) its TBT swings by seconds. Here a task's length is its main-thread CPU
 * time (`tdur`, which other processes do not stretch) times 4, the same multiplier; a task is
 * long past 50 ms and blocks for the excess, counted from the first contentful paint on (as
 * Lighthouse counts, until the page is quiet: the trace ends 2 s after hydration, past every
 * after-paint and idle load). Run with no CPU throttle, so times are 1x CPU.
 *
 * Each long task's profile samples are put to the built chunk they ran in (named from Vite's
 * manifest: `i18n.svelte`, `progress-store`, `index-client` is Svelte's runtime…) and to the
 * nearest chunk up the stack that is not Svelte's or the router's runtime, i.e. the app's module
 * that caused the work. Prints per page the estimated TBT (median over runs) and its tasks.
 * `LH_ROUTES` and `LH_LOCALE` narrow it as for bench:lighthouse; BENCH_PORT sets the port.
 * `LIST_MS=12` also lists tasks from 12 ms at 4x (what is nearly long; they block nothing);
 * DEBUG_FUNCTIONS=1 adds each long task's functions (minified name@chunk:line:column, by the
 * nearest app frame, then the leaf); DEBUG_SLICES=1 its largest trace slices.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../tests/chromium';
import { LOCALES, ROUTES } from './pages';
import { startProductionServer } from './server';
import { mainThread, type TraceEvent } from './trace-breakdown';

const RUNS = Math.max(1, Number(process.argv[2] ?? 3) || 3);
/** Lighthouse's mobile preset: `cpuSlowdownMultiplier`. */
const SLOWDOWN = 4;
/** A task longer than this (ms, at 4x) is long; it blocks for the rest (Lighthouse's rule). */
const LONG_MS = 50;
/** Tasks longer than this (ms, at 4x) are listed; `LONG_MS` unless `LIST_MS` says lower. */
const LIST_MS = Math.min(LONG_MS, Number(process.env.LIST_MS ?? LONG_MS));
/** Chunks of the framework's runtime: work in them is put to the app chunk that called it. */
const RUNTIME = new Set([
	'index-client',
	'client',
	'rolldown-runtime',
	'scheduler',
	'legacy',
	'state',
	'navigation',
	'entry/start',
	'entry/app',
	'preload-helper',
	'dist'
]);

/** Built file (`_app/immutable/…`) → its chunk's name in Vite's manifest. */
function chunkNames(): Map<string, string> {
	const manifest = JSON.parse(
		readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')
	) as Record<string, { file: string; name?: string; src?: string }>;
	const names = new Map<string, string>();
	for (const [key, entry] of Object.entries(manifest))
		names.set(entry.file, entry.name ?? entry.src ?? key);
	return names;
}

type ProfileNode = {
	id: number;
	parent?: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
};
type Sample = { ts: number; node: number };

/** A long task: its CPU ms at 4x, blocking ms, and its samples by chunk. */
type LongTask = { at: number; ms: number; blocking: number; by: Map<string, number> };

function analyse(events: TraceEvent[], names: Map<string, string>): LongTask[] {
	const main = mainThread(events, 'sta:hydrated');
	const onMain = (e: TraceEvent) => e.pid === main.pid && e.tid === main.tid;
	const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === main.pid)?.ts ?? 0;
	const end = events.find((e) => e.name === 'sta:bench-end')?.ts ?? Infinity;

	// The sampling profiler's nodes and samples (trace clock, µs).
	const nodes = new Map<number, ProfileNode>();
	const samples: Sample[] = [];
	let clock = 0;
	let profile: string | undefined;
	for (const e of events) {
		if (e.pid !== main.pid) continue;
		const data = e.args?.data as
			| {
					startTime?: number;
					cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
					timeDeltas?: number[];
			  }
			| undefined;
		// One profile per thread (the service worker's too): only the main thread's counts.
		const id = (e as TraceEvent & { id?: string }).id;
		if (e.name === 'Profile' && data?.startTime && e.tid === main.tid) {
			clock = data.startTime;
			profile = id;
		}
		if (e.name !== 'ProfileChunk' || !data || id !== profile) continue;
		for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
		(data.cpuProfile?.samples ?? []).forEach((node, i) => {
			clock += data.timeDeltas?.[i] ?? 0;
			samples.push({ ts: clock, node });
		});
	}
	const chunkOf = (url = '') => {
		const path = url.replace(/^https?:\/\/[^/]+\//, '');
		if (!path) return '';
		return names.get(path) ?? (path.startsWith('_app/') ? path : `/${path}`);
	};
	/** "chunk ← app chunk that called it" for a sample's stack. */
	const label = (id: number): string => {
		let node = nodes.get(id);
		const leaf = node?.callFrame?.functionName || '';
		if (!node) return 'unknown';
		if (['(garbage collector)', '(program)', '(idle)'].includes(leaf)) return leaf;
		const self = chunkOf(node.callFrame?.url) || '(native)';
		while (node) {
			const chunk = chunkOf(node.callFrame?.url);
			if (chunk && !RUNTIME.has(chunk)) return chunk === self ? self : `${self} ← ${chunk}`;
			node = node.parent === undefined ? undefined : nodes.get(node.parent);
		}
		return self;
	};

	const tasks = events
		.filter(
			(e) =>
				onMain(e) &&
				e.ph === 'X' &&
				(e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
				e.ts >= fcp &&
				e.ts < end
		)
		.sort((a, b) => a.ts - b.ts);
	const long: LongTask[] = [];
	let lastEnd = -1;
	for (const task of tasks) {
		if (task.ts < lastEnd) continue; // nested
		lastEnd = task.ts + task.dur!;
		const ms = ((task.tdur ?? task.dur!) / 1000) * SLOWDOWN;
		if (ms <= LIST_MS) continue;
		const by = new Map<string, number>();
		// What the task did besides script (samples say "(program)" for it): its largest slices.
		const slices = new Map<string, number>();
		for (const e of events)
			if (onMain(e) && e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts < lastEnd)
				slices.set(e.name, Math.max(slices.get(e.name) ?? 0, (e.tdur ?? e.dur ?? 0) / 1000));
		const notScript = [
			'ParseHTML',
			'UpdateLayoutTree',
			'Layout',
			'Paint',
			'PrePaint',
			'MajorGC',
			'MinorGC',
			'ParseAuthorStyleSheet'
		];
		for (const name of notScript) {
			const ms = slices.get(name);
			if (ms && ms * SLOWDOWN > 10) by.set(`[${name}]`, -ms * SLOWDOWN);
		}
		if (process.env.DEBUG_SLICES)
			for (const e of events)
				if (onMain(e) && e.ph === 'X' && e.ts >= task.ts && e.ts < lastEnd && (e.tdur ?? 0) > 3000)
					console.log(
						'   ',
						e.name,
						((e.tdur ?? 0) / 1000).toFixed(1),
						JSON.stringify(e.args?.data ?? e.args ?? {}).slice(0, 160)
					);
		if (process.env.DEBUG_SLICES)
			console.log(
				[...slices.entries()]
					.sort((a, b) => b[1] - a[1])
					.slice(0, 12)
					.map(([k, v]) => `${k}:${v.toFixed(1)}`)
					.join(' ')
			);
		if (process.env.DEBUG_FUNCTIONS) {
			const fns = new Map<string, number>();
			for (const s of samples)
				if (s.ts >= task.ts && s.ts <= lastEnd) {
					// The first app frame up the stack, by function.
					let node = nodes.get(s.node);
					while (
						node &&
						(!chunkOf(node.callFrame?.url) || RUNTIME.has(chunkOf(node.callFrame?.url)))
					)
						node = node.parent === undefined ? undefined : nodes.get(node.parent);
					const f = node?.callFrame;
					const leafFrame = nodes.get(s.node)?.callFrame;
					const key =
						(f
							? `${f.functionName || '(anon)'}@${chunkOf(f.url)}:${f.lineNumber}:${f.columnNumber}`
							: '-') +
						` > ${leafFrame?.functionName}@${chunkOf(leafFrame?.url)}:${leafFrame?.columnNumber}`;
					fns.set(key, (fns.get(key) ?? 0) + 1);
				}
			console.log(
				[...fns.entries()]
					.sort((a, b) => b[1] - a[1])
					.slice(0, 40)
					.map(([k, n]) => `${k}=${n}`)
					.join('\n')
			);
		}
		for (const s of samples)
			if (s.ts >= task.ts && s.ts <= lastEnd) {
				const key = label(s.node);
				by.set(key, (by.get(key) ?? 0) + 1);
			}
		long.push({ at: (task.ts - fcp) / 1000, ms, blocking: Math.max(0, ms - LONG_MS), by });
	}
	return long;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const load = () =>
	loadavg()
		.map((n) => n.toFixed(1))
		.join(' ');

const server = await startProductionServer(Number(process.env.BENCH_PORT) || 4323);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const names = chunkNames();
try {
	console.log(
		`Estimated TBT at ${SLOWDOWN}x from main-thread CPU time, median of ${RUNS} run(s); load average ${load()}`
	);
	for (const locale of LOCALES)
		for (const route of ROUTES) {
			const runs: LongTask[][] = [];
			for (let i = 0; i < RUNS; i++) {
				// A fresh profile each run: a first visit, as Lighthouse makes (no worker, no cache).
				const context = await browser.newContext({ locale });
				const page = await context.newPage();
				await browser.startTracing(page, {
					categories: [
						'devtools.timeline',
						'disabled-by-default-devtools.timeline',
						'loading',
						'blink.user_timing',
						'v8.execute',
						'disabled-by-default-v8.cpu_profiler'
					]
				});
				await page.goto(server.url + route);
				// Polled with plain evaluations: Playwright's selector engine would add its own script.
				while (!(await page.evaluate(() => document.documentElement.dataset.hydrated)))
					await new Promise((resolve) => setTimeout(resolve, 100));
				await page.waitForTimeout(2000);
				await page.evaluate(() => performance.mark('sta:bench-end'));
				const trace = JSON.parse((await browser.stopTracing()).toString()) as {
					traceEvents: TraceEvent[];
				};
				runs.push(analyse(trace.traceEvents, names));
				await context.close();
			}
			const tbts = runs.map((r) => r.reduce((sum, t) => sum + t.blocking, 0));
			const tbt = median(tbts);
			console.log(
				`\n${locale.padEnd(6)} ${route.padEnd(24)} est. TBT ${tbt.toFixed(0).padStart(4)} ms (runs: ${tbts.map((n) => n.toFixed(0)).join(', ')})`
			);
			// The run with the median TBT, task by task.
			const shown = runs[tbts.indexOf(tbts.find((n) => n === tbt) ?? tbts[0])] ?? runs[0];
			for (const task of shown) {
				const total = [...task.by.values()].filter((n) => n > 0).reduce((a, b) => a + b, 0) || 1;
				const top = [...task.by.entries()]
					.sort((a, b) => b[1] - a[1])
					.filter(([, n]) => n < 0 || n / total >= 0.05)
					.slice(0, 8)
					.map(([k, n]) =>
						n < 0 ? `${k} ${(-n).toFixed(0)} ms` : `${k} ${Math.round((100 * n) / total)}%`
					)
					.join('; ');
				console.log(
					`   +${task.at.toFixed(0).padStart(5)} ms  ${task.ms.toFixed(0).padStart(4)} ms (blocks ${task.blocking.toFixed(0).padStart(3)})  ${top}`
				);
			}
		}
	console.log(`\nload average at the end ${load()}`);
} finally {
	await browser.close();
	server.stop();
}
