/**
 * The classroom sends phones and the projector a `PublicItem` (no key, no explanation, no id)
 * and, on reveal, a typed `RevealedKey`. The shared item components read a `DisplayItem`, which
 * a public item fits with an id: the key, once revealed, goes into its optional key fields.
 */
import type { DisplayItem } from '$lib/answering/display';
import type { Response } from '$lib/bank/types';
import type { PublicItem, RevealedKey } from '$lib/classroom/protocol';

/**
 * The question for `ItemView`. `id` must be unique per question (it names the radio groups);
 * with `key` (after reveal) the components can mark it. A revealed matching item is built on the
 * key (pair i is left i with its right answer), so give `ItemView` the phone's answer through
 * `responseOnKey`.
 */
export function toDisplayItem(
	item: PublicItem,
	id: string,
	key: RevealedKey | null = null
): DisplayItem {
	switch (item.type) {
		case 'single':
			return {
				id,
				type: 'single',
				stem: item.stem,
				options: item.options,
				answer: key?.type === 'single' ? key.optionId : undefined
			};
		case 'multiple':
			return {
				id,
				type: 'multiple',
				stem: item.stem,
				options: item.options,
				answer: key?.type === 'multiple' ? key.optionIds : undefined
			};
		case 'truefalse':
			return {
				id,
				type: 'truefalse',
				stem: item.stem,
				answer: key?.type === 'truefalse' ? key.value : undefined
			};
		case 'cloze':
			return {
				id,
				type: 'cloze',
				stem: item.stem,
				accept: key?.type === 'cloze' ? key.accept : undefined
			};
		case 'classify': {
			const keyOf = (family: string) =>
				key?.type === 'classify'
					? key.dimensions.find((d) => d.family === family)?.optionId
					: undefined;
			return {
				id,
				type: 'classify',
				stem: item.stem,
				dimensions: item.dimensions.map((d) => ({ ...d, answer: keyOf(d.family) }))
			};
		}
		case 'matching': {
			// While answering, a phone answers with indexes into the `right` list it was shown, so
			// the pairs are built on that list: `rightFor[i] = j` then means "left i goes with
			// right j", which is exactly what the server expects. Once revealed, on the key.
			const keyed = key?.type === 'matching' ? keyedRights(item, key) : null;
			return {
				id,
				type: 'matching',
				stem: item.stem,
				pairs: item.left.map((left, i) => ({ left, right: (keyed ?? item.right)[i] ?? '' }))
			};
		}
	}
}

/** Per left-hand text (in the item's order), its right-hand text in the key. */
const keyedRights = (item: { left: string[] }, key: { pairs: { left: string; right: string }[] }) =>
	item.left.map((left) => key.pairs.find((p) => p.left === left)?.right ?? '');

/**
 * The phone's answer as `ItemView` reads it on the revealed item of `toDisplayItem`: for matching,
 * each chosen right-hand text (an index into the list the phone was shown) becomes its index in
 * the key, so the shared component shows the whole chosen answer beside the key, as in practice.
 * Every other response is already keyed by option id and comes back as it is.
 */
export function responseOnKey(
	item: PublicItem,
	key: RevealedKey | null,
	response: Response | null
): Response | null {
	if (item.type !== 'matching' || key?.type !== 'matching' || response?.type !== 'matching')
		return response;
	const keyed = keyedRights(item, key);
	const rightFor: Record<number, number> = {};
	for (const [left, shown] of Object.entries(response.rightFor)) {
		const k = keyed.indexOf(item.right[shown]);
		if (k >= 0) rightFor[Number(left)] = k;
	}
	return { type: 'matching', rightFor };
}

/** The words for true and false in the viewer's language (`quiz:true`, `quiz:false`). */
export interface TrueFalseWords {
	true: string;
	false: string;
}

/**
 * The key in words, for every screen that prints it: option labels (never bare ids or ticks),
 * the true/false option's own word, "left → right" pairs, every accepted cloze text.
 * Classify lists "dimension: option" per dimension.
 */
export function keyText(item: PublicItem, key: RevealedKey, words: TrueFalseWords): string {
	const labelOf = (options: { id: string; label: string }[], id: string) =>
		options.find((o) => o.id === id)?.label ?? id;
	switch (key.type) {
		case 'single':
			return item.type === 'single' ? labelOf(item.options, key.optionId) : key.optionId;
		case 'multiple':
			return key.optionIds
				.map((id) => (item.type === 'multiple' ? labelOf(item.options, id) : id))
				.join(' · ');
		case 'truefalse':
			return key.value ? words.true : words.false;
		case 'matching':
			return key.pairs.map((p) => `${p.left} → ${p.right}`).join('; ');
		case 'classify':
			return key.dimensions
				.map(({ family, optionId }) => {
					const dimension =
						item.type === 'classify' ? item.dimensions.find((d) => d.family === family) : undefined;
					return dimension
						? `${dimension.label}: ${labelOf(dimension.options, optionId)}`
						: optionId;
				})
				.join(' · ');
		case 'cloze':
			return key.accept.join(' / ');
	}
}

/** Whether a distribution bar id (see `Distribution.options`) is part of the key. */
export function isKeyChoice(key: RevealedKey, id: string): boolean {
	switch (key.type) {
		case 'single':
			return key.optionId === id;
		case 'multiple':
			return key.optionIds.includes(id);
		case 'truefalse':
			return String(key.value) === id;
		case 'classify':
			return key.dimensions.some((d) => `${d.family}:${d.optionId}` === id);
		default:
			return false;
	}
}

/** Bars for the projector: one per option the item defines, labelled in words. */
export interface DistributionBar {
	id: string;
	label: string;
	/** Position of the option in its list (0-based): its shape, colour and number. */
	mark: number;
	count: number;
	isKey: boolean;
}

export function distributionBars(
	item: PublicItem,
	options: Record<string, number>,
	key: RevealedKey,
	labels: TrueFalseWords
): DistributionBar[] {
	const bar = (id: string, label: string, mark: number) => ({
		id,
		label,
		mark,
		count: options[id] ?? 0,
		isKey: isKeyChoice(key, id)
	});
	switch (item.type) {
		case 'single':
		case 'multiple':
			return item.options.map((o, i) => bar(o.id, o.label, i));
		case 'truefalse':
			return [bar('true', labels.true, 0), bar('false', labels.false, 1)];
		case 'classify':
			return item.dimensions.flatMap((d) =>
				d.options.map((o, i) => bar(`${d.family}:${o.id}`, `${d.label}: ${o.label}`, i))
			);
		default:
			return [];
	}
}
