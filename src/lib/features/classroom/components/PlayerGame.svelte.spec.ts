import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { PlayerView } from '$lib/classroom/protocol';
import type { RoomSubscription } from '$lib/classroom/client.svelte';
import { ensureNamespaces, initLocale, t } from '$lib/i18n/i18n.svelte';
import '../../../../app.css';
import PlayerGame from './PlayerGame.svelte';
import { lobbyView, playerSession, singleQuestion } from './views.fixture';

// Every change of screen on the phone replaces the control the student was on (the answer's
// button, the options, the leave button). A keyboard or screen-reader user must land on the new
// screen's heading, never on the page body, and hear the verdict once (the focused heading or a
// live region, not both).

const session = playerSession;
const question = (paused = false) => singleQuestion(1, paused);
const base = lobbyView;
const answered = { answered: true, correct: true, fraction: 1, points: 900 };

const room = (view: PlayerView) =>
	({
		view,
		status: 'open',
		error: null,
		remainingMs: () => 60_000,
		close: () => {}
	}) as unknown as RoomSubscription<'player'>;

/** What a screen reader says: each focused element's text, and each new live-region text. */
function listen(container: HTMLElement) {
	const spoken: string[] = [];
	const last = new Map<Element, string>();
	const read = () => {
		for (const region of container.querySelectorAll('[aria-live], [role="status"]')) {
			const text = region.textContent?.trim() ?? '';
			if (text && last.get(region) !== text) spoken.push(text);
			last.set(region, text);
		}
	};
	const observer = new MutationObserver(read);
	observer.observe(container, { subtree: true, childList: true, characterData: true });
	const onFocus = (event: FocusEvent) =>
		spoken.push((event.target as HTMLElement).textContent?.trim() ?? '');
	document.addEventListener('focusin', onFocus);
	read();
	return {
		spoken,
		stop() {
			observer.disconnect();
			document.removeEventListener('focusin', onFocus);
		}
	};
}

const focused = () => {
	const active = document.activeElement as HTMLElement | null;
	return active && active !== document.body
		? `${active.tagName.toLowerCase()}: ${active.textContent?.trim()}`
		: 'body';
};

let stopListening = () => {};
afterEach(() => stopListening());

describe.each(['en', 'zh-CN'] as const)(
	'focus on the phone when the screen changes (%s)',
	(locale) => {
		it('lands on each new screen’s heading, and the verdict is said once', async () => {
			initLocale(locale);
			await ensureNamespaces(['quiz', 'classroom']);
			const position = t('classroom:stage.position', { position: 2, total: 3 });
			const screen = await render(PlayerGame, {
				session,
				room: room(base),
				onleave: () => {}
			});
			const listener = listen(screen.container);
			stopListening = listener.stop;
			const expectFocus = (expected: string) => expect.poll(focused).toBe(expected);

			await expectFocus(`h2: ${t('classroom:player.inLobby')}`);

			// A question: its heading. The student picks an option and sends; the form goes.
			await screen.rerender({ room: room({ ...base, phase: 'question', question: question() }) });
			await expectFocus(`h2: ${position}`);
			const option = screen.container.querySelector<HTMLInputElement>('input[type=radio]')!;
			option.focus();
			await screen.rerender({
				room: room({ ...base, phase: 'question', question: question(), myAnswer: answered })
			});
			await expectFocus(`h2: ${position}`);

			// Paused while the options were focused: they are disabled, focus goes to the heading.
			await screen.rerender({ room: room({ ...base, phase: 'question', question: question() }) });
			screen.container.querySelector<HTMLInputElement>('input[type=radio]')!.focus();
			await screen.rerender({
				room: room({ ...base, phase: 'question', question: question(true) })
			});
			await expectFocus(`h2: ${position}`);

			// The reveal: the verdict is the heading.
			const verdict = t('classroom:player.right', { count: 900, percent: 100 });
			await screen.rerender({
				room: room({
					...base,
					phase: 'revealed',
					question: question(),
					myAnswer: answered,
					reveal: { key: { type: 'single', optionId: 'a', explanation: '' } }
				})
			});
			await expectFocus(`h2: ${verdict}`);

			const me = { ...base.me, points: 900, rank: 1 };
			await screen.rerender({ room: room({ ...base, phase: 'leaderboard', me }) });
			await expectFocus(`h2: ${t('classroom:player.standings')}`);
			await screen.rerender({ room: room({ ...base, phase: 'ended', me }) });
			await expectFocus(`h2: ${t('classroom:player.finished')}`);

			// Removed by the host: the one thing left to do is join again.
			await screen.rerender({ room: room({ ...base, phase: 'ended', me, status: 'removed' }) });
			await expectFocus(`button: ${t('classroom:player.joinAgain')}`);

			expect(listener.spoken.filter((text) => text === verdict)).toEqual([verdict]);
			expect(listener.spoken).toContain(t('classroom:player.rank', { rank: 1, total: 4 }));
		});
	}
);
