import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { renderSVG } from 'uqr';
import { base45Decode, base45Encode } from '../src/lib/offline-room/bytes';
import { answer } from './answer';
import { auditBothThemes } from './axe';
import { chromiumArgs, chromiumPath } from './chromium';
import { expect, test, type Locale } from './fixtures';

// A classroom with no network, end to end in real Chromium: the instructor makes a 5-question
// session; three phones (zh-CN, en, en) visit once online, go offline, join (two by scanning the
// projector's QR through a fake camera, one by the typed code), answer and show result QR codes;
// a video made of those codes (one shown twice, one altered) feeds the instructor's camera; the
// report must match what the phones answered. Needs ffmpeg (Debian package) for the videos.

// Each device (the laptop and three phones) is its own Chromium with its own profile, as four
// real devices are. The app is precached once, into a seed profile that each device starts from
// (a copy): "students have opened the app once" without paying for four precaches. Every
// device's fake camera plays CAMERA, which holds the projector's session code while the phones
// scan and the phones' result codes when the laptop scans (Chromium opens the file anew each time
// a camera starts, so swapping it in between is safe).
test.setTimeout(600_000);
const t0 = Date.now();
const phase = (name: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${name}`);

const QUESTIONS = 5;
let work = '';
let camera = '';
const devices: BrowserContext[] = [];
test.beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'offline-classroom-'));
	camera = join(work, 'camera.y4m');
	// Something to open until the first real picture: a white frame.
	execFileSync('ffmpeg', [
		...['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=white:s=640x480:d=1:r=10'],
		...['-pix_fmt', 'yuv420p', camera]
	]);
});
test.afterAll(async () => {
	await Promise.all(devices.map((d) => d.close()));
	rmSync(work, { recursive: true, force: true });
});

/** A Chromium with its own profile `dir` and the fake camera. */
async function device(
	dir: string,
	options: { baseURL?: string; locale?: Locale; width?: number }
): Promise<BrowserContext> {
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: chromiumPath,
		args: [
			...chromiumArgs,
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			`--use-file-for-fake-video-capture=${camera}`
		],
		baseURL: options.baseURL,
		locale: options.locale ?? 'en',
		viewport: { width: options.width ?? 360, height: 740 },
		permissions: ['camera'],
		serviceWorkers: 'allow'
	});
	devices.push(context);
	return context;
}

const hydrated = (page: Page) =>
	// Bounded by the test's time: four browsers starting at once on a busy machine.
	page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 0 });

/**
 * The seed profile: the app visited once online and fully precached by its service worker, then
 * the language it remembered removed (each device picks its own) and the browser closed.
 */
async function seedProfile(baseURL: string | undefined): Promise<string> {
	const dir = join(work, 'seed');
	const seed = await device(dir, { baseURL });
	const page = seed.pages()[0] ?? (await seed.newPage());
	await page.goto('/classroom/offline/join', { timeout: 0 });
	await hydrated(page);
	await page.waitForFunction(
		async () => {
			await navigator.serviceWorker.ready;
			return navigator.serviceWorker.controller?.state === 'activated';
		},
		undefined,
		{ timeout: 0 }
	);
	await page.evaluate(() => caches.delete('sta-prefs'));
	await seed.clearCookies();
	devices.splice(devices.indexOf(seed), 1);
	await seed.close();
	return dir;
}

/** A device started from a copy of the seed, offline from the start, showing `path`. */
async function offlineDevice(
	seed: string,
	name: string,
	path: string,
	options: { baseURL?: string; locale: Locale; width: number }
): Promise<{ context: BrowserContext; page: Page }> {
	const dir = join(work, name);
	cpSync(seed, dir, { recursive: true });
	const context = await device(dir, options);
	await context.setOffline(true);
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto(path, { timeout: 0 });
	await hydrated(page);
	return { context, page };
}

/**
 * Puts a Y4M video of `frames` (PNG files, each held `seconds`, letterboxed on white at 640×480,
 * 10 fps) in front of the camera: written beside it, then renamed, so a camera starting meanwhile
 * reads a whole file.
 */
function showCamera(name: string, frames: { png: string; seconds: number }[]): void {
	const list = join(work, `${name}.txt`);
	const lines = frames.flatMap((f) => [`file '${f.png}'`, `duration ${f.seconds}`]);
	// The concat demuxer drops the last duration unless the last file is listed again.
	writeFileSync(list, [...lines, `file '${frames.at(-1)!.png}'`].join('\n'));
	const out = join(work, `${name}.y4m`);
	execFileSync('ffmpeg', [
		...['-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list],
		...['-vf', 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:-1:-1:white'],
		...['-r', '10', '-pix_fmt', 'yuv420p', out]
	]);
	renameSync(out, camera);
}

/** axe on what the page shows now, in both themes (tests/axe.ts), named by the screen. */
async function audit(page: Page, screen: string): Promise<void> {
	await test.step(`axe: ${screen}`, () => auditBothThemes(page));
}

async function screenshotQr(page: Page, name: string): Promise<string> {
	const png = join(work, `${name}.png`);
	await page.locator('main [data-code]').screenshot({ path: png });
	return png;
}

/** Renders a QR text the way the app does, on a blank page, and screenshots it. */
async function qrPng(page: Page, text: string, name: string): Promise<string> {
	await page.setContent(
		`<div id="qr" style="width:416px;padding:8px;background:#fff">${renderSVG(text, { ecc: 'M', border: 2 })}</div>`
	);
	const png = join(work, `${name}.png`);
	await page.locator('#qr').screenshot({ path: png });
	return png;
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
	/** Per question: answered right (true), wrong (false) or left unanswered (null). */
	plan: (boolean | null)[];
	page?: Page;
	code?: string;
}

const phones: Phone[] = [
	{ locale: 'zh-CN', nickname: '小明', plan: [true, true, false, true, null] },
	{ locale: 'en', nickname: 'Ann', plan: [false, true, true, null, false] },
	{ locale: 'en', nickname: 'Bob', plan: [true, false, false, false, true] }
];

// FIXME (un-fixme once it has passed 3 times in a row): the zh-CN mismatch was a product bug
// (cloze answers marked against the instructor's language; fixed in session-items.ts
// `markingItems`, unit-tested in codes.spec.ts). This walk passed in full once (11 min at load
// 30 on 2 cores); two parallel repeats then passed everything up to the reopened-tab check,
// which failed on a 5 s expect under that load and now waits for the page first.
test.fixme('a class runs offline: scan in, answer, scan out, exact report', async ({ baseURL }) => {
	const seed = await seedProfile(baseURL);
	phase('app precached');
	// The instructor's laptop and the three phones, all offline to the end.
	const started = await Promise.all([
		offlineDevice(seed, 'laptop', '/classroom/offline', { baseURL, locale: 'en', width: 1024 }),
		...phones.map((phone, n) =>
			offlineDevice(seed, `phone${n}`, '/classroom/offline/join', {
				baseURL,
				locale: phone.locale,
				width: 360
			})
		)
	]);
	const laptop = started[0].context;
	let host = started[0].page;
	phones.forEach((phone, n) => (phone.page = started[n + 1].page));
	phase('all offline');

	await audit(host, 'setup');
	await host.getByLabel('Questions from the units').selectOption('5');
	await host.getByLabel('Seconds per question').fill('300');
	await host.getByLabel('Students expected (optional)').fill('3');
	await host.getByRole('button', { name: 'Create the session' }).click();
	const sessionCode = (await host.locator('main [data-code]').getAttribute('data-code'))!;
	const typedCode = (await host.getByTestId('typed-code').textContent())!.trim();
	expect(sessionCode).toMatch(/^STAS/);
	showCamera('session', [{ png: await screenshotQr(host, 'session'), seconds: 1 }]);

	// Two phones scan the projector, the third types the code.
	for (const [n, phone] of phones.entries()) {
		const page = phone.page!;
		const text = TEXT[phone.locale];
		if (n === 0) await audit(page, 'phone join');
		if (n < 2) await page.getByRole('button', { name: text.scan }).click();
		else {
			await page.getByRole('textbox').fill(typedCode.toLowerCase());
			await page.getByRole('button', { name: 'Join', exact: true }).click();
		}
		await page.getByLabel(text.nickname).fill(phone.nickname);
		await page.getByRole('button', { name: text.start, exact: true }).click();
	}
	phase('phones joined');

	// The projector paces; each phone answers its plan. One phone reloads mid-quiz.
	await host.getByRole('button', { name: 'Start question 1' }).click();
	for (let q = 0; q < QUESTIONS; q++) {
		await expect(host.getByRole('heading', { level: 2 })).toHaveText(
			`Everyone on question ${q + 1} of ${QUESTIONS}`
		);
		if (q === 0) await audit(host, 'projector, question');
		for (const phone of phones) {
			const page = phone.page!;
			await expect(page.locator('#question-heading')).toHaveText(
				TEXT[phone.locale].question(q + 1)
			);
			if (phone.plan[q] !== null) {
				await answer(page, phone.locale, phone.plan[q]!);
				// Moving on only once the answer is stored.
				await expect(page.getByText(TEXT[phone.locale].saved)).toBeVisible();
			}
			if (q === 0 && phone === phones[0]) await audit(page, 'phone question');
			if (q === 2 && phone.nickname === 'Ann') {
				// It must come back with the same question and the answer kept.
				await page.reload();
				await expect(page.getByText(TEXT.en.saved)).toBeVisible();
			}
			await page.getByRole('button', { name: TEXT[phone.locale].next }).click();
		}
		await host
			.getByRole('button', { name: q + 1 < QUESTIONS ? 'Next question' : 'Collect the results' })
			.click();
	}
	for (const phone of phones) {
		phone.code = (await phone.page!.locator('main [data-code]').getAttribute('data-code'))!;
		expect(phone.code).toMatch(/^STAR/);
	}
	await audit(phones[0].page!, 'phone result');
	for (const phone of phones) {
		devices.splice(devices.indexOf(phone.page!.context()), 1);
		await phone.page!.context().close();
	}
	phase('phones answered');

	// The scan-out video: 小明, Ann, 小明 again, Bob's code altered, then Bob's real code.
	const [ming, ann, bob] = phones;
	const bytes = base45Decode(bob.code!.slice(4));
	bytes[bytes.length - 10] ^= 0x01; // inside the answers, under the check value
	const altered = 'STAR' + base45Encode(bytes);
	const scratch = await laptop.newPage();
	await scratch.setContent('<div id="qr" style="width:432px;height:432px;background:#fff"></div>');
	const blank = join(work, 'blank.png');
	await scratch.locator('#qr').screenshot({ path: blank });
	const frames = [
		await qrPng(scratch, ming.code!, 'ming'),
		await qrPng(scratch, ann.code!, 'ann'),
		await qrPng(scratch, ming.code!, 'ming2'),
		await qrPng(scratch, altered, 'altered'),
		await qrPng(scratch, bob.code!, 'bob')
	].flatMap((png) => [
		{ png, seconds: 1.5 },
		{ png: blank, seconds: 0.5 }
	]);
	await scratch.close();
	showCamera('results', frames);

	await expect(host.getByTestId('collected-count')).toHaveText('0 of 3 collected');
	await audit(host, 'scan-out');
	const scanStart = Date.now();
	await host.getByRole('button', { name: 'Start scanning' }).click();
	await expect(host.getByTestId('collected-count')).toHaveText('3 of 3 collected', {
		timeout: 60_000
	});
	const seconds = (Date.now() - scanStart) / 1000;
	console.log(
		`scan rate: 3 results in ${seconds.toFixed(1)} s from camera start ` +
			`(${((3 / seconds) * 60).toFixed(0)} results/min; the video shows one code per 2 s)`
	);
	// The newest outcome and the earlier ones (the video loops, so each comes round again).
	const scans = host.getByRole('region', { name: 'Collect the results' });
	await expect(scans).toContainText('This result was altered after it was made.', {
		timeout: 30_000
	});
	await expect(scans).toContainText('Already collected: 小明 (counted once).', {
		timeout: 30_000
	});
	await expect(host.getByTestId('collected-count')).toHaveText('3 of 3 collected');
	phase('scan-out checked');

	// Closing the tab loses nothing: a new tab, still offline, opens the same results.
	await host.close();
	host = await laptop.newPage();
	await host.goto('/classroom/offline', { timeout: 0 });
	// Opening the archive and the bank in both languages: bounded by the test's time.
	await host.getByTestId('collected-count').waitFor({ timeout: 0 });
	await expect(host.getByTestId('collected-count')).toHaveText('3 of 3 collected');

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
	await audit(host, 'report');
});
