import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { saveAttemptsActor, startClock } from './quiz.actors';
import type { SaveAttemptsInput } from '$lib/answering/types';

afterEach(() => {
	vi.useRealTimers();
});

describe('quiz effects', () => {
	it('saveAttemptsActor hands its input to the store function', async () => {
		const save = vi.fn(async (_input: SaveAttemptsInput) => {});
		const input: SaveAttemptsInput = { mode: 'exam', answers: [] };
		const actor = createActor(saveAttemptsActor(save), { input }).start();
		await waitFor(actor, (s) => s.status === 'done');
		expect(save).toHaveBeenCalledWith(input);
	});

	it('startClock ticks at once and every interval with the injected time, until stopped', () => {
		vi.useFakeTimers();
		let now = 100;
		const send = vi.fn();
		const stop = startClock({ send }, 1000, () => now);
		now = 1100;
		vi.advanceTimersByTime(1000);
		stop();
		vi.advanceTimersByTime(5000);
		expect(send.mock.calls).toEqual([
			[{ type: 'clock.tick', at: 100 }],
			[{ type: 'clock.tick', at: 1100 }]
		]);
	});
});
