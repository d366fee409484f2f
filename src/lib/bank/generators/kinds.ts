/**
 * The kinds of generated drill, in one tiny module: the classroom protocol, the practice setup
 * and the quiz session name them without loading the generators themselves.
 */
export const DRILL_KINDS = ['mode', 'outsourcing', 'outsourcing-mode'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

/** True for a drill kind the generators know (for validating classroom messages). */
export const isDrillKind = (value: unknown): value is DrillKind =>
	typeof value === 'string' && (DRILL_KINDS as readonly string[]).includes(value);
