import { defineConfig } from '@playwright/test';
import { chromiumArgs, testChromiumPath } from './tests/chromium';

// PW_PORT lets a second checkout run its suite beside another one.
const PORT = Number(process.env.PW_PORT ?? 4173);

/**
 * The walks that cost most start first, so the suite does not end on one of them running alone
 * while the other worker sits idle. Playwright hands out tests in project order, then file order.
 * CPU seconds per file (server and browsers included, headless shell, trace off, one worker):
 * the offline classroom 66; the two live classroom walks 55 together, run one after the other
 * (serial); the four page walks 65; the full room 40; the classroom walk (drop, sleep, keyboard) 16 s
 * of wall time.
 */
const FIRST = ['offline-classroom.e2e.ts'];
const LONG = [
	'classroom-ui.e2e.ts',
	'classroom-screens.e2e.ts',
	'classroom-walk.e2e.ts',
	'pages.e2e.ts',
	'sets.e2e.ts'
];
const glob = (files: string[]) => files.map((file) => `**/${file}`);

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	projects: [
		{ name: 'first', testMatch: glob(FIRST) },
		{ name: 'long', testMatch: glob(LONG) },
		{ name: 'short', testIgnore: glob([...FIRST, ...LONG]) }
	],
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: process.env.CI ? 1 : 0,
	// A stray `test.only` must fail CI rather than quietly skip the rest of the suite.
	forbidOnly: !!process.env.CI,
	// The gate (scripts/gate.ts) asks for a JSON report too, to count the tests that ran.
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	timeout: 30_000,
	// A wait for a page to hydrate or a stream to arrive, on two cores shared by two browsers and
	// the niced static checks (scripts/gate.ts): 5 s was too short there; a real failure still
	// fails, only later.
	expect: { timeout: 10_000 },
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		launchOptions: { executablePath: testChromiumPath, args: chromiumArgs },
		// No service worker unless a test is about working offline (flows, offline): each new
		// context would otherwise precache the whole app (9 MB, 262 files) in the background
		// on the cores the test needs. The classroom's join pages must work without one anyway (a
		// phone in WeChat's browser has none).
		serviceWorkers: 'block',
		// Recording a trace costs as much CPU as the test itself on a page that keeps changing: the
		// whole classroom quiz (five live pages) took 39 CPU-seconds with no trace, about 60 with DOM
		// snapshots, and over 104 with screenshots too (it timed out). So no screenshots (the DOM
		// snapshots show each step), and in CI no trace on the first run: a failure is retried
		// with one.
		trace: {
			mode: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
			screenshots: false,
			snapshots: true
		}
	},
	// The production build, as a learner gets it. The gate builds once and sets E2E_PREBUILT so
	// this run serves that build instead of making another.
	webServer: {
		command: process.env.E2E_PREBUILT
			? 'node scripts/serve.js'
			: 'npm run build && node scripts/serve.js',
		port: PORT,
		// A full room (100 students joined over the API from one address, with the other tests'
		// joins) stays clear of the join limit; the classroom API suite tests the limits.
		env: { PORT: String(PORT), CLASSROOM_JOIN_BURST: '500' },
		reuseExistingServer: !process.env.CI,
		timeout: 180_000
	}
});
