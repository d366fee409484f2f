import { beforeAll, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import '../../../../app.css';
import JoinPanel from './JoinPanel.svelte';

// The projector's lobby (issue #11): a room of 300 on a 4:3 projector cannot show every name
// at a legible size; the names that do not fit are counted on screen, never silently cut off.

const players = (n: number) =>
	Array.from({ length: n }, (_, i) => ({
		playerId: `p${i}`,
		nickname: i % 7 === 0 ? `Student with a long name ${i}` : `Stu${i}`
	}));

/** The lobby in a projector-sized box; what it shows once its type has settled. */
async function lobby(count: number, width: number, height: number) {
	// Sized before the first fit, as the projector's screen is.
	const container = document.createElement('div');
	Object.assign(container.style, { width: `${width}px`, height: `${height}px` });
	document.body.append(container);
	await render(JoinPanel, {
		target: container,
		props: {
			pin: '123456',
			joinUrls: ['http://192.0.2.2:3000/classroom/join'],
			qrSvg: null,
			players: players(count),
			fill: true
		}
	});
	const list = container.querySelector<HTMLElement>('[data-testid=lobby-names]')!;
	const settled = () => {
		const bottom = list.getBoundingClientRect().bottom + 1;
		const names = [...list.querySelectorAll<HTMLElement>('[data-testid=lobby-name]')];
		const more = container.querySelector('[data-testid=lobby-more]')?.textContent ?? null;
		return {
			fontPx: parseFloat(getComputedStyle(list).fontSize),
			shown: names.filter((n) => n.getBoundingClientRect().bottom <= bottom).length,
			more: more?.trim() ?? null
		};
	};
	// Fitting runs on resize frames: settled once three frames pass with nothing changed. (Two
	// reads 50 ms apart could agree mid-fit on a loaded machine, where no frame ran between
	// them: the count said 68 more while 76 names did not fit.)
	const frame = () => new Promise((done) => requestAnimationFrame(done));
	await expect
		.poll(async () => {
			const before = JSON.stringify(settled());
			for (let i = 0; i < 3; i++) await frame();
			return JSON.stringify(settled()) === before;
		})
		.toBe(true);
	return settled();
}

beforeAll(async () => {
	initLocale('en');
	await ensureNamespaces(['classroom']);
});

describe('the projector lobby', () => {
	it('shows 100 names at 1024×768, every one', async () => {
		const seen = await lobby(100, 1024, 768);
		expect(seen).toMatchObject({ shown: 100, more: null });
		expect(seen.fontPx).toBeGreaterThanOrEqual(14);
	});

	it('counts the names that do not fit at 14 px (300 at 1024×768)', async () => {
		const seen = await lobby(300, 1024, 768);
		expect(seen.fontPx).toBe(14);
		expect(seen.shown).toBeGreaterThan(100);
		expect(seen.shown).toBeLessThan(300);
		expect(seen.more).toBe(
			`…and ${300 - seen.shown} more (every name is on the instructor’s console)`
		);
	});
});
