import { version } from '$app/environment';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	browserEarlyEnv,
	claimEarly,
	rememberShown,
	earlyFiguresScript,
	figuresTag,
	showEarlyFigures,
	type EarlyConfig
} from './early-figures';
import {
	FIGURES_KEYS,
	figuresChanged,
	figuresGeneration,
	heldFigures,
	rememberFigures
} from './known-figures';
import { openProgressStore } from './progress-store';
import { DB_NAME, indexedDbCommit, openBrowserTables, STAMP_KEY } from './tables';

// The early script against real IndexedDB, localStorage and DOM in Chromium: the inline script
// as the prerendered page carries it (built from the functions' source), and each way a
// remembered figure must stay off screen.

const NAME = 'spec-due';
const HTML = '<p class="count">7 reviews due</p>';
const config: EarlyConfig = {
	names: [NAME],
	version,
	keys: FIGURES_KEYS,
	db: DB_NAME,
	store: 'meta',
	stampKey: STAMP_KEY
};
const attempt = (n: number) => ({
	id: `early-${n}-${Math.random()}`,
	itemId: `i${n}`,
	unit: 'u',
	at: Date.now(),
	correct: true,
	fraction: 1,
	ms: 900,
	flow: 'practice' as const
});

async function openStore() {
	const tables = (await openBrowserTables())!;
	return openProgressStore({
		tables,
		persistent: true,
		commit: indexedDbCommit(),
		onChange: (landed) => figuresChanged(undefined, landed)
	});
}

/** Remember HTML as a page does, from reads at the store's current stamp. */
async function rememberNow(store: Awaited<ReturnType<typeof openStore>>) {
	const now = Date.now();
	rememberFigures(
		NAME,
		{ html: HTML },
		{
			generation: figuresGeneration(),
			stamp: await store.getStamp(),
			from: now - 1000,
			until: now + 60_000,
			tag: figuresTag(version, 'en')
		}
	);
}

let slot: HTMLElement;
beforeEach(() => {
	document.documentElement.setAttribute('data-rendered-lang', 'en');
	slot = document.createElement('div');
	slot.dataset.early = NAME;
	document.body.append(slot);
});
afterEach(() => {
	slot.remove();
	localStorage.removeItem(FIGURES_KEYS.prefix + NAME);
});

const early = () => showEarlyFigures(config, heldFigures, browserEarlyEnv(config));

describe('the early figures script', () => {
	it('as inlined in the page, shows figures the stored stamp confirms', async () => {
		const store = await openStore();
		await store.recordAttempts([attempt(1)]);
		await rememberNow(store);
		const source = earlyFiguresScript([NAME], version);
		expect(source).toMatch(/^<script>[\s\S]*<\/script>$/);
		const script = document.createElement('script');
		script.textContent = source.slice('<script>'.length, -'</script>'.length);
		document.head.append(script);
		await expect.poll(() => slot.innerHTML).toBe(HTML);
		script.remove();
	});

	it('raises no error where merely reading localStorage throws (site data blocked)', async () => {
		const own = Object.getOwnPropertyDescriptor(window, 'localStorage');
		const errors: unknown[] = [];
		const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
		window.addEventListener('error', onError);
		Object.defineProperty(window, 'localStorage', {
			configurable: true,
			get() {
				throw new DOMException('The operation is insecure.', 'SecurityError');
			}
		});
		try {
			const script = document.createElement('script');
			script.textContent = earlyFiguresScript([NAME], version).slice(
				'<script>'.length,
				-'</script>'.length
			);
			document.head.append(script);
			script.remove();
		} finally {
			if (own) Object.defineProperty(window, 'localStorage', own);
			else delete (window as { localStorage?: Storage }).localStorage;
			window.removeEventListener('error', onError);
		}
		expect(errors).toEqual([]);
		expect(slot.innerHTML).toBe('');
	});

	it('shows nothing once any change landed, even one this tab never heard of', async () => {
		const store = await openStore();
		await store.recordAttempts([attempt(2)]);
		await rememberNow(store);
		expect(await early()).toEqual([NAME]);
		slot.replaceChildren();
		// Another tab (or an older build, or an import) commits without moving this generation:
		// only the stamp in IndexedDB tells.
		const other = await openProgressStore({
			tables: (await openBrowserTables())!,
			persistent: true,
			commit: indexedDbCommit()
		});
		await other.recordAttempts([attempt(3)]);
		expect(await early()).toEqual([]);
		expect(slot.innerHTML).toBe('');
	});

	it('shows a figure the last commit vouches for before IndexedDB answers', async () => {
		const store = await openStore();
		await store.recordAttempts([attempt(7)]);
		await rememberNow(store);
		const env = browserEarlyEnv(config);
		let asked = false;
		env.readStamp = () => ((asked = true), new Promise<string | null>(() => {}));
		void showEarlyFigures(config, heldFigures, env);
		await expect.poll(() => slot.innerHTML).toBe(HTML);
		expect(asked).toBe(true);
	});

	it('shows nothing while an answer waits in the journal, or in another language', async () => {
		const store = await openStore();
		await store.recordAttempts([attempt(4)]);
		await rememberNow(store);
		localStorage.setItem(`${FIGURES_KEYS.journal}spec`, '{}');
		expect(await early()).toEqual([]);
		localStorage.removeItem(`${FIGURES_KEYS.journal}spec`);
		document.documentElement.setAttribute('data-rendered-lang', 'zh-CN');
		expect(await early()).toEqual([]);
		document.documentElement.setAttribute('data-rendered-lang', 'en');
		expect(await early()).toEqual([NAME]);
	});

	it('leaves the app its own figures when they came first', async () => {
		const store = await openStore();
		await store.recordAttempts([attempt(5)]);
		await rememberNow(store);
		claimEarly(slot);
		expect(await early()).toEqual([]);
		expect(slot.innerHTML).toBe('');
	});

	it('never creates the database on a first visit', async () => {
		const db = `never-created-${Math.random()}`;
		expect(await browserEarlyEnv({ ...config, db }).readStamp()).toBeNull();
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(db);
	});
});

describe('remembering what a page shows', () => {
	it('keeps its buttons disabled until the app replaces them, and its links as they are', async () => {
		const store = await openStore();
		await store.recordAttempts([attempt(6)]);
		const shown = document.createElement('div');
		shown.innerHTML =
			'<p class="count">7 reviews due</p><button>Start</button><a href="/practice">Go</a>';
		const now = Date.now();
		rememberShown(
			NAME,
			shown,
			{
				generation: figuresGeneration(),
				stamp: await store.getStamp(),
				from: now - 1000,
				until: now + 60_000
			},
			figuresTag(version, 'en')
		);
		expect(shown.querySelector('button')!.disabled).toBe(false);
		expect(await early()).toEqual([NAME]);
		expect(slot.querySelector('button')!.disabled).toBe(true);
		expect(slot.querySelector('a')!.getAttribute('href')).toBe('/practice');
	});
});
