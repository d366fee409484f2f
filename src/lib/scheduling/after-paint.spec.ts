import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from './after-paint';

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
});
