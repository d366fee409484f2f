/**
 * Giving the main thread back between pieces of start-up work, so no piece becomes one long task
 * (over 50 ms at a phone's CPU: Lighthouse's Total Blocking Time, a tap that waits; issue #14).
 * Before hydration the layout waits for a paint instead (`afterNextPaint`, after-paint.ts).
 */

/** Past this (ms) idle work runs even if the browser never went idle. */
const IDLE_TIMEOUT_MS = 2000;

/**
 * Runs `work` when the browser is idle (no input, rendering or other task waiting), and at the
 * latest after two seconds; where `requestIdleCallback` is missing (WeChat's older webview,
 * Safari before 18), after a short timer. For work the learner is not waiting for: loading
 * i18next once the page shows, warming a store. Returns a function that cancels it.
 */
export function whenIdle(work: () => void): () => void {
	if (typeof requestIdleCallback === 'function') {
		const id = requestIdleCallback(() => work(), { timeout: IDLE_TIMEOUT_MS });
		return () => cancelIdleCallback(id);
	}
	const id = setTimeout(work, 50);
	return () => clearTimeout(id);
}
