/**
 * An instructor's own question: the bank's authored item shape (scripts/bank/schema.ts), with the
 * few fields only the handout can supply made optional. It validates against the SAME zod variants
 * as the bank, plus the bank's own cross-checks (keys inside the options, one `____` per cloze
 * stem, classify answers inside their family tree), so once localised by `toRuntimeItem` it is an
 * `Item` like any other and every flow (practice, exam, classroom, print) treats it the same.
 *
 * A question written in one language only keeps that text in both `zh` and `en` and says so in
 * `lang`: the learner sees the instructor's words whatever the UI language.
 */
import { z } from 'zod';
import {
	classifySchema,
	clozeSchema,
	l10nSchema,
	matchingSchema,
	multipleSchema,
	singleSchema,
	trueFalseSchema,
	type AuthoredFamilies,
	type AuthoredItem,
	type LoadedItem
} from '../../../scripts/bank/schema';
import {
	checkClassify,
	checkCloze,
	checkMatching,
	checkOptions,
	indexFamilies
} from '../../../scripts/bank/validate';
import type { ClassifyDimension, Family, FamilyId, Item, L10n, Locale } from '../bank/types';
import type { Reason } from './formats/types';

export const OWN_LANGS = ['zh', 'en', 'both'] as const;
/** Which language(s) the instructor wrote: `zh`/`en` items carry the same text under both keys. */
export type OwnLang = (typeof OWN_LANGS)[number];

/** Own ids are namespaced so they can never collide with (or be mistaken for) a bank id. */
export const OWN_ID = /^own-[a-z0-9]+(?:-[a-z0-9]+)*$/;

const nonEmpty = l10nSchema.shape.zh;
// What the handout supplies for bank items (part, concepts, seed quote) is optional for own ones;
// the quote becomes a free "source note". Everything else is the bank's rule, unchanged.
const ownFields = {
	id: z.string().regex(OWN_ID, { message: 'must look like own-xxxx' }),
	part: z.string(),
	concepts: z.array(z.string()),
	source: z.strictObject({ quote: nonEmpty }).optional(),
	lang: z.enum(OWN_LANGS)
};

export const ownItemSchema = z.discriminatedUnion('type', [
	singleSchema.extend(ownFields),
	multipleSchema.extend(ownFields),
	trueFalseSchema.extend(ownFields),
	matchingSchema.extend(ownFields),
	classifySchema.extend(ownFields),
	clozeSchema.extend(ownFields)
]);

/** A complete, askable own item. */
export type OwnItem = z.infer<typeof ownItemSchema>;
export type OwnItemType = OwnItem['type'];

/** One problem with an own item: the dotted field path (`options[1].zh`, '' for the whole) and why. */
export interface FieldError {
	path: string;
	reason: Reason;
}

function pathOf(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path)
		out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
	return out;
}

/** Runtime families (from the bank index) in the authored shape the bank's cross-checks take. */
export function authoredFamilies(families: readonly Family[]): AuthoredFamilies {
	return Object.fromEntries(
		families.map((f) => [
			f.id,
			{
				label: f.label,
				options: f.options.map((o) => ({
					id: o.id,
					zh: o.label.zh,
					en: o.label.en,
					...(o.parent ? { parent: o.parent } : {})
				}))
			}
		])
	) as AuthoredFamilies;
}

/**
 * Checks an own item with the bank's schema and cross-checks. Returns the typed item, or every
 * problem with the field it belongs to (so the editor shows each next to its input).
 * `families` is only needed for classify items; without them a classify item is refused.
 */
export function validateOwnItem(
	raw: unknown,
	families: readonly Family[] = []
): { ok: true; item: OwnItem } | { ok: false; errors: FieldError[] } {
	const parsed = ownItemSchema.safeParse(raw);
	if (!parsed.success)
		return {
			ok: false,
			errors: parsed.error.issues.map((issue) => ({
				path: pathOf(issue.path),
				reason: {
					code: issue.code === 'unrecognized_keys' ? 'unknownField' : 'schema',
					params: { path: pathOf(issue.path), detail: issue.message }
				}
			}))
		};
	const item = parsed.data;
	// The bank's rules take a "loaded item"; file and folder only label their messages.
	const at = { item: item as unknown as AuthoredItem, file: '', folder: '' } as LoadedItem;
	const index = indexFamilies(authoredFamilies(families));
	const bankErrors = [
		...checkOptions(at, index),
		...checkMatching(at),
		...checkCloze(at),
		...(item.type === 'classify' && families.length === 0
			? [{ path: 'answer', message: 'the families are not loaded' }]
			: checkClassify(at, index))
	];
	if (bankErrors.length > 0)
		return {
			ok: false,
			errors: bankErrors.map((e) => ({
				path: e.path,
				reason: { code: 'rule', params: { path: e.path, detail: e.message } }
			}))
		};
	return { ok: true, item };
}

/** Fills the language the instructor did not write with the one they did. */
export function bothLanguages(text: string): L10n {
	return { zh: text, en: text };
}

/** True when the text has any CJK ideograph: how a one-language import decides `lang`. */
export function looksChinese(text: string): boolean {
	return /[\u3400-\u9fff]/.test(text);
}

const pick = (t: L10n, locale: Locale) => (locale === 'zh-CN' ? t.zh : t.en);

/**
 * The own item as the flows see it, in one locale: the same `Item` shape the bank build writes
 * (scripts/bank/build.ts `localiseItem`). `unit` is 'own' so progress never files it under a
 * bank unit; classify dimensions are rebuilt from the bank's families.
 */
export function toRuntimeItem(item: OwnItem, locale: Locale, families: readonly Family[]): Item {
	const base = {
		id: item.id,
		unit: 'own',
		part: item.part,
		concepts: [...item.concepts],
		difficulty: item.difficulty,
		stem: pick(item.stem, locale),
		explanation: pick(item.explanation, locale),
		source: { part: item.part, quote: item.source?.quote ?? '' }
	};
	const option = (o: { id?: string; zh?: string; en?: string; ref?: string }) => ({
		id: o.id ?? o.ref ?? '',
		label: (locale === 'zh-CN' ? o.zh : o.en) ?? o.ref ?? ''
	});
	switch (item.type) {
		case 'single':
			return { ...base, type: 'single', options: item.options.map(option), answer: item.answer };
		case 'multiple':
			return {
				...base,
				type: 'multiple',
				options: item.options.map(option),
				answer: [...item.answer]
			};
		case 'truefalse':
			return { ...base, type: 'truefalse', answer: item.answer };
		case 'matching':
			return {
				...base,
				type: 'matching',
				pairs: item.pairs.map((p) => ({ left: pick(p.left, locale), right: pick(p.right, locale) }))
			};
		case 'cloze':
			return {
				...base,
				type: 'cloze',
				accept: [...(locale === 'zh-CN' ? item.accept.zh : item.accept.en)]
			};
		case 'classify': {
			const dimensions: ClassifyDimension[] = (
				Object.entries(item.answer) as [FamilyId, string][]
			).map(([familyId, answer]) => {
				const family = families.find((f) => f.id === familyId);
				const limit = item.choices?.[familyId];
				return {
					family: familyId,
					label: family ? pick(family.label, locale) : familyId,
					options: (family?.options ?? [])
						.filter((o) => !limit || limit.includes(o.id))
						.map((o) => ({ id: o.id, label: pick(o.label, locale) })),
					answer
				};
			});
			return { ...base, type: 'classify', dimensions };
		}
	}
}
