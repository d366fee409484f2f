import { beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Item, Response } from '$lib/bank/types';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import type { Locale } from '$lib/i18n/locale';
import '../../../app.css';
import ItemView from './ItemView.svelte';

// Feedback on an item as every flow shows it (practice, review, mistakes, exam review, lesson
// checks and the classroom phone all render ItemView with `showKey`), at a phone's width.

const base = {
	unit: 'u',
	part: 'p',
	concepts: [],
	difficulty: 1 as const,
	explanation: '',
	source: { part: 'p', quote: '' }
};

const multiple: Item = {
	...base,
	id: 'm1',
	type: 'multiple',
	stem: 'Which are modes of supply?',
	options: [
		{ id: 'a', label: 'Cross-border supply' },
		{ id: 'b', label: 'Consumption abroad' },
		{ id: 'c', label: 'Tariff quota' },
		{ id: 'd', label: 'Commercial presence' }
	],
	answer: ['a', 'b', 'd']
};

// Right-hand texts long enough that a native select cuts them off at 360 px.
const long = (n: number) =>
	`Answer ${n}: a service supplied from the territory of one member into the territory of any other member, described in full`;
const matching: Item = {
	...base,
	id: 'x1',
	type: 'matching',
	stem: 'Match each term.',
	pairs: [
		{ left: 'First', right: long(1) },
		{ left: 'Second', right: long(2) },
		{ left: 'Third', right: long(3) }
	]
};

async function show(item: Item, response: Response | null, locale: Locale = 'en') {
	initLocale(locale);
	return render(ItemView, {
		item,
		orderSeed: 7,
		response,
		disabled: true,
		showKey: true,
		onchange: () => {}
	});
}

/** The mark each option carries after feedback, by option label. */
function marks(container: HTMLElement): Record<string, string | null> {
	return Object.fromEntries(
		[...container.querySelectorAll('label')].map((label) => [
			label.querySelector('.label')?.textContent,
			label.querySelector('[data-mark]')?.getAttribute('data-mark') ?? null
		])
	);
}

beforeAll(async () => {
	// The app loads strings in the page's language only: load both, as a language switch would.
	for (const locale of ['zh-CN', 'en'] as const) {
		initLocale(locale);
		await ensureNamespaces(['quiz']);
	}
	await page.viewport(360, 800);
});

describe('multiple-choice feedback', () => {
	it('marks chosen-right, chosen-wrong and missed options apart, in words for screen readers', async () => {
		const screen = await show(multiple, { type: 'multiple', choices: ['a', 'c'] });
		expect(marks(screen.container)).toEqual({
			'Cross-border supply': 'right',
			'Consumption abroad': 'missed',
			'Tariff quota': 'wrong',
			'Commercial presence': 'missed'
		});
		// The mark is part of each checkbox's accessible name, not colour alone.
		await expect
			.element(screen.getByRole('checkbox', { name: /Consumption abroad.*Missed/ }))
			.toBeVisible();
		await expect
			.element(screen.getByRole('checkbox', { name: /Cross-border supply.*Chosen, right/ }))
			.toBeVisible();
		await expect
			.element(screen.getByRole('checkbox', { name: /Tariff quota.*Chosen, wrong/ }))
			.toBeVisible();
		// Missed reads apart from right without colour: its own outline style.
		const style = (label: string) =>
			getComputedStyle(
				[...screen.container.querySelectorAll('label')].find((l) => l.textContent?.includes(label))!
			).borderStyle;
		expect(style('Consumption abroad')).not.toBe(style('Cross-border supply'));
	});

	it('says 漏选 in Chinese', async () => {
		const screen = await show(multiple, { type: 'multiple', choices: ['a'] }, 'zh-CN');
		await expect
			.element(screen.getByRole('checkbox', { name: /Consumption abroad.*漏选/ }))
			.toBeVisible();
		await expect
			.element(screen.getByRole('checkbox', { name: /Cross-border supply.*选对/ }))
			.toBeVisible();
	});

	it('shows only the key on an item left unanswered (a skipped exam question, a preview)', async () => {
		const screen = await show(multiple, null);
		expect(marks(screen.container)).toEqual({
			'Cross-border supply': 'key',
			'Consumption abroad': 'key',
			'Tariff quota': null,
			'Commercial presence': 'key'
		});
	});
});

describe('matching feedback at 360 px', () => {
	const response: Response = { type: 'matching', rightFor: { 0: 0, 1: 2, 2: 1 } };

	it('shows every chosen answer in full, and the key not in the wrong colour', async () => {
		const screen = await show(matching, response);
		const rows = [...screen.container.querySelectorAll('li')];
		expect(rows).toHaveLength(3);
		for (const [left, chosen] of [
			[0, 0],
			[1, 2],
			[2, 1]
		]) {
			const yours = rows[left].querySelector<HTMLElement>(
				'[data-mark="right"], [data-mark="wrong"]'
			);
			expect(yours?.textContent).toContain(long(chosen + 1));
			// Not cut off: the whole text fits the box (wraps rather than overflows).
			expect(yours!.scrollWidth).toBeLessThanOrEqual(yours!.clientWidth);
			expect(yours!.getBoundingClientRect().right).toBeLessThanOrEqual(360);
		}
		expect(
			rows.map((r) =>
				r.querySelector('[data-mark="wrong"], [data-mark="right"]')?.getAttribute('data-mark')
			)
		).toEqual(['right', 'wrong', 'wrong']);
		const wrong = rows[1].querySelector<HTMLElement>('[data-mark="wrong"]')!;
		const key = rows[1].querySelector<HTMLElement>('[data-mark="key"]')!;
		expect(key.textContent).toContain(long(2));
		expect(getComputedStyle(key).color).not.toBe(getComputedStyle(wrong).color);
		// A right row needs no second line.
		expect(rows[0].querySelector('[data-mark="key"]')).toBeNull();
	});
});

describe('cloze feedback at 360 px', () => {
	it('shows a long typed answer in full and marks it', async () => {
		const text = long(9);
		const screen = await show(
			{ ...base, id: 'c1', type: 'cloze', stem: 'Fill ____ in.', accept: ['cross-border supply'] },
			{ type: 'cloze', text }
		);
		const yours = screen.container.querySelector<HTMLElement>('[data-mark="wrong"]');
		expect(yours?.textContent).toContain(text);
		expect(yours!.scrollWidth).toBeLessThanOrEqual(yours!.clientWidth);
	});
});

describe('marks set in place at the verdict', () => {
	const trueFalse: Item = {
		...base,
		id: 't1',
		type: 'truefalse',
		stem: 'GATS has four modes.',
		answer: true
	};
	const classify: Item = {
		...base,
		id: 'k1',
		type: 'classify',
		stem: 'A consultant flies to Paris.',
		dimensions: [
			{
				family: 'mode',
				label: 'Mode of supply',
				answer: 'm4',
				options: [
					{ id: 'm1', label: 'Cross-border' },
					{ id: 'm4', label: 'Presence of natural persons' }
				]
			}
		]
	} as Item;
	const cases: [string, Item, Response][] = [
		['multiple', multiple, { type: 'multiple', choices: ['a', 'c'] }],
		['truefalse', trueFalse, { type: 'truefalse', value: false }],
		['classify', classify, { type: 'classify', values: { mode: 'm1' } }]
	];

	// The verdict's frame only fills marks that are already there: no option grows new nodes in
	// the answer's task, and a mark is out of the option's name (hidden) until it says something.
	it.each(cases)(
		'%s: the same mark nodes before and after, hidden until then',
		async (_, item, response) => {
			initLocale('en');
			const props = {
				item,
				orderSeed: 7,
				response,
				disabled: false,
				showKey: false,
				onchange: () => {}
			};
			const screen = await render(ItemView, props);
			const before = [...screen.container.querySelectorAll<HTMLElement>('label .mark')];
			expect(before.length).toBe(screen.container.querySelectorAll('label').length);
			for (const mark of before) {
				expect(mark.hidden).toBe(true);
				expect(mark.textContent!.trim()).toBe('');
				expect(mark.hasAttribute('data-mark')).toBe(false);
			}
			await expect
				.element(
					screen.getByRole(item.type === 'multiple' ? 'checkbox' : 'radio', {
						name: /Chosen|Missed|Key/
					})
				)
				.not.toBeInTheDocument();

			await screen.rerender({ ...props, disabled: true, showKey: true });
			const after = [...screen.container.querySelectorAll<HTMLElement>('label .mark')];
			expect(after).toHaveLength(before.length);
			after.forEach((mark, i) => expect(mark, `mark ${i} was replaced`).toBe(before[i]));
			const shown = after.filter((mark) => !mark.hidden);
			expect(shown.length).toBeGreaterThan(0);
			for (const mark of shown)
				expect(mark.textContent).toMatch(/Chosen, right|Chosen, wrong|Missed|Answer/);
			// The chosen wrong option says so in its accessible name.
			await expect
				.element(
					screen
						.getByRole(item.type === 'multiple' ? 'checkbox' : 'radio', { name: /Chosen, wrong/ })
						.first()
				)
				.toBeInTheDocument();
		}
	);
});
