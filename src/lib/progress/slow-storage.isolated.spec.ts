import { afterEach, describe, expect, it, vi } from 'vitest';
import { getStore, progress } from './progress.svelte';
import { SLOW_STORAGE_MS, watchSlow } from './slow';
import type { ProgressStore } from './progress-store';

// Storage that keeps a page waiting (a database upgrade blocked by an older tab, the cross-tab
// write lock held by another tab) must not leave the learner before a silent screen: a notice
// says so after a few seconds, and goes when storage answers.

let finishOpen: (store: ProgressStore) => void = () => {};
let lockWait: ((granted: Promise<void>) => void) | undefined;
vi.mock('./app-store', () => ({
	openAppStore: (_report: unknown, onLockWait?: (granted: Promise<void>) => void) => {
		lockWait = onLockWait;
		return new Promise<ProgressStore>((resolve) => (finishOpen = resolve));
	}
}));

afterEach(() => vi.useRealTimers());

describe('watchSlow', () => {
	it('says nothing of work that settles in time', async () => {
		vi.useFakeTimers();
		const onSlow = vi.fn();
		const onRecovered = vi.fn();
		await watchSlow(Promise.resolve(1), onSlow, onRecovered, 100);
		await vi.advanceTimersByTimeAsync(200);
		expect([onSlow.mock.calls.length, onRecovered.mock.calls.length]).toEqual([0, 0]);
	});

	it('reports work still waiting after the limit, once, and its end, also when it fails', async () => {
		vi.useFakeTimers();
		const onSlow = vi.fn();
		const onRecovered = vi.fn();
		let fail: (e: Error) => void = () => {};
		const work = watchSlow(new Promise((_, reject) => (fail = reject)), onSlow, onRecovered, 100);
		await vi.advanceTimersByTimeAsync(99);
		expect(onSlow).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(500);
		expect(onSlow).toHaveBeenCalledTimes(1);
		expect(onRecovered).not.toHaveBeenCalled();
		fail(new Error('blocked'));
		await expect(work).rejects.toThrow('blocked');
		expect(onRecovered).toHaveBeenCalledTimes(1);
	});
});

describe('the app store, slow to open or to lock', () => {
	it('shows the "slow" notice while opening hangs and withdraws it when the store opens', async () => {
		vi.useFakeTimers();
		const opening = getStore();
		await vi.advanceTimersByTimeAsync(SLOW_STORAGE_MS - 100);
		expect(progress.notices.some((n) => n.kind === 'slow')).toBe(false);
		await vi.advanceTimersByTimeAsync(200);
		expect(progress.notices.filter((n) => n.kind === 'slow')).toHaveLength(1);

		finishOpen({ persistent: true } as ProgressStore);
		await opening;
		expect(progress.notices.some((n) => n.kind === 'slow')).toBe(false);

		// The cross-tab write lock held elsewhere: the same notice, once for overlapping waits.
		let grantFirst = () => {};
		let grantSecond = () => {};
		lockWait!(new Promise<void>((r) => (grantFirst = r)));
		lockWait!(new Promise<void>((r) => (grantSecond = r)));
		await vi.advanceTimersByTimeAsync(SLOW_STORAGE_MS + 100);
		expect(progress.notices.filter((n) => n.kind === 'slow')).toHaveLength(1);
		grantFirst();
		await vi.advanceTimersByTimeAsync(0);
		expect(progress.notices.some((n) => n.kind === 'slow')).toBe(true);
		grantSecond();
		await vi.advanceTimersByTimeAsync(0);
		expect(progress.notices.some((n) => n.kind === 'slow')).toBe(false);
	});
});
