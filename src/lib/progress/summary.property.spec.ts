import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '$lib/answering/types';
import { applyLearning } from './learn-hook';
import { dueCount, dueQueue, endOfLocalDay, mistakes } from './queues';
import { openProgressStore, type ProgressStore } from './progress-store';
import {
	addToHistory,
	digestCounts,
	digestDueQueue,
	digestMistakes,
	emptyHistory,
	type UnitDigest
} from './summary';
import { createMemoryTables } from './tables';
import type { Attempt, ItemState } from './types';

/**
 * The running aggregates (history summary, per-unit digest columns) are written in the same
 * transaction as what they summarise; whatever sequence of writes a learner makes, they must
 * equal a recomputation from everything stored: the home count, Review's queues and the
 * Progress page read only them.
 */
const T0 = Date.UTC(2025, 2, 1);
const DAY = 86_400_000;
const UNITS = ['modes-of-supply', 'outsourcing', 'digital-trade'];
const ITEMS = ['q1', 'q2', 'q3', 'q4', 'q5'];

const atArb = fc.integer({ min: T0, max: T0 + 60 * DAY });
const answerArb = fc.record({
	id: fc.uuid(),
	unit: fc.constantFrom(...UNITS),
	item: fc.constantFrom(...ITEMS),
	at: atArb,
	tz: fc.constantFrom(-300, 0, 480),
	correct: fc.boolean(),
	ms: fc.integer({ min: 0, max: 400_000 })
});
const stateArb = fc.record({
	unit: fc.constantFrom(...UNITS),
	item: fc.constantFrom(...ITEMS),
	streak: fc.integer({ min: 0, max: 4 }),
	lastCorrect: fc.boolean(),
	lastAt: atArb,
	// Some due exactly at a local midnight: "due today" includes the day's end itself.
	due: fc.option(fc.oneof(atArb, atArb.map(endOfLocalDay)), { nil: null }),
	// Absent on states written before the notebook: read as !lastCorrect.
	inMistakes: fc.option(fc.boolean(), { nil: undefined })
});

/** One write a learner's device makes. */
const writeArb = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('answers' as const),
			answers: fc.array(answerArb, { minLength: 1, maxLength: 4 })
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('attempts' as const),
			answers: fc.array(answerArb, { maxLength: 4 })
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('states' as const),
			states: fc.array(stateArb, { minLength: 1, maxLength: 4 })
		})
	},
	{ weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) }
);
type Write = typeof writeArb extends fc.Arbitrary<infer W> ? W : never;
type AnswerFacts = Write & { kind: 'answers' } extends { answers: (infer A)[] } ? A : never;

const idOf = (unit: string, item: string) => `${unit}-${item}`;

function attemptOf(a: AnswerFacts): Attempt {
	return {
		id: a.id,
		itemId: idOf(a.unit, a.item),
		unit: a.unit,
		at: a.at,
		tz: a.tz,
		correct: a.correct,
		fraction: a.correct ? 1 : 0,
		ms: a.ms,
		flow: 'practice'
	};
}

function answerOf(a: AnswerFacts): AnswerRecord {
	return {
		itemId: idOf(a.unit, a.item),
		unit: a.unit,
		response: { type: 'truefalse', value: a.correct },
		score: { correct: a.correct, fraction: a.correct ? 1 : 0 },
		ms: a.ms,
		at: a.at
	} as AnswerRecord;
}

async function apply(store: ProgressStore, write: Write): Promise<void> {
	switch (write.kind) {
		case 'answers':
			// The app's path: attempt and learning state in one write (no journal here).
			return store.appendAttempts(
				write.answers.map((a) => ({
					attempt: attemptOf(a),
					learn: { answer: answerOf(a), mode: 'practice' }
				}))
			);
		case 'attempts':
			return void (await store.recordAttempts(write.answers.map(attemptOf)));
		case 'states':
			for (const s of write.states) {
				const state: ItemState = {
					itemId: idOf(s.unit, s.item),
					streak: s.streak,
					lastCorrect: s.lastCorrect,
					lastAt: s.lastAt,
					due: s.due
				};
				if (s.inMistakes !== undefined) state.inMistakes = s.inMistakes;
				await store.putItemStates(s.unit, [state]);
			}
			return;
		case 'reset':
			return store.resetProgress();
	}
}

describe('running aggregates equal a full recomputation (property)', () => {
	it('after any sequence of answers, imports of attempts, state writes and resets', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(writeArb, { maxLength: 12 }),
				fc.oneof(atArb, fc.constant('edge' as const)),
				async (writes, when) => {
					// 'edge': just before a stored due instant, so items due exactly at the day's
					// end are asked about too.
					const dues = writes.flatMap((w) =>
						w.kind === 'states' ? w.states.flatMap((s) => (s.due === null ? [] : [s.due])) : []
					);
					const now = when === 'edge' ? (dues.length ? dues[0] - 1 : T0) : when;
					const store = await openProgressStore({
						tables: createMemoryTables(),
						persistent: true,
						learn: applyLearning
					});
					for (const write of writes) await apply(store, write);
					await store.whenIdle();

					// History: the summary of every stored attempt.
					const attempts = await store.listAttempts();
					expect(await store.getHistorySummary()).toEqual(addToHistory(emptyHistory(), attempts));

					// Item figures: from the digest columns, as from every full state.
					const states = await store.getAllItemStates();
					const digests: UnitDigest[] = Object.values(await store.getDigests());
					const dueBy = endOfLocalDay(now);
					expect(digestCounts(digests, dueBy)).toEqual({
						due: dueCount(states, dueBy),
						mistakes: mistakes(states).length
					});
					expect(digestDueQueue(digests, dueBy)).toEqual(dueQueue(states, dueBy));
					expect(digestDueQueue(digests, dueBy, 3)).toEqual(dueQueue(states, dueBy, 3));
					expect(digestMistakes(digests)).toEqual(mistakes(states));
					// And the states rebuilt from the digests, card aside.
					const fromDigests = Object.assign({}, ...Object.values(await store.getItemDigests()));
					const withoutCards = Object.fromEntries(
						Object.entries(states).map(([id, { schedule: _card, ...s }]) => [
							id,
							{ ...s, inMistakes: s.inMistakes ?? !s.lastCorrect }
						])
					);
					expect(fromDigests).toEqual(withoutCards);
				}
			),
			{ numRuns: 60 }
		);
	});
});
