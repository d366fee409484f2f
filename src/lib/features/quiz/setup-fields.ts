/**
 * Rules for the number fields that set up a session (exam minutes, exam questions), shared by
 * the Practice page's exam form and the Settings page. Pure: a field's raw text in, a value or
 * the reason it is refused out, so no form can start an exam that is over at birth (an empty
 * minutes field used to give a 0-minute exam) or save a default nobody could use.
 */
/** Inclusive bounds of a whole-number field. */
export interface FieldRange {
	min: number;
	max: number;
}

/** Minutes of a timed exam: at least one, at most a long sitting (four hours). */
export const EXAM_MINUTES: FieldRange = { min: 1, max: 240 };
/** Questions on a unit paper: enough to mean something, no more than a unit holds. */
export const EXAM_QUESTIONS: FieldRange = { min: 5, max: 100 };

export type FieldError = 'required' | 'whole' | 'range';

export type FieldResult = { ok: true; value: number } | { ok: false; error: FieldError };

/**
 * Reads a whole-number field. Full-width digits (typed with a Chinese IME) count as digits.
 * Errors: `required` (empty), `whole` (not a whole number), `range` (outside `range`).
 */
export function readWholeNumber(raw: string | number | null | undefined, range: FieldRange) {
	const text = String(raw ?? '')
		.normalize('NFKC')
		.trim();
	if (text === '') return { ok: false, error: 'required' } as FieldResult;
	if (!/^[+-]?\d+$/.test(text)) return { ok: false, error: 'whole' } as FieldResult;
	const value = Number(text);
	if (value < range.min || value > range.max) return { ok: false, error: 'range' } as FieldResult;
	return { ok: true, value } as FieldResult;
}

/** A value known to be usable: the field's if valid, else the Settings default, else the range's minimum. */
export function valueOrDefault(
	raw: string | number | null | undefined,
	range: FieldRange,
	fallback: number
): number {
	const read = readWholeNumber(raw, range);
	if (read.ok) return read.value;
	const def = readWholeNumber(fallback, range);
	return def.ok ? def.value : range.min;
}
