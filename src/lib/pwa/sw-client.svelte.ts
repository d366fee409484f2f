/**
 * Service-worker registration and the "update available" flow. A new version installs in the
 * background and waits; it takes over only when the learner presses "Update now", so a page is
 * never reloaded under someone in the middle of a quiz.
 */
export const pwa = $state({ updateReady: false, offline: false });

let waiting: ServiceWorker | null = null;

function watch(registration: ServiceWorkerRegistration): void {
	const offer = (worker: ServiceWorker | null) => {
		// Only an update: the very first install has no controller to replace.
		if (worker && navigator.serviceWorker.controller) {
			waiting = worker;
			pwa.updateReady = true;
		}
	};
	offer(registration.waiting);
	registration.addEventListener('updatefound', () => {
		const installing = registration.installing;
		installing?.addEventListener('statechange', () => {
			if (installing.state === 'installed') offer(installing);
		});
	});
}

export async function registerServiceWorker(): Promise<void> {
	pwa.offline = !navigator.onLine;
	addEventListener('online', () => (pwa.offline = false));
	addEventListener('offline', () => (pwa.offline = true));
	// Absent, or present but empty (some in-app browsers' kernels): no worker either way.
	if (!navigator.serviceWorker || import.meta.env.DEV) return;
	// Where the browser refuses a worker (private modes, blocked site data, in-app browsers,
	// policies) registration rejects or yields nothing: the app then runs online only, as in
	// WeChat's browser, and must not throw at the learner.
	const registration = await navigator.serviceWorker
		.register('/service-worker.js', { type: 'module' })
		.catch(() => undefined);
	if (!registration) return;
	watch(registration);
	let reloading = false;
	navigator.serviceWorker.addEventListener('controllerchange', () => {
		// Reload only when the learner asked for the update (a first install also changes the
		// controller, and must not reload).
		if (waiting && !reloading) {
			reloading = true;
			location.reload();
		}
	});
}

export function applyUpdate(): void {
	waiting?.postMessage({ type: 'SKIP_WAITING' });
}

export function postponeUpdate(): void {
	pwa.updateReady = false;
}
