/**
 * What an instructor picked to ask, in the one question picker shared by the live classroom's
 * setup (HostSetup) and the classroom without a network (OfflineHost): units of the bank (with
 * optional concepts and generated scenarios), or a saved question set asked in the set's order.
 * Each host turns the choice into its own transport: a room-creation source or a session code.
 */
import type { OfferedDrillKind } from '$lib/bank/generators/kinds';
import type { BankIndex } from '$lib/bank/types';
import { bankTag, type SessionRecipe } from '$lib/offline-room/session-code';
import type { SetSourceEntry } from '$lib/classroom/set-source.schema';
import type { QuestionSet } from '$lib/sets/set-store';

export interface QuestionChoice {
	source: 'units' | 'set';
	units: string[];
	/** Concepts within `units` (empty: every concept); only where the host offers them. */
	concepts: string[];
	bankCount: number;
	generatedCount: number;
	/** Which generator makes the `generatedCount` scenarios. */
	generatedKind: OfferedDrillKind;
	/** The chosen saved set (when `source` is 'set'); null until one is picked. */
	set: QuestionSet | null;
}

export function initialChoice(units: string[]): QuestionChoice {
	return {
		source: 'units',
		units,
		concepts: [],
		bankCount: 10,
		generatedCount: 0,
		generatedKind: 'supply-mode',
		set: null
	};
}

/** The set's askable entries for a room, in its order: drafts cannot be asked and stay home. */
export function roomEntries(set: QuestionSet): SetSourceEntry[] {
	return set.entries.flatMap((e): SetSourceEntry[] => {
		switch (e.kind) {
			case 'bank':
				return [{ kind: 'bank', unit: e.unit, id: e.id }];
			case 'drill':
				return [{ kind: 'drill', drill: e.drill, seed: e.seed, count: e.count }];
			case 'own':
				return [{ kind: 'own', item: e.item }];
			case 'draft':
				return [];
		}
	});
}

/** Questions the set asks (a drill entry stands for `count` questions; drafts for none). */
export const setQuestionCount = (set: QuestionSet): number =>
	roomEntries(set).reduce((n, e) => n + (e.kind === 'drill' ? e.count : 1), 0);

/** True when the choice asks nothing (the start button stays disabled and says why). */
export function choosesNothing(choice: QuestionChoice): boolean {
	if (choice.source === 'set') return !choice.set || setQuestionCount(choice.set) === 0;
	return choice.units.length === 0 && choice.generatedCount === 0;
}

/**
 * The typed-code recipe (src/lib/offline-room/session-code.ts) for a choice of units: which units
 * (a bit per unit, in index order), how many of their items, and how many generated scenarios of
 * the chosen drill kind. The offline host offers no concepts, so none are carried.
 */
export function offlineRecipe(
	choice: QuestionChoice,
	index: BankIndex,
	settings: Pick<SessionRecipe, 'key' | 'secondsPerQuestion' | 'scoring'>
): SessionRecipe {
	return {
		...settings,
		bank: bankTag(index),
		unitMask: index.units.reduce(
			(mask, unit, i) => (choice.units.includes(unit.id) ? mask | (1 << i) : mask),
			0
		),
		bankCount: choice.units.length === 0 ? 0 : choice.bankCount,
		generatedCount: choice.generatedCount,
		generator: choice.generatedKind
	};
}
