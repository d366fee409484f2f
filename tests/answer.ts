import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import type { Item, UnitContent } from '../src/lib/bank/types';
import type { Locale } from './fixtures';

// Test helpers that answer whatever question is on screen, rightly or wrongly, from the built
// bank (the Playwright webServer builds it before the tests run).

const cache = new Map<Locale, Item[]>();

function bankItems(locale: Locale): Item[] {
	if (!cache.has(locale)) {
		const index = JSON.parse(readFileSync('src/lib/bank/generated/index.json', 'utf8')) as {
			units: { id: string }[];
		};
		const items = index.units.flatMap(
			(u) =>
				(
					JSON.parse(
						readFileSync(`src/lib/bank/generated/units/${u.id}.${locale}.json`, 'utf8')
					) as UnitContent
				).items
		);
		cache.set(locale, items);
	}
	return cache.get(locale)!;
}

/** The bank item on screen (ItemView marks it with data-item-id). */
export async function itemOnScreen(page: Page, locale: Locale): Promise<Item> {
	const id = await page.locator('main [data-item-id]').first().getAttribute('data-item-id');
	const found = bankItems(locale).find((item) => item.id === id);
	if (!found) throw new Error(`No bank item with id ${id}`);
	return found;
}

/** Answer the question on screen: with the key (`right`) or with a wrong choice where possible. */
export async function answer(page: Page, locale: Locale, right: boolean): Promise<Item> {
	// Right after the Enter that moves on, the last question and its feedback can still be on
	// screen: reading the item then answered the next question with the last one's key (seen in
	// CI: a classify item left with a wrong sub-class and "Check answer" disabled).
	await expect(page.locator('main section.feedback')).toHaveCount(0);
	const item = await itemOnScreen(page, locale);
	const form = page.locator('main form').first();
	const radio = (name: string) => form.getByRole('radio', { name, exact: true });
	switch (item.type) {
		case 'single': {
			const pick = right ? item.answer : item.options.find((o) => o.id !== item.answer)!.id;
			await radio(item.options.find((o) => o.id === pick)!.label).check();
			break;
		}
		case 'multiple': {
			const picks = right
				? item.answer
				: item.options.filter((o) => !item.answer.includes(o.id)).map((o) => o.id);
			for (const id of picks)
				await form
					.getByRole('checkbox', {
						name: item.options.find((o) => o.id === id)!.label,
						exact: true
					})
					.check();
			break;
		}
		case 'truefalse': {
			const value = right ? item.answer : !item.answer;
			await form
				.locator('input[type=radio]')
				.nth(value ? 0 : 1)
				.check();
			break;
		}
		case 'matching': {
			const selects = form.locator('select');
			for (let left = 0; left < item.pairs.length; left++) {
				const target = right ? left : (left + 1) % item.pairs.length;
				await selects.nth(left).selectOption(String(target));
			}
			break;
		}
		case 'classify': {
			for (const [d, dimension] of item.dimensions.entries()) {
				const wrong = dimension.options.find((o) => o.id !== dimension.answer)!;
				const option = right ? dimension.options.find((o) => o.id === dimension.answer)! : wrong;
				await form
					.locator('fieldset')
					.nth(d)
					.getByRole('radio', { name: option.label, exact: true })
					.check();
			}
			break;
		}
		case 'cloze':
			await form.getByRole('textbox').fill(right ? item.accept[0] : 'zzz');
			break;
	}
	return item;
}
