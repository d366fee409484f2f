import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { encode } from 'uqr';
import { base45Decode, base45Encode } from '../src/lib/offline-room/bytes';
import { answer } from './answer';
import { auditBothThemes } from './axe';
import { chromiumArgs, testChromiumPath } from './chromium';
import { expect, test, type Locale } from './fixtures';

// A classroom with no network, end to end in real Chromium: the instructor makes a 5-question
// session; three phones (zh-CN, en, and an en phone that joins by the typed code) cache the app,
// go offline, join (two by scanning the projector's QR through a fake camera), answer and show
// result QR codes; a video of those codes (one shown twice, one altered) feeds the instructor's
// camera; the report must match what the phones answered.
//
// Two browsers, one per camera feed (Chromium's fake camera plays one file per browser): the
// phones' (the projector's session code) and the laptop's (the phones' result codes). Each
// device is a context of its own, with its own storage and its own precache, as real devices.
// The videos are Y4M written here from the QR matrix of the text each screen shows (uqr with
// the app's options, so the same modules), a few frames a code at 480×360: no ffmpeg, no
// screenshots, a few MB.

// Four devices caching the whole app and two browsers on two cores: the budget of the live
// classroom's walks (tests/classroom-ui.e2e.ts). OFFLINE_BUDGET (ms) is for a machine shared with
// other suites (there, at load 25 on two cores, one run took 6–7 minutes).
test.setTimeout(Number(process.env.OFFLINE_BUDGET ?? 360_000));

const QUESTIONS = 5;
const WIDTH = 480;
const HEIGHT = 360;
const FPS = 10;

let work = '';
const browsers: Browser[] = [];
test.afterEach(async () => {
	await Promise.all(browsers.splice(0).map((b) => b.close()));
	if (work) rmSync(work, { recursive: true, force: true });
});

/** One Y4M frame (4:2:0, full-range luma): `text`'s QR code centred on white, or white alone. */
function frame(text: string | null): Buffer {
	const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
	if (text !== null) {
		// The app's QR options (QrCode.svelte): ECC level M, a 2-module quiet zone.
		const { data, size } = encode(text, { ecc: 'M', border: 2 });
		const scale = Math.floor((HEIGHT * 0.95) / size);
		const left = Math.floor((WIDTH - size * scale) / 2);
		const top = Math.floor((HEIGHT - size * scale) / 2);
		for (let y = 0; y < size * scale; y++)
			for (let x = 0; x < size * scale; x++)
				if (data[Math.floor(y / scale)][Math.floor(x / scale)])
					luma[(top + y) * WIDTH + left + x] = 0;
	}
	const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
	return Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
}

/**
 * Puts a looping video in front of `camera`: each entry held `frames` frames at FPS. Written
 * beside it and renamed, so a camera starting meanwhile reads a whole file; Chromium opens the
 * file when a camera starts, so a browser whose camera has not started yet sees the new one.
 */
function showCamera(camera: string, shots: { text: string | null; frames: number }[]): void {
	const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`);
	const body = shots.flatMap((shot) => Array<Buffer>(shot.frames).fill(frame(shot.text)));
	writeFileSync(`${camera}.part`, Buffer.concat([header, ...body]));
	renameSync(`${camera}.part`, camera);
}

/** A Chromium whose fake camera plays `camera`. */
async function cameraBrowser(camera: string): Promise<Browser> {
	showCamera(camera, [{ text: null, frames: 1 }]);
	const browser = await chromium.launch({
		executablePath: testChromiumPath,
		args: [
			...chromiumArgs,
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			`--use-file-for-fake-video-capture=${camera}`
		]
	});
	browsers.push(browser);
	return browser;
}

/** axe on what `page` shows now, in both themes (tests/axe.ts), as a step named by the screen. */
const audit = (screen: string, page: Page) =>
	test.step(`axe: ${screen}`, () => auditBothThemes(page));

const hydrated = (page: Page) =>
	expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });

/**
 * A device that opened `path` once online, let the service worker cache the app, then went
 * offline for good and reloaded: from here on everything it shows comes from its own cache.
 */
async function offlineDevice(
	browser: Browser,
	path: string,
	options: { baseURL?: string; locale: Locale; width: number }
): Promise<Page> {
	const context: BrowserContext = await browser.newContext({
		baseURL: options.baseURL,
		locale: options.locale,
		viewport: { width: options.width, height: 740 },
		permissions: ['camera'],
		serviceWorkers: 'allow'
	});
	// Every tone the page starts (Web Audio), by pitch: the instructor hears each scan.
	await context.addInitScript(() => {
		const start = OscillatorNode.prototype.start;
		const heard: number[] = ((window as unknown as { tones: number[] }).tones = []);
		OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
			heard.push(this.frequency.value);
			return start.call(this, when);
		};
	});
	const page = await context.newPage();
	await page.goto(path);
	// Caching the whole app (262 files, 9 MB) for four devices at once: the test's time bounds it.
	await page.waitForFunction(
		async () => {
			await navigator.serviceWorker.ready;
			return navigator.serviceWorker.controller?.state === 'activated';
		},
		undefined,
		{ timeout: 0 }
	);
	await context.setOffline(true);
	await page.reload();
	await hydrated(page);
	return page;
}

const TEXT = {
	en: {
		scan: 'Join by scanning',
		nickname: 'Your nickname',
		start: 'Start',
		next: /^(Next question|Finish)$/,
		saved: 'Answer saved on this phone.',
		question: (n: number) => `Question ${n} of ${QUESTIONS}`
	},
	'zh-CN': {
		scan: '扫码加入',
		nickname: '你的昵称',
		start: '开始',
		next: /^(下一题|完成)$/,
		saved: '答案已保存在本机。',
		question: (n: number) => `第 ${n} 题，共 ${QUESTIONS} 题`
	}
} as const;

interface Phone {
	locale: Locale;
	nickname: string;
	/** How it joins: scanning the projector through the camera, or typing the short code. */
	joins: 'scan' | 'type';
	/** Per question: answered right (true), wrong (false) or left unanswered (null). */
	plan: (boolean | null)[];
	page?: Page;
	code?: string;
}

const phones: Phone[] = [
	{ locale: 'zh-CN', nickname: '小明', joins: 'scan', plan: [true, true, false, true, null] },
	{ locale: 'en', nickname: 'Ann', joins: 'scan', plan: [false, true, true, null, false] },
	{ locale: 'en', nickname: 'Bob', joins: 'type', plan: [true, false, false, false, true] }
];

test('a class runs offline: scan in, answer, scan out, exact report', async ({ baseURL }) => {
	const t0 = Date.now();
	const phase = (name: string) =>
		console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${name}`);
	work = mkdtempSync(join(tmpdir(), 'offline-classroom-'));
	const projectorFeed = join(work, 'projector.y4m');
	const queueFeed = join(work, 'queue.y4m');
	const [phoneBrowser, laptopBrowser] = await Promise.all([
		cameraBrowser(projectorFeed),
		cameraBrowser(queueFeed)
	]);
	// The instructor's laptop and the three phones, all offline to the end.
	const [first, ...phonePages] = await Promise.all([
		offlineDevice(laptopBrowser, '/classroom/offline', { baseURL, locale: 'en', width: 1024 }),
		...phones.map((phone) =>
			offlineDevice(phoneBrowser, '/classroom/offline/join', {
				baseURL,
				locale: phone.locale,
				width: 360
			})
		)
	]);
	let host = first;
	phones.forEach((phone, n) => (phone.page = phonePages[n]));
	phase('four devices cached the app and went offline');

	await audit('setup', host);
	await host.getByLabel('Questions from the units').selectOption(String(QUESTIONS));
	await host.getByLabel('Seconds per question').fill('300');
	await host.getByLabel('Students expected (optional)').fill('3');
	await host.getByRole('button', { name: 'Create the session' }).click();
	const sessionCode = (await host.locator('main [data-code]').getAttribute('data-code'))!;
	const typedCode = (await host.getByTestId('typed-code').textContent())!.trim();
	expect(sessionCode).toMatch(/^STAS/);
	showCamera(projectorFeed, [{ text: sessionCode, frames: FPS }]);

	await audit('phone join', phones[0].page!);
	await Promise.all(
		phones.map(async (phone) => {
			const page = phone.page!;
			const text = TEXT[phone.locale];
			if (phone.joins === 'scan') await page.getByRole('button', { name: text.scan }).click();
			else {
				await page.getByRole('textbox').fill(typedCode.toLowerCase());
				await page.getByRole('button', { name: 'Join', exact: true }).click();
			}
			await page.getByLabel(text.nickname).fill(phone.nickname);
			await page.getByRole('button', { name: text.start, exact: true }).click();
		})
	);
	phase('phones joined (two scanned, one typed)');

	// The projector paces; each phone answers its plan. One phone reloads mid-quiz.
	await host.getByRole('button', { name: 'Start question 1' }).click();
	for (let q = 0; q < QUESTIONS; q++) {
		await expect(host.getByRole('heading', { level: 2 })).toHaveText(
			`Everyone on question ${q + 1} of ${QUESTIONS}`
		);
		if (q === 0) await audit('projector, question', host);
		await Promise.all(
			phones.map(async (phone) => {
				const page = phone.page!;
				const text = TEXT[phone.locale];
				await expect(page.locator('#question-heading')).toHaveText(text.question(q + 1));
				if (phone.plan[q] !== null) {
					await answer(page, phone.locale, phone.plan[q]!);
					// Moving on only once the answer is stored.
					await expect(page.getByText(text.saved)).toBeVisible();
				}
				if (q === 2 && phone.nickname === 'Ann') {
					// Offline, it must come back with the same question and the answer kept.
					await page.reload();
					await expect(page.getByText(text.saved)).toBeVisible();
				}
			})
		);
		if (q === 0) await audit('phone question', phones[0].page!);
		await Promise.all(
			phones.map((phone) =>
				phone.page!.getByRole('button', { name: TEXT[phone.locale].next }).click()
			)
		);
		await host
			.getByRole('button', { name: q + 1 < QUESTIONS ? 'Next question' : 'Collect the results' })
			.click();
	}
	for (const phone of phones) {
		phone.code = (await phone.page!.locator('main [data-code]').getAttribute('data-code'))!;
		expect(phone.code).toMatch(/^STAR/);
	}
	await audit('phone result', phones[0].page!);
	// The phones are done: their clocks no longer take the laptop's CPU while it scans.
	const phonesClosed = phoneBrowser.close();
	phase('phones answered and show their results');

	// The queue at the laptop: 小明, Ann, Bob, 小明 again, then Bob's code altered inside the
	// answers (under the check value). Each code in view 0.8 s, 0.2 s apart, as a line of students
	// holding up their phones; the video loops, so a code missed comes round again.
	const [ming, ann, bob] = phones;
	const bytes = base45Decode(bob.code!.slice(4));
	bytes[bytes.length - 10] ^= 0x01;
	const altered = 'STAR' + base45Encode(bytes);
	const queue = [ming.code!, ann.code!, bob.code!, ming.code!, altered];
	const perCode = { shown: 8, gap: 2 };
	showCamera(
		queueFeed,
		queue.flatMap((text) => [
			{ text, frames: perCode.shown },
			{ text: null, frames: perCode.gap }
		])
	);

	await expect(host.getByTestId('collected-count')).toHaveText('0 of 3 collected');
	await audit('scan-out', host);
	await phonesClosed;
	// Timed from the press, camera start included, as the instructor waits: "Scanning…" shows
	// only once frames already play, so timing from it flatters the figure on a loaded machine.
	const scanStart = Date.now();
	await host.getByRole('button', { name: 'Start scanning' }).click();
	// A code missed comes round again 5 s later (the video's loop).
	await expect(host.getByTestId('collected-count')).toHaveText('3 of 3 collected', {
		timeout: 60_000
	});
	const seconds = (Date.now() - scanStart) / 1000;
	const videoPace = (60 * FPS) / (perCode.shown + perCode.gap);
	const rate = `${((3 / seconds) * 60).toFixed(0)} results/min (3 in ${seconds.toFixed(1)} s from pressing Start scanning; the video shows ${videoPace} codes/min)`;
	console.log(`scan rate: ${rate}`);
	test.info().annotations.push({ type: 'scan rate', description: rate });
	// The re-scan and the altered code, as the video comes round.
	const scans = host.getByRole('region', { name: 'Collect the results' });
	await expect(scans).toContainText('This result was altered after it was made.', {
		timeout: 30_000
	});
	await expect(scans).toContainText('Already collected: 小明 (counted once).', {
		timeout: 30_000
	});
	await expect(host.getByTestId('collected-count')).toHaveText('3 of 3 collected');
	// A high tone for each result taken, a low one for each refused (qr-scanner.ts `beep`).
	const tones = await host.evaluate(() => (window as unknown as { tones: number[] }).tones);
	expect(tones.filter((hz) => hz === 880).length).toBeGreaterThanOrEqual(4);
	expect(tones).toContain(220);
	await host.getByRole('button', { name: 'Stop the camera' }).click();
	phase('scan-out checked');

	// Closing the tab loses nothing: a new tab, still offline, opens the same results.
	const laptop = host.context();
	await host.close();
	host = await laptop.newPage();
	await host.goto('/classroom/offline');
	await expect(host.getByTestId('collected-count')).toHaveText('3 of 3 collected', {
		timeout: 30_000
	});

	await host.getByRole('button', { name: 'Show the report' }).click();
	const rows = host.getByTestId('report-students').locator('tbody tr');
	await expect(rows).toHaveCount(3);
	for (const phone of phones) {
		const row = rows.filter({ has: host.getByRole('rowheader', { name: phone.nickname }) });
		const marks = await row.locator('td').allTextContents();
		// Cells: rank, points, "x of y", then one per question.
		const perQuestion = marks.slice(3).map((m) => m.trim()[0]);
		expect(perQuestion, phone.nickname).toEqual(
			phone.plan.map((p) => (p === null ? '–' : p ? '✓' : '✗'))
		);
		const right = phone.plan.filter((p) => p === true).length;
		const answered = phone.plan.filter((p) => p !== null).length;
		expect(marks[2].trim(), phone.nickname).toBe(`${right} of ${answered}`);
	}
	await host.getByRole('button', { name: 'Show the leaderboard' }).click();
	await expect(host.getByTestId('leaderboard').locator('li').first()).toContainText('小明');
	await host.getByRole('button', { name: 'Reveal the answers' }).click();
	await expect(host.getByTestId('answers').locator('li')).toHaveCount(QUESTIONS);
	await audit('report', host);
	phase('report checked');
});
