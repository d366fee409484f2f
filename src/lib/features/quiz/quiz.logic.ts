/**
 * Pure helpers shared by the quiz machine and the lesson machine that are about running a flow,
 * not about marking (that is `$lib/answering/marking`). No xstate, no clock, no storage.
 */
import type { Item } from '$lib/bank/types';

/**
 * Swaps items for their translation, matched by id. Items missing from `replacements` stay as
 * they are, so a partial locale file cannot empty the paper; order and count never change, which
 * keeps every queue index, draft and answer pointing at the same question.
 */
export function relocalizeItems(items: readonly Item[], replacements: readonly Item[]): Item[] {
	const byId = new Map(replacements.map((item) => [item.id, item]));
	return items.map((item) => byId.get(item.id) ?? item);
}

/** Words for a failed save; storage errors are not always `Error`s (IndexedDB gives DOMException). */
export function describeError(error: unknown): string {
	if (error instanceof Error) return error.message || error.name;
	if (typeof error === 'string' && error !== '') return error;
	return 'unknown error';
}
