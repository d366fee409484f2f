import { beforeAll, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { page } from 'vitest/browser';
import type { PlayerSession, RoomSubscription } from '$lib/classroom/client.svelte';
import { rememberPlayerSession, savedPlayerSession } from '$lib/classroom/stored-sessions';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import en from '$lib/i18n/locales/en/classroom.json';
import '../../../../app.css';
import PlayerScreen from './PlayerScreen.svelte';
import * as realGame from './player-game';
import { lobbyView, playerSession } from './views.fixture';

// The join page's first load is the form only (issue #14): the game's code is fetched when the
// student starts on the form, is used once they join, and a failed fetch (a phone on a weak
// Wi-Fi, WeChat's browser with no service worker) is said clearly and tried again.

type Game = typeof realGame;

const session = playerSession;
const lobby = lobbyView;
/** PINs the fake game was asked to join. */
const joinedPins: string[] = [];
/** A game whose requests succeed without a server; its screen is the real one. */
const fakeGame = {
	...realGame,
	joinRoom: async (pin: string) => {
		joinedPins.push(pin);
		return session;
	},
	resumePlayer: () => ({
		session,
		room: {
			view: lobby,
			status: 'open',
			error: null,
			remainingMs: () => 0,
			close: () => {}
		} as unknown as RoomSubscription<'player'>
	})
} as Game;

beforeAll(async () => {
	initLocale('en');
	await ensureNamespaces(['quiz', 'classroom']);
	localStorage.removeItem('classroom.player.v1');
});

describe('the join page before and after joining', () => {
	it('fetches the game only once the form is used, says so when it cannot, and joins on a retry', async () => {
		const attempts: string[] = [];
		let online = false;
		const loadGameCode = () => {
			attempts.push(online ? 'ok' : 'failed');
			return online ? Promise.resolve(fakeGame) : Promise.reject(new TypeError('Failed to fetch'));
		};
		await render(PlayerScreen, { loadGameCode });
		await expect.element(page.getByRole('heading', { name: en.join.title })).toBeVisible();
		expect(attempts).toEqual([]);

		// Starting on the form fetches ahead (it fails here: the phone is offline).
		const pin = page.getByRole('textbox', { name: en.join.pin, exact: true });
		await pin.click();
		await expect.poll(() => attempts).toEqual(['failed']);
		// Typed in full width (a Chinese input method's full-width mode): the same six digits.
		await pin.fill('１２３ ４５６');
		await page.getByRole('textbox', { name: en.join.nickname, exact: true }).fill('Ann');
		await page.getByRole('button', { name: en.join.submit }).click();
		await expect.element(page.getByRole('alert')).toHaveTextContent(en.errors.loadFailed);
		await expect.element(pin).toHaveFocus();
		// Each new start (a field focused, the button) tries again while it fails.
		expect(attempts.length).toBeGreaterThanOrEqual(2);
		expect(attempts).not.toContain('ok');

		// Back online: the same button joins, and the game screen replaces the form.
		online = true;
		await page.getByRole('button', { name: en.join.submit }).click();
		await expect.element(page.getByTestId('player-lobby')).toBeVisible();
		await expect.element(page.getByTestId('player-name')).toHaveTextContent('Ann');
		expect(joinedPins).toEqual(['123456']);
		// Fetched once it worked, never again.
		expect(attempts.filter((a) => a === 'ok')).toEqual(['ok']);
	});
});

describe('the join page in a browser that keeps nothing', () => {
	it('plays on after joining when storage is off, and says a reload needs the rejoin code', async () => {
		// WeChat's browser with storage off, or a full quota: every write throws.
		const setItem = Storage.prototype.setItem;
		Storage.prototype.setItem = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		try {
			const joined = { ...session, rejoinCode: 'K7M2Q' };
			const subscribed: PlayerSession[] = [];
			// The real contract: the stored player unless given the one who just joined.
			const game = {
				...fakeGame,
				joinRoom: async () => {
					expect(rememberPlayerSession(joined)).toBe(false);
					return joined;
				},
				resumePlayer: (given: PlayerSession | null = savedPlayerSession()) => {
					if (!given) return null;
					subscribed.push(given);
					return { session: given, room: fakeGame.resumePlayer()!.room };
				}
			} as Game;
			await render(PlayerScreen, { loadGameCode: () => Promise.resolve(game) });
			await page.getByRole('textbox', { name: en.join.pin, exact: true }).fill('123456');
			await page.getByRole('textbox', { name: en.join.nickname, exact: true }).fill('Ann');
			await page.getByRole('button', { name: en.join.submit }).click();
			await expect.element(page.getByTestId('player-lobby')).toBeVisible();
			expect(subscribed.map((s) => s.token)).toEqual([joined.token]);
			await expect
				.element(page.getByTestId('not-kept'))
				.toHaveTextContent(en.player.notKept.replace('{{code}}', 'K7M2Q'));
		} finally {
			Storage.prototype.setItem = setItem;
		}
	});
});
