import { describe, expect, it } from 'vitest';
import { setSourceSchema } from '$lib/classroom/set-source.schema';
import { drillEntry, ownEntry, weekSet } from '$lib/sets/sets.fixtures';
import { loadIndex } from '$lib/bank/loader';
import { DRILL_KINDS } from '$lib/bank/generators/kinds';
import {
	decodeSession,
	encodeSession,
	encodeTypedCode,
	sessionFromRecipe
} from '$lib/offline-room/session-code';
import { sessionFromCode } from '$lib/offline-room/session-items';
import {
	choosesNothing,
	initialChoice,
	offlineRecipe,
	roomEntries,
	setQuestionCount
} from './question-choice';

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

describe('a classroom without a network, from units', () => {
	it('asks the drill kind chosen, by the typed code as by the QR', async () => {
		const index = await loadIndex();
		const settings = {
			key: Uint8Array.from([1, 2, 3, 4, 5, 6]),
			secondsPerQuestion: 30,
			scoring: 'accuracy' as const
		};
		for (const generatedKind of DRILL_KINDS) {
			const choice = { ...initialChoice([index.units[0].id]), generatedCount: 3, generatedKind };
			const recipe = offlineRecipe(choice, index, settings);
			const byQr = decodeSession(encodeSession(sessionFromRecipe(recipe, index)));
			const typed = sessionFromCode(encodeTypedCode(recipe), index);
			expect(typed).toEqual(byQr);
			expect(typed.questions.filter((q) => q.kind === 'bank')).toHaveLength(10);
			expect(typed.questions.at(-1)).toMatchObject({ generator: generatedKind, count: 3 });
		}
	});
});
