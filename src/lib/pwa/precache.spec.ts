import { describe, expect, it } from 'vitest';
import { precache } from './precache';

const ORIGIN = 'https://academy.test';

/**
 * The Cache API as a worker sees it, in memory: enough of `CacheStorage` and `Cache` for
 * `precache`. Every download (`addAll`) is recorded in `downloads` and answered by `server`.
 */
function cacheStorage(server: (path: string) => string) {
	const downloads: string[] = [];
	const buckets = new Map<string, Map<string, string>>();
	const open = async (name: string) => {
		if (!buckets.has(name)) buckets.set(name, new Map());
		const bucket = buckets.get(name)!;
		const cache = {
			keys: async () => [...bucket.keys()].map((path) => new Request(ORIGIN + path)),
			match: async (path: string) =>
				bucket.has(path) ? new Response(bucket.get(path)) : undefined,
			put: async (path: string, response: Response) => {
				bucket.set(path, await response.text());
			},
			addAll: async (paths: string[]) => {
				downloads.push(...paths);
				for (const path of paths) bucket.set(path, server(path));
			}
		};
		return cache as unknown as Cache;
	};
	const storage = { open, keys: async () => [...buckets.keys()] } as unknown as CacheStorage;
	return { storage, downloads, buckets };
}

const page = (path: string, version: string) => `${path} of ${version}`;
const CHUNK = '/_app/immutable/chunks/Ab12.js';
const NEW_CHUNK = '/_app/immutable/chunks/Cd34.js';
const V1 = ['/', '/learn', '/manifest.webmanifest', CHUNK];

describe('precache', () => {
	it('downloads everything on a first install', async () => {
		const { storage, downloads, buckets } = cacheStorage((p) => page(p, 'v1'));
		const result = await precache(storage, 'sta-1', V1, new Set([CHUNK]));
		expect(result).toEqual({ kept: 0, copied: 0, fetched: 4 });
		expect(downloads).toEqual(V1);
		expect(buckets.get('sta-1')?.get('/learn')).toBe('/learn of v1');
	});

	it('downloads nothing when the same version installs again', async () => {
		const { storage, downloads } = cacheStorage((p) => page(p, 'v1'));
		await precache(storage, 'sta-1', V1, new Set([CHUNK]));
		downloads.length = 0;
		const result = await precache(storage, 'sta-1', V1, new Set([CHUNK]));
		expect(result).toEqual({ kept: 4, copied: 0, fetched: 0 });
		expect(downloads).toEqual([]);
	});

	it('on an update copies unchanged hashed files and downloads pages, static files and new chunks', async () => {
		let version = 'v1';
		const { storage, downloads, buckets } = cacheStorage((p) => page(p, version));
		await precache(storage, 'sta-1', V1, new Set([CHUNK]));
		downloads.length = 0;

		version = 'v2';
		const v2 = ['/', '/learn', '/manifest.webmanifest', CHUNK, NEW_CHUNK];
		const result = await precache(storage, 'sta-2', v2, new Set([CHUNK, NEW_CHUNK]));
		expect(result).toEqual({ kept: 0, copied: 1, fetched: 4 });
		// A page keeps its address across versions but not its content: never copied.
		expect(downloads).toEqual(['/', '/learn', '/manifest.webmanifest', NEW_CHUNK]);
		const cache = buckets.get('sta-2')!;
		expect(cache.get(CHUNK)).toBe(`${CHUNK} of v1`);
		expect(cache.get('/learn')).toBe('/learn of v2');
		expect([...cache.keys()].sort()).toEqual([...v2].sort());
	});

	it('fails the install when a download fails, keeping what was copied for the next attempt', async () => {
		const { storage, buckets } = cacheStorage((p) => page(p, 'v1'));
		await precache(storage, 'sta-1', V1, new Set([CHUNK]));
		const offline = cacheStorage(() => {
			throw new TypeError('Failed to fetch');
		});
		// The earlier version's cache, as the browser still holds it.
		offline.buckets.set('sta-1', buckets.get('sta-1')!);
		await expect(
			precache(offline.storage, 'sta-2', [...V1, NEW_CHUNK], new Set([CHUNK, NEW_CHUNK]))
		).rejects.toThrow('Failed to fetch');
		expect([...offline.buckets.get('sta-2')!.keys()]).toEqual([CHUNK]);
	});
});
