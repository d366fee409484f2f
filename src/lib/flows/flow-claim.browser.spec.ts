import { describe, expect, it, vi } from 'vitest';
import { flowClaim } from './flow-host';

// One flow, two tabs (issue #9, "a flow open in two tabs never forks silently"): the real Web
// Locks API is per origin, so two claims in one page stand for two tabs.

describe('flowClaim', () => {
	it('a second tab finds the flow elsewhere, can take it over, and the first tab is told', async () => {
		const id = `test-${crypto.randomUUID()}`;
		const firstLost = vi.fn();
		const secondLost = vi.fn();
		const first = flowClaim(id, firstLost);
		const second = flowClaim(id, secondLost);

		expect(await first.claim()).toBe('held');
		// Never waits for the holder: the second tab gets its answer at once.
		expect(await second.claim()).toBe('elsewhere');
		expect(firstLost).not.toHaveBeenCalled();

		expect(await second.claim(true)).toBe('held');
		await vi.waitFor(() => expect(firstLost).toHaveBeenCalledTimes(1));
		expect(secondLost).not.toHaveBeenCalled();

		// Released when the second tab leaves: the flow is free again (the lock manager frees
		// it a task later, hence the retry).
		second.release();
		const third = flowClaim(id, () => {});
		await vi.waitFor(async () => expect(await third.claim()).toBe('held'));
		third.release();
	});
});
