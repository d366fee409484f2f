/**
 * Test-only helpers (imported by the generator specs, never by the app): the handout and the
 * glossary read from disk, so generated text is checked against the same files the bank is.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('../../../../question-bank/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** seed.txt with all whitespace removed: quotes must be contiguous runs of it. */
export const SEED_NO_SPACE = read('source/seed.txt').replace(/\s+/g, '');

export const inSeed = (quote: string) => SEED_NO_SPACE.includes(quote.replace(/\s+/g, ''));

interface YamlOption {
	id: string;
	zh: string;
	en: string;
	zhAlt?: string[];
	enAlt?: string[];
	parent?: string;
	noCase?: boolean;
}

export const FAMILIES_YAML = parse(read('families.yaml')) as Record<
	string,
	{ label: { zh: string; en: string }; options: YamlOption[] }
>;
const GLOSSARY_YAML = parse(read('glossary.yaml')) as YamlOption[];

interface Term {
	id: string;
	zh: string[];
	en: string[];
}

const withoutParen = (s: string) => s.replace(/\s*[（(][^）)]*[）)]\s*$/, '').trim();

const TERMS: Term[] = [
	...GLOSSARY_YAML.map((g) => ({
		id: g.id,
		zh: [g.zh, ...(g.zhAlt ?? [])],
		en: [g.en, ...(g.enAlt ?? [])]
	})),
	...Object.entries(FAMILIES_YAML).flatMap(([family, f]) =>
		f.options.map((o) => ({
			id: `${family}.${o.id}`,
			zh: [...new Set([o.zh, withoutParen(o.zh), ...(o.zhAlt ?? [])])],
			en: [...new Set([o.en, withoutParen(o.en), ...(o.enAlt ?? [])])]
		}))
	)
];

const ZH_FORMS = TERMS.flatMap((term) => term.zh.map((form) => ({ form, term }))).sort(
	(x, y) => y.form.length - x.form.length
);

/**
 * Glossary terms used in the zh text whose English (or an alternative) is missing from the en
 * text, as bank:check enforces for authored items. Longest forms are matched (and blanked) first,
 * so 软件研发服务 is not also read as 研发服务.
 */
export function glossaryMisses(zh: string, en: string): string[] {
	let rest = zh;
	const used = new Map<string, Term>();
	for (const { form, term } of ZH_FORMS) {
		if (!rest.includes(form)) continue;
		used.set(term.id, term);
		rest = rest.split(form).join('\u0000');
	}
	const enText = en.toLowerCase().replace(/\s+/g, ' ');
	return [...used.values()]
		.filter((term) => !term.en.some((form) => enText.includes(form.toLowerCase())))
		.map((term) => term.id);
}
