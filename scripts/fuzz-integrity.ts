/**
 * `npm run fuzz:integrity`: the integrity fuzz of issue #9, in Debian's Chromium against the
 * production build. Prints five figures, each with its goal and the seed it ran with; exits
 * non-zero when any figure misses its goal. Not part of `npm test` (minutes, not seconds).
 *
 *   npm run fuzz:integrity -- [--seed N] [--interruptions 200] [--rounds 50] [--backups 1000]
 *
 * 1. Interruptions: practice, exam, lesson, mistakes and review sessions driven from the
 *    keyboard and mouse as a learner would, each interrupted at a random point by a reload, a tab
 *    closed and reopened, a crash (the browser process killed with SIGKILL and started again on
 *    the same profile: harsher than CDP `Page.crash`, after which Playwright's context hangs
 *    here) or an offline spell. After each:
 *    answers the app acknowledged (feedback shown, exam results shown) that are not in
 *    IndexedDB or the journal are lost; a page that does not hydrate, shows no control in
 *    `main`, or throws an uncaught error is dead.
 * 2. Many tabs: 2 or 3 tabs of one origin record answers at the same instant (released together
 *    by a BroadcastChannel message) through the app's own store (same wiring as the app:
 *    journal, Web Lock, one IndexedDB transaction); answers (or their learning state) missing
 *    afterwards are lost.
 * 3. Backups: mutated or malformed files (truncated, wrong types, huge, other apps' JSON, other
 *    encodings, byte flips) through the app's `parseBackup` / `importProgress` in the page. A
 *    throw is a crash; a refused file must carry a reason with a message in both locales and
 *    leave the stored state exactly as it was; a file still valid after mutation may merge, but
 *    must lose nothing.
 * 4. A new service-worker version arrives mid-practice (the server starts serving a changed
 *    worker script): the page must not reload under the learner, and no answer is lost.
 * 5. A corrupt record in each IndexedDB table: the app's pages open, the record is set aside
 *    (quarantine) and reported, and every other record is intact.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { answer } from '../tests/answer';
import { chromiumArgs, chromiumPath } from '../tests/chromium';
import type { Locale } from '../tests/fixtures';
import { bundleAppModules } from './bench/app-bundle';
import { startProductionServer } from './bench/server';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const { values: args } = parseArgs({
	options: {
		seed: { type: 'string' },
		interruptions: { type: 'string', default: '200' },
		rounds: { type: 'string', default: '50' },
		backups: { type: 'string', default: '1000' },
		port: { type: 'string', default: process.env.FUZZ_PORT ?? '5220' }
	}
});
const SEED = args.seed !== undefined ? Number(args.seed) : Math.floor(Math.random() * 2 ** 31);
const INTERRUPTIONS = Number(args.interruptions);
const ROUNDS = Number(args.rounds);
const BACKUPS = Number(args.backups);
const PORT = Number(args.port);
const LOCALE: Locale = 'en';
const DB = 'services-trade-academy';

/** mulberry32: a small seeded generator, so a run can be replayed with `--seed`. */
function random(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
	return {
		next,
		int: (n: number) => Math.floor(next() * n),
		pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]
	};
}
type Random = ReturnType<typeof random>;

interface Figure {
	name: string;
	value: string;
	goal: string;
	ok: boolean;
	notes?: string[];
}

// --- in-page helpers ---

/** Attempt ids in IndexedDB plus those still in the journal (both survive a reload). */
async function storedAttemptIds(page: Page): Promise<string[]> {
	return page.evaluate(async (db) => {
		const ids = new Set<string>();
		const conn = await new Promise<IDBDatabase>((ok, ko) => {
			const r = indexedDB.open(db);
			r.onsuccess = () => ok(r.result);
			r.onerror = () => ko(r.error);
		});
		if (conn.objectStoreNames.contains('attempts')) {
			const days = await new Promise<unknown[]>((ok, ko) => {
				const r = conn.transaction('attempts').objectStore('attempts').getAll();
				r.onsuccess = () => ok(r.result);
				r.onerror = () => ko(r.error);
			});
			for (const day of days)
				if (Array.isArray(day)) for (const a of day) if (a?.id) ids.add(a.id as string);
		}
		conn.close();
		for (let i = 0; i < localStorage.length; i++) {
			const key = localStorage.key(i);
			if (key?.startsWith('sta:journal:')) ids.add(key.slice('sta:journal:'.length));
		}
		return [...ids];
	}, DB);
}

/** Hydrated, something to do in `main`, no uncaught error: else the screen is dead. */
async function isAlive(page: Page, errors: string[]): Promise<string | null> {
	try {
		await page
			.locator('html[data-hydrated="true"]')
			.waitFor({ state: 'attached', timeout: 20_000 });
		const controls = page.locator('main').locator('button, a[href], input, select, textarea');
		await controls.first().waitFor({ state: 'visible', timeout: 10_000 });
	} catch (error) {
		return `no live screen at ${page.url()}: ${(error as Error).message.split('\n')[0]}`;
	}
	return errors.length > 0 ? `uncaught error at ${page.url()}: ${errors.join('; ')}` : null;
}

async function newContext(browser: Browser, baseURL: string, sw = false) {
	return browser.newContext({
		baseURL,
		locale: LOCALE,
		serviceWorkers: sw ? 'allow' : 'block'
	});
}

function watchErrors(page: Page, errors: string[]): Page {
	page.on('pageerror', (error) => errors.push(error.message));
	return page;
}

async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });
}

// --- 1. interruptions ---

type FlowName = 'practice' | 'exam' | 'lesson' | 'mistakes' | 'review';
type Interruption = 'reload' | 'close' | 'crash' | 'offline';
const FLOWS: readonly FlowName[] = ['practice', 'exam', 'lesson', 'mistakes', 'review'];
const INTERRUPTIONS_KINDS: readonly Interruption[] = ['reload', 'close', 'crash', 'offline'];

/** Start `flow` from its setup screen; false when there is nothing to start (no mistakes yet). */
async function startFlow(page: Page, flow: FlowName, rng: Random): Promise<boolean> {
	if (flow === 'practice' || flow === 'exam') {
		await open(page, '/practice');
		if (flow === 'exam') {
			await page.getByLabel('Minutes').fill('30');
			// A unit paper: a full mock exam is long to drive.
			const paper = page.getByLabel('Paper');
			const options = await paper
				.locator('option')
				.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
			await paper.selectOption(rng.pick(options.slice(1)));
			await page.getByRole('button', { name: 'Start the exam' }).click();
		} else await page.getByRole('button', { name: 'Start practice' }).click();
		await replaceIfAsked(page);
		await page.waitForURL(/\/session\//);
		return true;
	}
	if (flow === 'lesson') {
		const index = JSON.parse(readFileSync('src/lib/bank/generated/index.json', 'utf8')) as {
			units: { id: string }[];
		};
		await open(page, `/learn/${rng.pick(index.units).id}`);
		return true;
	}
	await open(page, '/review');
	const name = flow === 'mistakes' ? 'Fix my mistakes' : "Start today's review";
	const button = page.getByRole('button', { name });
	if ((await button.count()) === 0) return false;
	await button.click();
	await replaceIfAsked(page);
	await page.waitForURL(/\/session\//);
	return true;
}

/** "Discard the session in progress?" when one of that kind is saved: yes. */
async function replaceIfAsked(page: Page): Promise<void> {
	const dialog = page.getByRole('alertdialog');
	try {
		await dialog.waitFor({ state: 'visible', timeout: 1500 });
		await dialog.getByRole('button', { name: 'Discard it and start' }).click();
	} catch {
		// not asked
	}
}

/**
 * One step of `flow` on the screen as it is; resolves to the number of answers the app has just
 * acknowledged (feedback shown, exam results shown).
 */
async function step(page: Page, flow: FlowName, rng: Random): Promise<number> {
	const main = page.locator('main');
	const visible = (selector: ReturnType<Page['locator']>) => selector.first().isVisible();
	const next = main.getByRole('button', {
		name: /^(Next question|Next section|See results|Finish the lesson)$/
	});
	if (flow === 'lesson') {
		const check = main.getByRole('button', { name: 'Check my understanding' });
		if (await visible(check)) {
			await check.click();
			return 0;
		}
	}
	if (await visible(main.locator('section.feedback'))) {
		if (!(await visible(next))) return -1;
		await next.first().click();
		return 0;
	}
	if ((await visible(main.locator('[data-item-id]'))) && (await visible(main.locator('form')))) {
		if (flow === 'exam') {
			await answer(page, LOCALE, rng.next() < 0.6);
			if (rng.next() < 0.3) {
				await main.getByRole('button', { name: 'Submit exam' }).click();
				const yes = page.getByRole('button', { name: 'Yes, submit' });
				await yes.click({ timeout: 3000 }).catch(() => {});
				await main.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 15_000 });
				return main.locator('ol.review > li [data-answered="true"], ol.review > li').count();
			}
			const nextQ = main.getByRole('button', { name: 'Next question' });
			if (await nextQ.isEnabled().catch(() => false)) await nextQ.click();
			return 0;
		}
		await answer(page, LOCALE, rng.next() < 0.5);
		await page.keyboard.press('Enter');
		await main.locator('section.feedback').waitFor({ timeout: 15_000 });
		return 1;
	}
	if (await visible(next)) {
		await next.first().click();
		return 0;
	}
	return -1; // nothing to do: the flow ended
}

function persistentContext(profile: string, baseURL: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath,
		args: chromiumArgs,
		baseURL,
		locale: LOCALE,
		serviceWorkers: 'block'
	});
}

/** SIGKILL the browser this script launched on `profile` (its main process, found by it). */
async function crashBrowser(profile: string): Promise<void> {
	const found = spawnSync('pgrep', ['-o', '-f', `user-data-dir=${profile}`], { encoding: 'utf8' });
	const pid = Number(found.stdout.trim());
	if (!pid) throw new Error(`no browser process for ${profile}`);
	process.kill(pid, 'SIGKILL');
	await new Promise((r) => setTimeout(r, 500));
}

async function interruptions(url: string, rng: Random): Promise<Figure> {
	let lost = 0;
	let dead = 0;
	let done = 0;
	let acknowledgedTotal = 0;
	const notes: string[] = [];
	const perFlow = new Map<string, number>();
	while (done < INTERRUPTIONS) {
		// A profile on disk, so a crashed browser comes back to the same storage.
		const profile = mkdtempSync(join(tmpdir(), 'fuzz-integrity-'));
		let context = await persistentContext(profile, url);
		const errors: string[] = [];
		let page = watchErrors(context.pages()[0] ?? (await context.newPage()), errors);
		const acknowledged: number[] = [];
		try {
			// Each context: a few episodes, so mistakes and review have something to ask.
			for (let episode = 0; episode < 6 && done < INTERRUPTIONS; episode++) {
				const flow = episode === 0 ? 'practice' : rng.pick(FLOWS);
				if (!(await startFlow(page, flow, rng))) continue;
				const sessionUrl = page.url();
				const steps = 1 + rng.int(6);
				const kind = rng.pick(INTERRUPTIONS_KINDS);
				let given = 0;
				for (let s = 0; s < steps; s++) {
					const n = await step(page, flow, rng);
					if (n < 0) break;
					given += n;
				}
				acknowledgedTotal += given;
				acknowledged.push(given);
				if (kind === 'reload') await page.reload();
				else if (kind === 'close') {
					await page.close();
					page = watchErrors(await context.newPage(), errors);
					await page.goto(sessionUrl);
				} else if (kind === 'crash') {
					// The whole browser dies (SIGKILL: no unload, no flush), then starts again.
					await crashBrowser(profile);
					context = await persistentContext(profile, url);
					page = watchErrors(context.pages()[0] ?? (await context.newPage()), errors);
					await page.goto(sessionUrl);
				} else {
					await context.setOffline(true);
					const n = await step(page, flow, rng).catch(() => 0);
					acknowledged[acknowledged.length - 1] += Math.max(0, n);
					acknowledgedTotal += Math.max(0, n);
					await context.setOffline(false);
					await page.reload();
				}
				done++;
				perFlow.set(`${flow}/${kind}`, (perFlow.get(`${flow}/${kind}`) ?? 0) + 1);
				const deadWhy = await isAlive(page, errors);
				if (deadWhy) {
					dead++;
					notes.push(`dead (${flow}, ${kind}): ${deadWhy}`);
				}
				errors.length = 0;
				const stored = (await storedAttemptIds(page)).length;
				const expected = acknowledged.reduce((a, b) => a + b, 0);
				if (stored < expected) {
					lost += expected - stored;
					notes.push(`lost ${expected - stored} (${flow}, ${kind}): ${stored} of ${expected}`);
					acknowledged.length = 0;
					acknowledged.push(stored);
				}
			}
		} catch (error) {
			dead++;
			done++;
			notes.push(`driver stopped at ${page.url()}: ${(error as Error).message.split('\n')[0]}`);
		} finally {
			await context.close().catch(() => {});
			rmSync(profile, { recursive: true, force: true });
		}
	}
	const mix = [...perFlow].map(([k, n]) => `${k} ${n}`).join(', ');
	return {
		name: `1. ${done} interruptions (${acknowledgedTotal} acknowledged answers): lost / dead screens`,
		value: `${lost} / ${dead}`,
		goal: '0 / 0',
		ok: lost === 0 && dead === 0,
		notes: [`mix: ${mix}`, ...notes.slice(0, 10)]
	};
}

// --- 2. many tabs ---

/** The app's store and backup modules, for the page (same code as the app's chunks). */
function bundle(): Promise<string> {
	return bundleAppModules('__fuzz', {
		'progress/app-store.ts': ['openAppStore'],
		'progress/backup.ts': [
			'parseBackup',
			'importProgress',
			'exportProgress',
			'serialiseBackup',
			'BACKUP_ERROR_MESSAGES'
		]
	});
}

interface FuzzApi {
	openAppStore: typeof import('../src/lib/progress/app-store').openAppStore;
	parseBackup: typeof import('../src/lib/progress/backup').parseBackup;
	importProgress: typeof import('../src/lib/progress/backup').importProgress;
	exportProgress: typeof import('../src/lib/progress/backup').exportProgress;
	serialiseBackup: typeof import('../src/lib/progress/backup').serialiseBackup;
	BACKUP_ERROR_MESSAGES: typeof import('../src/lib/progress/backup').BACKUP_ERROR_MESSAGES;
}
declare global {
	var __fuzz: FuzzApi;
	var __fuzzStore: Awaited<ReturnType<FuzzApi['openAppStore']>>;
}

async function loadBundle(page: Page, code: string): Promise<void> {
	await page.addScriptTag({ content: code });
	await page.evaluate(async () => {
		globalThis.__fuzzStore = await globalThis.__fuzz.openAppStore(() => {});
	});
}

async function manyTabs(browser: Browser, url: string, code: string, rng: Random): Promise<Figure> {
	let lost = 0;
	let answers = 0;
	const notes: string[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		const context = await newContext(browser, url);
		const tabs = 2 + rng.int(2);
		const pages = await Promise.all(Array.from({ length: tabs }, () => context.newPage()));
		for (const page of pages) {
			await open(page, '/settings');
			await loadBundle(page, code);
		}
		const perTab = 1 + rng.int(5);
		const at = Date.now();
		// Every tab waits for the same BroadcastChannel message, then answers at once.
		const armed = pages.map((page, tab) =>
			page.evaluate(
				({ tab, perTab, at }) =>
					new Promise<void>((done, fail) => {
						const channel = new BroadcastChannel('fuzz-go');
						channel.onmessage = () => {
							channel.close();
							const entries = Array.from({ length: perTab }, (_, i) => {
								const itemId = `fuzz-${i}`;
								const when = at + tab * 1000 + i;
								const answer = {
									itemId,
									unit: 'fuzz',
									response: { type: 'truefalse', value: false },
									score: { correct: false, fraction: 0 },
									ms: 1000,
									at: when
								};
								return {
									attempt: {
										id: `${when.toString(36)}-${itemId}-${tab}`,
										itemId,
										unit: 'fuzz',
										at: when,
										correct: false,
										fraction: 0,
										ms: 1000,
										flow: 'practice' as const
									},
									learn: { answer, mode: 'practice' }
								};
							});
							globalThis.__fuzzStore
								.appendAttempts(entries)
								.then(() => globalThis.__fuzzStore.whenIdle())
								.then(() => done(), fail);
						};
					}),
				{ tab, perTab, at }
			)
		);
		await new Promise((r) => setTimeout(r, 50));
		// A second channel object: every tab's listener hears it, the sending tab's included.
		await pages[0].evaluate(() => new BroadcastChannel('fuzz-go').postMessage('go'));
		await Promise.all(armed);
		answers += tabs * perTab;
		// A fresh tab reads what is stored: every answer, and each item in the notebook.
		const check = await context.newPage();
		await open(check, '/settings');
		await loadBundle(check, code);
		const { ids, states } = await check.evaluate(async () => ({
			ids: (await globalThis.__fuzzStore.listAttempts()).map((a) => a.id),
			states: Object.keys(await globalThis.__fuzzStore.getItemStates('fuzz'))
		}));
		const missing = tabs * perTab - new Set(ids).size;
		const missingStates = perTab - states.length;
		if (missing > 0 || missingStates > 0) {
			lost += Math.max(0, missing);
			notes.push(`round ${round}: ${tabs} tabs, ${missing} answers, ${missingStates} states lost`);
		}
		await context.close();
	}
	return {
		name: `2. ${ROUNDS} rounds of 2–3 tabs answering at once (${answers} answers): lost`,
		value: String(lost),
		goal: '0',
		ok: lost === 0,
		notes
	};
}

// --- 3. backups ---

type Mutation = (valid: string, rng: Random) => { kind: string; bytes: Uint8Array };

const utf8 = (s: string) => new TextEncoder().encode(s);
const OTHER_APPS = [
	'{"name":"my-app","version":"1.0.0","dependencies":{}}',
	'{"notes":[{"guid":"x","fields":["front","back"]}],"deck":"Anki"}',
	'{"set":{"title":"Quizlet"},"terms":[{"term":"a","definition":"b"}]}',
	'[1,2,3]',
	'null',
	'42',
	'"services-trade-academy-progress"',
	'{"format":"services-trade-academy-progress"}',
	'{"format":"kahoot","questions":[]}'
];

function setAt(value: unknown, rng: Random): unknown {
	// Replace one value somewhere in the tree with a value of another type.
	const replacements = [null, 42, 'x', true, [], {}, -1, 1e308, '', [null], { a: 1 }];
	if (typeof value !== 'object' || value === null || rng.next() < 0.15)
		return rng.pick(replacements.filter((r) => typeof r !== typeof value));
	const keys = Object.keys(value);
	if (keys.length === 0) return rng.pick(replacements);
	const key = rng.pick(keys);
	const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
	copy[key] = setAt(copy[key], rng);
	return copy;
}

const MUTATIONS: readonly Mutation[] = [
	(v, rng) => ({ kind: 'truncated', bytes: utf8(v.slice(0, rng.int(v.length))) }),
	(v, rng) => ({ kind: 'wrong type', bytes: utf8(JSON.stringify(setAt(JSON.parse(v), rng))) }),
	(v, rng) => {
		const data = JSON.parse(v) as { attempts: unknown[]; settings: unknown };
		return rng.next() < 0.5
			? {
					kind: 'huge',
					bytes: utf8(JSON.stringify({ ...data, settings: 'x'.repeat(8_000_000) }))
				}
			: {
					kind: 'huge',
					bytes: utf8(
						JSON.stringify({
							...data,
							attempts: Array.from({ length: 60_000 }, (_, i) => ({ id: i }))
						})
					)
				};
	},
	(_, rng) => ({ kind: 'other app', bytes: utf8(rng.pick(OTHER_APPS)) }),
	(v, rng) => {
		const which = rng.int(3);
		if (which === 0) {
			const out = new Uint8Array(v.length * 2 + 2);
			out.set([0xff, 0xfe]);
			for (let i = 0; i < v.length; i++) out[2 + i * 2] = v.charCodeAt(i) & 0xff;
			return { kind: 'UTF-16', bytes: out };
		}
		if (which === 1) return { kind: 'BOM + gibberish', bytes: utf8('\uFEFF' + v.slice(1)) };
		return {
			kind: 'random bytes',
			bytes: Uint8Array.from({ length: 1 + rng.int(2000) }, () => rng.int(256))
		};
	},
	(v, rng) => {
		const bytes = utf8(v);
		for (let n = 1 + rng.int(5); n > 0; n--) bytes[rng.int(bytes.length)] = rng.int(256);
		return { kind: 'byte flips', bytes };
	}
];

async function backups(browser: Browser, url: string, code: string, rng: Random): Promise<Figure> {
	const context = await newContext(browser, url);
	const page = await context.newPage();
	await open(page, '/settings');
	await loadBundle(page, code);
	const locales = ['en', 'zh-CN'].map((l) => ({
		...(JSON.parse(readFileSync(`src/lib/i18n/locales/${l}/progress.json`, 'utf8')) as object)
	}));
	// Some history to protect: answers, item states, a flow, from the app's own store.
	const valid = await page.evaluate(async () => {
		const store = globalThis.__fuzzStore;
		const at = Date.UTC(2026, 10, 1);
		await store.appendAttempts(
			Array.from({ length: 20 }, (_, i) => ({
				attempt: {
					id: `b${i}`,
					itemId: `i${i % 7}`,
					unit: 'u',
					at: at + i * 3_600_000,
					correct: i % 3 !== 0,
					fraction: i % 3 !== 0 ? 1 : 0,
					ms: 2000,
					flow: 'practice' as const
				},
				learn: {
					answer: {
						itemId: `i${i % 7}`,
						unit: 'u',
						response: { type: 'truefalse', value: true },
						score: { correct: i % 3 !== 0, fraction: i % 3 !== 0 ? 1 : 0 },
						ms: 2000,
						at: at + i * 3_600_000
					},
					mode: 'practice'
				}
			}))
		);
		await store.whenIdle();
		const api = globalThis.__fuzz;
		return api.serialiseBackup(await api.exportProgress(store));
	});
	const stateOf = () =>
		page.evaluate(async () => {
			const api = globalThis.__fuzz;
			// Everything but the moment of export.
			return JSON.stringify({
				...(await api.exportProgress(globalThis.__fuzzStore)),
				exportedAt: 0
			});
		});
	const before = await stateOf();
	let crashes = 0;
	let changed = 0;
	let unexplained = 0;
	let accepted = 0;
	const byKind = new Map<string, number>();
	const notes: string[] = [];
	for (let n = 0; n < BACKUPS; n++) {
		const { kind, bytes } = rng.pick(MUTATIONS)(valid, rng);
		byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
		const result = await page.evaluate(
			async ({ b64 }) => {
				const api = globalThis.__fuzz;
				try {
					// As the Backup panel reads a chosen file: File.text() decodes UTF-8.
					const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
					const text = await new File([raw], 'backup.json').text();
					const parsed = api.parseBackup(text);
					if (!parsed.ok) return { refused: api.BACKUP_ERROR_MESSAGES[parsed.error] };
					await api.importProgress(globalThis.__fuzzStore, parsed.backup);
					return { accepted: true };
				} catch (error) {
					return { crash: String(error) };
				}
			},
			{ b64: Buffer.from(bytes).toString('base64') }
		);
		if ('crash' in result) {
			crashes++;
			notes.push(`crash on ${kind}: ${result.crash}`);
			continue;
		}
		const after = await stateOf();
		if ('accepted' in result) {
			// Still a valid file after mutation: merged. It may add, never take away.
			accepted++;
			const [was, is] = [JSON.parse(before), JSON.parse(after)] as { attempts: { id: string }[] }[];
			const kept = new Set(is.attempts.map((a) => a.id));
			if (!was.attempts.every((a) => kept.has(a.id))) {
				changed++;
				notes.push(`a valid ${kind} file lost answers`);
			}
			continue;
		}
		const key = result.refused?.replace('progress:', '') ?? '';
		if (!key || !locales.every((l) => typeof (l as Record<string, unknown>)[key] === 'string')) {
			unexplained++;
			notes.push(`refused without a message in both languages: ${kind} (${key})`);
		}
		if (after !== before) {
			changed++;
			notes.push(`state changed by a refused ${kind} file`);
		}
	}
	await context.close();
	return {
		name: `3. ${BACKUPS} mutated backups (${accepted} still valid and merged): crashes / state changes`,
		value: `${crashes} / ${changed}`,
		goal: '0 / 0, each refused with a message',
		ok: crashes === 0 && changed === 0 && unexplained === 0,
		notes: [
			`kinds: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`,
			`refused without a message: ${unexplained}`,
			...notes.slice(0, 10)
		]
	};
}

// --- 4. a new service worker mid-quiz ---

/**
 * A proxy in front of the production server that serves a changed worker script (a new
 * version) once `release()` is called, as a deploy would.
 */
async function deployingProxy(upstream: string, port: number) {
	let version = 1;
	const server: Server = createServer(async (req, res) => {
		try {
			const response = await fetch(upstream + req.url, {
				headers: { 'accept-language': req.headers['accept-language'] ?? '' }
			});
			let body = Buffer.from(await response.arrayBuffer());
			if (req.url?.startsWith('/service-worker.js') && version > 1)
				body = Buffer.concat([body, Buffer.from(`\n// deploy ${version}\n`)]);
			const headers: Record<string, string> = {};
			response.headers.forEach((v, k) => {
				if (!['content-encoding', 'content-length', 'transfer-encoding', 'etag'].includes(k))
					headers[k] = v;
			});
			res.writeHead(response.status, headers).end(body);
		} catch {
			res.writeHead(502).end();
		}
	});
	await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${port}`,
		release: () => version++,
		stop: () => new Promise<void>((r) => server.close(() => r()))
	};
}

async function serviceWorkerUpdate(
	browser: Browser,
	upstream: string,
	rng: Random
): Promise<Figure> {
	const rounds = 3;
	let reloads = 0;
	let lost = 0;
	let offered = 0;
	const notes: string[] = [];
	for (let round = 0; round < rounds; round++) {
		const proxy = await deployingProxy(upstream, PORT + 1 + round);
		const context: BrowserContext = await newContext(browser, proxy.url, true);
		const page = await context.newPage();
		try {
			await open(page, '/');
			await page.waitForFunction(
				async () => {
					await navigator.serviceWorker.ready;
					return navigator.serviceWorker.controller?.state === 'activated';
				},
				undefined,
				{ timeout: 30_000 }
			);
			await startFlow(page, 'practice', rng);
			let acknowledged = 0;
			for (let i = 0; i < 2; i++) acknowledged += Math.max(0, await step(page, 'practice', rng));
			let navigations = 0;
			page.on('framenavigated', (frame) => {
				if (frame === page.mainFrame()) navigations++;
			});
			proxy.release();
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
			await page.waitForFunction(
				async () => (await navigator.serviceWorker.getRegistration())?.waiting != null,
				undefined,
				{ timeout: 30_000 }
			);
			for (let i = 0; i < 4; i++) acknowledged += Math.max(0, await step(page, 'practice', rng));
			if (await page.getByRole('button', { name: /update/i }).count()) offered++;
			reloads += navigations;
			const stored = (await storedAttemptIds(page)).length;
			if (stored < acknowledged) lost += acknowledged - stored;
		} catch (error) {
			notes.push(`round ${round}: ${(error as Error).message.split('\n')[0]}`);
			reloads++;
		} finally {
			await context.close();
			await proxy.stop();
		}
	}
	return {
		name: `4. ${rounds} new service-worker versions during practice: reloads under the learner / answers lost`,
		value: `${reloads} / ${lost}`,
		goal: '0 / 0',
		ok: reloads === 0 && lost === 0,
		notes: [`update offered (not forced) in ${offered} of ${rounds}`, ...notes]
	};
}

// --- 5. a corrupt record in each table ---

const CORRUPT: Record<string, { key: string; value: unknown }> = {
	attempts: { key: '2026-11-02', value: 'not a day of attempts' },
	items: { key: 'u', value: 42 },
	flows: { key: 'practice', value: { id: 'practice', snapshot: 'garbage' } },
	settings: { key: 'settings', value: [1, 2, 3] },
	meta: { key: 'summary', value: { count: 'many' } },
	sets: { key: 'corrupt-set', value: { name: 7 } }
};

async function corruptTables(browser: Browser, url: string, code: string): Promise<Figure> {
	const failures: string[] = [];
	for (const [table, { key, value }] of Object.entries(CORRUPT)) {
		const context = await newContext(browser, url);
		const errors: string[] = [];
		const page = watchErrors(await context.newPage(), errors);
		try {
			await open(page, '/settings');
			await loadBundle(page, code);
			// Valid records around the corrupt one: two days of answers, a unit's states.
			const good = await page.evaluate(async () => {
				const store = globalThis.__fuzzStore;
				const day = (d: number, i: number) => Date.UTC(2026, 10, d, 10, i);
				await store.recordAttempts(
					[1, 3].flatMap((d) =>
						[0, 1, 2].map((i) => ({
							id: `g${d}-${i}`,
							itemId: `i${i}`,
							unit: 'v',
							at: day(d, i),
							correct: true,
							fraction: 1,
							ms: 1000,
							flow: 'practice' as const
						}))
					)
				);
				await store.putItemStates('v', [
					{ itemId: 'i0', streak: 1, lastCorrect: true, lastAt: day(1, 0), due: null }
				]);
				return (await store.listAttempts()).map((a) => a.id).sort();
			});
			await page.evaluate(
				async ({ db, table, key, value }) => {
					const conn = await new Promise<IDBDatabase>((ok, ko) => {
						const r = indexedDB.open(db);
						r.onsuccess = () => ok(r.result);
						r.onerror = () => ko(r.error);
					});
					await new Promise<void>((ok, ko) => {
						const tx = conn.transaction(table, 'readwrite');
						tx.objectStore(table).put(value, key);
						tx.oncomplete = () => ok();
						tx.onerror = () => ko(tx.error);
					});
					conn.close();
				},
				{ db: DB, table, key, value }
			);
			// The learner's pages with that record in place.
			for (const path of [
				'/',
				'/progress',
				'/review',
				'/practice',
				'/settings',
				'/classroom/sets'
			]) {
				await page.goto(path);
				const dead = await isAlive(page, errors);
				if (dead) failures.push(`${table}: ${dead}`);
			}
			await loadBundle(page, code);
			const after = await page.evaluate(async () => {
				const store = globalThis.__fuzzStore;
				return {
					ids: (await store.listAttempts()).map((a) => a.id).sort(),
					states: Object.keys(await store.getItemStates('v')),
					quarantined: await store.listQuarantined()
				};
			});
			if (JSON.stringify(after.ids) !== JSON.stringify(good))
				failures.push(`${table}: answers changed (${after.ids.length} of ${good.length})`);
			if (after.states.join() !== 'i0') failures.push(`${table}: item states changed`);
			// A damaged summary is rebuilt from the records rather than set aside: nothing to keep.
			const setAside =
				table === 'meta' || after.quarantined.some((k) => k.startsWith(`${table}/${key}/`));
			if (!setAside) failures.push(`${table}: the corrupt record was not set aside`);
		} catch (error) {
			failures.push(`${table}: ${(error as Error).message.split('\n')[0]}`);
		} finally {
			await context.close();
		}
	}
	return {
		name: `5. a corrupt record in each of ${Object.keys(CORRUPT).length} tables: set aside, rest intact (failures)`,
		value: String(failures.length),
		goal: '0',
		ok: failures.length === 0,
		notes: failures
	};
}

// --- run ---

const started = performance.now();
const server = await startProductionServer(PORT);
const code = await bundle();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const figures: Figure[] = [];
// One generator per figure, from the run's seed: a figure replays alone with the same seed.
const rngFor = (n: number) => random(SEED + n);
try {
	figures.push(await interruptions(server.url, rngFor(1)));
	figures.push(await manyTabs(browser, server.url, code, rngFor(2)));
	figures.push(await backups(browser, server.url, code, rngFor(3)));
	figures.push(await serviceWorkerUpdate(browser, server.url, rngFor(4)));
	figures.push(await corruptTables(browser, server.url, code));
} finally {
	await browser.close();
	server.stop();
}
console.log(`\nIntegrity fuzz, seed ${SEED} (replay: npm run fuzz:integrity -- --seed ${SEED})\n`);
for (const f of figures) {
	console.log(`${f.ok ? 'ok  ' : 'MISS'} ${f.name}: ${f.value} (goal ${f.goal})`);
	for (const note of f.notes ?? []) console.log(`       ${note}`);
}
console.log(
	`\n${((performance.now() - started) / 1000).toFixed(0)} s; Chromium ${browser.version()}`
);
process.exit(figures.every((f) => f.ok) ? 0 : 1);
