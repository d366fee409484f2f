import { afterEach, describe, expect, it, vi } from 'vitest';
import { pwa, registerServiceWorker } from './sw-client.svelte';

/** A browser whose service-worker container answers `register` with `result`. */
function browserWith(register: () => Promise<unknown>) {
	const events = { addEventListener: vi.fn() };
	vi.stubGlobal('navigator', { onLine: true, serviceWorker: { register, ...events } });
	vi.stubGlobal('addEventListener', vi.fn());
	// The production path: in development the worker is never registered.
	vi.stubEnv('DEV', false);
	return events;
}

describe('registerServiceWorker where the browser gives no worker', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.unstubAllEnvs();
	});

	// Found by the integrity fuzz: with workers blocked every page threw "Cannot read properties
	// of undefined (reading 'waiting')" as an uncaught error.
	it.each([
		['resolves to nothing', () => Promise.resolve(undefined)],
		[
			'rejects (private mode, blocked site data)',
			() => Promise.reject(new DOMException('insecure', 'SecurityError'))
		]
	])('runs on without a worker when registration %s', async (_, register) => {
		const container = browserWith(register);
		await expect(registerServiceWorker()).resolves.toBeUndefined();
		expect(pwa.updateReady).toBe(false);
		expect(container.addEventListener).not.toHaveBeenCalled();
	});
});
