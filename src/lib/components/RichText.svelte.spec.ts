import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Block } from '$lib/bank/types';
import RichText from './RichText.svelte';

const zh: Block[] = [
	{ kind: 'p', spans: [{ text: '服务贸易有四种提供方式。' }] },
	{ kind: 'ul', items: [[{ text: '跨境交付' }], [{ text: '境外消费', bold: true }]] }
];
const en: Block[] = [
	{ kind: 'p', spans: [{ text: 'Trade in services has four modes of supply.' }] },
	{ kind: 'ul', items: [[{ text: 'cross-border supply' }], [{ text: 'consumption abroad' }]] }
];

const box = (el: Element) => el.getBoundingClientRect();

describe('RichText, bilingual reading', () => {
	it('pairs each paragraph with its counterpart, each tagged with its language', async () => {
		await page.viewport(1024, 800);
		const screen = await render(RichText, {
			blocks: en,
			lang: 'en',
			pair: { blocks: zh, lang: 'zh-CN' }
		});
		await expect
			.element(screen.getByText('Trade in services has four modes of supply.'))
			.toBeVisible();
		const pairs = screen.container.querySelectorAll('.pair');
		expect(pairs).toHaveLength(2);
		const first = pairs[0];
		const own = first.querySelector('p[lang="en"]')!;
		const other = first.querySelector('p[lang="zh-CN"]')!;
		expect(other.textContent).toBe('服务贸易有四种提供方式。');
		expect(pairs[1].querySelector('ul[lang="zh-CN"] strong')?.textContent).toBe('境外消费');
		// Side by side on a laptop: same row, the other language to the right.
		expect(Math.abs(box(own).top - box(other).top)).toBeLessThan(2);
		expect(box(other).left).toBeGreaterThan(box(own).right - 1);
		// Stacked per paragraph at 360 px: the counterpart directly under its paragraph.
		await page.viewport(360, 800);
		await expect.poll(() => box(other).top > box(own).bottom - 1).toBe(true);
		expect(box(pairs[1]).top).toBeGreaterThan(box(other).bottom - 1);
	});

	it('without a pair renders one language, tagged, and no pairing markup', async () => {
		const screen = await render(RichText, { blocks: zh, lang: 'zh-CN' });
		await expect.element(screen.getByText('服务贸易有四种提供方式。')).toBeVisible();
		expect(screen.container.querySelectorAll('.pair')).toHaveLength(0);
		expect(screen.container.querySelector('p')?.getAttribute('lang')).toBe('zh-CN');
	});
});
