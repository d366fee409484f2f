/**
 * Filling the service worker's cache for one version of the app (used by src/service-worker.ts).
 *
 * Everything precached for one build version is fixed: a second install of the same version (the
 * browser or a page registering the worker again) downloads only what the cache still lacks. And
 * a file the build names by a hash of its content (SvelteKit's `build` list, everything under
 * `/_app/immutable/`) is the same bytes under the same name in every version, so one that an
 * earlier version already cached is copied across, not downloaded again. An update then costs a
 * phone the pages, the static files and the chunks that changed, not the whole app.
 *
 * Works on the standard Cache API (`CacheStorage`, `Cache`), so it runs in a worker and, with a
 * stand-in, in a unit test.
 */

/** What an install did, by count of files. */
export interface PrecacheResult {
	/** Already in this version's cache. */
	kept: number;
	/** Copied from an earlier version's cache (content-hashed files only). */
	copied: number;
	/** Downloaded. */
	fetched: number;
}

/**
 * Makes cache `name` hold every path in `paths` (same-origin paths such as `/learn` or
 * `/_app/immutable/chunks/x.js`).
 *
 * @param storage the worker's `caches`
 * @param name this version's cache, e.g. `sta-<version>`
 * @param paths everything to precache
 * @param hashed the subset named by content hash, safe to take from any other cache in `storage`
 * @returns counts of what was kept, copied and fetched
 * @throws whatever `Cache.addAll` throws when a download fails (the install then fails and the
 *   browser keeps the worker it has; what was stored so far stays for the next attempt)
 */
export async function precache(
	storage: CacheStorage,
	name: string,
	paths: readonly string[],
	hashed: ReadonlySet<string>
): Promise<PrecacheResult> {
	const cache = await storage.open(name);
	const present = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
	const missing = paths.filter((path) => !present.has(path));
	const others = await Promise.all(
		(await storage.keys()).filter((key) => key !== name).map((key) => storage.open(key))
	);

	const toFetch: string[] = [];
	let copied = 0;
	for (const path of missing) {
		const earlier = hashed.has(path) ? await firstMatch(others, path) : undefined;
		if (earlier) {
			await cache.put(path, earlier);
			copied++;
		} else toFetch.push(path);
	}
	// All or nothing for the downloads (Cache.addAll), as before this function existed.
	await cache.addAll(toFetch);
	return { kept: paths.length - missing.length, copied, fetched: toFetch.length };
}

async function firstMatch(caches: readonly Cache[], path: string): Promise<Response | undefined> {
	for (const cache of caches) {
		const hit = await cache.match(path);
		if (hit) return hit;
	}
	return undefined;
}
