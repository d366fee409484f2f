/**
 * The kinds of generated drill, in one tiny module: the one list the classroom protocol, the
 * practice setup, the classroom's picker, the sets editor and the quiz session name them from,
 * without loading the generators themselves. A kind's words are `drills:<kind>.title`, `.hint`
 * and `.short` (both locales' drills.json; a spec keeps the two in step).
 */
export const DRILL_KINDS = [
	'mode',
	'outsourcing',
	'outsourcing-mode',
	'category',
	'exclusion'
] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

/** True for a drill kind the generators know (for validating classroom messages). */
export const isDrillKind = (value: unknown): value is DrillKind =>
	typeof value === 'string' && (DRILL_KINDS as readonly string[]).includes(value);
