import { answer } from './answer';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, open, test, waitForServiceWorker, type Locale } from './fixtures';

// The learning flows, walked as a learner would on a phone, in both languages, with the
// network cut after the first visit: everything here must work offline. The lesson walk alone
// stays online, with no service worker: it is about resuming after a reload, and a worker
// caching the whole app behind it cost a sixth of this file's CPU time and raced its reload
// (lessons offline: tests/offline.e2e.ts).

async function offlineAfterFirstVisit(page: Page, context: BrowserContext) {
	await open(page, '/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
}

/** Answer `count` practice questions, right or wrong, through to the results. */
async function practise(page: Page, locale: Locale, count: number, right: (n: number) => boolean) {
	const w = WORDS[locale];
	await page.goto('/practice');
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await page.getByLabel(w.count).selectOption(String(count));
	await page.getByRole('button', { name: w.startPractice }).click();
	await expect(page).toHaveURL(/\/session\/practice$/);
	for (let n = 0; n < count; n++) {
		await answer(page, locale, right(n));
		await page.keyboard.press('Enter');
		// Feedback shows once the answer is stored; Enter then moves on.
		const verdict = page.locator('main section.feedback h2');
		await expect(verdict).toBeVisible();
		if (right(n)) await expect(verdict).toContainText(w.correct);
		await page.keyboard.press('Enter');
	}
	await expect(page.getByRole('heading', { name: w.results })).toBeVisible();
}

const WORDS = {
	'zh-CN': {
		check: '检测一下',
		submit: '提交答案',
		nextQuestion: '下一题',
		nextSection: '下一节',
		finishLesson: '完成本课',
		lessonDone: '本课已完成',
		startPractice: '开始练习',
		finish: '查看结果',
		results: '成绩',
		correct: '答对了',
		// The exam navigator's button for question n.
		navItem: (n: number) => new RegExp(`^第 ${n} 题：`),
		count: '题量',
		paper: '试卷',
		minutes: '时长（分钟）',
		startExam: '开始考试',
		submitExam: '交卷',
		confirmYes: '确定交卷',
		timeUp: '时间到：试卷已自动提交。',
		timeLeft: /剩余时间 (\d+):(\d+)/,
		startMistakes: '订正错题',
		mistakes: /错题本中有 (\d+) 道题/,
		noMistakes: '没有需要订正的错题',
		startReview: '开始今日复习',
		dueNone: '现在没有需要复习的题目',
		reset: '重置进度…',
		resetYes: '确定重置',
		export: '导出进度',
		importDone: '导入完成：新增 5 次作答',
		importForeign: '该文件不是服务贸易学堂的备份文件',
		attempts: (n: number) => `本设备已保存 ${n} 次作答`,
		resetDone: '进度已重置。'
	},
	en: {
		check: 'Check my understanding',
		submit: 'Check answer',
		nextQuestion: 'Next question',
		nextSection: 'Next section',
		finishLesson: 'Finish the lesson',
		lessonDone: 'Lesson complete',
		startPractice: 'Start practice',
		finish: 'See results',
		results: 'Results',
		correct: 'Correct',
		navItem: (n: number) => new RegExp(`^${n}: `),
		count: 'How many questions',
		paper: 'Paper',
		minutes: 'Minutes',
		startExam: 'Start the exam',
		submitExam: 'Submit exam',
		confirmYes: 'Yes, submit',
		timeUp: 'Time is up: your exam was submitted.',
		timeLeft: /Time left (\d+):(\d+)/,
		startMistakes: 'Fix my mistakes',
		mistakes: /(\d+) questions? in your mistakes notebook/,
		noMistakes: 'No mistakes to fix',
		startReview: "Start today's review",
		dueNone: 'Nothing is due now',
		reset: 'Reset progress…',
		resetYes: 'Yes, reset',
		export: 'Export progress',
		importDone: 'Imported: 5 new answers',
		importForeign: 'This file is not a Services Trade Academy backup',
		attempts: (n: number) => `${n} answers saved on this device`,
		resetDone: 'Progress was reset.'
	}
} as const;

/**
 * Each flow runs once, in one of the two languages, alternating down the file: both languages
 * are walked through the flows at half the cost of walking every flow twice. (Every page in both
 * languages is covered by pages, a11y and language-files.)
 */
function flow(
	locale: Locale,
	title: string,
	body: (
		args: { page: Page; context: BrowserContext },
		w: (typeof WORDS)[Locale],
		locale: Locale
	) => Promise<void>,
	serviceWorkers: 'allow' | 'block' = 'allow'
) {
	test.describe(`${locale} at 360px`, () => {
		test.use({ locale, viewport: { width: 360, height: 800 }, serviceWorkers });
		test(title, ({ page, context }) => {
			// A whole flow (five answers, reloads, offline) takes 10–25 s alone; beside the
			// classroom walks on two cores it ran past 30 s.
			test.setTimeout(60_000);
			return body({ page, context }, WORDS[locale], locale);
		});
	});
}

flow(
	'zh-CN',
	'a whole lesson, resumed after a reload, ends on its summary',
	async ({ page }, w, locale) => {
		await open(page, '/learn/resources');
		for (let section = 0; section < 3; section++) {
			await page.getByRole('button', { name: w.check }).click();
			while (true) {
				await answer(page, locale, section !== 1);
				await page.getByRole('button', { name: w.submit }).click();
				if (section === 0) {
					// Mid-lesson reload once the feedback is up: back at the same question, with it.
					await expect(page.locator('main section.feedback')).toBeVisible();
					await page.reload();
					await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
				}
				const more = page.getByRole('button', { name: w.nextQuestion });
				const done = page.getByRole('button', {
					name: new RegExp(`${w.nextSection}|${w.finishLesson}`)
				});
				await expect(more.or(done)).toBeVisible();
				if (await more.isVisible()) await more.click();
				else {
					await done.click();
					break;
				}
			}
		}
		await expect(page.getByRole('heading', { name: w.lessonDone })).toBeVisible();
		// The wrong answers of section 2 are listed as what to review.
		await expect(page.locator('main ul.review > li')).toHaveCount(3);
	},
	'block'
);

flow(
	'en',
	'a practice session gives instant feedback and a summary',
	async ({ page, context }, w, locale) => {
		await offlineAfterFirstVisit(page, context);
		await practise(page, locale, 5, (n) => n % 2 === 0);
	}
);

flow(
	'zh-CN',
	'an exam resumes after a reload with the right time left',
	async ({ page, context }, w, locale) => {
		await offlineAfterFirstVisit(page, context);
		await page.goto('/practice');
		await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
		await page.getByLabel(w.paper).selectOption('resources');
		await page.getByLabel(w.minutes).fill('5');
		await page.getByRole('button', { name: w.startExam }).click();
		await expect(page).toHaveURL(/\/session\/exam$/);
		const first = await answer(page, locale, true);
		await page
			.getByRole('navigation')
			.getByRole('button', { name: w.navItem(2) })
			.click();
		const timer = page.getByRole('timer');
		const secondsLeft = async () => {
			const [, m, s] = (await timer.innerText()).match(w.timeLeft)!;
			return Number(m) * 60 + Number(s);
		};
		const before = await secondsLeft();
		await page.waitForTimeout(2500);
		await page.reload();
		await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
		// Same question (2), the clock kept running while the page was away.
		await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('2');
		const after = await secondsLeft();
		expect(after).toBeLessThanOrEqual(before - 2);
		expect(after).toBeGreaterThan(before - 15);
		// The answer to question 1 is still there.
		await page
			.getByRole('navigation')
			.getByRole('button', { name: w.navItem(1) })
			.click();
		await expect(page.locator(`[data-item-id="${first.id}"]`)).toBeVisible();
		await page.getByRole('button', { name: w.submitExam }).click();
		await page.getByRole('button', { name: w.confirmYes }).click();
		await expect(page.getByRole('heading', { name: w.results })).toBeVisible();
		await expect(page.locator('main ol.review > li')).toHaveCount(12);
	}
);

flow(
	'en',
	'an exam submits itself when the time runs out',
	async ({ page, context }, w, locale) => {
		await page.clock.install({ time: new Date('2026-11-27T08:00:00Z') });
		await offlineAfterFirstVisit(page, context);
		await page.goto('/practice');
		await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
		await page.getByLabel(w.paper).selectOption('resources');
		await page.getByLabel(w.minutes).fill('1');
		await page.getByRole('button', { name: w.startExam }).click();
		await answer(page, locale, true);
		await page.clock.fastForward('01:05');
		await expect(page.getByText(w.timeUp)).toBeVisible();
		await expect(page.getByRole('heading', { name: w.results })).toBeVisible();
	}
);

flow(
	'zh-CN',
	'the mistakes notebook clears after two right answers in a row',
	async ({ page, context }, w, locale) => {
		await offlineAfterFirstVisit(page, context);
		await practise(page, locale, 5, () => false);
		for (const round of [1, 2]) {
			await page.goto('/review');
			await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
			await expect(page.getByText(w.mistakes)).toContainText('5');
			await page.getByRole('button', { name: w.startMistakes }).click();
			for (let n = 0; n < 5; n++) {
				await answer(page, locale, true);
				await page.keyboard.press('Enter');
				await expect(page.locator('main section.feedback h2')).toContainText(w.correct);
				await page.keyboard.press('Enter');
			}
			await expect(page.getByRole('heading', { name: w.results })).toBeVisible();
			if (round === 2) {
				await page.goto('/review');
				await expect(page.getByText(w.noMistakes)).toBeVisible();
			}
		}
	}
);

flow(
	'en',
	'spaced review brings answered questions back when they are due',
	async ({ page, context }, w, locale) => {
		const start = new Date('2026-11-27T08:00:00Z');
		await page.clock.install({ time: start });
		await offlineAfterFirstVisit(page, context);
		await practise(page, locale, 5, () => true);
		await page.goto('/review');
		await expect(page.getByText(w.dueNone)).toBeVisible();
		// Three weeks later every one of them is due.
		await page.clock.setSystemTime(new Date(start.getTime() + 21 * 86_400_000));
		await page.goto('/');
		await expect(page.getByTestId('due-today')).toContainText('5');
		await page.goto('/review');
		await page.getByRole('button', { name: w.startReview }).click();
		for (let n = 0; n < 5; n++) {
			await answer(page, locale, true);
			await page.keyboard.press('Enter');
			await expect(page.locator('main section.feedback h2')).toBeVisible();
			await page.keyboard.press('Enter');
		}
		await page.goto('/review');
		await expect(page.getByText(w.dueNone)).toBeVisible();
	}
);

flow(
	'zh-CN',
	'export, reset and import bring everything back',
	async ({ page, context }, w, locale) => {
		await offlineAfterFirstVisit(page, context);
		await practise(page, locale, 5, (n) => n < 3);
		await page.goto('/progress');
		await expect(page.getByTestId('attempt-count')).toHaveText(w.attempts(5));
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: w.export }).click()
		]);
		const backup = await download.path();

		await page.goto('/settings');
		await page.getByRole('button', { name: w.reset }).click();
		await page.getByRole('button', { name: w.resetYes }).click();
		// The reset waits for other tabs' writes (a cross-tab lock): leave once it says so.
		await expect(page.getByText(w.resetDone)).toBeVisible();
		await page.goto('/progress');
		await expect(page.getByTestId('attempt-count')).toHaveText(w.attempts(0));

		// A foreign file is refused and changes nothing.
		const input = page.locator('input[type=file]');
		await input.setInputFiles({
			name: 'other.json',
			mimeType: 'application/json',
			buffer: Buffer.from('{"format":"anki","cards":[]}')
		});
		await expect(page.getByRole('alert')).toContainText(w.importForeign);
		await expect(page.getByTestId('attempt-count')).toHaveText(w.attempts(0));

		await input.setInputFiles(backup);
		await expect(page.getByRole('status').filter({ hasText: w.importDone })).toBeVisible();
		await expect(page.getByTestId('attempt-count')).toHaveText(w.attempts(5));
		// Importing the same file again adds nothing.
		await input.setInputFiles(backup);
		await expect(page.getByTestId('attempt-count')).toHaveText(w.attempts(5));
	}
);
