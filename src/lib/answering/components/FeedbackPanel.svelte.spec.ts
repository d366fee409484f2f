import { createRawSnippet } from 'svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { singleChoice } from '$lib/features/quiz/quiz.fixtures';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import { markAnswer } from '../marking';
import FeedbackPanel from './FeedbackPanel.svelte';

/**
 * Answer → feedback at 4x CPU must fit one frame (issue #14): the verdict is painted in the
 * frame of the answer, the explanation, the quote and the next button one painted frame later,
 * below it, so nothing already shown moves and a live region announces the verdict first.
 */
describe('FeedbackPanel', () => {
	beforeAll(async () => {
		initLocale('en');
		await ensureNamespaces(['quiz']);
	});

	// Frames painted so far, and in which frame each watched text first appeared.
	let frames = 0;
	let loop = 0;
	const seen = new Map<string, number>();
	/** Where the verdict was when it first appeared (before anything could come after it). */
	let firstPlace: DOMRect | null = null;
	let observer: MutationObserver | null = null;
	function watch(texts: Record<string, () => boolean>) {
		const tick = () => {
			frames++;
			loop = requestAnimationFrame(tick);
		};
		loop = requestAnimationFrame(tick);
		observer = new MutationObserver(() => {
			for (const [name, present] of Object.entries(texts))
				if (!seen.has(name) && present()) seen.set(name, frames);
			firstPlace ??= document.querySelector('.verdict')?.getBoundingClientRect() ?? null;
		});
		observer.observe(document.body, { childList: true, subtree: true, characterData: true });
	}
	afterEach(() => {
		cancelAnimationFrame(loop);
		observer?.disconnect();
		seen.clear();
		frames = 0;
		firstPlace = null;
	});

	it('paints the verdict a frame before the explanation, quote and next button', async () => {
		const item = {
			...singleChoice('fb-1', 'a'),
			explanation: 'Because commercial presence is mode 3.'
		};
		const answer = markAnswer(item, { type: 'single', choice: 'b' }, 1_000, 500);
		const body = () => document.body.textContent ?? '';
		watch({
			verdict: () => body().includes('Not quite'),
			explanation: () => body().includes('Because commercial presence'),
			quote: () => body().includes('跨境交付'),
			next: () => document.querySelector('button.next') !== null
		});

		const screen = await render(FeedbackPanel, {
			item,
			answer,
			partTitle: 'Part 1',
			after: createRawSnippet(() => ({ render: () => '<button class="next">Next</button>' }))
		});
		const verdict = screen.getByRole('heading', { name: 'Not quite' });
		await expect.element(verdict).toBeVisible();
		await expect.element(screen.getByText('Because commercial presence')).toBeVisible();
		await expect.element(screen.getByRole('button', { name: 'Next' })).toBeVisible();

		expect(seen.get('verdict')).toBeDefined();
		for (const later of ['explanation', 'quote', 'next'])
			expect(seen.get(later), later).toBeGreaterThan(seen.get('verdict')!);
		// Everything added later went below: the verdict did not move.
		const now = verdict.element().getBoundingClientRect();
		expect(firstPlace).not.toBeNull();
		expect([now.top, now.left, now.height]).toEqual([
			firstPlace!.top,
			firstPlace!.left,
			firstPlace!.height
		]);
		// A region named by the verdict; what the quiz focuses after checking is the explanation
		// below it (the live region has announced the verdict: focus on it would repeat it), and
		// no live region reads the explanation on top of that.
		await expect.element(screen.getByRole('region', { name: 'Not quite' })).toBeVisible();
		const explanation = screen.getByRole('group', { name: 'Why' });
		await expect.element(explanation).toHaveAttribute('tabindex', '-1');
		await expect.element(explanation).toHaveAttribute('aria-live', 'off');
	});
});
