import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { offlinePlayerMachine, type OfflinePlayerInput } from './offline-player.machine';

const input: OfflinePlayerInput = {
	sessionCode: 'STAS…',
	questionCount: 2,
	secondsPerQuestion: 10,
	studentId: '0a0b0c0d'
};
const T0 = 1_000_000;

describe('offline player machine', () => {
	it('records the last answer in time, locks it after the deadline, and moves on', () => {
		const actor = createActor(offlinePlayerMachine, { input }).start();
		actor.send({ type: 'nickname.submit', nickname: '   ', at: T0 });
		expect(actor.getSnapshot().value).toBe('naming');
		actor.send({ type: 'nickname.submit', nickname: '  Ann   Lee ', at: T0 });
		expect(actor.getSnapshot().context).toMatchObject({
			nickname: 'Ann Lee',
			current: 0,
			openedAt: T0
		});
		actor.send({
			type: 'answer.change',
			response: { type: 'truefalse', value: true },
			at: T0 + 2000
		});
		actor.send({
			type: 'answer.change',
			response: { type: 'truefalse', value: false },
			at: T0 + 4000
		});
		// Time is up on the phone's clock: the change is refused.
		actor.send({
			type: 'answer.change',
			response: { type: 'truefalse', value: true },
			at: T0 + 10_001
		});
		expect(actor.getSnapshot().context.answers[0]).toEqual({
			response: { type: 'truefalse', value: false },
			ms: 4000
		});
		actor.send({ type: 'question.next', at: T0 + 20_000 });
		expect(actor.getSnapshot().context).toMatchObject({ current: 1, openedAt: T0 + 20_000 });
		actor.send({ type: 'question.next', at: T0 + 21_000 });
		expect(actor.getSnapshot().value).toBe('finished');
		expect(actor.getSnapshot().context.answers[1]).toBeNull();
	});

	it('resumes from a persisted snapshot with the same deadline', () => {
		const actor = createActor(offlinePlayerMachine, { input }).start();
		actor.send({ type: 'nickname.submit', nickname: 'Bo', at: T0 });
		const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
		const restored = createActor(offlinePlayerMachine, { input, snapshot: saved }).start();
		restored.send({
			type: 'answer.change',
			response: { type: 'cloze', text: 'x' },
			at: T0 + 11_000
		});
		expect(restored.getSnapshot().context.answers[0]).toBeNull();
		restored.send({ type: 'answer.change', response: { type: 'cloze', text: 'x' }, at: T0 + 9000 });
		expect(restored.getSnapshot().context.answers[0]?.ms).toBe(9000);
	});

	it('reaches every state', () => {
		const paths = getShortestPaths(offlinePlayerMachine, {
			input,
			events: [
				{ type: 'nickname.submit', nickname: 'A', at: T0 },
				{ type: 'question.next', at: T0 }
			]
		});
		const reached = new Set(paths.map((p) => String(p.state.value)));
		expect([...reached].sort()).toEqual(['answering', 'finished', 'naming']);
	});
});
