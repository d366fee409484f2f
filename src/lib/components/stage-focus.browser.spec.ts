import { afterEach, describe, expect, it } from 'vitest';
import { stageFocus } from './stage-focus';

// The rules of stageFocus on a real DOM: 'always' follows every new stage; 'lost' leaves a
// control the user is still on alone and takes over only when focus was lost (removed,
// disabled, on the body). Equal keys never move focus.

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function heading(): HTMLElement {
	const node = document.createElement('h2');
	node.tabIndex = -1;
	node.textContent = 'Stage';
	document.body.append(node);
	return node;
}
function button(): HTMLButtonElement {
	const node = document.createElement('button');
	node.textContent = 'Reveal';
	document.body.append(node);
	node.focus();
	return node;
}

afterEach(() => document.body.replaceChildren());

describe('stageFocus', () => {
	it("'always' focuses the heading when it mounts and when the key changes, not on the same key", async () => {
		const node = heading();
		const action = stageFocus(node, { key: 'lobby' });
		await settle();
		expect(document.activeElement).toBe(node);
		const other = button();
		action.update({ key: 'lobby' });
		await settle();
		expect(document.activeElement).toBe(other);
		action.update({ key: 'question:0' });
		await settle();
		expect(document.activeElement).toBe(node);
	});

	it("'lost' leaves a focused control alone, and takes over when it is disabled or removed", async () => {
		const control = button();
		const node = heading();
		const action = stageFocus(node, { key: 'question:0', mode: 'lost' });
		await settle();
		expect(document.activeElement).toBe(control);

		control.disabled = true;
		action.update({ key: 'revealed:0', mode: 'lost' });
		await settle();
		expect(document.activeElement).toBe(node);

		const next = button();
		action.update({ key: 'leaderboard', mode: 'lost' });
		await settle();
		expect(document.activeElement).toBe(next);
		next.remove();
		action.update({ key: 'question:1', mode: 'lost' });
		await settle();
		expect(document.activeElement).toBe(node);
	});

	it('does nothing once destroyed', async () => {
		const control = button();
		control.remove();
		const node = heading();
		stageFocus(node, { key: 'ended' }).destroy();
		await settle();
		expect(document.activeElement).toBe(document.body);
	});
});
