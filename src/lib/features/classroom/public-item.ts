/**
 * The classroom sends phones and the projector a `PublicItem` (no key, no explanation, no id);
 * the quiz components render a bank `Item`. These adapters give the shared components what they
 * need without duplicating them: a keyless item before reveal, and one with the key filled in
 * from `RevealedKey` after, so `ItemView` can mark the right options.
 */
import type { FamilyId, Item } from '$lib/bank/types';
import type { PublicItem, RevealedKey } from '$lib/classroom/protocol';

/** Fields the quiz components never read for a classroom question. */
const base = (id: string, stem: string, explanation = '') => ({
	id,
	unit: 'classroom',
	part: '',
	concepts: [],
	difficulty: 1 as const,
	stem,
	explanation,
	source: { part: '', quote: '' }
});

/**
 * The question as a bank item. `id` must be unique per question (it names the radio groups);
 * with `key` (after reveal) the answers are filled in, else they are empty placeholders that no
 * component shows while `showKey` is off.
 */
export function toBankItem(item: PublicItem, id: string, key: RevealedKey | null = null): Item {
	const explanation = key?.explanation ?? '';
	const answer = key?.answer ?? [];
	switch (item.type) {
		case 'single':
			return {
				...base(id, item.stem, explanation),
				type: 'single',
				options: item.options,
				answer: answer[0] ?? ''
			};
		case 'multiple':
			return {
				...base(id, item.stem, explanation),
				type: 'multiple',
				options: item.options,
				answer
			};
		case 'truefalse':
			return {
				...base(id, item.stem, explanation),
				type: 'truefalse',
				answer: answer[0] === 'true'
			};
		case 'cloze':
			return { ...base(id, item.stem, explanation), type: 'cloze', accept: answer };
		case 'classify': {
			// The key lists `family:option` per dimension.
			const keyOf = (family: FamilyId) =>
				answer.find((a) => a.startsWith(`${family}:`))?.slice(family.length + 1) ?? '';
			return {
				...base(id, item.stem, explanation),
				type: 'classify',
				dimensions: item.dimensions.map((d) => ({ ...d, answer: keyOf(d.family) }))
			};
		}
		case 'matching': {
			// A phone answers with indexes into the `right` list it was shown, so the pairs are
			// built on that list: `rightFor[i] = j` then means "left i goes with right j", which is
			// exactly what the server expects.
			return {
				...base(id, item.stem, explanation),
				type: 'matching',
				pairs: item.left.map((left, i) => ({ left, right: item.right[i] ?? '' }))
			};
		}
	}
}

/**
 * Whether the shared components can mark the key on this item. Matching cannot: its pairs are
 * in display order, not key order, so its key is shown as text instead.
 */
export const canMarkKey = (item: PublicItem): boolean => item.type !== 'matching';

/** Bars for the projector: one per option the item defines, labelled in words. */
export interface DistributionBar {
	id: string;
	label: string;
	count: number;
	isKey: boolean;
}

export function distributionBars(
	item: PublicItem,
	options: Record<string, number>,
	key: RevealedKey,
	labels: { true: string; false: string }
): DistributionBar[] {
	const bar = (id: string, label: string) => ({
		id,
		label,
		count: options[id] ?? 0,
		isKey: key.answer.includes(id)
	});
	switch (item.type) {
		case 'single':
		case 'multiple':
			return item.options.map((o) => bar(o.id, o.label));
		case 'truefalse':
			return [bar('true', labels.true), bar('false', labels.false)];
		case 'classify':
			return item.dimensions.flatMap((d) =>
				d.options.map((o) => bar(`${d.family}:${o.id}`, `${d.label}: ${o.label}`))
			);
		default:
			return [];
	}
}
