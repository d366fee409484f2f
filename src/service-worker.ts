/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, prerendered, version } from '$service-worker';
import {
	LOCALE_CACHE,
	LOCALE_CACHE_KEY,
	isLocale,
	localeOfPath,
	pathInLocale
} from '$lib/i18n/locale-url.js';
import { precache } from '$lib/pwa/precache';

// Everything the app needs offline, versioned: the built JS/CSS (bank chunks included),
// static files and every prerendered page. One visit online fills the cache.
const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `sta-${version}`;
const PRECACHE = [...build, ...files, ...prerendered];
const PRECACHED = new Set(PRECACHE);

sw.addEventListener('install', (event) => {
	// No skipWaiting here: an update waits until the learner accepts it (see sw-client). The
	// content-hashed build files an earlier version cached are reused, not downloaded again.
	event.waitUntil(precache(caches, CACHE, PRECACHE, new Set(build)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key !== CACHE && key !== LOCALE_CACHE) await caches.delete(key);
			// Control the page that installed us, so the first visit already works offline.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

/** The language the page last left for us (see `rememberLocale`); null before the first visit. */
async function readerLocale(): Promise<string | null> {
	const saved = await (await caches.open(LOCALE_CACHE)).match(LOCALE_CACHE_KEY);
	return saved ? saved.text() : null;
}

/**
 * Prerendered pages are cached under their path; `/learn/` and `/learn` are one page. A page (or
 * its `__data.json`) asked for at its plain (Chinese) path is answered with the reader's
 * language file, as the Node server does (see $lib/i18n/locale-url.js).
 */
async function precachedPath(url: URL, navigation: boolean): Promise<string | null> {
	const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
	if (!PRECACHED.has(path)) return null;
	const page = navigation || path.endsWith('/__data.json');
	if (!page || localeOfPath(path) === 'en') return path;
	const locale = await readerLocale();
	const file = isLocale(locale) ? pathInLocale(path, locale) : path;
	return PRECACHED.has(file) ? file : path;
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
	// Live data (the classroom) is never cached.
	if (url.pathname.startsWith('/api/')) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			const path = await precachedPath(url, request.mode === 'navigate');
			// Precached files are immutable for this version: cache first, instant and offline.
			if (path) {
				const hit = await cache.match(path);
				if (hit) return hit;
			}
			try {
				return await fetch(request);
			} catch (error) {
				// Offline and not precached: a page request gets the home page rather than an error.
				if (request.mode === 'navigate') {
					const home = await cache.match('/');
					if (home) return home;
				}
				throw error;
			}
		})()
	);
});
