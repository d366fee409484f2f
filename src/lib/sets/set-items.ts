/**
 * A set's entries resolved to the `Item`s the flows ask, in one language: the one home of that
 * rule, used by the sets screens (with the whole bank loaded) and by a practice or exam session
 * on a set (loading only the units its bank entries name). Drafts are never asked; a bank id
 * the bank no longer has is skipped (the bank was fixed since the set was made).
 */
import type { DrillKind } from '../bank/generators/kinds';
import type { Family, Item, Locale } from '../bank/types';
import { toRuntimeItem } from './own-item';
import type { SetEntry } from './set-store';

/** An entry that can be asked (a draft cannot). */
export type AskableEntry = Exclude<SetEntry, { kind: 'draft' }>;

/** What resolving needs from the bank: a lookup by unit and id, the families, the generators. */
export interface EntrySources {
	bankItem: (unit: string, id: string) => Item | undefined;
	families: readonly Family[];
	/** `generateDrill` of `$lib/bank/generators` (passed in: that module is loaded only when needed). */
	generateDrill: (options: {
		kind: DrillKind;
		seed: number;
		count: number;
		locale: Locale;
	}) => Item[];
}

/** The items of `entries`, in their order, in `locale`. */
export function resolveSetEntries(
	entries: readonly SetEntry[],
	sources: EntrySources,
	locale: Locale
): Item[] {
	return entries.flatMap((e): Item[] => {
		switch (e.kind) {
			case 'bank': {
				const item = sources.bankItem(e.unit, e.id);
				return item ? [item] : [];
			}
			case 'own':
				return [toRuntimeItem(e.item, locale, sources.families)];
			case 'drill':
				return sources.generateDrill({ kind: e.drill, seed: e.seed, count: e.count, locale });
			case 'draft':
				return [];
		}
	});
}
