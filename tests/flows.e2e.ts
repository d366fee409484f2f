import { answer } from './answer';
import { expect, open, test, type Locale } from './fixtures';

// The learning flows, walked as a learner would on a phone, in both languages.

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
		correct: '回答正确'
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
		correct: 'Correct'
	}
} as const;

for (const locale of ['zh-CN', 'en'] as Locale[]) {
	const w = WORDS[locale];

	test.describe(`flows in ${locale} at 360px`, () => {
		test.use({ locale, viewport: { width: 360, height: 800 } });

		test('a whole lesson, resumed after a reload, ends on its summary', async ({ page }) => {
			await open(page, '/learn/resources');
			for (let section = 0; section < 3; section++) {
				await page.getByRole('button', { name: w.check }).click();
				while (true) {
					await answer(page, locale, section !== 1);
					await page.getByRole('button', { name: w.submit }).click();
					if (section === 0) {
						// Mid-lesson reload: back at the same question, with its feedback.
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
			await expect(page.locator('main section li')).toHaveCount(3);
		});

		test('a practice session gives instant feedback and a summary', async ({ page }) => {
			await open(page, '/practice');
			await page.locator('select').first().selectOption('5');
			await page.getByRole('button', { name: w.startPractice }).click();
			await expect(page).toHaveURL(/\/session\/practice$/);
			for (let n = 0; n < 5; n++) {
				await answer(page, locale, n % 2 === 0);
				await page.keyboard.press('Enter');
				// Feedback shows once the answer is stored; Enter then moves on.
				const verdict = page.locator('main section.feedback h2');
				await expect(verdict).toBeVisible();
				if (n % 2 === 0) await expect(verdict).toContainText(w.correct);
				await page.keyboard.press('Enter');
			}
			await expect(page.getByRole('heading', { name: w.results })).toBeVisible();
		});
	});
}
