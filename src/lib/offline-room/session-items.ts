/**
 * From a session's question references to the items a phone shows, in the phone's own language:
 * authored items come from this device's bank (found by their id tags), generated scenarios are
 * regenerated from their seed (the generators are deterministic per seed and locale), and the
 * instructor's own items, carried in the code, are checked with the bank's schema first.
 */
import { generateDrill, hash32, mulberry32, shuffle } from '$lib/bank/generators';
import { loadIndex, loadUnit } from '$lib/bank/loader';
import type { BankIndex, Item, Locale } from '$lib/bank/types';
import type { SetSourceEntry } from '$lib/classroom/set-source.schema';
import { hash16 } from './bytes';
import { CodeError } from './code-error';
import {
	codeKind,
	decodeSession,
	decodeTypedCode,
	sessionFromRecipe,
	type OfflineSession,
	type QuestionRef
} from './session-code';

/** The session behind a scanned QR or a typed code (a typed code needs the bank index). */
export function sessionFromCode(text: string, index: BankIndex): OfflineSession {
	return codeKind(text) === 'session'
		? decodeSession(text)
		: sessionFromRecipe(decodeTypedCode(text), index);
}

/**
 * The session's items in `locale`, in session order. Throws CodeError `unknown-items` when an
 * authored item is not in this device's bank (an older app: open it once online to update).
 */
export async function resolveSessionItems(
	refs: readonly QuestionRef[],
	locale: Locale,
	index?: BankIndex
): Promise<Item[]> {
	const bank = index ?? (await loadIndex());
	// The schema (zod) loads only for sessions that carry own items.
	const own = refs.some((r) => r.kind === 'own') ? await import('$lib/sets/own-item') : null;
	const items: Item[] = [];
	for (const ref of refs) {
		if (ref.kind === 'own') {
			const checked = own!.validateOwnItem(ref.item, bank.families);
			if (!checked.ok) throw new CodeError('corrupt', 'An own question does not fit the schema.');
			items.push(own!.toRuntimeItem(checked.item, locale, bank.families));
			continue;
		}
		if (ref.kind === 'generated') {
			const outsourcingType =
				ref.generator === 'ito' || ref.generator === 'bpo' || ref.generator === 'kpo'
					? ref.generator
					: undefined;
			items.push(
				...generateDrill({
					kind: ref.generator === 'mode' ? 'mode' : 'outsourcing',
					outsourcingType,
					seed: ref.seed,
					count: ref.count,
					locale
				})
			);
			continue;
		}
		const unit = bank.units.find((u) => hash16(u.id) === ref.unit);
		if (!unit) throw new CodeError('unknown-items');
		const content = await loadUnit(unit.id, locale);
		const item = content.items.find((i) => hash16(i.id) === ref.item);
		if (!item) throw new CodeError('unknown-items');
		items.push(item);
	}
	return items;
}

/**
 * A saved set's entries (src/lib/features/classroom/question-choice.ts `roomEntries`) as session
 * questions, in the set's order: bank items by tag, drills by generator and seed, own items whole.
 */
export function setQuestionRefs(entries: readonly SetSourceEntry[]): QuestionRef[] {
	return entries.map((entry): QuestionRef => {
		switch (entry.kind) {
			case 'bank':
				return { kind: 'bank', unit: hash16(entry.unit), item: hash16(entry.id) };
			case 'drill':
				return {
					kind: 'generated',
					generator: entry.drill === 'mode' ? 'mode' : 'outsourcing',
					seed: entry.seed,
					count: entry.count
				};
			case 'own':
				return { kind: 'own', item: entry.item };
		}
	});
}

/**
 * The option order every phone and the projector use for question `position`: one order for the
 * whole class (so "the answer was the third one" means the same on every screen), derived from
 * the session key so it differs between sessions. Local on purpose: a shared per-attempt shuffle
 * is coming to `$lib/answering`, and this is the one function to swap for it.
 */
export function classOrder(item: Item, key: Uint8Array, position: number): Item {
	const random = mulberry32(hash32(`${[...key].join('.')}:${position}`));
	switch (item.type) {
		case 'single':
		case 'multiple':
			return { ...item, options: shuffle(random, item.options) };
		case 'classify':
			return {
				...item,
				dimensions: item.dimensions.map((d) => ({ ...d, options: shuffle(random, d.options) }))
			};
		default:
			return item;
	}
}
