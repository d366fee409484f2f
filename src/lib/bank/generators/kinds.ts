/**
 * The kinds of generated drill, in one tiny module: the one list the classroom protocol, the
 * practice setup, the classroom's picker, the sets editor and the quiz session name them from,
 * without loading the generators themselves. A kind's words are `quiz:drill.<kind>`,
 * `quiz:drillStart.<kind>` and `quiz:drillHint.<kind>` (both locales; a spec keeps them in step).
 *
 * A kind and a seed stand for a list of items wherever they are kept (a saved practice, a saved
 * set, a classroom room, an offline session code), so what a (kind, seed) produces never changes.
 * A generator that must change gets a new kind; the old one is *retired*: no longer offered, still
 * generated exactly as before for whatever names it.
 */

/** The kinds offered to choose from, in the order pickers list them. */
export const DRILL_KINDS = [
	'supply-mode',
	'outsourcing',
	'outsourcing-mode',
	'category',
	'exclusion'
] as const;

/**
 * Retired kind → the offered kind that replaced it (and whose words name it).
 * `mode` asked mode and direction in one item, so an item without a direction question was
 * always commercial presence (its shape told the key); `supply-mode` asks them separately.
 */
export const RETIRED_DRILL_KINDS = { mode: 'supply-mode' } as const satisfies Record<
	string,
	OfferedDrillKind
>;

/** Every kind a stored reference may name: the offered ones, then the retired ones. */
export const READABLE_DRILL_KINDS = [
	...DRILL_KINDS,
	...(Object.keys(RETIRED_DRILL_KINDS) as (keyof typeof RETIRED_DRILL_KINDS)[])
] as const;

export type OfferedDrillKind = (typeof DRILL_KINDS)[number];
export type DrillKind = (typeof READABLE_DRILL_KINDS)[number];

/** True for a drill kind the generators know, offered or retired (classroom messages, saved sets). */
export const isDrillKind = (value: unknown): value is DrillKind =>
	typeof value === 'string' && (READABLE_DRILL_KINDS as readonly string[]).includes(value);

/** The kind whose words name `kind`: itself, or a retired kind's successor. */
export const drillWordsKind = (kind: DrillKind): OfferedDrillKind =>
	kind in RETIRED_DRILL_KINDS
		? RETIRED_DRILL_KINDS[kind as keyof typeof RETIRED_DRILL_KINDS]
		: (kind as OfferedDrillKind);
