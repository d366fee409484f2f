/**
 * `npm test`: the check gate, the same locally and in CI.
 *
 * Steps run as a small dependency graph. The critical path (sync → build and unit → e2e) runs at
 * normal priority, as many steps at once as the machine has cores. The static checks that only
 * read the sources (svelte-check, lint, format, bank-check) run beside it at the lowest CPU
 * priority (`nice -n 19`): they take the time the browsers leave idle while the end-to-end run
 * waits on pages, timers and streams, instead of holding the end-to-end run back.
 *
 * Every step runs even when another one fails (a lint error is reported alongside a type error,
 * not hidden behind it); a step is skipped only when a step it needs failed. The production build
 * is made once (without the .br/.gz copies a deploy serves, see svelte.config.js) and the
 * end-to-end run serves it (`E2E_PREBUILT=1`, see playwright.config.ts) instead of building again.
 * Prettier and ESLint keep caches under `node_modules/.cache/`, so an unchanged file is not
 * checked twice.
 *
 * Output: each step's output in one block when it ends (the end-to-end run streams), then a table of wall time per step and a closing line counting the tests that ran:
 * `tests: N passed, N failed` (Vitest and Playwright, read from their JSON reports).
 *
 * Usage: `npm test` or `npx tsx scripts/gate.ts [--only step,step]` (its needs are run too).
 * Exit code: 0 when every step passed, 1 otherwise.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

interface Step {
	name: string;
	command: string;
	/** Steps that must pass first. */
	needs: string[];
	/** Streams its output as it runs (long; the rest print as one block when they end). */
	stream?: boolean;
	/**
	 * Runs at the lowest CPU priority, outside the core count: for checks with no timeouts, which
	 * then cost the critical path almost nothing.
	 */
	background?: boolean;
	env?: Record<string, string>;
}

const REPORTS = '.gate';
const VITEST_REPORT = `${REPORTS}/vitest.json`;
const PLAYWRIGHT_REPORT = `${REPORTS}/playwright.json`;

/** In start order within what is ready: the graph's critical path is sync → build, unit → e2e. */
const STEPS: Step[] = [
	{ name: 'sync', command: 'svelte-kit sync', needs: [] },
	{
		name: 'build',
		command: 'npm run build',
		needs: ['sync'],
		// No .br/.gz copies: a quarter of the build's CPU, of no use over loopback (svelte.config.js).
		env: { PRECOMPRESS: '0' }
	},
	{
		name: 'unit',
		command: `vitest run --reporter=default --reporter=json --outputFile.json=${VITEST_REPORT}`,
		needs: ['sync']
	},
	{
		name: 'e2e',
		command: 'playwright test',
		// After the unit run: both drive Chromium with timeouts, and together they starve two cores.
		needs: ['build', 'unit'],
		stream: true,
		env: { E2E_PREBUILT: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_REPORT }
	},
	{
		name: 'svelte-check',
		command: 'svelte-check --tsconfig ./tsconfig.json --fail-on-warnings',
		needs: ['sync'],
		background: true
	},
	{
		name: 'lint',
		command: 'eslint --cache --cache-location node_modules/.cache/eslint/ .',
		needs: ['sync'],
		background: true
	},
	{
		name: 'format',
		command: 'prettier --check --cache --log-level warn .',
		needs: [],
		background: true
	},
	{ name: 'bank-check', command: 'npm run bank:check', needs: [], background: true }
];

type Outcome = 'passed' | 'failed' | 'skipped';

interface Result {
	outcome: Outcome;
	ms: number;
}

function selectSteps(argv: string[]): Step[] {
	const i = argv.indexOf('--only');
	if (i === -1) return STEPS;
	const wanted = new Set((argv[i + 1] ?? '').split(',').filter(Boolean));
	const byName = new Map(STEPS.map((s) => [s.name, s]));
	for (const name of wanted) if (!byName.has(name)) throw new Error(`unknown step ${name}`);
	// Pull in what the chosen steps need.
	const queue = [...wanted];
	while (queue.length) {
		for (const need of byName.get(queue.pop()!)!.needs) {
			if (wanted.has(need)) continue;
			wanted.add(need);
			queue.push(need);
		}
	}
	return STEPS.filter((s) => wanted.has(s.name));
}

function run(step: Step, stream: boolean): Promise<Result> {
	const started = performance.now();
	return new Promise((resolve) => {
		const child = spawn(step.background ? `nice -n 19 ${step.command}` : step.command, {
			shell: true,
			stdio: stream ? 'inherit' : ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
				...step.env,
				PATH: `node_modules/.bin:${process.env.PATH}`
			}
		});
		const chunks: Buffer[] = [];
		child.stdout?.on('data', (c: Buffer) => chunks.push(c));
		child.stderr?.on('data', (c: Buffer) => chunks.push(c));
		child.on('close', (code) => {
			const ms = performance.now() - started;
			const outcome: Outcome = code === 0 ? 'passed' : 'failed';
			if (!stream) {
				console.log(`\n━━ ${step.name} (${step.command}) ━━`);
				process.stdout.write(Buffer.concat(chunks));
			}
			console.log(`━━ ${step.name}: ${outcome} in ${(ms / 1000).toFixed(1)} s ━━`);
			resolve({ outcome, ms });
		});
	});
}

async function main() {
	const steps = selectSteps(process.argv.slice(2));
	const slots = Math.max(1, availableParallelism());
	rmSync(REPORTS, { recursive: true, force: true });
	mkdirSync(REPORTS, { recursive: true });
	const results = new Map<string, Result>();
	const running = new Map<string, Promise<void>>();
	const started = performance.now();

	while (results.size < steps.length) {
		for (const step of steps) {
			if (results.has(step.name) || running.has(step.name)) continue;
			const needs = step.needs.filter((n) => steps.some((s) => s.name === n));
			if (needs.some((n) => results.get(n) && results.get(n)!.outcome !== 'passed')) {
				results.set(step.name, { outcome: 'skipped', ms: 0 });
				console.log(`━━ ${step.name}: skipped (needs ${needs.join(', ')}) ━━`);
				continue;
			}
			if (!needs.every((n) => results.get(n)?.outcome === 'passed')) continue;
			const foreground = [...running.keys()].filter(
				(n) => !steps.find((s) => s.name === n)?.background
			);
			if (!step.background && foreground.length >= slots) continue;
			running.set(
				step.name,
				run(step, !!step.stream).then((r) => {
					results.set(step.name, r);
					running.delete(step.name);
				})
			);
		}
		if (running.size) await Promise.race(running.values());
	}

	const total = performance.now() - started;
	console.log('\ngate: wall time per step');
	for (const step of steps) {
		const r = results.get(step.name)!;
		console.log(
			`  ${step.name.padEnd(13)} ${r.outcome.padEnd(8)} ${(r.ms / 1000).toFixed(1).padStart(6)} s`
		);
	}
	console.log(`  ${'total'.padEnd(22)} ${(total / 1000).toFixed(1).padStart(6)} s`);
	// Wall times mean little on a shared machine without the load they ran under.
	const [one, five, fifteen] = loadavg().map((l) => l.toFixed(1));
	console.log(`  load average now: ${one} ${five} ${fifteen} (1, 5, 15 min) on ${slots} cores`);

	const counts = testCounts();
	if (counts) console.log(`tests: ${counts.passed} passed, ${counts.failed} failed`);
	process.exit([...results.values()].every((r) => r.outcome === 'passed') ? 0 : 1);
}

/** Sums the tests Vitest and Playwright report having run; null when neither ran. */
function testCounts(): { passed: number; failed: number } | null {
	let passed = 0;
	let failed = 0;
	let any = false;
	if (existsSync(VITEST_REPORT)) {
		const v = JSON.parse(readFileSync(VITEST_REPORT, 'utf8')) as {
			numPassedTests: number;
			numFailedTests: number;
		};
		passed += v.numPassedTests;
		failed += v.numFailedTests;
		any = true;
	}
	if (existsSync(PLAYWRIGHT_REPORT)) {
		const p = JSON.parse(readFileSync(PLAYWRIGHT_REPORT, 'utf8')) as {
			stats: { expected: number; flaky: number; unexpected: number };
		};
		// A test that passed on its retry counts as passed; Playwright lists it as "flaky".
		passed += p.stats.expected + p.stats.flaky;
		failed += p.stats.unexpected;
		any = true;
	}
	return any ? { passed, failed } : null;
}

await main();
