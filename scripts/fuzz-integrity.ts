/**
 * `npm run fuzz:integrity`: the integrity fuzz of issue #9. Debian's Chromium (Playwright's
 * library API, headless) against the production build; prints five figures, each with its goal,
 * and the seed of the run; exits 1 when any figure misses its goal. Not part of `npm test`.
 *
 *   npm run fuzz:integrity -- [--quick] [--seed N] [--n 200] [--rounds 50] [--backups 1000]
 *                             [--port 5220] [--prebuilt] [--only 1,2,3,4,5]
 *
 * The pure parts (seeded random, interruption plan, backup mutations, figures and goals) are in
 * scripts/fuzz/ with their unit tests; this file drives the browser. See the README for what each
 * figure means.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { answer } from '../tests/answer';
import { chromiumArgs, chromiumPath } from '../tests/chromium';
import { bundleAppModules } from './bench/app-bundle';
import { startProductionServer } from './bench/server';
import { backupFigure, refusalMessages } from './fuzz/backups';
import { formatFigure, report, tally, type Figure } from './fuzz/figures';
import { mutateBackup, MUTATION_KINDS } from './fuzz/mutate';
import { planInterruptions, type Episode, type FlowName } from './fuzz/plan';
import { seededRng, type Rng } from './fuzz/random';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const { values: args } = parseArgs({
	options: {
		seed: { type: 'string' },
		quick: { type: 'boolean', default: false },
		n: { type: 'string' },
		rounds: { type: 'string' },
		backups: { type: 'string' },
		port: { type: 'string', default: process.env.FUZZ_PORT ?? '5220' },
		prebuilt: { type: 'boolean', default: false },
		only: { type: 'string', default: '1,2,3,4,5' }
	}
});
const SEED = args.seed !== undefined ? Number(args.seed) : Math.floor(Math.random() * 2 ** 31);
const N = Number(args.n ?? (args.quick ? 24 : 200));
const ROUNDS = Number(args.rounds ?? (args.quick ? 6 : 50));
const BACKUPS = Number(args.backups ?? (args.quick ? 120 : 1000));
const SW_ROUNDS = args.quick ? 1 : 3;
const PORT = Number(args.port);
const ONLY = new Set(args.only.split(',').map(Number));
const LOCALE = 'en' as const;
const DB = 'services-trade-academy';
const ERROR_TITLES = (() => {
	const common = JSON.parse(readFileSync('src/lib/i18n/locales/en/common.json', 'utf8')) as {
		errorPage: Record<string, string>;
	};
	return [common.errorPage.errorTitle, common.errorPage.notFoundTitle];
})();

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];

// --- the browser ---

async function newContext(browser: Browser, baseURL: string, serviceWorkers = false) {
	return browser.newContext({
		baseURL,
		locale: LOCALE,
		serviceWorkers: serviceWorkers ? 'allow' : 'block'
	});
}

/** A page whose uncaught errors land in `errors` (a dead screen if any is left after recovery). */
async function watchedPage(context: BrowserContext, errors: string[]): Promise<Page> {
	const page = await context.newPage();
	page.on('pageerror', (error) => errors.push(firstLine(error)));
	return page;
}

async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await hydrated(page);
}

const hydrated = (page: Page) =>
	page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });

/** Why the screen is dead (no hydration, an error page, nothing to operate, an uncaught error), or null. */
async function deadScreen(page: Page, errors: readonly string[]): Promise<string | null> {
	try {
		await hydrated(page);
		const controls = page.locator('main').locator('button, a[href], input, select, textarea');
		// Any visible one: the first in the page may be inside a closed disclosure.
		await controls.filter({ visible: true }).first().waitFor({ timeout: 10_000 });
	} catch (error) {
		// What the page itself says (not the header and the notices): enough to tell a stall
		// ("Loading…") from a page that loaded with nothing to operate.
		const shown = await page
			.locator('main')
			.innerText({ timeout: 2_000 })
			.catch(() => '');
		return `no live screen at ${page.url()}: ${firstLine(error)}; on screen: "${shown.replace(/\s+/g, ' ').slice(0, 300)}"`;
	}
	const title = (await page.locator('h1').first().textContent())?.trim() ?? '';
	if (ERROR_TITLES.includes(title)) return `error page at ${page.url()}: ${title}`;
	return errors.length > 0 ? `uncaught error at ${page.url()}: ${errors.join('; ')}` : null;
}

/** The item id of every stored answer: IndexedDB days plus journal entries not yet moved there. */
async function storedItemIds(page: Page): Promise<string[]> {
	return page.evaluate(async (db) => {
		const found = new Map<string, string>();
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
				if (Array.isArray(day))
					for (const a of day as { id?: string; itemId?: string }[])
						if (a?.id && a.itemId) found.set(a.id, a.itemId);
		}
		conn.close();
		for (let i = 0; i < localStorage.length; i++) {
			const key = localStorage.key(i);
			if (!key?.startsWith('sta:journal:')) continue;
			try {
				const entry = JSON.parse(localStorage.getItem(key) ?? 'null') as {
					attempt?: { id: string; itemId: string };
				};
				if (entry?.attempt) found.set(entry.attempt.id, entry.attempt.itemId);
			} catch {
				// a torn entry: the store sets it aside; not an answer
			}
		}
		return [...found.values()];
	}, DB);
}

/** How many acknowledged answers (item ids, with repeats) are not among the stored ones. */
function missing(acknowledged: readonly string[], stored: readonly string[]): number {
	const left = new Map<string, number>();
	for (const id of stored) left.set(id, (left.get(id) ?? 0) + 1);
	let lost = 0;
	for (const id of acknowledged) {
		const n = left.get(id) ?? 0;
		if (n > 0) left.set(id, n - 1);
		else lost++;
	}
	return lost;
}

// --- 1. interruptions ---

/** Start `flow` from its own screen; false when there is nothing to start (no mistakes yet). */
async function startFlow(page: Page, flow: FlowName, rng: Rng): Promise<boolean> {
	if (flow === 'lesson') {
		const index = JSON.parse(readFileSync('src/lib/bank/generated/index.json', 'utf8')) as {
			units: { id: string }[];
		};
		await open(page, `/learn/${rng.pick(index.units).id}`);
		return true;
	}
	if (flow === 'practice' || flow === 'exam') {
		await open(page, '/practice');
		if (flow === 'exam') {
			await page.getByLabel('Minutes').fill('30');
			const paper = page.getByLabel('Paper');
			const options = await paper
				.locator('option')
				.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
			// A unit paper: a whole mock exam is long to drive.
			await paper.selectOption(rng.pick(options.length > 1 ? options.slice(1) : options));
			await page.getByRole('button', { name: 'Start the exam' }).click();
		} else await page.getByRole('button', { name: 'Start practice' }).click();
	} else {
		await open(page, '/review');
		const button = page.getByRole('button', {
			name: flow === 'mistakes' ? 'Fix my mistakes' : "Start today's review"
		});
		if ((await button.count()) === 0 || !(await button.first().isEnabled())) return false;
		await button.first().click();
	}
	await replaceIfAsked(page);
	await page.waitForURL(/\/session\//, { timeout: 20_000 });
	await hydrated(page);
	return true;
}

/** "Discard the session in progress?" when one of that kind is saved: yes. */
async function replaceIfAsked(page: Page): Promise<void> {
	const yes = page.getByRole('alertdialog').getByRole('button', { name: 'Discard it and start' });
	const url = page.waitForURL(/\/session\//, { timeout: 5_000 }).then(() => 'url' as const);
	const dialog = yes.waitFor({ state: 'visible', timeout: 5_000 }).then(() => 'dialog' as const);
	const first = await Promise.race([url, dialog]).catch(() => null);
	url.catch(() => {});
	dialog.catch(() => {});
	if (first === 'dialog') await yes.click();
}

/**
 * One learner action on the screen as it is. Returns the item ids the app acknowledged by it
 * (feedback shown; for an exam, the results shown), or null when the flow has nothing left.
 */
async function step(page: Page, flow: FlowName, rng: Rng, examAnswered: string[]) {
	const main = page.locator('main');
	const shown = (l: ReturnType<Page['locator']>) => l.first().isVisible();
	const onward = main.getByRole('button', {
		name: /^(Next question|Next section|See results|Finish the lesson|Check my understanding)$/
	});
	const feedback = main.locator('section.feedback');
	const item = main.locator('[data-item-id]');
	if (flow !== 'exam' && (await shown(feedback))) {
		if (!(await shown(onward))) return null;
		await onward.first().click();
		return [];
	}
	if (
		(await shown(item)) &&
		(await main.locator('form [data-item-id], form').first().isVisible())
	) {
		const enabled = await main
			.locator(
				'form input:not([disabled]), form select:not([disabled]), form textarea:not([disabled])'
			)
			.count();
		if (enabled > 0) {
			const answered = await answer(page, LOCALE, rng.next() < 0.5);
			if (flow === 'exam') {
				examAnswered.push(answered.id);
				if (rng.next() < 0.25) {
					await main.getByRole('button', { name: 'Submit exam' }).click();
					await page.getByRole('button', { name: 'Yes, submit' }).click({ timeout: 5_000 });
					await main.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 15_000 });
					return examAnswered.splice(0);
				}
				const next = main.getByRole('button', { name: 'Next question' });
				if (
					await next
						.first()
						.isEnabled()
						.catch(() => false)
				)
					await next.first().click();
				return [];
			}
			const submit = main.getByRole('button', { name: /^(Check|Submit|Check answer)$/ });
			if (await shown(submit)) await submit.first().click();
			else await page.keyboard.press('Enter');
			await feedback.first().waitFor({ timeout: 15_000 });
			return [answered.id];
		}
	}
	if (await shown(onward)) {
		await onward.first().click();
		return [];
	}
	return null;
}

/**
 * The tab's renderer dies as in a crash: CDP `Page.crash`, sent without awaiting its reply
 * (the renderer dies before it can answer; awaiting it is what hung the earlier attempt), and
 * the page's `crash` event awaited instead. No unload handler, timer or pending write of the
 * page runs; the browser process, and with it the storage already handed to it, lives on.
 */
async function crashTab(page: Page): Promise<void> {
	const session = await page.context().newCDPSession(page);
	const crashed = page.waitForEvent('crash', { timeout: 10_000 });
	session.send('Page.crash').catch(() => {});
	await crashed;
}

async function interruptions(browser: Browser, url: string, rng: Rng): Promise<Figure> {
	const plan = planInterruptions(rng, { n: N });
	let lost = 0;
	let dead = 0;
	let acknowledgedTotal = 0;
	const ran: string[] = [];
	const notes: string[] = [];
	const contexts = [...new Set(plan.map((e) => e.context))];
	for (const c of contexts) {
		const context = await newContext(browser, url);
		const errors: string[] = [];
		let page = await watchedPage(context, errors);
		const acknowledged: string[] = [];
		for (const episode of plan.filter((e) => e.context === c)) {
			const where = `context ${c}, ${episode.flow} ${episode.steps} steps, ${episode.kind}`;
			try {
				page = await runEpisode(page, context, episode, rng, acknowledged, errors);
				ran.push(`${episode.flow}/${episode.kind}`);
			} catch (error) {
				dead++;
				notes.push(`driver stopped (${where}) at ${page.url()}: ${firstLine(error)}`);
				page = await watchedPage(context, errors);
				await page.goto('/').catch(() => {});
			}
			const why = await deadScreen(page, errors);
			if (why) {
				dead++;
				notes.push(`dead screen (${where}): ${why}`);
			}
			errors.length = 0;
			const gone = missing(acknowledged, await storedItemIds(page).catch(() => []));
			if (gone > 0) {
				lost += gone;
				notes.push(`lost ${gone} acknowledged answers (${where})`);
				acknowledged.length = 0;
				acknowledged.push(...(await storedItemIds(page).catch(() => [])));
			}
		}
		acknowledgedTotal += acknowledged.length;
		await context.close();
	}
	return {
		title: `1. ${ran.length} interruptions (${acknowledgedTotal} acknowledged answers)`,
		counts: [
			{ label: 'acknowledged answers lost', value: lost, max: 0 },
			{ label: 'dead screens', value: dead, max: 0 }
		],
		notes: [`mix: ${tally(ran)}`, ...notes.slice(0, 12)]
	};
}

async function runEpisode(
	page: Page,
	context: BrowserContext,
	episode: Episode,
	rng: Rng,
	acknowledged: string[],
	errors: string[]
): Promise<Page> {
	let flow = episode.flow;
	if (!(await startFlow(page, flow, rng))) {
		// Nothing due or no mistakes yet for this learner: practice stands in.
		flow = 'practice';
		await startFlow(page, flow, rng);
	}
	const examAnswered: string[] = [];
	const act = async () => {
		const ids = await step(page, flow, rng, examAnswered);
		if (ids) acknowledged.push(...ids);
		return ids !== null;
	};
	for (let s = 0; s < episode.steps; s++) if (!(await act())) break;
	const at = page.url();
	switch (episode.kind) {
		case 'reload':
			await page.reload();
			break;
		case 'close':
			// As a tab closed by the learner: unload handlers run.
			await page.close({ runBeforeUnload: true });
			page = await watchedPage(context, errors);
			await page.goto(at);
			break;
		case 'crash':
			await crashTab(page);
			await page.close().catch(() => {});
			page = await watchedPage(context, errors);
			await page.goto(at);
			break;
		case 'offline':
			await context.setOffline(true);
			// An action with no network: answers are local, so this one must be kept too.
			await act().catch(() => {});
			await context.setOffline(false);
			await page.reload();
			break;
	}
	await hydrated(page);
	// The flow resumes where it was: one more action proves the screen works.
	await act().catch(() => {});
	return page;
}

// --- 2. many tabs ---

interface FuzzApi {
	openAppStore: typeof import('../src/lib/progress/app-store').openAppStore;
}
declare global {
	var __fuzz: FuzzApi;
	var __fuzzStore: Awaited<ReturnType<FuzzApi['openAppStore']>>;
}

/** The app's store wiring (journal, Web Lock, one IndexedDB transaction per write) for the page. */
const bundle = () => bundleAppModules('__fuzz', { 'progress/app-store.ts': ['openAppStore'] });

async function loadStore(page: Page, code: string): Promise<void> {
	await page.addScriptTag({ content: code });
	await page.evaluate(async () => {
		globalThis.__fuzzStore = await globalThis.__fuzz.openAppStore(() => {});
	});
}

/**
 * Rounds of 2 or 3 tabs of one context, each recording 1–5 answers through the app's own store at
 * the same instant: every tab waits on one BroadcastChannel message and writes when it arrives.
 * Half the rounds answer the same items in every tab (the mistakes notebook's read-modify-write of
 * one unit record is then contended), half different ones.
 */
async function manyTabs(browser: Browser, url: string, code: string, rng: Rng): Promise<Figure> {
	let lost = 0;
	let statesLost = 0;
	let answers = 0;
	const notes: string[] = [];
	const mix: string[] = [];
	const context = await newContext(browser, url);
	const pages: Page[] = [];
	for (let i = 0; i < 3; i++) {
		const page = await context.newPage();
		await open(page, '/settings');
		await loadStore(page, code);
		pages.push(page);
	}
	for (let round = 0; round < ROUNDS; round++) {
		const tabs = 2 + rng.int(2);
		const perTab = 1 + rng.int(5);
		const shared = rng.next() < 0.5;
		const unit = `fuzz-${round}`;
		mix.push(`${tabs} tabs${shared ? ', same items' : ''}`);
		const armed = pages.slice(0, tabs).map((page, tab) =>
			page.evaluate(
				({ tab, perTab, unit, shared }) =>
					new Promise<string[]>((done, fail) => {
						const channel = new BroadcastChannel('fuzz-go');
						channel.onmessage = () => {
							channel.close();
							const at = Date.now();
							const entries = Array.from({ length: perTab }, (_, i) => {
								const itemId = shared ? `${unit}-q${i}` : `${unit}-t${tab}-q${i}`;
								const answer = {
									itemId,
									unit,
									response: { type: 'truefalse', value: false },
									score: { correct: false, fraction: 0 },
									ms: 1000,
									at
								};
								return {
									attempt: {
										id: `${unit}-${tab}-${i}-${Math.random().toString(36).slice(2)}`,
										itemId,
										unit,
										at,
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
								.then(() => done(entries.map((e) => e.attempt.id)), fail);
						};
					}),
				{ tab, perTab, unit, shared }
			)
		);
		// Every listener is attached once its evaluate has run; then one message releases them.
		await Promise.all(pages.slice(0, tabs).map((p) => p.evaluate(() => 0)));
		await pages[0].evaluate(() => new BroadcastChannel('fuzz-go').postMessage('go'));
		const written = (await Promise.all(armed)).flat();
		answers += written.length;
		// What a fresh tab reads: every answer, and every wrong item in the mistakes notebook.
		const check = await context.newPage();
		await open(check, '/settings');
		await loadStore(check, code);
		const { ids, states } = await check.evaluate(
			async (unit) => ({
				ids: (await globalThis.__fuzzStore.listAttempts()).map((a) => a.id),
				states: Object.values(await globalThis.__fuzzStore.getItemStates(unit)).filter(
					(s) => s.inMistakes
				).length
			}),
			unit
		);
		await check.close();
		const have = new Set(ids);
		const gone = written.filter((id) => !have.has(id)).length;
		const expectedStates = shared ? perTab : perTab * tabs;
		if (gone > 0 || states < expectedStates) {
			lost += gone;
			statesLost += Math.max(0, expectedStates - states);
			notes.push(
				`round ${round} (${tabs} tabs, ${perTab} each${shared ? ', same items' : ''}): ${gone} answers, ${expectedStates - states} notebook entries lost`
			);
		}
	}
	await context.close();
	return {
		title: `2. ${ROUNDS} rounds of 2–3 tabs answering at the same instant (${answers} answers)`,
		counts: [
			{ label: 'answers lost', value: lost, max: 0 },
			{ label: 'mistakes-notebook entries lost', value: statesLost, max: 0 }
		],
		notes: [`mix: ${tally(mix)}`, ...notes.slice(0, 10)]
	};
}

// --- 3. backups: the Node run, and a sample through the Backup panel in both languages ---

/** Every object store as `{table: {key: value}}`, but the probe the store writes on each open. */
async function dumpDb(page: Page): Promise<string> {
	return page.evaluate(async (db) => {
		const conn = await new Promise<IDBDatabase>((ok, ko) => {
			const r = indexedDB.open(db);
			r.onsuccess = () => ok(r.result);
			r.onerror = () => ko(r.error);
		});
		const out: Record<string, Record<string, unknown>> = {};
		for (const name of [...conn.objectStoreNames].sort()) {
			const store = conn.transaction(name).objectStore(name);
			const [keys, values] = await Promise.all(
				[store.getAllKeys(), store.getAll()].map(
					(r) =>
						new Promise<unknown[]>((ok, ko) => {
							r.onsuccess = () => ok(r.result as unknown[]);
							r.onerror = () => ko(r.error);
						})
				)
			);
			out[name] = {};
			keys.forEach((k, i) => {
				if (!(name === 'meta' && k === 'probe')) out[name][String(k)] = values[i];
			});
		}
		conn.close();
		return JSON.stringify(out);
	}, DB);
}

/** Answer `count` practice questions through the UI: a history the backup sample must not touch. */
async function practise(page: Page, count: number, rng: Rng): Promise<void> {
	await startFlow(page, 'practice', rng);
	const none: string[] = [];
	for (let answered = 0; answered < count;) {
		const ids = await step(page, 'practice', rng, none);
		if (ids === null) break;
		answered += ids.length;
	}
}

async function backupSample(
	browser: Browser,
	url: string,
	valid: string,
	rng: Rng,
	perLocale: number
): Promise<Figure> {
	const messages = refusalMessages();
	const allMessages = (locale: 'en' | 'zh-CN') =>
		new Set(
			Object.entries(messages[locale])
				.filter(([k]) => k.startsWith('import'))
				.map(([, v]) => v)
		);
	let crashes = 0;
	let changed = 0;
	let unclear = 0;
	let tried = 0;
	const notes: string[] = [];
	const acceptedKinds: string[] = [];
	for (const locale of ['zh-CN', 'en'] as const) {
		const context = await browser.newContext({ baseURL: url, locale, serviceWorkers: 'block' });
		const errors: string[] = [];
		const page = await watchedPage(context, errors);
		await open(page, '/progress');
		// A history to protect, put there by the panel itself: the valid file, accepted.
		await page.locator('input[type="file"]').setInputFiles({
			name: 'backup.json',
			mimeType: 'application/json',
			buffer: Buffer.from(valid)
		});
		await page.locator('main [role="status"]').waitFor({ timeout: 20_000 });
		await page.reload();
		await hydrated(page);
		let before = await dumpDb(page);
		if (!before.includes('seed-0')) throw new Error(`the valid file was not imported (${locale})`);
		// One of each kind first, then at random.
		const kinds = [...MUTATION_KINDS];
		for (let i = 0; i < perLocale; i++) {
			let file = mutateBackup(valid, rng);
			if (i < kinds.length) while (file.kind !== kinds[i]) file = mutateBackup(valid, rng);
			tried++;
			const status = page.locator('main [role="alert"], main [role="status"]');
			await page.locator('input[type="file"]').setInputFiles({
				name: 'backup.json',
				mimeType: 'application/json',
				buffer: Buffer.from(file.bytes)
			});
			const text = (
				await status
					.last()
					.textContent({ timeout: 20_000 })
					.catch(() => '')
			)?.trim();
			const accepted = (await page.locator('main [role="status"]').count()) > 0;
			if (errors.length > 0) {
				crashes++;
				notes.push(`${locale} ${file.kind}: uncaught ${errors.join('; ')}`);
				errors.length = 0;
			}
			if (!accepted && (!text || !allMessages(locale).has(text))) {
				unclear++;
				notes.push(`${locale} ${file.kind}: message "${text}" is not a refusal in ${locale}`);
			}
			if (!accepted && (await dumpDb(page)) !== before) {
				changed++;
				notes.push(`${locale} ${file.kind}: refused but the database changed`);
			}
			if (accepted) {
				// Still valid after the damage: merged (the Node run checks it lost nothing). The
				// files after it are compared with the merged state.
				acceptedKinds.push(`${locale} ${file.kind}`);
				before = await dumpDb(page);
			}
			// Fresh panel for the next file: the message must come from this file.
			await page.reload();
			await hydrated(page);
		}
		await context.close();
	}
	return {
		title: `3b. ${tried} of them through the Backup panel in Chromium (zh-CN and en)`,
		counts: [
			{ label: 'crashes', value: crashes, max: 0 },
			{ label: 'state changes', value: changed, max: 0 },
			{ label: 'refusals not in the UI language', value: unclear, max: 0 }
		],
		notes: [`accepted (still valid): ${tally(acceptedKinds) || 'none'}`, ...notes.slice(0, 10)]
	};
}

// --- 4. a new service-worker version during a quiz ---

async function serviceWorkerUpdate(browser: Browser, url: string, rng: Rng): Promise<Figure> {
	let reloads = 0;
	let lost = 0;
	let offered = 0;
	const notes: string[] = [];
	for (let round = 0; round < SW_ROUNDS; round++) {
		const context = await newContext(browser, url, true);
		const errors: string[] = [];
		const page = await watchedPage(context, errors);
		try {
			await open(page, '/');
			await page.waitForFunction(
				async () => (await navigator.serviceWorker.ready).active?.state === 'activated',
				undefined,
				{ timeout: 30_000 }
			);
			await startFlow(page, 'practice', rng);
			const acknowledged: string[] = [];
			const none: string[] = [];
			for (let i = 0; i < 2; i++)
				acknowledged.push(...((await step(page, 'practice', rng, none)) ?? []));
			let navigations = 0;
			page.on('framenavigated', (frame) => {
				if (frame === page.mainFrame()) navigations++;
			});
			// A deploy as the browser sees it (tests/offline.e2e.ts): the same scope gets a new
			// worker script; the server ignores the query.
			await page.evaluate(async () => {
				await navigator.serviceWorker.register(`/service-worker.js?next=${Date.now()}`, {
					type: 'module'
				});
			});
			const notice = page.getByText('A new version is ready.');
			// The learner keeps answering while the new version installs and waits.
			for (let i = 0; i < 4; i++)
				acknowledged.push(...((await step(page, 'practice', rng, none)) ?? []));
			if (await notice.isVisible({ timeout: 15_000 }).catch(() => false)) offered++;
			else
				await notice
					.waitFor({ timeout: 15_000 })
					.then(() => offered++)
					.catch(() => {});
			reloads += navigations;
			lost += missing(acknowledged, await storedItemIds(page));
			if (errors.length) notes.push(`round ${round}: uncaught ${errors.join('; ')}`);
		} catch (error) {
			reloads++;
			notes.push(`round ${round}: ${firstLine(error)}`);
		} finally {
			await context.close();
		}
	}
	return {
		title: `4. ${SW_ROUNDS} new service-worker versions arriving during practice (update offered in ${offered})`,
		counts: [
			{ label: 'reloads under the learner', value: reloads, max: 0 },
			{ label: 'answers lost', value: lost, max: 0 },
			{ label: 'updates not offered', value: SW_ROUNDS - offered, max: 0 }
		],
		notes
	};
}

// --- 5. a corrupt record in each table ---

/** A record that fails its table's check, per table the app reads (quarantine is the set-aside). */
const CORRUPT: Record<string, { key: string; value: unknown; page: string }> = {
	attempts: { key: '2026-11-02', value: 'not a day of answers', page: '/progress' },
	items: { key: 'fuzz-unit', value: 42, page: '/review' },
	flows: { key: 'practice', value: { id: 'practice', snapshot: 'garbage' }, page: '/practice' },
	settings: { key: 'settings', value: [1, 2, 3], page: '/settings' },
	meta: { key: 'summary', value: { count: 'many' }, page: '/progress' },
	sets: { key: 'corrupt-set', value: { name: 7 }, page: '/sets' },
	offlineSessions: { key: 'corrupt-session', value: 'torn', page: '/classroom/offline' }
};

async function corruptTables(browser: Browser, url: string, rng: Rng): Promise<Figure> {
	const failures: string[] = [];
	for (const [table, { key, value, page: path }] of Object.entries(CORRUPT)) {
		const context = await newContext(browser, url);
		const errors: string[] = [];
		const page = await watchedPage(context, errors);
		try {
			// Real records around the corrupt one: answers, item states, a saved lesson place.
			await practise(page, 2, rng);
			await open(page, '/learn');
			await open(page, '/progress');
			await page.waitForTimeout(300);
			const good = JSON.parse(await dumpDb(page)) as Record<string, Record<string, unknown>>;
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
			const told = page.getByText(/could not be read and (was|were) set aside/).first();
			let reported = false;
			for (const p of ['/', path, '/progress', '/review', '/progress']) {
				await page.goto(p);
				const dead = await deadScreen(page, errors);
				if (dead) failures.push(`${table}: ${dead}`);
				errors.length = 0;
				reported ||= await told.isVisible().catch(() => false);
			}
			// A backup export reads every record of the learner's tables, as a learner would.
			await Promise.all([
				page.waitForEvent('download', { timeout: 20_000 }),
				page.getByRole('button', { name: 'Export progress' }).first().click()
			]).catch((error) => failures.push(`${table}: export failed: ${firstLine(error)}`));
			reported ||= await told
				.waitFor({ timeout: 2_000 })
				.then(() => true)
				.catch(() => false);
			await page.waitForTimeout(300);
			const after = JSON.parse(await dumpDb(page)) as Record<string, Record<string, unknown>>;
			// The rest intact: every record that was there (but the summary the app may rebuild).
			for (const [t, records] of Object.entries(good)) {
				if (t === 'meta' || t === 'quarantine') continue;
				for (const [k, v] of Object.entries(records))
					if (!(t === table && k === key) && JSON.stringify(after[t]?.[k]) !== JSON.stringify(v))
						failures.push(`${table}: the good record ${t}/${k} changed`);
			}
			const setAside = Object.keys(after.quarantine ?? {}).some((k) =>
				k.startsWith(`${table}/${key}/`)
			);
			const rebuilt =
				table === 'meta' && JSON.stringify(after.meta?.[key]) !== JSON.stringify(value);
			if (!setAside && !rebuilt) failures.push(`${table}: the corrupt record was not set aside`);
			if (setAside && !reported) failures.push(`${table}: set aside without telling the learner`);
		} catch (error) {
			failures.push(`${table}: ${firstLine(error)}`);
		} finally {
			await context.close();
		}
	}
	return {
		title: `5. a corrupt record in each of ${Object.keys(CORRUPT).length} tables (set aside and reported, the rest intact)`,
		counts: [{ label: 'failures', value: failures.length, max: 0 }],
		notes: failures.slice(0, 12)
	};
}

// --- run ---

async function build(): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const child = spawn('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed'))));
	});
}

const started = performance.now();
console.log(
	`seed ${SEED}; load average ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}`
);
if (!args.prebuilt) await build();
const server = await startProductionServer(PORT);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const figures: Figure[] = [];
// One generator per figure, from the run's seed: a figure replays alone (`--only`) the same way.
const rngFor = (n: number) => seededRng(SEED + n);
const timed = async (n: number, run: () => Promise<Figure | Figure[]>) => {
	if (!ONLY.has(n)) return;
	const t = performance.now();
	let result: Figure | Figure[];
	try {
		result = await run();
	} catch (error) {
		// A driver that stops is a figure that misses, with the reason; the other figures still run.
		result = {
			title: `${n}. stopped`,
			counts: [{ label: 'driver failures', value: 1, max: 0 }],
			notes: [firstLine(error)]
		};
	}
	for (const f of [result].flat()) {
		f.notes.push(`${((performance.now() - t) / 1000).toFixed(0)} s`);
		figures.push(f);
		console.log(formatFigure(f));
	}
};
try {
	await timed(1, () => interruptions(browser, server.url, rngFor(1)));
	await timed(2, async () => manyTabs(browser, server.url, await bundle(), rngFor(2)));
	await timed(3, async () => {
		const { figure, valid } = await backupFigure(rngFor(3), BACKUPS);
		return [
			figure,
			await backupSample(browser, server.url, valid, rngFor(30), args.quick ? 12 : 20)
		];
	});
	await timed(4, () => serviceWorkerUpdate(browser, server.url, rngFor(4)));
	await timed(5, () => corruptTables(browser, server.url, rngFor(5)));
} finally {
	await browser.close();
	server.stop();
}
const replay = `npm run fuzz:integrity -- --seed ${SEED}${args.quick ? ' --quick' : ''}`;
const { text, exitCode } = report(figures, SEED, replay);
console.log(
	`\n${text}\n${((performance.now() - started) / 1000).toFixed(0)} s in all; load average ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}`
);
process.exit(exitCode);
