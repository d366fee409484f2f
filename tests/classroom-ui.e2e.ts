/**
 * A whole classroom session through the UI: the host on a laptop, a projector tab, and three
 * phones (one in Chinese) in separate browser contexts. Covers joining (with a wrong PIN and a
 * taken name first), the lobby, a duplicate answer that counts once, a phone reloading in the
 * middle of a question, reveal with the distribution, the leaderboard, the end, each phone's
 * rank, the report and its CSV (UTF-8 with BOM), plus axe audits of each screen.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { auditBothThemes as audit } from './axe';
import { expect, open, test, type Locale } from './fixtures';

// One after the other: each walk drives four browser contexts, and side by side on two cores
// they starve each other (and the rest of the suite) past their budgets.
test.describe.configure({ mode: 'serial' });

async function phone(browser: Browser, locale: Locale): Promise<Page> {
	const context = await browser.newContext({ locale, viewport: { width: 360, height: 760 } });
	return context.newPage();
}

/** Creates a room from the setup form: generated scenarios only, long enough not to time out. */
async function createSession(host: Page, questions: number): Promise<string> {
	await open(host, '/classroom');
	const units = host.getByRole('group', { name: 'Questions from these units' });
	await expect(units.getByRole('checkbox').first()).toBeVisible();
	for (const box of await units.getByRole('checkbox').all()) await box.uncheck();
	await host.getByLabel('Generated scenarios').selectOption(String(questions));
	await host.getByLabel('Seconds per question').fill('300');
	await host.getByRole('button', { name: 'Create session' }).click();
	const pin = (await host.getByTestId('room-pin').textContent())!.replace(/\s/g, '');
	expect(pin).toMatch(/^\d{6}$/);
	return pin;
}

async function join(page: Page, pin: string, nickname: string, prefilled = true) {
	await open(page, prefilled ? `/classroom/join?pin=${pin}` : '/classroom/join');
	const pinField = page.locator('#join-pin');
	if (prefilled) await expect(pinField).toHaveValue(pin);
	else await pinField.fill(pin);
	await page.locator('#join-nickname').fill(nickname);
	await page.locator('main form button[type=submit]').click();
}

/** Picks the first option of every choice group on the phone; returns the response it makes. */
async function chooseFirstOptions(page: Page): Promise<Record<string, string>> {
	const form = page.locator('main form');
	await expect(form.locator('fieldset').first()).toBeVisible();
	for (const group of await form.locator('fieldset').all())
		await group.getByRole('radio').first().check();
	return form.evaluate((f) =>
		Object.fromEntries(
			[...f.querySelectorAll<HTMLInputElement>('input[type=radio]:checked')].map((input) => [
				input.name.replace(/^classroom-q\d+-/, ''),
				input.value
			])
		)
	);
}

async function submit(page: Page) {
	await page.locator('main form button[type=submit]').click();
	await expect(page.getByTestId('answer-sent')).toBeVisible();
}

test('host, projector and three phones play a whole quiz', async ({ browser }) => {
	// Five pages in four browser contexts on two cores: 25 s alone, 1.9 min beside the 100-student
	// room, past 3 min in the full gate beside the offline classroom's two browsers.
	test.setTimeout(300_000);
	const hostContext = await browser.newContext({
		locale: 'en',
		viewport: { width: 1280, height: 800 },
		acceptDownloads: true
	});
	const host = await hostContext.newPage();
	const pin = await createSession(host, 2);
	await expect(host.getByText('Waiting for the first player…')).toBeVisible();

	const ann = await phone(browser, 'en');
	const ming = await phone(browser, 'zh-CN');
	const bob = await phone(browser, 'en');

	// Wrong PIN, then a name already taken (case-insensitively): clear errors, then in.
	await join(ann, pin, 'Ann');
	await expect(ann.getByTestId('player-lobby')).toBeVisible();
	const wrongPin = pin === '999999' ? '999998' : '999999';
	await join(bob, wrongPin, 'Bob', false);
	await expect(bob.getByRole('alert')).toHaveText(/No session has this PIN/);
	await bob.locator('#join-pin').fill(pin);
	await bob.locator('#join-nickname').fill('ANN');
	await bob.locator('main form button[type=submit]').click();
	await expect(bob.getByRole('alert')).toHaveText(/already uses that nickname/);
	await bob.locator('#join-nickname').fill('Bob');
	await bob.locator('main form button[type=submit]').click();
	await expect(bob.getByTestId('player-lobby')).toBeVisible();
	await join(ming, pin, '小明');
	await expect(ming.getByTestId('player-lobby')).toContainText('你已加入');

	// The host sees the names arrive (as text), then the projector shows the same lobby.
	await expect(host.getByTestId('lobby-name')).toHaveText(['Ann', 'Bob', '小明']);

	const projector = await hostContext.newPage();
	await projector.setViewportSize({ width: 1280, height: 720 });
	await open(projector, '/classroom/projector');
	await expect(projector.getByTestId('room-pin')).toHaveText(
		pin.replace(/(\d{3})(\d{3})/, '$1 $2')
	);
	await expect(projector.getByTestId('lobby-name')).toHaveText(['Ann', 'Bob', '小明']);
	await expect(projector.locator('.qr-code svg')).toBeVisible();

	// Question 1. Ann answers, then sends the answer again: it counts once.
	await host.getByRole('button', { name: 'Start', exact: true }).click();
	const annResponse = await chooseFirstOptions(ann);
	await submit(ann);
	const second = await ann.evaluate(async (values) => {
		const session = JSON.parse(localStorage.getItem('classroom.player.v1')!);
		const response = await fetch(`/api/classroom/rooms/${session.roomId}/answer`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
			body: JSON.stringify({ questionIndex: 0, response: { type: 'classify', values } })
		});
		return { status: response.status, body: await response.json() };
	}, annResponse);
	expect(second).toEqual({ status: 200, body: { ok: true, duplicate: true } });
	await chooseFirstOptions(bob);
	await submit(bob);
	await chooseFirstOptions(ming);
	await submit(ming);
	await expect(host.getByTestId('answered-count')).toHaveText('3 of 3 answered');
	await expect(projector.getByTestId('answered-count')).toHaveText('3 of 3 answered');

	// Reveal: the distribution per option, in numbers, on the console and the projector.
	await host.getByRole('button', { name: 'Reveal answers' }).click();
	const firstBar = host.getByTestId('distribution').locator('li').first();
	await expect(firstBar).toContainText('3 answers');
	await expect(projector.getByTestId('distribution').locator('li').first()).toContainText(
		'3 answers'
	);
	await expect(projector.getByTestId('reveal')).toContainText('Why:');
	for (const player of [ann, bob]) await expect(player.getByTestId('player-result')).toBeVisible();
	await expect(ming.getByTestId('player-result')).toBeVisible();

	await host.getByRole('button', { name: 'Show leaderboard' }).click();
	await expect(projector.getByTestId('leaderboard').locator('li')).toHaveCount(3);
	await expect(ann.getByTestId('player-rank')).toBeVisible();

	// Question 2. Ming's phone reloads mid-question and comes back as the same player.
	await host.getByRole('button', { name: 'Next question' }).click();
	await expect(ming.locator('main form fieldset').first()).toBeVisible();
	const pointsBefore = await ming.getByTestId('player-points').textContent();
	await ming.reload();
	await expect(ming.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await expect(ming.getByTestId('player-name')).toHaveText('小明');
	await expect(ming.getByTestId('player-points')).toHaveText(pointsBefore!);
	await expect(host.getByTestId('host-players').locator('li')).toHaveCount(3);
	for (const player of [ann, ming, bob]) {
		await chooseFirstOptions(player);
		await submit(player);
	}
	await expect(host.getByTestId('answered-count')).toHaveText('3 of 3 answered');
	await host.getByRole('button', { name: 'Reveal answers' }).click();
	await expect(host.getByTestId('distribution')).toContainText('3 answers');
	await host.getByRole('button', { name: 'Show leaderboard' }).click();
	await host.getByRole('button', { name: 'End session' }).click();
	await host.getByRole('button', { name: 'Yes, end it' }).click();

	// Each phone sees its rank; the projector thanks the room.
	await expect(ann.getByTestId('player-rank')).toContainText(/You are No\. [1-3] of 3/);
	await expect(bob.getByTestId('player-rank')).toContainText(/You are No\. [1-3] of 3/);
	await expect(ming.getByTestId('player-rank')).toContainText(/你是第 [1-3] 名（共 3 人）/);
	await expect(projector.getByText('Thank you for playing!')).toBeVisible();

	// The report: three students, the questions, saved here, and CSV with a BOM.
	const students = host.getByTestId('report-students').locator('tbody tr');
	await expect(students).toHaveCount(3);
	await expect(host.getByTestId('report-students')).toContainText('小明');
	await expect(host.getByTestId('report-questions').locator('tbody tr')).toHaveCount(2);
	await expect(host.getByText('This report is saved on this device')).toBeVisible();
	const [download] = await Promise.all([
		host.waitForEvent('download'),
		host.getByRole('button', { name: 'Students (CSV)' }).click()
	]);
	const csv = await readFile((await download.path())!);
	expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = csv.toString('utf8');
	for (const name of ['Ann', 'Bob', '小明']) expect(text).toContain(name);

	// The console survives a reload, and the saved report is listed after starting over.
	await host.reload();
	await expect(host.getByTestId('report-students').locator('tbody tr')).toHaveCount(3);
	await host.getByRole('button', { name: 'Start a new session' }).click();
	await expect(host.getByRole('heading', { name: 'Past sessions on this device' })).toBeVisible();

	await hostContext.close();
	for (const player of [ann, ming, bob]) await player.context().close();
});

// Every classroom screen audited in both themes: setup, join (both languages), lobby, console,
// projector at 16:9 and 4:3, a question on a phone, the reveal on the projector and a phone.
test('axe: setup, join, lobby, console, projector, question and reveal', async ({ browser }) => {
	// Eleven screens audited twice (all rules in light, colour rules in dark), on six pages in four
	// browser contexts; axe takes seconds on a 1920 px projector page. It took 3.9 min in the
	// full gate on two cores: the budget leaves room for a slower CI machine.
	test.setTimeout(360_000);
	const hostContext = await browser.newContext({
		locale: 'en',
		viewport: { width: 1280, height: 800 }
	});
	const host = await hostContext.newPage();
	await open(host, '/classroom');
	await expect(host.getByRole('button', { name: 'Create session' })).toBeVisible();
	await expect(
		host.getByRole('group', { name: 'Questions from these units' }).getByRole('checkbox').first()
	).toBeVisible();
	await audit(host);
	const pin = await createSession(host, 2);

	const dana = await phone(browser, 'en');
	const ming = await phone(browser, 'zh-CN');
	for (const [page, name] of [
		[dana, 'Dana'],
		[ming, '小明']
	] as const) {
		await open(page, `/classroom/join?pin=${pin}`);
		await expect(page.locator('#join-pin')).toHaveValue(pin);
		await audit(page);
		await page.locator('#join-nickname').fill(name);
		await page.locator('main form button[type=submit]').click();
		await expect(page.getByTestId('player-lobby')).toBeVisible();
	}
	await audit(dana);

	// A third phone joins; the host removes it, and that phone is told so.
	const eve = await phone(browser, 'en');
	await join(eve, pin, 'Eve');
	await expect(eve.getByTestId('player-lobby')).toBeVisible();
	await expect(host.getByTestId('lobby-name')).toHaveText(['Dana', '小明', 'Eve']);
	await audit(host);
	await host.getByRole('button', { name: 'Remove Eve' }).click();
	await expect(host.getByTestId('lobby-name')).toHaveText(['Dana', '小明']);
	await expect(eve.getByRole('alert')).toContainText('The instructor removed you');
	await eve.context().close();

	const projector = await hostContext.newPage();
	for (const viewport of [
		{ width: 1920, height: 1080 },
		{ width: 1024, height: 768 }
	]) {
		await projector.setViewportSize(viewport);
		await open(projector, '/classroom/projector');
		await expect(projector.getByTestId('lobby-name')).toHaveText(['Dana', '小明']);
		// The same DOM and palette at either size: audited once, at the projector's usual 16:9.
		if (viewport.width === 1920) await audit(projector);
		// Nothing runs off the side of the projector.
		const overflow = await projector.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
	}
	await host.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(projector.getByTestId('answered-count')).toHaveText('0 of 2 answered');
	await audit(projector);
	await audit(host);
	await chooseFirstOptions(dana);
	await audit(dana);
	await submit(dana);
	await chooseFirstOptions(ming);
	await submit(ming);
	await host.getByRole('button', { name: 'Reveal answers' }).click();
	await expect(ming.getByTestId('player-result')).toBeVisible();
	await expect(projector.getByTestId('reveal')).toBeVisible();
	await audit(ming);
	await audit(projector);
	await hostContext.close();
	for (const player of [dana, ming]) await player.context().close();
});
