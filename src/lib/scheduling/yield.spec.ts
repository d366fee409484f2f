import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './yield';

describe('whenIdle', () => {
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('asks requestIdleCallback with a deadline, and can be cancelled', () => {
		const request = vi.fn((_work: IdleRequestCallback, _options?: IdleRequestOptions) => 7);
		const cancel = vi.fn();
		vi.stubGlobal('requestIdleCallback', request);
		vi.stubGlobal('cancelIdleCallback', cancel);
		const work = vi.fn();
		const stop = whenIdle(work);
		expect(request.mock.calls[0][1]?.timeout).toBeGreaterThan(0);
		request.mock.calls[0][0]({ didTimeout: false, timeRemaining: () => 10 });
		expect(work).toHaveBeenCalledOnce();
		stop();
		expect(cancel).toHaveBeenCalledWith(7);
	});

	it('falls back to a timer where the browser has no requestIdleCallback', () => {
		vi.useFakeTimers();
		vi.stubGlobal('requestIdleCallback', undefined);
		const work = vi.fn();
		whenIdle(work);
		expect(work).not.toHaveBeenCalled();
		vi.advanceTimersByTime(100);
		expect(work).toHaveBeenCalledOnce();
		const cancelled = vi.fn();
		whenIdle(cancelled)();
		vi.advanceTimersByTime(100);
		expect(cancelled).not.toHaveBeenCalled();
	});
});
