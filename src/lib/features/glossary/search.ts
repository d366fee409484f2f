import type { GlossaryTerm } from '$lib/bank/types';

/**
 * Folds what a reader may type differently from the data: case, full-width forms (ＧＡＴＳ,
 * （ITO）), hyphens and runs of spaces. NFKC maps full-width to half-width.
 */
export function normaliseQuery(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[-‐‑–—_]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Every form of a term a search can hit: both languages, the accepted alternatives. */
function formsOf(term: GlossaryTerm): string[] {
	return [term.term.zh, term.term.en, ...term.alt.zh, ...term.alt.en].map(normaliseQuery);
}

/**
 * Terms matching `query` as a substring (partial, case-insensitive) of any form in either
 * language, best first: a whole-form match, then a form starting with the query, then any
 * other; ties keep the glossary's own order. An empty query returns every term in order.
 */
export function searchGlossary(terms: readonly GlossaryTerm[], query: string): GlossaryTerm[] {
	const q = normaliseQuery(query);
	if (!q) return [...terms];
	const rank = (term: GlossaryTerm) => {
		const forms = formsOf(term);
		if (forms.includes(q)) return 0;
		if (forms.some((f) => f.startsWith(q))) return 1;
		return forms.some((f) => f.includes(q)) ? 2 : -1;
	};
	return terms
		.map((term, order) => ({ term, order, rank: rank(term) }))
		.filter((r) => r.rank >= 0)
		.sort((a, b) => a.rank - b.rank || a.order - b.order)
		.map((r) => r.term);
}

/** Each glossary's Chinese forms, longest first: sorted once, not per feedback shown. */
const chineseForms = new WeakMap<readonly GlossaryTerm[], { form: string; term: GlossaryTerm }[]>();

/**
 * The terms a Chinese text (a handout quote) uses, in reading order, for readers who do not read
 * Chinese. Longest form first, and each match is blanked before shorter forms are tried, so 离岸服务外包
 * is not also reported as 服务外包 (the same rule bank:check applies to items).
 */
export function termsInChinese(terms: readonly GlossaryTerm[], zh: string): GlossaryTerm[] {
	let forms = chineseForms.get(terms);
	if (!forms) {
		forms = terms
			.flatMap((term) => [term.term.zh, ...term.alt.zh].map((form) => ({ form, term })))
			.filter(({ form }) => form.length > 0)
			.sort((a, b) => b.form.length - a.form.length);
		chineseForms.set(terms, forms);
	}
	let rest = zh;
	const found: { term: GlossaryTerm; at: number }[] = [];
	for (const { form, term } of forms) {
		const at = rest.indexOf(form);
		if (at < 0) continue;
		rest = rest.split(form).join('\u0000'.repeat(form.length));
		if (!found.some((f) => f.term === term)) found.push({ term, at });
	}
	return found.sort((a, b) => a.at - b.at).map((f) => f.term);
}
