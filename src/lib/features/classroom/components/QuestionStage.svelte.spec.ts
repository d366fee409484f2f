import { beforeAll, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { HostView } from '$lib/classroom/protocol';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import en from '$lib/i18n/locales/en/classroom.json';
import QuestionStage from './QuestionStage.svelte';
import { singleQuestion } from './views.fixture';

// The host console and the projector get a new view on every answer. A screen reader must hear
// the stage's moments (the question, everybody answered), not every change of the tally.

const question = singleQuestion(0);
const view = (answeredCount: number, playerCount = 4) =>
	({
		role: 'host',
		roomId: 'room-1',
		phase: 'question',
		serverNow: 0,
		questionCount: 3,
		question,
		playerCount,
		answeredCount,
		reveal: null,
		leaderboard: null,
		locked: false
	}) as unknown as HostView;

beforeAll(async () => {
	initLocale('en');
	await ensureNamespaces(['quiz', 'classroom']);
});

describe('what a screen reader hears while the class answers', () => {
	it('announces everybody answered once, never each answer', async () => {
		const screen = await render(QuestionStage, { view: view(0), remainingMs: () => 60_000 });
		const spoken: string[] = [];
		const listen = () => {
			const regions = screen.container.querySelectorAll('[aria-live], [role="status"]');
			for (const region of regions) {
				const text = region.textContent?.trim() ?? '';
				if (text && !spoken.includes(text)) spoken.push(text);
			}
		};
		const observer = new MutationObserver(listen);
		observer.observe(screen.container, { subtree: true, childList: true, characterData: true });
		listen();
		for (const answered of [1, 2, 3, 4]) {
			await screen.rerender({ view: view(answered) });
			await expect
				.element(screen.getByTestId('answered-count'))
				.toHaveTextContent(
					en.stage.answered.replace('{{count}}', String(answered)).replace('{{total}}', '4')
				);
		}
		observer.disconnect();
		const tally = spoken.filter((text) => text.includes('answered') && /\d of \d/.test(text));
		expect(tally).toEqual([]);
		expect(spoken).toContain(en.stage.allAnswered_other.replace('{{count}}', '4'));
	});
});
