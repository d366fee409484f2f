/**
 * The room-creation source for an instructor's saved set (issue 10, "Using a set"): the set's
 * entries in the set's own order, each a bank item by id, a run of generated drill questions, or
 * one of the instructor's own items carried whole (the server has no copy of them).
 *
 * Own items are checked with the SAME zod schema as the bank and the sets editor
 * (`ownItemSchema`, src/lib/sets/own-item.ts, itself the bank's item variants) and capped in size,
 * so a hostile or malformed item is a clear `malformed` answer naming the entry and the field,
 * never a crash. The bank's cross-checks that need the families (classify answers inside their
 * family tree) run when the server resolves the items (src/lib/server/classroom/questions.ts).
 *
 * Its own module, with zod, on purpose: `protocol.ts` ships to phones and stays zod-free; the
 * server's create-room schema (`$lib/server/classroom/requests.ts`) takes it as the `entries`
 * source, and the offline phone reuses `roomOwnItemSchema` when a session carries own items.
 */
import { z } from 'zod';
import { READABLE_DRILL_KINDS } from '$lib/bank/generators/kinds';
import { ownItemSchema, type OwnItem } from '$lib/sets/own-item';

/** Entries a room may take from a set: the same cap as every other source (protocol MAX_QUESTIONS). */
export const MAX_SET_ENTRIES = 100;
/**
 * One own item's JSON may be at most this many UTF-16 units. The bank's schema has no length
 * caps (its items are authored by us); 8,000 is four times the longest bank item in both languages.
 */
export const MAX_OWN_ITEM_CHARS = 8000;

const SLUG = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const slug = z.string().regex(SLUG, { message: 'must be a bank id' });

/** An own item: the bank's schema, plus a size cap checked before the schema walks it. */
export const roomOwnItemSchema = z
	.unknown()
	.refine((v) => JSON.stringify(v ?? null).length <= MAX_OWN_ITEM_CHARS, {
		message: `is larger than ${MAX_OWN_ITEM_CHARS} characters`,
		abort: true
	})
	.pipe(ownItemSchema);

export const setSourceEntrySchema = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('bank'), unit: slug, id: slug }),
	z.strictObject({
		kind: z.literal('drill'),
		drill: z.enum(READABLE_DRILL_KINDS),
		seed: z
			.number()
			.int()
			.min(0)
			.max(2 ** 32 - 1),
		count: z.number().int().min(1).max(MAX_SET_ENTRIES)
	}),
	z.strictObject({ kind: z.literal('own'), item: roomOwnItemSchema })
]);

export const setSourceSchema = z.strictObject({
	kind: z.literal('entries'),
	entries: z.array(setSourceEntrySchema).min(1).max(MAX_SET_ENTRIES)
});

/** One entry of a set as the room takes it (drafts never travel: they cannot be asked). */
export type SetSourceEntry =
	| { kind: 'bank'; unit: string; id: string }
	| { kind: 'drill'; drill: (typeof READABLE_DRILL_KINDS)[number]; seed: number; count: number }
	| { kind: 'own'; item: OwnItem };

/** `source` of a CreateRoomRequest made from a set: its entries, in its order. */
export interface SetSource {
	kind: 'entries';
	entries: SetSourceEntry[];
}
