import { describe, expect, it } from 'vitest';
import { setSourceSchema } from '$lib/classroom/set-source.schema';
import { drillEntry, ownEntry, weekSet } from '$lib/sets/sets.fixtures';
import { choosesNothing, initialChoice, roomEntries, setQuestionCount } from './question-choice';

// What HostSetup (and OfflineHost) send when the instructor picks "one of my question sets".
const set = weekSet;

describe('a classroom source from a set', () => {
	it('keeps the set’s order, leaves drafts home, and is what the server accepts', () => {
		const entries = roomEntries(set);
		expect(entries.map((e) => e.kind)).toEqual(['bank', 'own', 'drill']);
		expect(entries[1]).toEqual(ownEntry);
		expect(setSourceSchema.safeParse({ kind: 'entries', entries }).success).toBe(true);
		expect(setQuestionCount(set)).toBe(1 + 1 + drillEntry.count);
	});

	it('a set with only drafts asks nothing: the start button stays disabled', () => {
		const drafts = { ...set, entries: [set.entries[1]] };
		expect(choosesNothing({ ...initialChoice([]), source: 'set', set: drafts })).toBe(true);
		expect(choosesNothing({ ...initialChoice([]), source: 'set', set })).toBe(false);
	});
});
