import { describe, expect, it } from 'vitest';
import { webLock } from './tables';

// The real Web Locks API: the wait for the grant is handed to the caller (who tells the
// learner when it is long), and it ends at the grant, not when the task ends.

describe('webLock reports its wait for the grant', () => {
	it('waits while another holder has the lock and ends the wait when it is granted', async () => {
		const name = `sta:test:${crypto.randomUUID()}`;
		let releaseOther = () => {};
		const otherHolds = new Promise<void>((held) =>
			navigator.locks.request(name, () => {
				held();
				return new Promise<void>((r) => (releaseOther = r));
			})
		);
		await otherHolds;
		const waits: Promise<void>[] = [];
		const events: string[] = [];
		const run = webLock(name, (granted) => waits.push(granted))(async () => {
			events.push('task');
			return 7;
		});
		expect(waits).toHaveLength(1);
		void waits[0].then(() => events.push('granted'));
		await new Promise((r) => setTimeout(r, 50));
		expect(events).toEqual([]);
		releaseOther();
		expect(await run).toBe(7);
		expect([...events].sort()).toEqual(['granted', 'task']);
	});
});
