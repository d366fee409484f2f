/**
 * Scan-out: result codes arrive one by one from the camera (or are pasted) and become the class's
 * results. Pure state in, state out (plain JSON, so the instructor's device can keep it), with one
 * outcome per code: collected, one more part of a split result, already collected (a re-scan
 * counts once), or refused with the reason. A refused code never changes the collected results
 * (a split result whose joined parts fail their check drops those parts, so it can be re-shown).
 */
import type { Item } from '$lib/bank/types';
import { CodeError, type CodeProblem } from './code-error';
import { decodeResultBytes, decodeResultPart, type OfflineResult } from './result-code';

export interface Collection {
	/** Collected results, in the order they were scanned. */
	results: OfflineResult[];
	/** Split results still missing parts: student id → part texts by index (null = not yet seen). */
	pending: Record<string, (string | null)[]>;
}

export type ScanOutcome =
	| { kind: 'collected'; result: OfflineResult }
	| { kind: 'part'; studentId: string; have: number; of: number }
	| { kind: 'duplicate'; nickname: string }
	| { kind: 'rejected'; problem: CodeProblem };

export const emptyCollection = (): Collection => ({ results: [], pending: {} });

/**
 * Adds one scanned text. `key` and `items` are the session's (items in any language).
 * Never throws for a bad code: the outcome says why it was refused.
 */
export async function collect(
	state: Collection,
	text: string,
	key: Uint8Array,
	items: readonly Item[]
): Promise<{ state: Collection; outcome: ScanOutcome }> {
	const refuse = (problem: CodeProblem) => ({
		state,
		outcome: { kind: 'rejected', problem } as const
	});
	let part;
	try {
		part = decodeResultPart(text);
	} catch (error) {
		if (error instanceof CodeError) return refuse(error.problem);
		throw error;
	}
	const known = state.results.find((r) => r.studentId === part.studentId);
	if (known) {
		// A one-part code is checked before it is called a re-scan: a forged or foreign code
		// under a collected student's id must say so, not "already collected".
		if (part.count === 1) {
			const problem = await check([part.bytes], part.studentId, key, items);
			if (typeof problem === 'string') return refuse(problem);
		}
		return { state, outcome: { kind: 'duplicate', nickname: known.nickname } };
	}

	const slots = state.pending[part.studentId] ?? Array<string | null>(part.count).fill(null);
	if (slots.length !== part.count) return refuse('corrupt');
	const nextSlots = slots.map((s, i) => (i === part.index ? text.trim() : s));
	const have = nextSlots.filter((s) => s !== null).length;
	if (have < part.count)
		return {
			state: { ...state, pending: { ...state.pending, [part.studentId]: nextSlots } },
			outcome: { kind: 'part', studentId: part.studentId, have, of: part.count }
		};

	const { [part.studentId]: _done, ...pending } = state.pending;
	void _done;
	const result = await check(
		nextSlots.map((s) => decodeResultPart(s!).bytes),
		part.studentId,
		key,
		items
	);
	// A bad whole drops its parts, so showing the codes again can still succeed.
	if (typeof result === 'string')
		return { state: { ...state, pending }, outcome: { kind: 'rejected', problem: result } };
	return {
		state: { results: [...state.results, result], pending },
		outcome: { kind: 'collected', result }
	};
}

/** The joined parts as a checked result, or the problem. */
async function check(
	parts: Uint8Array[],
	studentId: string,
	key: Uint8Array,
	items: readonly Item[]
): Promise<OfflineResult | CodeProblem> {
	try {
		const result = await decodeResultBytes(
			Uint8Array.from(parts.flatMap((p) => [...p])),
			key,
			items
		);
		// The frame's student id is outside the check value: it must agree with the checked one.
		return result.studentId === studentId ? result : 'tampered';
	} catch (error) {
		if (error instanceof CodeError) return error.problem;
		throw error;
	}
}
