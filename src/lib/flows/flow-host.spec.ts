import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { restoreFlow, type FlowMachine } from './flow-host';

// A tiny machine standing in for any flow: a counter that moves from `a` to `b`.
const machine = setup({
	types: { context: {} as { count: number; label: string }, input: {} as { label: string } }
}).createMachine({
	context: ({ input }) => ({ count: 0, label: input.label }),
	initial: 'a',
	states: { a: { on: { go: { target: 'b', actions: assign({ count: 1 }) } } }, b: {} }
});
const saved = (value: unknown, context: object, extra: object = {}) => ({
	snapshot: { status: 'active', value, context, children: {}, historyValue: {} },
	...extra
});
const answer = {
	itemId: 'q1',
	unit: 'u',
	response: { type: 'truefalse' as const, value: true },
	score: { correct: true, fraction: 1 },
	ms: 1000,
	at: 1
};
const definition = (extra: Partial<FlowMachine> = {}): FlowMachine => ({
	id: 'counter',
	version: 2,
	migrations: {},
	saveKey: ({ value }) => JSON.stringify(value),
	// Stands in for a machine's answers: one per count.
	salvage: (old) => ({
		answers: Array.from({ length: (old.context?.count as number) ?? 0 }, () => answer),
		context: {},
		carried: 0,
		dropped: 0
	}),
	...extra
});

describe('the flow host', () => {
	it('starts fresh when nothing is saved', () => {
		const { actor, outcome } = restoreFlow(machine, definition(), null, { label: 'x' });
		expect(outcome).toEqual({ kind: 'fresh' });
		expect(actor.getSnapshot().value).toBe('a');
	});

	it('migrates an older snapshot step by step', () => {
		const old = saved('b', { count: 3 }, { machine: 'counter', version: 1 });
		const { actor, outcome } = restoreFlow(
			machine,
			definition({
				migrations: { 1: (s) => ({ ...s, context: { ...s.context, label: 'migrated' } }) }
			}),
			old,
			{ label: 'x' }
		);
		expect(outcome).toEqual({ kind: 'migrated', from: 1 });
		expect(actor.getSnapshot().context).toEqual({ count: 3, label: 'migrated' });
	});

	it('refuses, without throwing, a snapshot missing context, of another machine or newer', () => {
		const cases = [
			saved('b', { count: 3 }, { version: 2 }),
			saved('b', { count: 3, label: 'y' }, { machine: 'other', version: 2 }),
			saved('b', { count: 3, label: 'y' }, { machine: 'counter', version: 3 }),
			saved('b', { count: 3, label: 'y' }, { version: 1 })
		];
		for (const old of cases) {
			const { actor, outcome } = restoreFlow(machine, definition(), old, { label: 'x' });
			expect(outcome).toMatchObject({ kind: 'outdated', answers: [answer, answer, answer] });
			expect(actor.getSnapshot()).toMatchObject({ status: 'active', value: 'a' });
		}
	});

	it('refuses an unknown state (xstate leaves it in status "error") and runs fresh', () => {
		const old = saved('c', { count: 1, label: 'y' }, { machine: 'counter', version: 2 });
		const { actor, outcome } = restoreFlow(machine, definition(), old, { label: 'x' });
		expect(outcome.kind).toBe('outdated');
		actor.send({ type: 'go' });
		expect(actor.getSnapshot().value).toBe('b');
	});

	it('carries what the machine salvages into the fresh run, or runs plain fresh if it misfits', () => {
		const old = saved('c', { count: 2, label: 'kept' }, { machine: 'counter', version: 2 });
		const carrying = (context: Record<string, unknown>) =>
			definition({ salvage: () => ({ answers: [], context, carried: 1, dropped: 0 }) });
		const kept = restoreFlow(machine, carrying({ label: 'kept' }), old, { label: 'x' });
		expect(kept.outcome).toMatchObject({ kind: 'outdated', carried: 1, dropped: 0 });
		expect(kept.actor.getSnapshot()).toMatchObject({ value: 'a', context: { label: 'kept' } });

		const misfit = definition({
			salvage: () => ({ answers: [], value: 'nowhere', context: {}, carried: 1, dropped: 0 })
		});
		const plain = restoreFlow(machine, misfit, old, { label: 'x' });
		expect(plain.outcome).toMatchObject({ kind: 'outdated', carried: 0, dropped: 1 });
		expect(plain.actor.getSnapshot()).toMatchObject({ status: 'active', value: 'a' });
	});

	it('never throws when salvage does, on any shape', () => {
		const throwing = definition({
			salvage: () => {
				throw new Error('bad shape');
			}
		});
		const { outcome } = restoreFlow(machine, throwing, saved('c', {}), { label: 'x' });
		expect(outcome).toMatchObject({ kind: 'outdated', answers: [], carried: 0 });
	});
});
