import { beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { LeaderboardRow } from '$lib/classroom/protocol';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import '../../../../app.css';
import Podium from './Podium.svelte';

// The projector's end-of-quiz podium (issue #11): tied players share a step, so they must stand
// at the same height, and a lower rank stands lower.

const row = (rank: number, nickname: string, points: number): LeaderboardRow => ({
	rank,
	playerId: nickname,
	nickname,
	points,
	correct: 0
});

beforeAll(async () => {
	await initLocale('en');
	await ensureNamespaces(['classroom', 'common']);
});

async function stepHeights(rows: LeaderboardRow[]): Promise<number[]> {
	const screen = await render(Podium, { rows });
	await page.viewport(1280, 720);
	const heights = [...screen.container.querySelectorAll('[data-testid="podium-step"] .block')].map(
		(block) => Math.round(block.getBoundingClientRect().height)
	);
	await screen.unmount();
	return heights;
}

describe('podium steps', () => {
	it('three players tied first stand equally high', async () => {
		const heights = await stepHeights([row(1, 'Ann', 900), row(1, 'Bo', 900), row(1, 'Cy', 900)]);
		expect(heights).toHaveLength(3);
		expect(heights[0]).toBeGreaterThan(0);
		expect(new Set(heights).size).toBe(1);
	});

	it('1, 2, 2: the two seconds share a lower step', async () => {
		const [first, second, third] = await stepHeights([
			row(1, 'Ann', 900),
			row(2, 'Bo', 800),
			row(2, 'Cy', 800)
		]);
		expect(second).toBe(third);
		expect(first).toBeGreaterThan(second);
	});

	it('1, 2, 3 stand in three heights', async () => {
		const [first, second, third] = await stepHeights([
			row(1, 'Ann', 900),
			row(2, 'Bo', 800),
			row(3, 'Cy', 700)
		]);
		expect(first).toBeGreaterThan(second);
		expect(second).toBeGreaterThan(third);
	});
});
