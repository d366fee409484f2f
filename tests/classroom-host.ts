import type { Page } from '@playwright/test';
import { expect, type Locale } from './fixtures';

/**
 * A room of exactly `items` (bank items, as a saved quiz set would send them), created over the
 * API from the host's own page and left in its storage as the host console leaves it (session
 * and QR), then the console reloaded onto it, its PIN on screen. Faster than building a set in
 * the sets screen, which its own e2e walks. Returns the room's PIN and id.
 */
export async function hostRoomOfItems(
	host: Page,
	items: readonly unknown[],
	locale: Locale
): Promise<{ pin: string; roomId: string }> {
	const created = await host.evaluate(
		async ({ items, locale }) => {
			const response = await fetch('/api/classroom/rooms', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					locale,
					source: { kind: 'set', items },
					settings: { secondsPerQuestion: 600 }
				})
			});
			const body = await response.json();
			localStorage.setItem(
				'classroom.host.v1',
				JSON.stringify({ roomId: body.roomId, hostSecret: body.hostSecret, pin: body.pin })
			);
			localStorage.setItem(
				'classroom.hostQr.v1',
				JSON.stringify({ roomId: body.roomId, joinUrls: body.joinUrls, qrSvgs: body.qrSvgs })
			);
			return body as { pin: string; roomId: string };
		},
		{ items, locale }
	);
	await host.reload();
	await expect(host.getByTestId('room-pin')).toBeVisible();
	return created;
}
