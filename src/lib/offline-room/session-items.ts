/**
 * From a session's question references to the items a phone shows, in the phone's own language:
 * authored items come from this device's bank (found by their id tags), generated scenarios are
 * regenerated from their seed (the generators are deterministic per seed and locale), and the
 * instructor's own items, carried in the code, are checked with the bank's schema first.
 */
import { generateDrill, hash32 } from '$lib/bank/generators';
import type { DrillKind } from '$lib/bank/generators/kinds';
import { loadIndex, loadUnit } from '$lib/bank/loader';
import { LOCALES, type BankIndex, type Item, type Locale } from '$lib/bank/types';
import type { SetSourceEntry } from '$lib/classroom/set-source.schema';
import { hash16, toHex } from './bytes';
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
			// ITO/BPO/KPO are the outsourcing drill narrowed to one type; the rest are drill kinds.
			const outsourcingType =
				ref.generator === 'ito' || ref.generator === 'bpo' || ref.generator === 'kpo'
					? ref.generator
					: undefined;
			items.push(
				...generateDrill({
					kind: outsourcingType ? 'outsourcing' : (ref.generator as DrillKind),
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
					generator: entry.drill,
					seed: entry.seed,
					count: entry.count
				};
			case 'own':
				return { kind: 'own', item: entry.item };
		}
	});
}

/**
 * The option-order seed every phone and the projector pass to `ItemView` (`$lib/answering/
 * option-order`, the one home for option order): one order for the whole class, so "the answer
 * was the third one" means the same on every screen, drawn from the session key so it differs
 * between sessions and is never the bank's key-first order. Whole classify families keep their
 * natural order and the matching column is never shown in key order, as everywhere else.
 */
export const classOrderSeed = (key: Uint8Array): number => hash32(`offline:${toHex(key)}`);

/**
 * The session's items for marking results on the instructor's device: in `locale` for display,
 * with each cloze item accepting the typed answers of every language. A result code carries the
 * text a student typed but not the language the phone showed (a student may even switch
 * language mid-quiz), so a Chinese phone's 劳务贸易 must count in a report read in English.
 * The display language's forms come first, so `accept[0]` (the key shown) stays in `locale`.
 */
export async function markingItems(
	refs: readonly QuestionRef[],
	locale: Locale,
	index?: BankIndex
): Promise<Item[]> {
	const bank = index ?? (await loadIndex());
	const others = LOCALES.filter((l) => l !== locale);
	const [shown, ...translations] = await Promise.all(
		[locale, ...others].map((l) => resolveSessionItems(refs, l, bank))
	);
	return shown.map((item, i) =>
		item.type === 'cloze'
			? {
					...item,
					accept: [
						...new Set([
							...item.accept,
							...translations.flatMap((list) => {
								const other = list[i];
								return other.type === 'cloze' ? other.accept : [];
							})
						])
					]
				}
			: item
	);
}
