import { beforeAll, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { PublicItem, RevealedKey } from '$lib/classroom/protocol';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import '../../../../app.css';
import RevealedAnswer from './RevealedAnswer.svelte';

// The classroom phone after reveal shows the player's own whole answer and the key, like the
// solo flows (issue #8), for matching too: the phone saw the right-hand list shuffled and
// answered with indexes into it.

const long = (n: number) =>
	`Answer ${n}: a service supplied from the territory of one member into the territory of any other member, described in full`;

const question: PublicItem = {
	type: 'matching',
	stem: 'Match each term.',
	left: ['First', 'Second', 'Third'],
	// As this phone was shown the right-hand texts: not in key order.
	right: [long(3), long(1), long(2)]
};
const revealed: RevealedKey = {
	type: 'matching',
	explanation: 'Why.',
	pairs: [
		{ left: 'First', right: long(1) },
		{ left: 'Second', right: long(2) },
		{ left: 'Third', right: long(3) }
	]
};

beforeAll(async () => {
	initLocale('en');
	await ensureNamespaces(['quiz', 'classroom']);
});

describe('classroom phone after reveal: matching', () => {
	it('shows each chosen answer in full, right or wrong, and the key where it was wrong', async () => {
		// First → long(1) (right), Second → long(3) (wrong), Third → long(2) (wrong); indexes into
		// the shown list.
		const screen = await render(RevealedAnswer, {
			question,
			itemId: 'classroom-q0',
			revealed,
			response: { type: 'matching', rightFor: { 0: 1, 1: 0, 2: 2 } }
		});
		const rows = [...screen.container.querySelectorAll('li')];
		expect(rows).toHaveLength(3);
		const yours = rows.map((r) => r.querySelector('[data-mark="right"], [data-mark="wrong"]'));
		expect(yours.map((y) => y?.getAttribute('data-mark'))).toEqual(['right', 'wrong', 'wrong']);
		expect(yours[0]?.textContent).toContain(long(1));
		expect(yours[1]?.textContent).toContain(long(3));
		expect(yours[2]?.textContent).toContain(long(2));
		expect(rows[1].querySelector('[data-mark="key"]')?.textContent).toContain(long(2));
		expect(rows[2].querySelector('[data-mark="key"]')?.textContent).toContain(long(3));
		expect(rows[0].querySelector('[data-mark="key"]')).toBeNull();
		expect(screen.container.textContent).toContain('Why.');
	});

	it('shows only the key line when the phone sent nothing', async () => {
		const screen = await render(RevealedAnswer, {
			question,
			itemId: 'classroom-q0',
			revealed,
			response: null
		});
		expect(screen.container.querySelectorAll('li')).toHaveLength(0);
		expect(screen.getByTestId('key-text').element().textContent).toContain(`First → ${long(1)}`);
	});
});
