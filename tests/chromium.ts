import { existsSync } from 'node:fs';

// Debian's Chromium, never a downloaded one (downloads fail on this network). Without the
// networking flags it floods the closed network with refused connections.

/** The full browser, as a learner runs it: for benchmarks and scripts that measure or render. */
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * The browser the tests drive (Playwright's e2e runs and Vitest's browser project): Debian's
 * `chromium-headless-shell`, the same Chromium version without the full browser's window and GPU
 * compositing layers, which is what Playwright itself runs headless tests in. Same Blink, V8,
 * service workers and fake camera; a quarter less CPU than `/usr/bin/chromium --headless` on the
 * same walk (pages.e2e.ts: 85 → 65 CPU-seconds), on two cores where CPU is what the gate waits
 * on. Falls back to the full browser where the package is missing; `CHROME_PATH` overrides both.
 */
export const testChromiumPath =
	process.env.CHROME_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : chromiumPath);

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];
