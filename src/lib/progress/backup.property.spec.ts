import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportProgress, importProgress, parseBackup, serialiseBackup } from './backup';
import { openProgressStore, type ProgressStore } from './progress-store';
import { scheduleReview } from './scheduler';
import { createMemoryTables } from './tables';
import { DEFAULT_SETTINGS, type Attempt, type ItemState, type SavedFlow } from './types';

const T0 = Date.UTC(2025, 0, 1);
const YEAR = 365 * 86_400_000;
const units = ['modes-of-supply', 'outsourcing', 'digital-trade'];

const attemptArb = fc.record({
	id: fc.uuid(),
	itemId: fc.constantFrom('q1', 'q2', 'q3', 'q4'),
	unit: fc.constantFrom(...units),
	at: fc.integer({ min: T0, max: T0 + YEAR }),
	tz: fc.constantFrom(-300, 0, 60, 120, 480, 540),
	correct: fc.boolean(),
	fraction: fc.constantFrom(0, 0.5, 1),
	ms: fc.integer({ min: 0, max: 600_000 }),
	flow: fc.constantFrom('lesson', 'practice', 'exam', 'review', 'mistakes')
}) as fc.Arbitrary<Attempt>;

const stateArb = (itemId: string) =>
	fc
		.record({
			streak: fc.integer({ min: 0, max: 5 }),
			lastCorrect: fc.boolean(),
			lastAt: fc.integer({ min: T0, max: T0 + YEAR }),
			grade: fc.constantFrom('again', 'hard', 'good', 'easy' as const)
		})
		.map(({ grade, ...s }): ItemState => ({
			itemId,
			...s,
			inMistakes: !s.lastCorrect,
			...scheduleReview(null, grade, s.lastAt)
		}));

const flowArb = fc.record({
	id: fc.constantFrom('practice', 'exam', 'lesson:modes-of-supply', 'lesson:outsourcing'),
	savedAt: fc.integer({ min: T0, max: T0 + YEAR }),
	section: fc.nat(8)
});

/** A device's whole state: answers, learning state per unit, flows (lessons, sessions). */
const historyArb = fc.record({
	attempts: fc.array(attemptArb, { maxLength: 60 }),
	states: fc.record(
		Object.fromEntries(
			units.map((u) => [
				u,
				fc
					.subarray(['q1', 'q2', 'q3'])
					.chain((ids) => fc.tuple(...ids.map((id) => stateArb(`${u}-${id}`))))
			])
		) as Record<string, fc.Arbitrary<ItemState[]>>
	),
	flows: fc.uniqueArray(flowArb, { selector: (f) => f.id, maxLength: 4 })
});

type History = typeof historyArb extends fc.Arbitrary<infer H> ? H : never;

async function deviceWith(history: History): Promise<ProgressStore> {
	const store = await openProgressStore({ tables: createMemoryTables(), persistent: true });
	await store.saveSettings({ ...DEFAULT_SETTINGS, theme: 'dark' });
	await store.recordAttempts(history.attempts);
	for (const [unit, states] of Object.entries(history.states))
		if (states.length) await store.putItemStates(unit, states);
	for (const f of history.flows) await store.saveFlow(flowOf(f));
	return store;
}

function flowOf(f: History['flows'][number]): SavedFlow {
	const kind = f.id.startsWith('lesson') ? 'lesson' : (f.id as SavedFlow['kind']);
	return {
		id: f.id,
		kind,
		machine: kind === 'lesson' ? 'lesson' : 'quiz',
		version: 1,
		savedAt: f.savedAt,
		snapshot: { status: 'active', value: 'reading', context: { sectionIndex: f.section } },
		input: {}
	};
}

/** Everything a learner has, in a comparable form. */
async function wholeState(store: ProgressStore) {
	const byId = <T extends { id: string }>(list: T[]) =>
		[...list].sort((a, b) => (a.id < b.id ? -1 : 1));
	return {
		settings: await store.getSettings(),
		attempts: byId(await store.listAttempts()),
		itemStates: await store.getItemStatesByUnit(),
		flows: byId(await store.listFlows()),
		summary: await store.getHistorySummary()
	};
}

async function roundTrip(from: ProgressStore, into: ProgressStore) {
	const parsed = parseBackup(serialiseBackup(await exportProgress(from)));
	if (!parsed.ok) throw new Error(parsed.detail);
	return importProgress(into, parsed.backup);
}

describe('a backup is the whole state (property)', () => {
	it('export → reset → import gives back exactly what was there', async () => {
		await fc.assert(
			fc.asyncProperty(historyArb, async (history) => {
				const store = await deviceWith(history);
				const before = await wholeState(store);
				const text = serialiseBackup(await exportProgress(store));
				await store.resetProgress();
				const parsed = parseBackup(text);
				if (!parsed.ok) throw new Error(parsed.detail);
				await importProgress(store, parsed.backup);
				expect(await wholeState(store)).toEqual(before);
			}),
			{ numRuns: 40 }
		);
	});

	it('two devices’ files merge without loss or duplicates, and a second import adds nothing', async () => {
		await fc.assert(
			fc.asyncProperty(historyArb, historyArb, async (one, two) => {
				const [a, b] = await Promise.all([deviceWith(one), deviceWith(two)]);
				const merged = await openProgressStore({ tables: createMemoryTables(), persistent: true });
				await roundTrip(a, merged);
				await roundTrip(b, merged);
				const again = await roundTrip(b, merged);
				expect(again).toEqual({ attemptsAdded: 0, itemStatesUpdated: 0, flowsUpdated: 0 });
				const ids = new Set([...one.attempts, ...two.attempts].map((x) => x.id));
				const stored = await merged.listAttempts();
				expect(stored).toHaveLength(ids.size);
				expect(new Set(stored.map((x) => x.id))).toEqual(ids);
				expect((await merged.getHistorySummary()).count).toBe(ids.size);
				// Per item, the later state; per flow, the later save.
				const states = await merged.getItemStatesByUnit();
				for (const unit of units)
					for (const s of [...one.states[unit], ...two.states[unit]])
						expect(states[unit][s.itemId].lastAt).toBeGreaterThanOrEqual(s.lastAt);
				const flows = new Map((await merged.listFlows()).map((f) => [f.id, f.savedAt]));
				for (const f of [...one.flows, ...two.flows])
					expect(flows.get(f.id)).toBeGreaterThanOrEqual(f.savedAt);
			}),
			{ numRuns: 25 }
		);
	});
});
