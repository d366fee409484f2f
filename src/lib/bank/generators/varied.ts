/**
 * Patterns with varied parties, shared by the category and exclusion generators: a pattern's
 * placeholders name the lists it draws from ({city}: a Chinese city, {country} / {countryAdj}: a
 * foreign country, both from supply-mode.yaml's places; {business}: a typical business of an
 * outsourcing class or type; any other name: the pattern's own `vary` list). Every combination
 * of one pattern's lists is one variant, so a generator's space is exactly what its content allows.
 */
import type { L10n } from '../types';
import type { TypicalBusiness, SubclassBusinesses, VariedContent } from './content';
import { classOf, drillBusinesses, outsourcingRows, quoteFor, typeOf } from './outsourcing';
import { chineseCities, foreignCountries, place } from './supply-mode-facts';
import { fillBoth } from './template';

/** One filled-in pattern: which pattern, and an index into each list it draws from. */
export interface Variant {
	template: number;
	/** List name (`city`, `country`, `business` or a `vary` name) → index into that list. */
	picks: Readonly<Record<string, number>>;
}

/** The list a placeholder draws from: {countryAdj} shares {country}'s pick. */
const listOf = (placeholder: string) => (placeholder === 'countryAdj' ? 'country' : placeholder);

/** A typical business with the table row it comes from (whose words prove it). */
export interface RowBusiness {
	row: SubclassBusinesses;
	business: TypicalBusiness;
}

/**
 * The drillable businesses of an outsourcing class or type (`bpo-maintenance`, `ito`), in table
 * order; businesses that name their own sub-class are left out as in the outsourcing drill.
 */
export function businessesOf(classOrType: string): RowBusiness[] {
	return outsourcingRows()
		.filter((row) => classOf(row.subclass) === classOrType || typeOf(row.subclass) === classOrType)
		.flatMap((row) => drillBusinesses(row).map((business) => ({ row, business })));
}

function listLength(source: VariedContent, list: string): number {
	if (list === 'city') return chineseCities().length;
	if (list === 'country') return foreignCountries().length;
	if (list === 'business') return businessesOf(source.businesses ?? '').length;
	const values = source.vary?.[list];
	if (!values) throw new Error(`no list for {${list}}`);
	return values.length;
}

/** The lists one pattern draws from (both languages), in a fixed order. */
function listsOf(pattern: L10n): string[] {
	const names = [...`${pattern.zh} ${pattern.en}`.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
	return [...new Set(names.filter((n) => n !== 'a').map(listOf))].sort();
}

/** Every variant of every pattern, in a fixed order. */
export function enumerateVariants(source: VariedContent): Variant[] {
	const out: Variant[] = [];
	source.templates.forEach((pattern, template) => {
		let combos: Record<string, number>[] = [{}];
		for (const list of listsOf(pattern)) {
			const n = listLength(source, list);
			combos = combos.flatMap((c) => Array.from({ length: n }, (_, i) => ({ ...c, [list]: i })));
		}
		for (const picks of combos) out.push({ template, picks });
	});
	return out;
}

/** A stable text key of a variant, for ids and seeding. */
export const variantKey = (v: Variant) =>
	`${v.template}:${Object.entries(v.picks)
		.map(([k, i]) => `${k}=${i}`)
		.join(',')}`;

/** The business a variant picked, if its pattern draws one. */
export function pickedBusiness(source: VariedContent, v: Variant): RowBusiness | undefined {
	const i = v.picks.business;
	return i === undefined ? undefined : businessesOf(source.businesses ?? '')[i];
}

/** The words a variant fills its pattern with, per language. */
export function variantWords(
	source: VariedContent,
	v: Variant
): { zh: Record<string, string>; en: Record<string, string> } {
	const zh: Record<string, string> = {};
	const en: Record<string, string> = {};
	for (const [list, i] of Object.entries(v.picks)) {
		if (list === 'city' || list === 'country') {
			const p = place((list === 'city' ? chineseCities() : foreignCountries())[i]);
			zh[list] = p.zh;
			en[list] = p.en;
			if (list === 'country') [zh.countryAdj, en.countryAdj] = [p.zh, p.enAdj];
		} else if (list === 'business') {
			const b = businessesOf(source.businesses ?? '')[i].business;
			[zh.business, en.business] = [b.zh, b.en];
		} else {
			const value = source.vary![list][i];
			[zh[list], en[list]] = [value.zh, value.en];
		}
	}
	return { zh, en };
}

/** The variant's stem, in both languages. */
export const variantText = (source: VariedContent, v: Variant): L10n =>
	fillBoth(source.templates[v.template], variantWords(source, v));

/** The table words that prove a picked business belongs where its row is. */
export const businessQuote = ({ row, business }: RowBusiness) => quoteFor(row, business);
