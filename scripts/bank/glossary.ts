/**
 * The glossary the app shows (`glossary.json`): every glossary.yaml term and every families.yaml
 * option, each with a handout quote, the lesson section that teaches it and a unit to practise
 * it in. All three are found in the bank itself, never written by hand, so they cannot drift.
 */
import type { FamilyId, GlossaryTerm } from '../../src/lib/bank/types';
import { FAMILY_IDS, type Bank, type LoadedUnit } from './schema';
import { buildTerms, termsInZh, zhFormsLongestFirst, type Term } from './validate';

/**
 * Families whose options are yes/no answers (「不符合…判定依据」), not terms a learner looks up;
 * the terms they rest on (可数字化交付的服务贸易, 服务外包) are glossary.yaml entries.
 */
const ANSWER_FAMILIES: readonly string[] = [
	'digital',
	'trade-enterprise',
	'outsourcing-enterprise',
	'scope'
];

const slugOf = (u: LoadedUnit) => u.unit?.id ?? u.folder.replace(/^\d+-/, '');

/**
 * Pure: bank → glossary entries, glossary.yaml terms first (file order), then each family's
 * options (family order). `units` must already be in teaching order. A term is "used" by a text
 * when it survives longest-first matching (`termsInZh`), so 服务外包 is not credited with a quote
 * that only says 离岸服务外包.
 */
export function buildGlossary(bank: Bank, units: readonly LoadedUnit[]): GlossaryTerm[] {
	const terms = buildTerms(bank);
	const forms = zhFormsLongestFirst(terms);
	const uses = (zh: string, term: Term) => termsInZh(zh, forms).includes(term);

	const entry = (term: Term, label: { zh: string; en: string }, family?: FamilyId) => {
		const out: GlossaryTerm = {
			id: term.id,
			...(family ? { family } : {}),
			term: { zh: label.zh, en: label.en },
			alt: {
				zh: term.zh.filter((f) => f !== label.zh),
				en: term.en.filter((f) => f !== label.en)
			}
		};
		const quoted = units.flatMap((u) => u.items).find(({ item }) => uses(item.source.quote, term));
		if (quoted) out.quote = { text: quoted.item.source.quote, part: quoted.item.part };
		for (const u of units) {
			const section = u.unit?.sections.find((s) => uses(s.body.zh, term) || uses(s.title.zh, term));
			if (section) {
				out.lesson = {
					unit: slugOf(u),
					section: section.id,
					title: { zh: section.title.zh, en: section.title.en }
				};
				break;
			}
		}
		// Family options are concept tags: practise the unit with the most items on the concept.
		let best: { unit: string; count: number } | undefined;
		for (const u of units) {
			const count = u.items.filter(({ item }) => item.concepts.includes(term.id)).length;
			if (count > (best?.count ?? 0)) best = { unit: slugOf(u), count };
		}
		if (best) out.practice = { unit: best.unit, concept: term.id };
		else if (out.lesson) out.practice = { unit: out.lesson.unit };
		return out;
	};

	const byId = new Map(terms.map((t) => [t.id, t]));
	return [
		...bank.glossary.map((g) => entry(byId.get(`glossary:${g.id}`)!, g)),
		...FAMILY_IDS.filter((f) => !ANSWER_FAMILIES.includes(f)).flatMap((family) =>
			(bank.families[family]?.options ?? []).map((o) =>
				entry(byId.get(`${family}.${o.id}`)!, o, family as FamilyId)
			)
		)
	];
}
