/**
 * The live classroom's walk cases that need a real browser on a real network: a phone that drops
 * off the network in the middle of a question, a phone that sleeps through a whole question, and
 * a keyboard-only walk of the host console and the phone, with focus checked at every change of
 * stage. Rooms are made over the API (tests/classroom-http.ts) where the walk is not about the
 * setup form; phones are real pages at 360 px.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { HostView } from '../src/lib/classroom/protocol';
import { classroomClient } from './classroom-http';
import { expect, open, test, type Locale } from './fixtures';
import { hostRoomOfItems } from './classroom-host';
import en from '../src/lib/i18n/locales/en/classroom.json' with { type: 'json' };
import zh from '../src/lib/i18n/locales/zh-CN/classroom.json' with { type: 'json' };

test.describe.configure({ mode: 'serial' });

let baseURL = '';
const api = classroomClient({ base: () => baseURL, seed: 41, ipPrefix: '10.41' });
test.beforeEach(({ baseURL: url }) => {
	baseURL = url!;
});

async function phone(
	browser: Browser,
	locale: Locale
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale, viewport: { width: 360, height: 760 } });
	return { context, page: await context.newPage() };
}

/** Joins `pin` through the join form (mouse-free: fill and Enter) and waits for the lobby. */
async function join(page: Page, pin: string, nickname: string) {
	await open(page, `/classroom/join?pin=${pin}`);
	await expect(page.locator('#join-pin')).toHaveValue(pin);
	await page.locator('#join-nickname').fill(nickname);
	await page.locator('#join-nickname').press('Enter');
	await expect(page.getByTestId('player-lobby')).toBeVisible();
}

/** Answers the generated classify question on the phone: the right option in every group. */
async function answerRight(page: Page, index: number) {
	const { response } = api.answerBody(index, true);
	const form = page.locator('main form');
	for (const [family, value] of Object.entries(response.values))
		await form.locator(`input[type=radio][name$="-${family}"][value="${value}"]`).check();
	await form.locator('button[type=submit]').click();
	await expect(page.getByTestId('answer-sent')).toBeVisible();
}

/** Waits until the host's stream counts `count` answers to question `index`. */
async function answered(
	host: ReturnType<typeof api.subscribe<HostView>>,
	index: number,
	count: number
) {
	await host.waitFor(
		(v) => v.phase === 'question' && v.question?.index === index && v.answeredCount === count
	);
}

test('a phone that drops off the network mid-question comes back on the current stage', async ({
	browser
}) => {
	test.setTimeout(60_000);
	const room = await api.createRoom({ secondsPerQuestion: 300 });
	const host = api.subscribe<HostView>(room.roomId, 'host', room.hostSecret);
	const { context, page } = await phone(browser, 'zh-CN');
	await join(page, room.pin, '小红');
	const bob = await api.joinAs(room.pin, 'Bob');
	await api.command(room, { type: 'start' });
	await expect(page.locator('#player-question-heading')).toBeVisible();

	// Answered before the drop.
	await answerRight(page, 0);
	await answered(host, 0, 1);

	// The drop: every stream attempt fails while it lasts (at least two of the backoff's retries),
	// and the phone says so in Chinese.
	const failedStreams: string[] = [];
	page.on('requestfailed', (request) => {
		if (request.url().includes('/events')) failedStreams.push(request.failure()?.errorText ?? '');
	});
	await context.setOffline(true);
	await expect(page.getByTestId('connection-status')).toHaveText(zh.connection.offline);
	// While it is down, Bob answers and the host reveals: the question is over.
	expect((await api.answer(bob, 0, false)).status).toBe(200);
	await answered(host, 0, 2);
	expect((await api.command(room, { type: 'reveal' })).status).toBe(200);
	await expect.poll(() => failedStreams.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
	await expect(page.getByTestId('answer-sent')).toBeVisible();

	// Back: the phone resumes its stream from the last event it had, shows the reveal with its
	// verdict, and its answer counted once.
	const resumedFrom = page.waitForRequest(
		(request) => request.url().includes('/events') && !!request.headers()['last-event-id']
	);
	await context.setOffline(false);
	await resumedFrom;
	await expect(page.locator('#player-result-heading')).toHaveText(/^答对了/);
	await expect(page.getByTestId('connection-status')).toHaveText('');
	const revealed = await host.waitFor((v) => v.phase === 'revealed');
	expect(revealed.answeredCount).toBe(2);

	// Answered after: the next question counts it once too.
	await api.command(room, { type: 'next' }); // leaderboard
	await api.command(room, { type: 'next' }); // question 2
	await expect(page.locator('#player-question-heading')).toContainText('2');
	await answerRight(page, 1);
	await answered(host, 1, 1);
	const since = host.views.length;
	expect((await api.command(room, { type: 'reveal' })).status).toBe(200);
	expect((await host.waitFor((v) => v.phase === 'revealed', 10_000, since)).answeredCount).toBe(1);
	await host.close();
	await context.close();
});

test('a phone that sleeps through a whole question wakes on the current one', async ({
	browser
}) => {
	test.setTimeout(60_000);
	const room = await api.createRoom({ secondsPerQuestion: 300 });
	const host = api.subscribe<HostView>(room.roomId, 'host', room.hostSecret);
	const { context, page } = await phone(browser, 'en');
	await join(page, room.pin, 'Sam');
	await api.command(room, { type: 'start' });
	await expect(page.locator('#player-question-heading')).toBeVisible();
	// Picked an answer, did not send it, and the phone went to sleep: frozen, its network gone.
	const { response } = api.answerBody(0, true);
	for (const [family, value] of Object.entries(response.values))
		await page.locator(`main form input[type=radio][name$="-${family}"][value="${value}"]`).check();
	const cdp = await context.newCDPSession(page);
	await context.setOffline(true);
	await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });

	// The class moves on without it: question 1 is revealed, the standings, question 2.
	for (const type of ['reveal', 'next', 'next'])
		expect((await api.command(room, { type })).status).toBe(200);
	await host.waitFor((v) => v.phase === 'question' && v.question?.index === 1);

	// It wakes; its stream takes a moment to come back (held here), and the student sends the
	// answer still on the screen: told, in English, that the question is closed.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/events?**', async (route) => {
		await held;
		await route.fallback();
	});
	await cdp.send('Page.setWebLifecycleState', { state: 'active' });
	await context.setOffline(false);
	const submit = page.locator('main form button[type=submit]');
	await submit.press('Enter');
	await expect(page.getByRole('alert')).toHaveText(en.errors.tooLate);

	// The stream is back: the current question, its heading focused, nothing stale on it.
	release();
	await expect(page.locator('#player-question-heading')).toHaveText(/2/);
	await expect(page.locator('#player-question-heading')).toBeFocused();
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(page.locator('main form input[type=radio]:checked')).toHaveCount(0);
	await answerRight(page, 1);
	await answered(host, 1, 1);
	await page.unroute('**/events?**');
	await host.close();
	await context.close();
});

/** One question of each item type the classroom plays, as a saved quiz set makes a room. */
const EVERY_TYPE = [
	'cat-tr-02',
	'cat-tr-07',
	'cat-tr-05',
	'cat-pr-07',
	'cat-tr-03',
	'cat-tr-01'
].map((id) => ({ unit: 'twelve-categories', id })); // single, multiple, true/false, matching, classify, cloze

/** The focused element as the accessibility tree names it (`button "Start"`), or `body`. */
async function focused(page: Page): Promise<string> {
	const tag = await page.evaluate(() => document.activeElement?.tagName ?? 'BODY');
	if (tag === 'BODY') return 'body';
	// A disclosure's <summary> has no role in the snapshot: named by its text.
	if (tag === 'SUMMARY')
		return `summary "${await page.locator(':focus').evaluate((e) => e.textContent?.trim())}"`;
	const snapshot = await page.locator(':focus').ariaSnapshot();
	const line = snapshot.split('\n')[0].replace(/^- /, '').replace(/:$/, '');
	// YAML quotes a line holding a colon: 'checkbox "Unit: title"'.
	return /^'.*'$/.test(line) ? line.slice(1, -1).replaceAll("''", "'") : line;
}

/** A control a keyboard reaches must say what it is: a role and a non-empty name. */
const NAMED = /^(button|link|radio|checkbox|textbox|combobox|spinbutton|heading|summary) ".+"/;

/**
 * Presses Tab (or Shift+Tab) until the focused control matches `target`, checking every stop on
 * the way has a name. Fails if focus reaches the page body or `max` stops pass.
 */
async function tabTo(page: Page, target: RegExp, backwards = false, max = 120): Promise<string> {
	const stops: string[] = [await focused(page)];
	for (let stop = 0; stop < max; stop++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		const now = await focused(page);
		stops.push(now);
		// Past the last control the browser leaves the page for a moment; the next press wraps.
		if (now === 'body' && stops.at(-2) !== 'body') continue;
		expect(now, `a keyboard stop with a role and a name, after ${stops.slice(-4, -1)}`).toMatch(
			NAMED
		);
		if (target.test(now)) return now;
	}
	throw new Error(`${target} not reached in ${max} presses`);
}

/**
 * Answers the phone's question with keys only: Space on the first radio of each group and on
 * each box, ArrowDown in each list box, a word in each blank; then Enter on the send button.
 */
async function answerByKeyboard(page: Page, submitName: string) {
	for (let stop = 0; stop < 40; stop++) {
		await page.keyboard.press('Tab');
		const now = await focused(page);
		expect(now).toMatch(NAMED);
		if (now.startsWith(`button "${submitName}"`)) {
			await page.keyboard.press('Enter');
			return;
		}
		if (/^(radio|checkbox) /.test(now)) await page.keyboard.press('Space');
		else if (now.startsWith('combobox ')) await page.keyboard.press('ArrowDown');
		else if (now.startsWith('textbox ')) await page.keyboard.type('服务');
	}
	throw new Error('the send button was not reached');
}

const expectFocus = (page: Page, expected: RegExp) =>
	expect.poll(() => focused(page), { timeout: 10_000 }).toMatch(expected);

/**
 * Presses Enter on the focused control once it is usable. While a command is in flight the
 * console's buttons are aria-disabled and ignore presses (a screen reader says "dimmed"), and
 * the push showing the command's effect may come before its reply: a user waits for the
 * button, so does the walk (pressing at once was a race that a faster push made show).
 */
async function pressWhenReady(page: Page) {
	await expect(page.locator(':focus')).not.toHaveAttribute('aria-disabled', 'true');
	await page.keyboard.press('Enter');
}

test('keyboard only: the host console and a phone through every item type', async ({ browser }) => {
	test.setTimeout(120_000);
	const hostContext = await browser.newContext({
		locale: 'en',
		viewport: { width: 1280, height: 800 },
		acceptDownloads: true
	});
	const host = await hostContext.newPage();
	await open(host, '/classroom');
	// The setup form: every control on the way to "Create session" has a name.
	await tabTo(host, /^button "Create session"/, false, 200);

	const created = await hostRoomOfItems(host, EVERY_TYPE, 'en');

	// The phone, in Chinese: the join form by keyboard, then the lobby's heading has focus.
	const { context, page } = await phone(browser, 'zh-CN');
	await open(page, `/classroom/join?pin=${created.pin}`);
	await tabTo(page, new RegExp(`^textbox "${zh.join.nickname}`));
	await page.keyboard.type('小兰');
	await page.keyboard.press('Enter');
	await expectFocus(page, new RegExp(`^heading "${zh.player.inLobby}"`));
	// A name the host removes from the lobby: its button goes, focus goes to the lobby's count.
	await api.joinAs(created.pin, 'Spam');
	await expect(host.getByTestId('lobby-name')).toHaveText(['小兰', 'Spam']);
	await tabTo(host, /^button "Remove Spam"/);
	// The command's reply reaches the console before the push that takes the name away (as it
	// can on a busy server): the reply is given at once, the command sent on a moment later.
	const command = '**/api/classroom/rooms/*/command';
	await host.route(command, async (route) => {
		const request = route.request();
		await route.fulfill({ json: { ok: true, version: 0 } });
		await new Promise((resolve) => setTimeout(resolve, 300));
		await host.request.post(request.url(), {
			headers: request.headers(),
			data: request.postData() ?? ''
		});
	});
	await host.keyboard.press('Enter');
	await expect(host.getByTestId('lobby-name')).toHaveText(['小兰']);
	await expect(host.locator('#lobby-heading')).toBeFocused();
	await host.unroute(command);

	await tabTo(host, /^button "Start"/, true);
	await pressWhenReady(host);
	for (let index = 0; index < EVERY_TYPE.length; index++) {
		const position = zh.stage.position
			.replace('{{position}}', String(index + 1))
			.replace('{{total}}', String(EVERY_TYPE.length));
		// The host's Start or Next is gone or disabled: focus is on the question, not the body.
		await expect(host.locator('#stage-stem')).toBeFocused();
		await expect(host.getByTestId('answered-count')).toBeVisible();
		await expectFocus(page, new RegExp(`^heading "${position}"`));
		if (index === 0) {
			// Pause and resume: the same button, focus stays on it; the phone waits, then answers.
			await tabTo(host, /^button "Pause"/, true);
			await pressWhenReady(host);
			await expectFocus(host, /^button "Resume"/);
			await expect(page.locator('main form input').first()).toBeDisabled();
			await pressWhenReady(host);
			await expectFocus(host, /^button "Pause"/);
			await expect(page.locator('main form input').first()).toBeEnabled();
		}
		await answerByKeyboard(page, zh.player.submit);
		await expect(page.getByTestId('answer-sent')).toBeVisible();
		await expectFocus(page, new RegExp(`^heading "${position}"`));

		await tabTo(host, /^button "Reveal answers"/, true);
		await pressWhenReady(host);
		await expect(host.getByTestId('reveal')).toBeVisible();
		await expect(host.locator('#stage-stem')).toBeFocused();
		await expect(page.getByTestId('player-result')).toBeVisible();
		await expectFocus(page, /^heading "(答对了|部分答对|这次没答对)/);

		await tabTo(host, /^button "Show leaderboard"/, true);
		await pressWhenReady(host);
		await expect(host.getByTestId('leaderboard')).toBeVisible();
		// Still on the same button, now "Next question" (or "Finish"): nothing was lost.
		await expectFocus(host, /^button "(Next question|Finish)"/);
		await expectFocus(page, new RegExp(`^heading "${zh.player.standings}"`));
		if (index + 1 < EVERY_TYPE.length) {
			await pressWhenReady(host);
		}
	}

	// End: asked once more (focus on "Keep going", back to End on it), then the report.
	await tabTo(host, /^button "End session"/);
	await pressWhenReady(host);
	await expectFocus(host, /^button "Keep going"/);
	await pressWhenReady(host);
	await expectFocus(host, /^button "End session"/);
	await pressWhenReady(host);
	await tabTo(host, /^button "Yes, end it"/, true);
	await pressWhenReady(host);
	await expectFocus(host, /^heading "Session report"/);
	await expectFocus(page, new RegExp(`^heading "${zh.player.finished}"`));
	const download = host.waitForEvent('download');
	await tabTo(host, /^button "Students \(CSV\)"/);
	await pressWhenReady(host);
	expect((await download).suggestedFilename()).toMatch(/students\.csv$/);
	await context.close();
	await hostContext.close();
});
