import { readFileSync } from 'node:fs';
import { answer } from './answer';
import { expect, open, test } from './fixtures';

// One instructor session, start to finish: build a set from the bank and files, export and
// re-import, print. One page throughout (the set lives in this context's IndexedDB).
test.use({ locale: 'en-US' });

const SAMPLES = [
	// file, questions imported, a rejected line and its reason
	['sample.gift', 7, 'Line 35', 'Numerical questions'],
	['sample-aiken.txt', 3, 'Line 14', 'No ANSWER: line'],
	['sample-cn.txt', 6, 'Line 26', 'No 答案： line'],
	['sample.xlsx', 5, 'Line 7', 'Unknown question type "essay"']
] as const;

test('an instructor builds, shares, imports, exports, re-imports and prints a set', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	await open(page, '/sets');
	await page.getByLabel('Name of the new set').fill('Week 1');
	await page.getByRole('button', { name: 'New set' }).click();
	await expect(page.getByRole('heading', { name: 'Week 1', level: 2 })).toBeVisible();

	// From the bank: a search in English finds items; add one (all matching a narrower search later).
	await page.getByLabel('Search (Chinese or English)').fill('consumption abroad');
	await expect(page.getByRole('status').filter({ hasText: 'matching question' })).toBeVisible();
	await page
		.getByRole('button', { name: /^Add: / })
		.first()
		.click();
	const entries = page
		.getByRole('list')
		.filter({ has: page.getByRole('button', { name: /^Move up/ }) });
	await expect(entries.getByRole('listitem')).toHaveCount(1);
	const fromBank = 1;

	// An own question: a missing field is named next to it; a draft is kept; complete, it is saved.
	await page.getByRole('button', { name: 'Write a question' }).click();
	await page.getByLabel('Question (Chinese)').fill('出国留学属于哪种服务提供方式？');
	await page.getByLabel('Option A (Chinese)').fill('跨境交付');
	await page.getByLabel('Option B (Chinese)').fill('境外消费');
	await page.getByRole('button', { name: 'Save question' }).click();
	await expect(page.getByLabel('Option C (Chinese)')).toHaveAttribute('aria-invalid', 'false');
	await expect(page.getByText('请给出 3 到 6 个选项。 / Give 3 to 6 options.')).toBeVisible();
	await page.getByRole('button', { name: 'Save as draft' }).click();
	await expect(entries.getByRole('listitem')).toHaveCount(fromBank + 1);
	await page.getByRole('button', { name: `Edit: ${fromBank + 1}` }).click();
	await page.getByLabel('Option C (Chinese)').fill('商业存在');
	await page.getByLabel('Right answer: B').check();
	await page.getByLabel('Explanation (Chinese)').fill('消费者本人出境消费，属于境外消费。');
	await page.getByRole('button', { name: 'Save question' }).click();
	await expect(entries.getByRole('listitem').last()).toContainText('Own');

	// Homework: shared by link. A student (their own browser) opens it, practises it from the
	// Practice setup (a reload mid-way keeps the place), and exports their results file.
	await page.getByRole('button', { name: 'Make the homework link' }).click();
	const link = new URL(await page.getByTestId('share-link').inputValue());
	const studentContext = await browser.newContext({ locale: 'en-US' });
	const student = await studentContext.newPage();
	await open(student, link.pathname + link.hash);
	await student.getByRole('button', { name: 'Save this set on my device' }).click();
	await expect(student.getByText('Saved on this device.')).toBeVisible();
	await open(student, '/practice');
	await student.getByRole('button', { name: 'Practise this set' }).click();
	await expect(student).toHaveURL(/\/session\/practice$/);
	const verdict = student.locator('main section.feedback h2');
	for (let n = 0; n < fromBank + 1; n++) {
		const id = await student.locator('main [data-item-id]').first().getAttribute('data-item-id');
		// The own question is last, in the set's order; the bank's are answered from the bank.
		if (n === fromBank) await student.getByRole('radio', { name: '境外消费', exact: true }).check();
		else expect((await answer(student, 'en', true)).id).toBe(id);
		await student.keyboard.press('Enter');
		await expect(verdict).toContainText('Correct');
		if (n === 0) {
			await student.reload();
			await expect(verdict).toContainText('Correct');
		}
		await student.keyboard.press('Enter');
	}
	await student.getByLabel('Your name or nickname').fill('Lin');
	const resultsDownload = student.waitForEvent('download');
	await student.getByRole('button', { name: 'Export my results' }).click();
	const resultsFile = test.info().outputPath('results.json');
	await (await resultsDownload).saveAs(resultsFile);
	await studentContext.close();

	// The instructor imports it (the same file twice counts once) and sees Lin's row, all right.
	const resultsInput = page.getByLabel("Import students' results files");
	await resultsInput.setInputFiles(resultsFile);
	await expect(page.getByText('Imported: 1 new, 0 updated, 0 already here.')).toBeVisible();
	await resultsInput.setInputFiles(resultsFile);
	await expect(page.getByText('Imported: 0 new, 0 updated, 1 already here.')).toBeVisible();
	await page.getByRole('button', { name: 'Show report' }).click();
	const row = page.getByTestId('report-students').getByRole('row', { name: /Lin/ });
	await expect(row).toContainText(`${fromBank + 1} of ${fromBank + 1}`);

	// Then every bank question matching a narrower search, in one go.
	await page.getByLabel('Search (Chinese or English)').fill('境外消费 留学');
	await page.getByRole('button', { name: /^Add all \d+ matching/ }).click();
	// "Add all" is one save: once the list has grown past the first two, it is complete.
	await expect.poll(() => entries.getByRole('listitem').count()).toBeGreaterThan(fromBank + 1);

	// Each format: broken questions reported by line, the good ones imported on confirmation.
	let expected = await entries.getByRole('listitem').count();
	for (const [file, count, line, reason] of SAMPLES) {
		await page.getByLabel('Question file').setInputFiles(`static/question-files/${file}`);
		const rejected = page.getByRole('listitem').filter({ hasText: line });
		await expect(rejected).toContainText(reason);
		await page.getByRole('button', { name: `Import ${count} questions` }).click();
		expected += count;
		await expect(entries.getByRole('listitem')).toHaveCount(expected);
	}

	// Bad input changes nothing.
	await page.getByLabel('Question file').setInputFiles({
		name: 'photo.gift',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3])
	});
	await expect(page.getByRole('alert')).toContainText('not a text file');
	await expect(entries.getByRole('listitem')).toHaveCount(expected);

	// Export as GIFT and import the file again: everything that fits comes back.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export as GIFT' }).click();
	const gift = readFileSync((await (await download).path())!);
	await page
		.getByLabel('Question file')
		.setInputFiles({ name: 'week1.gift', mimeType: 'text/plain', buffer: gift });
	await expect(page.getByText(/questions? will be imported/)).toBeVisible();
	await expect(page.getByText(/will not be imported/)).toHaveCount(0);
	await page.getByRole('button', { name: 'Cancel' }).click();

	// Print: the paper, an answer sheet and a key, as A4 pages.
	await page.getByRole('link', { name: 'Open the printable paper' }).click();
	await expect(page.locator('html[data-paper-ready="true"]')).toHaveCount(1);
	await expect(page.getByRole('heading', { name: 'Answer key' })).toBeVisible();
	const pdf = await page.pdf({ format: 'A4', path: test.info().outputPath('paper.pdf') });
	const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
	expect(pages).toBeGreaterThanOrEqual(3);
});
