import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/chromium';

// PW_PORT lets a second checkout run its suite beside another one.
const PORT = Number(process.env.PW_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
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
		launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
		// No service worker unless a test is about working offline (flows, offline): each new
		// context would otherwise precache the whole app (13 MB, about 700 files) in the background
		// on the cores the test needs. The classroom's join pages must work without one anyway (a
		// phone in WeChat's browser has none).
		serviceWorkers: 'block',
		trace: 'retain-on-failure'
	},
	// The production build, as a learner gets it. The gate builds once and sets E2E_PREBUILT so
	// this run serves that build instead of making another.
	webServer: {
		command: process.env.E2E_PREBUILT
			? 'node scripts/serve.js'
			: 'npm run build && node scripts/serve.js',
		port: PORT,
		// A full room (100 students joined over the API from one address) needs a join burst
		// above the default 10 per address; the classroom API suite tests the default limits.
		env: { PORT: String(PORT), CLASSROOM_JOIN_BURST: '500' },
		reuseExistingServer: !process.env.CI,
		timeout: 180_000
	}
});
