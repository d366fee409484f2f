import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '$lib/answering/types';
import { exportProgress, importProgress, type ProgressBackup } from './backup';
import { applyLearning } from './learn-hook';
import { isMastered } from './mastery';
import { dueCount, dueQueue, endOfLocalDay, isDue, isInMistakes, mistakes } from './queues';
import { openProgressStore, type ProgressStore } from './progress-store';
import { computeProgressStats, type StatsUnit } from './stats';
import {
	addToHistory,
	digestCounts,
	digestDueQueue,
	digestMistakes,
	digestUnit,
	emptyHistory,
	type UnitDigest
} from './summary';
import { createMemoryTables, type Tables } from './tables';
import { DEFAULT_SETTINGS, type Attempt, type ItemState } from './types';

/**
 * The running aggregates (history summary, every unit's digest columns in one record) are
 * written in the same transaction as what they summarise; whatever sequence of writes a learner
 * makes (answers, imports, merges and restores of backups, resets, records found corrupt and set
 * aside), they must equal a recomputation from everything stored: the home count, Review's
 * queues and the Progress page read only them.
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
	inMistakes: fc.option(fc.boolean(), { nil: undefined }),
	// The FSRS card fields mastery reads; absent on states written before scheduling.
	card: fc.option(
		fc.record({
			stability: fc.constantFrom(1, 8, 21, 40),
			elapsed_days: fc.constantFrom(0, 1, 5)
		}),
		{ nil: undefined }
	)
});

/** Damage done to the stored records behind the store's back (a bug elsewhere, a bad disk). */
const corruptionArb = fc.record({
	table: fc.constantFrom('attempts' as const, 'items' as const),
	/** Which stored record (index into its keys, modulo). */
	pick: fc.nat(),
	how: fc.constantFrom(
		'bad-entry' as const, // one invalid entry added: only it is set aside
		'mangle-entry' as const, // one counted entry made invalid
		'garbage' as const // the whole record unreadable
	)
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
	{ weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
	{
		// A backup from another device merged in (attempts by id, states by later lastAt).
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('import' as const),
			answers: fc.array(answerArb, { maxLength: 4 }),
			states: fc.array(stateArb, { maxLength: 4 })
		})
	},
	// Export, reset, import the file: a restore.
	{ weight: 1, arbitrary: fc.constant({ kind: 'restore' as const }) },
	{
		weight: 2,
		arbitrary: fc.record({ kind: fc.constant('corrupt' as const), damage: corruptionArb })
	},
	{
		// A stored record moved to the quarantine by the app (`setAside`).
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('set-aside' as const),
			table: fc.constantFrom('attempts' as const, 'items' as const),
			pick: fc.nat()
		})
	}
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

type StateFacts = Write & { kind: 'states' } extends { states: (infer S)[] } ? S : never;

function stateOf(s: StateFacts): ItemState {
	const state: ItemState = {
		itemId: idOf(s.unit, s.item),
		streak: s.streak,
		lastCorrect: s.lastCorrect,
		lastAt: s.lastAt,
		due: s.due
	};
	if (s.inMistakes !== undefined) state.inMistakes = s.inMistakes;
	if (s.card) state.schedule = { ...s.card };
	return state;
}

async function damage(
	tables: Tables,
	d: Write & { kind: 'corrupt' } extends { damage: infer D } ? D : never
) {
	const table = tables[d.table];
	const keys = (await table.keys()).sort();
	if (keys.length === 0) return;
	const key = keys[d.pick % keys.length];
	const record = await table.getItem<unknown>(key);
	if (d.how === 'garbage') return void (await table.setItem(key, 'not a record'));
	if (typeof record !== 'object' || record === null) return; // already garbage
	if (d.table === 'attempts') {
		const day = record as Attempt[];
		if (d.how === 'bad-entry') day.push({ id: 'broken' } as Attempt);
		else if (day.length > 0) (day[0] as { correct: unknown }).correct = 'yes';
		return void (await table.setItem(key, day));
	}
	const states = record as Record<string, ItemState>;
	const first = Object.keys(states)[0];
	if (d.how === 'bad-entry') states.broken = { itemId: 'other' } as ItemState;
	else if (first) (states[first] as { streak: unknown }).streak = 'many';
	await table.setItem(key, states);
}

async function apply(store: ProgressStore, tables: Tables, write: Write): Promise<void> {
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
			for (const s of write.states) await store.putItemStates(s.unit, [stateOf(s)]);
			return;
		case 'reset':
			return store.resetProgress();
		case 'import': {
			const itemStates: ProgressBackup['itemStates'] = {};
			for (const s of write.states) (itemStates[s.unit] ??= {})[idOf(s.unit, s.item)] = stateOf(s);
			return void (await importProgress(store, {
				format: 'services-trade-academy-progress',
				version: 2,
				exportedAt: T0,
				settings: structuredClone(DEFAULT_SETTINGS),
				attempts: write.answers.map(attemptOf),
				itemStates,
				flows: []
			}));
		}
		case 'restore': {
			const backup = await exportProgress(store);
			await store.resetProgress();
			return void (await importProgress(store, backup));
		}
		case 'corrupt':
			return damage(tables, write.damage);
		case 'set-aside': {
			const keys = (await tables[write.table].keys()).sort();
			if (keys.length === 0) return;
			const key = keys[write.pick % keys.length];
			return store.setAside(write.table, key, await tables[write.table].getItem(key));
		}
	}
}

/** The units of the property's bank: every item of `ITEMS` in each, one concept per item. */
const BANK_UNITS: StatsUnit[] = UNITS.map((id) => ({
	id,
	itemCount: ITEMS.length,
	concepts: ITEMS.map((item) => `${id}.${item}`)
}));
const ITEM_CONCEPTS = Object.fromEntries(
	UNITS.flatMap((unit) => ITEMS.map((item) => [idOf(unit, item), [`${unit}.${item}`, 'shared']]))
);

describe('running aggregates equal a full recomputation (property)', () => {
	it('after any sequence of answers, state writes, resets, backup merges and restores, and records set aside', async () => {
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
					const tables = createMemoryTables();
					const store = await openProgressStore({
						tables,
						persistent: true,
						learn: applyLearning
					});
					for (const write of writes) await apply(store, tables, write);
					await store.whenIdle();

					// Every record read in full first: whatever damage a write did not meet is found
					// and set aside now, as the Progress page's backup or any full read would.
					const attempts = await store.listAttempts();
					const byUnit = await store.getItemStatesByUnit();
					const states: Record<string, ItemState> = Object.assign({}, ...Object.values(byUnit));

					// History: the summary of every stored attempt.
					expect(await store.getHistorySummary()).toEqual(addToHistory(emptyHistory(), attempts));

					// Item figures: the one digest record holds a fresh digest of every unit's states.
					const stored = await store.getDigests();
					expect(stored).toEqual(
						Object.fromEntries(Object.entries(byUnit).map(([u, s]) => [u, digestUnit(s)]))
					);
					const digests: UnitDigest[] = Object.values(stored);
					const dueBy = endOfLocalDay(now);
					expect(digestCounts(digests, dueBy)).toEqual({
						due: dueCount(states, dueBy),
						mistakes: mistakes(states).length
					});
					expect(digestDueQueue(digests, dueBy)).toEqual(dueQueue(states, dueBy));
					expect(digestDueQueue(digests, dueBy, 3)).toEqual(dueQueue(states, dueBy, 3));
					expect(digestMistakes(digests)).toEqual(mistakes(states));

					// The Progress page's per-unit and per-concept figures, from the columns, as a
					// recount over every full state (cards included) says.
					const stats = computeProgressStats({
						history: await store.getHistorySummary(),
						digests: stored,
						units: BANK_UNITS,
						itemConcepts: ITEM_CONCEPTS,
						now
					});
					const recount = (ids: string[]) => ({
						seen: ids.length,
						mastered: ids.filter((id) => isMastered(states[id], now)).length
					});
					for (const unit of stats.units) {
						const ids = Object.keys(byUnit[unit.unit] ?? {});
						expect(unit).toMatchObject({
							...recount(ids),
							due: ids.filter((id) => isDue(states[id], dueBy)).length,
							mistakes: ids.filter((id) => isInMistakes(states[id])).length
						});
					}
					for (const concept of stats.concepts)
						expect(concept).toMatchObject(
							recount(
								Object.keys(states).filter((id) => ITEM_CONCEPTS[id]?.includes(concept.concept))
							)
						);
					expect(stats.attemptCount).toBe(attempts.length);
				}
			),
			{ numRuns: 60 }
		);
	});
});
