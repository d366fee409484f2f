import { describe, expect, it } from 'vitest';
import { setSourceSchema } from '$lib/classroom/set-source.schema';
import type { QuestionSet } from '$lib/sets/set-store';
import { bankEntry, drillEntry, ownEntry } from '$lib/sets/sets.fixtures';
import { choosesNothing, initialChoice, roomEntries, setQuestionCount } from './question-choice';

// What HostSetup (and OfflineHost) send when the instructor picks "one of my question sets".
const set: QuestionSet = {
	schema: 1,
	id: 'set-abc123',
	name: 'Week 3',
	createdAt: 1,
	updatedAt: 2,
	entries: [ownEntry, { kind: 'draft', id: 'own-2', draft: {} }, bankEntry, drillEntry]
};

describe('a classroom source from a set', () => {
	it('keeps the set’s order, leaves drafts home, and is what the server accepts', () => {
		const entries = roomEntries(set);
		expect(entries.map((e) => e.kind)).toEqual(['own', 'bank', 'drill']);
		expect(entries[0]).toEqual(ownEntry);
		expect(setSourceSchema.safeParse({ kind: 'entries', entries }).success).toBe(true);
		expect(setQuestionCount(set)).toBe(1 + 1 + drillEntry.count);
	});

	it('a set with only drafts asks nothing: the start button stays disabled', () => {
		const drafts = { ...set, entries: [set.entries[1]] };
		expect(choosesNothing({ ...initialChoice([]), source: 'set', set: drafts })).toBe(true);
		expect(choosesNothing({ ...initialChoice([]), source: 'set', set })).toBe(false);
	});
});
