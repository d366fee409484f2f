/**
 * What the item components (`components/*`) read to show a question: a bank `Item` is one as it
 * stands, and so is a classroom question (`PublicItem` with an id), which has no key until the
 * host reveals it. So the key fields are optional: with `showKey` on, the components mark
 * whatever key the item carries, and a keyless item shows none.
 */
import type { FamilyId, Option } from '$lib/bank/types';

export type DisplayItem = {
	/** Unique per question on screen: it names the radio groups and inputs. */
	id: string;
	stem: string;
} & (
	| { type: 'single'; options: Option[]; answer?: string }
	| { type: 'multiple'; options: Option[]; answer?: string[] }
	| { type: 'truefalse'; answer?: boolean }
	/** Pairs in key order when the key is known; in display order (see the classroom) otherwise. */
	| { type: 'matching'; pairs: { left: string; right: string }[] }
	| { type: 'classify'; dimensions: DisplayDimension[] }
	| { type: 'cloze'; accept?: string[] }
);

export interface DisplayDimension {
	family: FamilyId;
	label: string;
	options: Option[];
	answer?: string;
}

export type DisplayOf<T extends DisplayItem['type']> = Extract<DisplayItem, { type: T }>;
