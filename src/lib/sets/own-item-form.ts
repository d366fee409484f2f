/**
 * The own-item editor's form, kept pure: what the instructor typed, the checks that name the
 * field a problem belongs to, and the conversion to an own item (then validated by the bank's
 * schema in `validateOwnItem`). A form that fails is still savable, as a draft.
 */
import { CLOZE_BLANK } from '../../../scripts/bank/schema';
import type { Family } from '../bank/types';
import { validateOwnItem, type OwnItem, type OwnLang, type OwnItemType } from './own-item';

export interface OwnItemForm {
	id: string;
	type: OwnItemType;
	lang: OwnLang;
	difficulty: 1 | 2 | 3;
	stem: { zh: string; en: string };
	/** single/multiple: option texts. */
	options: { zh: string; en: string }[];
	/** single/multiple: indices of the right options. */
	keys: number[];
	truefalse: boolean | null;
	/** cloze: accepted answers, separated by `;` or `；`. */
	accept: { zh: string; en: string };
	pairs: { left: { zh: string; en: string }; right: { zh: string; en: string } }[];
	/** classify: family id → option id ('' = family not asked). */
	classify: Record<string, string>;
	explanation: { zh: string; en: string };
	note: string;
}

/** Where a problem is shown: a field name (`stem.zh`, `options[2].en`, `keys`…) → message code. */
export type FormErrors = Record<string, string>;

const empty = () => ({ zh: '', en: '' });

export function blankForm(id: string, type: OwnItemType = 'single'): OwnItemForm {
	return {
		id,
		type,
		lang: 'zh',
		difficulty: 2,
		stem: empty(),
		options: [empty(), empty(), empty(), empty()],
		keys: [],
		truefalse: null,
		accept: empty(),
		pairs: [0, 1, 2].map(() => ({ left: empty(), right: empty() })),
		classify: {},
		explanation: empty(),
		note: ''
	};
}

/** The languages the instructor writes in. */
export const langsOf = (lang: OwnLang): ('zh' | 'en')[] =>
	lang === 'both' ? ['zh', 'en'] : [lang];

/** Text in both keys: a one-language item repeats its language. */
function both(t: { zh: string; en: string }, lang: OwnLang) {
	const zh = t.zh.trim();
	const en = t.en.trim();
	return lang === 'zh' ? { zh, en: zh } : lang === 'en' ? { zh: en, en } : { zh, en };
}
const split = (s: string) =>
	s
		.split(/[;；]/)
		.map((a) => a.trim())
		.filter(Boolean);

/** Problems by field, with message codes for `sets:editor.<code>`. Empty when askable. */
export function checkForm(form: OwnItemForm): FormErrors {
	const errors: FormErrors = {};
	const langs = langsOf(form.lang);
	for (const l of langs) {
		if (!form.stem[l].trim()) errors[`stem.${l}`] = 'required';
		if (!form.explanation[l].trim()) errors[`explanation.${l}`] = 'required';
	}
	if (form.type === 'single' || form.type === 'multiple') {
		const filled = form.options.filter((o) => langs.every((l) => o[l].trim()));
		form.options.forEach((o, i) => {
			for (const l of langs)
				if (!o[l].trim() && langs.some((m) => o[m].trim()))
					errors[`options[${i}].${l}`] = 'required';
		});
		if (filled.length < 3 || filled.length > 6) errors.options = 'optionCount';
		if (form.type === 'single' && form.keys.length !== 1) errors.keys = 'oneKey';
		if (form.type === 'multiple' && (form.keys.length < 2 || form.keys.length >= filled.length))
			errors.keys = 'multiKeys';
	}
	if (form.type === 'truefalse' && form.truefalse === null) errors.truefalse = 'chooseTrueFalse';
	if (form.type === 'cloze')
		for (const l of langs) {
			if ((form.stem[l].match(/_+/g) ?? []).length !== 1 || !form.stem[l].includes(CLOZE_BLANK))
				errors[`stem.${l}`] ??= 'clozeBlank';
			if (split(form.accept[l]).length === 0) errors[`accept.${l}`] = 'required';
		}
	if (form.type === 'matching') {
		const complete = form.pairs.filter((p) =>
			langs.every((l) => p.left[l].trim() && p.right[l].trim())
		);
		if (complete.length < 3 || complete.length > 6) errors.pairs = 'pairCount';
	}
	if (form.type === 'classify' && !Object.values(form.classify).some(Boolean))
		errors.classify = 'chooseFamily';
	return errors;
}

/** The own item the form describes (not validated). */
export function formToRaw(form: OwnItemForm): Record<string, unknown> {
	const base = {
		id: form.id,
		part: '',
		concepts: [],
		difficulty: form.difficulty,
		lang: form.lang,
		stem: both(form.stem, form.lang),
		explanation: both(form.explanation, form.lang),
		...(form.note.trim() ? { source: { quote: form.note.trim() } } : {})
	};
	const langs = langsOf(form.lang);
	switch (form.type) {
		case 'single':
		case 'multiple': {
			const kept = form.options
				.map((o, i) => ({ o, i }))
				.filter(({ o }) => langs.every((l) => o[l].trim()));
			const options = kept.map(({ o }, j) => ({ id: 'abcdef'[j], ...both(o, form.lang) }));
			const keys = kept.flatMap(({ i }, j) => (form.keys.includes(i) ? ['abcdef'[j]] : []));
			return form.type === 'single'
				? { ...base, type: 'single', options, answer: keys[0] }
				: { ...base, type: 'multiple', options, answer: keys };
		}
		case 'truefalse':
			return { ...base, type: 'truefalse', answer: form.truefalse };
		case 'cloze': {
			const accept = both(form.accept, form.lang);
			return { ...base, type: 'cloze', accept: { zh: split(accept.zh), en: split(accept.en) } };
		}
		case 'matching':
			return {
				...base,
				type: 'matching',
				pairs: form.pairs
					.filter((p) => langs.every((l) => p.left[l].trim() && p.right[l].trim()))
					.map((p) => ({ left: both(p.left, form.lang), right: both(p.right, form.lang) }))
			};
		case 'classify':
			return {
				...base,
				type: 'classify',
				answer: Object.fromEntries(Object.entries(form.classify).filter(([, v]) => v))
			};
	}
}

/** The item when the form is complete and passes the bank's schema; else the problems. */
export function formToItem(
	form: OwnItemForm,
	families: readonly Family[]
): { ok: true; item: OwnItem } | { ok: false; errors: FormErrors; detail?: string } {
	const errors = checkForm(form);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const checked = validateOwnItem(formToRaw(form), families);
	if (checked.ok) return checked;
	// A rule the form's own checks do not cover: shown at the top, with the bank's words.
	return {
		ok: false,
		errors: { form: 'rule' },
		detail: checked.errors
			.map((e) => `${e.path}: ${e.reason.params?.detail ?? e.reason.code}`)
			.join('; ')
	};
}

/** The form for an existing own item, to edit it. */
export function itemToForm(item: OwnItem): OwnItemForm {
	const form = blankForm(item.id, item.type);
	form.lang = item.lang;
	form.difficulty = item.difficulty;
	form.stem = { ...item.stem };
	form.explanation = { ...item.explanation };
	form.note = item.source?.quote ?? '';
	if (item.type === 'single' || item.type === 'multiple') {
		form.options = item.options.map((o) => ({ zh: o.zh ?? '', en: o.en ?? '' }));
		const keys = item.type === 'single' ? [item.answer] : item.answer;
		form.keys = item.options.flatMap((o, i) => (keys.includes(o.id ?? '') ? [i] : []));
	}
	if (item.type === 'truefalse') form.truefalse = item.answer;
	if (item.type === 'cloze')
		form.accept = { zh: item.accept.zh.join('; '), en: item.accept.en.join('; ') };
	if (item.type === 'matching')
		form.pairs = item.pairs.map((p) => ({ left: { ...p.left }, right: { ...p.right } }));
	if (item.type === 'classify') form.classify = { ...(item.answer as Record<string, string>) };
	return form;
}
