/**
 * Turns the host's choice (units, concepts, a saved set, generated scenarios) into the room's
 * questions, once, at creation. The items are copied into the room's log, so a bank rebuild
 * during a lesson cannot change a question under the class.
 */
import { generateDrill, mulberry32, sample, shuffle } from '$lib/bank/generators';
import { loadIndex, loadUnit } from '$lib/bank/loader';
import type { Item, Locale } from '$lib/bank/types';
import { MAX_QUESTIONS, type GeneratedSpec, type QuestionSource } from '$lib/classroom/protocol';
import type { RoomQuestion } from '$lib/classroom/room/room.types';
import { toRuntimeItem, validateOwnItem } from '$lib/sets/own-item';
import { ClassroomError } from './errors';
import { randomSeed } from './ids';

async function unitItems(unit: string, locale: Locale): Promise<Item[]> {
	try {
		return (await loadUnit(unit, locale)).items;
	} catch {
		throw new ClassroomError('unknown-source', `Unknown unit "${unit}".`);
	}
}

function capped(items: Item[], limit: number | undefined, seed: number | undefined): Item[] {
	const cap = Math.min(limit ?? MAX_QUESTIONS, MAX_QUESTIONS);
	if (items.length <= cap && limit === undefined) return items;
	return sample(mulberry32(seed ?? randomSeed()), items, cap);
}

const generated = (specs: GeneratedSpec[] | undefined, locale: Locale): Item[] =>
	(specs ?? []).flatMap((spec) => generateDrill({ ...spec, locale }));

/**
 * A saved set's entries in its order. Own items already passed the zod schema at the request;
 * here they also pass the bank's cross-checks that need the families (classify answers inside
 * their family tree, keys inside the options), then become `Item`s like any bank item.
 */
async function setEntryItems(
	entries: Extract<QuestionSource, { kind: 'entries' }>['entries'],
	locale: Locale
): Promise<Item[]> {
	const families = entries.some((e) => e.kind === 'own') ? (await loadIndex()).families : [];
	const items: Item[] = [];
	const missing: string[] = [];
	for (const [at, entry] of entries.entries()) {
		if (entry.kind === 'bank') {
			const item = (await unitItems(entry.unit, locale)).find((i) => i.id === entry.id);
			if (item) items.push(item);
			else missing.push(`${entry.unit}/${entry.id}`);
		} else if (entry.kind === 'drill') {
			items.push(
				...generateDrill({ kind: entry.drill, seed: entry.seed, count: entry.count, locale })
			);
		} else {
			const checked = validateOwnItem(entry.item, families);
			if (!checked.ok) {
				const { path, reason } = checked.errors[0];
				throw new ClassroomError(
					'malformed',
					`source.entries[${at}].item${path ? `.${path}` : ''}: ${String(reason.params?.detail ?? reason.code)}.`
				);
			}
			items.push(toRuntimeItem(checked.item, locale, families));
		}
	}
	if (missing.length > 0)
		throw new ClassroomError('unknown-source', `Unknown items: ${missing.slice(0, 5).join(', ')}.`);
	return items.slice(0, MAX_QUESTIONS);
}

export async function resolveItems(source: QuestionSource, locale: Locale): Promise<Item[]> {
	switch (source.kind) {
		case 'units': {
			const lists = await Promise.all(source.units.map((u) => unitItems(u, locale)));
			return capped(lists.flat(), source.limit, source.seed);
		}
		case 'concepts': {
			const index = await loadIndex();
			const wanted = new Set(source.concepts);
			const units = index.units.filter((u) => u.concepts.some((c) => wanted.has(c)));
			const lists = await Promise.all(units.map((u) => unitItems(u.id, locale)));
			const items = lists.flat().filter((item) => item.concepts.some((c) => wanted.has(c)));
			return capped(items, source.limit, source.seed);
		}
		case 'set': {
			const items: Item[] = [];
			const missing: string[] = [];
			for (const ref of source.items) {
				const item = (await unitItems(ref.unit, locale)).find((i) => i.id === ref.id);
				if (item) items.push(item);
				else missing.push(`${ref.unit}/${ref.id}`);
			}
			if (missing.length > 0)
				throw new ClassroomError(
					'unknown-source',
					`Unknown items: ${missing.slice(0, 5).join(', ')}.`
				);
			return [...items, ...generated(source.generated, locale)].slice(0, MAX_QUESTIONS);
		}
		case 'generated':
			return generated(source.generated, locale).slice(0, MAX_QUESTIONS);
		case 'entries':
			return setEntryItems(source.entries, locale);
	}
}

/** A right-hand order that differs from the key (unless there is only one pair). */
function matchingOrder(pairs: number): number[] {
	const keyOrder = Array.from({ length: pairs }, (_, i) => i);
	const random = mulberry32(randomSeed());
	for (let attempt = 0; attempt < 10; attempt++) {
		const order = shuffle(random, keyOrder);
		if (pairs < 2 || order.some((v, i) => v !== i)) return order;
	}
	return [...keyOrder.slice(1), 0];
}

export async function resolveQuestions(
	source: QuestionSource,
	locale: Locale
): Promise<RoomQuestion[]> {
	const items = await resolveItems(source, locale);
	if (items.length === 0)
		throw new ClassroomError('unknown-source', 'The chosen units or concepts have no questions.');
	return items.map((item) =>
		item.type === 'matching' ? { item, rightOrder: matchingOrder(item.pairs.length) } : { item }
	);
}
