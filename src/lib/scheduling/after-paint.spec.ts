import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, resolvedAfterNextPaint } from './after-paint';

describe('afterNextPaint', () => {
	let frames: FrameRequestCallback[] = [];
	beforeEach(() => {
		vi.useFakeTimers();
		frames = [];
		vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
			frames.push(callback);
			return frames.length;
		});
		vi.stubGlobal('cancelAnimationFrame', () => {});
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});
	const paint = () => frames.splice(0).forEach((callback) => callback(0));

	it('runs all works asked before a paint after it, in order, from one frame callback', () => {
		const ran: string[] = [];
		afterNextPaint(() => ran.push('explanation'));
		afterNextPaint(() => ran.push('save'));
		expect(frames).toHaveLength(1);
		vi.advanceTimersByTime(0);
		expect(ran).toEqual([]); // not before the frame is painted
		paint();
		vi.advanceTimersByTime(0);
		expect(ran).toEqual(['explanation', 'save']);
	});

	it('skips a cancelled work, survives a failing one, and runs anyway without frames', () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const ran: string[] = [];
		const cancel = afterNextPaint(() => ran.push('cancelled'));
		afterNextPaint(() => {
			throw new Error('boom');
		});
		afterNextPaint(() => ran.push('after the failure'));
		cancel();
		// A hidden tab paints nothing: the works still run, a quarter second later.
		vi.advanceTimersByTime(250);
		expect(ran).toEqual(['after the failure']);
		expect(error).toHaveBeenCalledOnce();
		// Asked again later: a new frame.
		afterNextPaint(() => ran.push('next'));
		paint();
		vi.advanceTimersByTime(0);
		expect(ran).toEqual(['after the failure', 'next']);
	});

	it('resolvedAfterNextPaint: a save done at once resolves after the paint; a failure at once', async () => {
		const save = resolvedAfterNextPaint(async (id: string) => `stored ${id}`);
		let result = '';
		void save('q-1').then((r) => (result = r));
		await vi.advanceTimersByTimeAsync(0);
		expect(result).toBe(''); // stored, but the flow moves on only once the frame is painted
		paint();
		await vi.advanceTimersByTimeAsync(0);
		expect(result).toBe('stored q-1');

		const failing = resolvedAfterNextPaint(async () => {
			throw new Error('disk full');
		});
		let error: unknown = null;
		failing().catch((e: unknown) => (error = e));
		await Promise.resolve();
		await Promise.resolve();
		expect(error).toEqual(new Error('disk full'));
		paint();
		await vi.advanceTimersByTimeAsync(0);
	});
});
