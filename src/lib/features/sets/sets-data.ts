/**
 * What the sets screens need from the bank: every unit in both languages (the instructor
 * browses and prints both), search entries, and a set's entries resolved to the `Item`s the
 * flows ask. Loaded when the sets feature opens; nothing here is on the home page's path.
 */
import { loadIndex, loadUnit } from '$lib/bank/loader';
import { generateDrill } from '$lib/bank/generators';
import type { BankIndex, Item, Locale } from '$lib/bank/types';
import type { OwnItem } from '$lib/sets/own-item';
import { resolveSetEntries } from '$lib/sets/set-items';
import { searchEntry, type SearchEntry } from '$lib/sets/search';
import type { SetEntry } from '$lib/sets/set-store';

export interface BankCatalogue {
	index: BankIndex;
	/** `unit/id` → the item in each locale. */
	items: Map<string, { zh: Item; en: Item }>;
	entries: SearchEntry[];
}

/** Loads every unit in both locales and indexes them for search (about 465 items). */
export async function loadCatalogue(): Promise<BankCatalogue> {
	const index = await loadIndex();
	const items = new Map<string, { zh: Item; en: Item }>();
	const entries: SearchEntry[] = [];
	const units = await Promise.all(
		index.units.map(async (u) => [await loadUnit(u.id, 'zh-CN'), await loadUnit(u.id, 'en')])
	);
	for (const [zh, en] of units)
		zh.items.forEach((item, i) => {
			items.set(`${item.unit}/${item.id}`, { zh: item, en: en.items[i] });
			entries.push(searchEntry(item, en.items[i], index.families));
		});
	return { index, items, entries };
}

/** The items a set asks, in order, in one locale (drafts are never asked; missing bank ids skipped). */
export function resolveEntries(
	entries: readonly SetEntry[],
	catalogue: BankCatalogue,
	locale: Locale
): Item[] {
	const lang = locale === 'zh-CN' ? 'zh' : 'en';
	return resolveSetEntries(
		entries,
		{
			bankItem: (unit, id) => catalogue.items.get(`${unit}/${id}`)?.[lang],
			families: catalogue.index.families,
			generateDrill
		},
		locale
	);
}

/**
 * A bank (or generated) item in both languages, in the own-item shape the exporters write.
 * Classify items keep their answer by family; the exporters list them as not fitting.
 */
export function asOwnShape(zh: Item, en: Item): OwnItem {
	const base = {
		id: zh.id,
		part: zh.part,
		concepts: zh.concepts,
		difficulty: zh.difficulty,
		lang: 'both' as const,
		stem: { zh: zh.stem, en: en.stem },
		explanation: { zh: zh.explanation, en: en.explanation },
		...(zh.source.quote ? { source: { quote: zh.source.quote } } : {})
	};
	switch (zh.type) {
		case 'single':
		case 'multiple': {
			const enOptions = en.type === zh.type ? en.options : [];
			const options = zh.options.map((o, i) => ({
				id: o.id,
				zh: o.label,
				en: enOptions[i]?.label ?? o.label
			}));
			return zh.type === 'single'
				? { ...base, type: 'single', options, answer: zh.answer }
				: { ...base, type: 'multiple', options, answer: zh.answer };
		}
		case 'truefalse':
			return { ...base, type: 'truefalse', answer: zh.answer };
		case 'cloze':
			return {
				...base,
				type: 'cloze',
				accept: { zh: zh.accept, en: en.type === 'cloze' ? en.accept : zh.accept }
			};
		case 'matching':
			return {
				...base,
				type: 'matching',
				pairs: zh.pairs.map((p, i) => {
					const other = en.type === 'matching' ? en.pairs[i] : p;
					return { left: { zh: p.left, en: other.left }, right: { zh: p.right, en: other.right } };
				})
			};
		case 'classify':
			return {
				...base,
				type: 'classify',
				answer: Object.fromEntries(zh.dimensions.map((d) => [d.family, d.answer]))
			};
	}
}

/** Every askable entry of a set in the own-item shape, for export and print. */
export function exportableItems(entries: readonly SetEntry[], catalogue: BankCatalogue): OwnItem[] {
	return entries.flatMap((e): OwnItem[] => {
		if (e.kind === 'own') return [e.item];
		if (e.kind === 'bank') {
			const hit = catalogue.items.get(`${e.unit}/${e.id}`);
			return hit ? [asOwnShape(hit.zh, hit.en)] : [];
		}
		if (e.kind === 'drill') {
			const zh = generateDrill({ kind: e.drill, seed: e.seed, count: e.count, locale: 'zh-CN' });
			const en = generateDrill({ kind: e.drill, seed: e.seed, count: e.count, locale: 'en' });
			return zh.map((item, i) => asOwnShape(item, en[i]));
		}
		return [];
	});
}
