/**
 * What the room sees, with a full room: 100 students joined over the API and one phone (in
 * Chinese, 360 px wide) through the UI, a Chinese console and a projector at 1920×1080 and
 * 1024×768. Checks the lobby shows every name without scrolling, the question fills the screen
 * with big type and option marks (number, shape, colour) that match the phone's, the
 * true/false reveal keeps outcome words apart from the options' words and prints the key as
 * a word on every screen, partial credit shows as ½ in the report, and the podium ends it.
 * Screenshots go to test-results/ for a person to look at.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hostRoomOfItems } from './classroom-host';

test.describe.configure({ mode: 'serial' });

const QUESTIONS = [
	{ unit: 'twelve-categories', id: 'cat-mr-06' }, // multiple, five options
	{ unit: 'twelve-categories', id: 'cat-mr-05' } // true/false, key: false
];
const ROOM_SIZE = 100;
const VIEWPORTS = [
	{ width: 1920, height: 1080 },
	{ width: 1024, height: 768 }
];

interface Joined {
	playerId: string;
	token: string;
	roomId: string;
}

async function answer(
	request: APIRequestContext,
	player: Joined,
	index: number,
	response: unknown
) {
	const result = await request.post(`/api/classroom/rooms/${player.roomId}/answer`, {
		headers: { authorization: `Bearer ${player.token}` },
		data: { questionIndex: index, response }
	});
	expect(result.status()).toBe(200);
}

/**
 * Nothing scrolls, nothing is cut off: the page and every fitted box hold their content. Polled:
 * after a viewport change the boxes re-fit on the next animation frame, and a box still showing
 * the last screen's size would overflow for that one frame.
 */
async function expectNoOverflow(page: Page) {
	const overflow = () =>
		page.evaluate(() => ({
			x: document.documentElement.scrollWidth - innerWidth,
			y: document.documentElement.scrollHeight - innerHeight,
			boxes: Math.max(
				0,
				...[...document.querySelectorAll<HTMLElement>('[data-fit-size]')].map(
					(box) => box.scrollHeight - box.clientHeight
				)
			)
		}));
	await expect.poll(async () => (await overflow()).x).toBeLessThanOrEqual(0);
	await expect.poll(async () => (await overflow()).y).toBeLessThanOrEqual(0);
	await expect.poll(async () => (await overflow()).boxes).toBeLessThanOrEqual(1);
}

/** `open` with patience: a hundred students' streams make a loaded machine slow to hydrate. */
async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
}

const fontSize = (page: Page, selector: string) =>
	page
		.locator(selector)
		.first()
		.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

test('a full room on the projector, console and phone', async ({ browser, playwright }, info) => {
	test.setTimeout(240_000);
	const baseURL = info.project.use.baseURL!;
	const hostContext = await browser.newContext({
		locale: 'zh-CN',
		viewport: { width: 1280, height: 800 }
	});
	const host = await hostContext.newPage();
	await open(host, '/classroom');
	// A room of exactly these two questions, as a saved quiz set would make it.
	const created = await hostRoomOfItems(host, QUESTIONS, 'zh-CN');

	const request = await playwright.request.newContext({ baseURL });
	const players: Joined[] = [];
	for (let n = 1; n <= ROOM_SIZE; n++) {
		// Names of every length a class types, up to the 20-character limit.
		const nickname =
			n % 10 === 0 ? `Student number ${n}`.slice(0, 20) : n % 3 ? `学生${n}` : `S${n}`;
		const joined = await request.post('/api/classroom/join', {
			data: { pin: created.pin, nickname }
		});
		expect(joined.status()).toBe(201);
		players.push(await joined.json());
	}

	const ming = await (
		await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 760 } })
	).newPage();
	// Rejoin codes come from the server half of issue 11; until it answers with one, stand in
	// for its `rejoinCode` field so the phone's side is tested either way.
	await ming.route('**/api/classroom/join', async (route) => {
		const response = await route.fetch();
		const body = await response.json();
		await route.fulfill({ response, json: { ...body, rejoinCode: body.rejoinCode ?? 'K7P2' } });
	});
	await open(ming, `/classroom/join?pin=${created.pin}`);
	await ming.locator('#join-nickname').fill('小明');
	await ming.locator('main form button[type=submit]').click();
	await expect(ming.getByTestId('player-lobby')).toBeVisible();
	await expect(ming.getByTestId('rejoin-code')).toHaveText(/^你的重新加入码：[A-Z0-9]+$/);
	await expect(host.getByTestId('lock-room')).toHaveCount(0);

	// The lobby: every name on screen, legible, no scrolling, and the count.
	const projector = await hostContext.newPage();
	for (const viewport of VIEWPORTS) {
		await projector.setViewportSize(viewport);
		await open(projector, '/classroom/projector');
		await expect(projector.getByTestId('lobby-count')).toHaveText(`${ROOM_SIZE + 1} 名学生`);
		await expect(projector.getByTestId('lobby-name')).toHaveCount(ROOM_SIZE + 1);
		await expectNoOverflow(projector);
		const names = await projector.getByTestId('lobby-name').evaluateAll((spans) =>
			spans.map((span) => {
				const box = span.getBoundingClientRect();
				return {
					inside: box.top >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
					whole: span.scrollWidth <= span.clientWidth + 1 || span.scrollWidth === 0,
					size: parseFloat(getComputedStyle(span).fontSize)
				};
			})
		);
		expect(names.every((n) => n.inside && n.whole)).toBe(true);
		expect(Math.min(...names.map((n) => n.size))).toBeGreaterThanOrEqual(
			viewport.height >= 1080 ? 20 : 14
		);
		await projector.screenshot({ path: info.outputPath(`lobby-${viewport.width}.png`) });
	}

	// Question 1: the type fills the screen, and every option has a number, shape and colour,
	// the same on the projector and on the phone.
	await host.getByRole('button', { name: '开始', exact: true }).click();
	await expect(projector.getByTestId('stage-options').locator('li')).toHaveCount(5);
	await expect(host.getByTestId('lock-room')).toHaveText('锁定课堂');
	for (const viewport of VIEWPORTS) {
		await projector.setViewportSize(viewport);
		await expect(projector.getByTestId('stage-body')).toHaveAttribute('data-fit-size', /\d+/);
		await expectNoOverflow(projector);
		const stem = await fontSize(projector, '#stage-stem');
		const option = await fontSize(projector, '[data-testid="stage-options"] li .label');
		expect(stem).toBeGreaterThanOrEqual(viewport.height >= 1080 ? 60 : 36);
		expect(option).toBeGreaterThanOrEqual(viewport.height >= 1080 ? 48 : 28);
		// No empty lower half: the options reach down the screen.
		const bottom = await projector
			.getByTestId('stage-options')
			.evaluate((list) => list.getBoundingClientRect().bottom / innerHeight);
		expect(bottom).toBeGreaterThan(0.85);
		await projector.screenshot({ path: info.outputPath(`question-${viewport.width}.png`) });
	}
	const shapes = (page: Page, scope: string) =>
		page
			.locator(`${scope} .option-badge`)
			.evaluateAll((badges) =>
				badges.map((b) => `${b.textContent?.trim()}:${b.getAttribute('data-shape')}`)
			);
	const projectorMarks = await shapes(projector, '[data-testid="stage-options"]');
	expect(new Set(projectorMarks.map((m) => m.split(':')[1])).size).toBe(5);
	expect(await shapes(ming, 'main form')).toEqual(projectorMarks);

	// Everyone answers question 1; 31 only partly right (one of the three right options: 60 %).
	await ming.getByRole('checkbox').first().check();
	await ming.locator('main form button[type=submit]').click();
	for (const [n, player] of players.slice(0, 40).entries())
		await answer(request, player, 0, {
			type: 'multiple',
			choices: n < 30 ? ['plane'] : ['plane', 'ship', 'goods']
		});
	await host.getByRole('button', { name: '公布答案' }).click();
	await host.getByRole('button', { name: '显示排行榜' }).click();
	await host.getByRole('button', { name: '下一题' }).click();

	// Question 2, true/false (the key is 错误). 20 choose it, 31 choose 正确 (小明 among them).
	await ming.getByRole('radio', { name: '正确' }).check();
	await ming.locator('main form button[type=submit]').click();
	for (const [n, player] of players.slice(0, 50).entries())
		await answer(request, player, 1, { type: 'truefalse', value: n >= 20 });
	await host.getByRole('button', { name: '公布答案' }).click();

	// Outcome words never reuse the options' words; the key is a word on every screen.
	for (const page of [host, projector]) {
		await expect(page.getByTestId('outcomes')).toHaveText(
			'答对：20 · 部分答对：0 · 答错：31 · 未作答：50'
		);
		await expect(page.getByTestId('key-text')).toHaveText(/^正确答案：\s*错误$/);
		await expect(page.getByTestId('distribution').locator('li').nth(0)).toContainText('选「正确」');
		await expect(page.getByTestId('distribution').locator('li').nth(0)).toContainText('31 人');
	}
	await expect(ming.getByTestId('key-text')).toHaveText(/^正确答案：\s*错误$/);
	for (const viewport of VIEWPORTS) {
		await projector.setViewportSize(viewport);
		await expectNoOverflow(projector);
		await projector.screenshot({ path: info.outputPath(`reveal-${viewport.width}.png`) });
	}

	// The end: a podium on the projector, ½ for partial credit in the console's report.
	await host.getByRole('button', { name: '显示排行榜' }).click();
	await host.getByRole('button', { name: '结束测验' }).click();
	await expect(projector.getByTestId('podium-step')).toHaveCount(3);
	for (const viewport of VIEWPORTS) {
		await projector.setViewportSize(viewport);
		await expectNoOverflow(projector);
		await projector.screenshot({ path: info.outputPath(`podium-${viewport.width}.png`) });
	}
	const firstAnswers = host.getByTestId('report-students').locator('tbody tr td:nth-of-type(4)');
	await expect(firstAnswers.filter({ hasText: '½' })).toHaveCount(31);
	await expect(host.getByTestId('report-students')).toContainText('部分答对（60%）');

	await request.dispose();
	await hostContext.close();
	await ming.context().close();
});
