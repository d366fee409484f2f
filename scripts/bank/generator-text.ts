/**
 * The generator text rules: what a teacher would refuse to sign in a generated item, as checks
 * on its rendered text. Pure functions over strings and items, so each rule has a broken-template
 * test (generator-text.spec.ts) and `generator-check.ts` runs them over every generator's space.
 *
 * Rules (issue #12, "Generated items: wording a teacher would not sign"):
 * - `doubled-word`: a word repeated next to itself ("controlled controlled", 控股的控股);
 * - `untranslated`: CJK in English text, or Latin words in Chinese text that the handout never
 *   uses (IT, SaaS, ITO … are the handout's own);
 * - `answer-in-stem`: the stem contains the label of a key (the answer given away);
 * - `agreement`: an English subject and its verb disagree in number, read as the templates
 *   intend (subject at the start of a sentence or clause, head noun before its modifiers);
 * - `repeated-phrase`: a list whose entries repeat the same words mechanically
 *   (工业产品的产品策划、工业产品的结构设计…).
 */
import { repeatsWords } from '../../src/lib/bank/generators/wording';
import type { ClassifyItem } from '../../src/lib/bank/types';

export type TextRule =
	'doubled-word' | 'untranslated' | 'answer-in-stem' | 'agreement' | 'repeated-phrase';

export interface TextProblem {
	rule: TextRule;
	/** The offending words, for the message. */
	detail: string;
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_ANY = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

// ── doubled words ───────────────────────────────────────────────────────────────────────────────

/**
 * English: the same word twice in a row, also across a hyphen ("Chinese-controlled controlled").
 * Chinese: a word of two to four characters repeated with at most one particle between
 * (控股的控股, 服务服务).
 */
export function doubledWords(text: string, lang: 'zh' | 'en'): string[] {
	if (lang === 'en') {
		const words = text.toLowerCase().split(/[\s\-–—]+/);
		const out: string[] = [];
		for (let i = 1; i < words.length; i++) {
			const w = words[i].replace(/[^a-z]/g, '');
			if (
				w.length > 0 &&
				w === words[i - 1].replace(/[^a-z]/g, '') &&
				!/[.;:,]$/.test(words[i - 1])
			)
				out.push(`${w} ${w}`);
		}
		return out;
	}
	const out: string[] = [];
	const re = /([\u4e00-\u9fff]{2,4})[的之和与]?\1/g;
	for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[0]);
	return out;
}

// ── untranslated fragments ──────────────────────────────────────────────────────────────────────

/**
 * English text with any CJK character or full-width punctuation; Chinese text with a Latin word
 * that is not in `latinAllowed` (the Latin words of the handout: IT, ITO, SaaS, X …).
 */
export function untranslated(text: string, lang: 'zh' | 'en', latinAllowed: ReadonlySet<string>) {
	if (lang === 'en') return text.match(new RegExp(`${CJK_ANY.source}+`, 'g')) ?? [];
	return (text.match(/[A-Za-z]+/g) ?? []).filter((w) => !latinAllowed.has(w));
}

/** The Latin words of a text (the handout), for `untranslated`. */
export function latinWords(text: string): Set<string> {
	return new Set(text.match(/[A-Za-z]+/g) ?? []);
}

// ── the answer in the stem ──────────────────────────────────────────────────────────────────────

/**
 * The forms of an option label that give it away: the label, the label without a bracketed part,
 * the bracketed abbreviation (ITO), each also without a generic trailing 服务 / services.
 */
export function answerForms(label: string): string[] {
	const forms = new Set<string>();
	const add = (s: string) => {
		const t = s.trim();
		if (!t) return;
		forms.add(t);
		const core = t.replace(/(服务|\s+services?)$/i, '').trim();
		if (core && core !== t) forms.add(core);
	};
	add(label);
	add(label.replace(/\s*[（(][^）)]*[）)]\s*/g, ' ').replace(/\s+/g, ' '));
	for (const m of label.matchAll(/[（(]([^）)]*)[）)]/g)) if (/^[A-Z]{2,}$/.test(m[1])) add(m[1]);
	// One character, or a short English word that is not an abbreviation, is not a giveaway.
	return [...forms].filter((f) =>
		HAN.test(f) ? f.length >= 2 : f.length >= 4 || /^[A-Z]{2,}$/.test(f)
	);
}

/**
 * Dimensions whose key follows from another dimension's key by the family tree: the outsourcing
 * class and type follow from the sub-class. Their names are the generic words of every business
 * in them (设计服务 over 结构设计, 维修维护服务 over every repair), so they are not held to the
 * rule when the item also asks the sub-class, which is the choice among near misses.
 */
const IMPLIED_BY: Partial<Record<string, string>> = {
	'outsourcing-class': 'outsourcing-subclass',
	'outsourcing-type': 'outsourcing-subclass'
};

/** Key labels of a classify item that its stem contains (see `IMPLIED_BY` for what is skipped). */
export function answerInStem(item: ClassifyItem): string[] {
	const stem = item.stem.toLowerCase();
	const out: string[] = [];
	const families = new Set(item.dimensions.map((d) => d.family));
	for (const d of item.dimensions) {
		const impliedBy = IMPLIED_BY[d.family];
		if (impliedBy && families.has(impliedBy as ClassifyItem['dimensions'][number]['family']))
			continue;
		const label = d.options.find((o) => o.id === d.answer)?.label ?? '';
		for (const form of answerForms(label)) {
			const f = form.toLowerCase();
			const found = HAN.test(f)
				? stem.includes(f)
				: /^[a-z]{2,3}$/.test(f)
					? item.stem.includes(form)
					: new RegExp(`(^|[^a-z])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z])`).test(
							stem
						);
			if (found) {
				out.push(`${d.family}: ${form}`);
				break;
			}
		}
	}
	return out;
}

// ── English agreement ───────────────────────────────────────────────────────────────────────────

/** Verbs the templates use, as bare (plural) forms; the singular adds -s/-es. */
const VERBS = [
	'buy',
	'come',
	'go',
	'travel',
	'stay',
	'send',
	'provide',
	'supply',
	'sell',
	'serve',
	'order',
	'place',
	'take',
	'need',
	'invite',
	'hire',
	'receive',
	'leave',
	'return',
	'pay',
	'spend',
	'move',
	'set',
	'open',
	'sign',
	'engage',
	'contract',
	'outsource',
	'develop',
	'want',
	'run',
	'use',
	'own',
	'handle',
	'deliver',
	'give',
	'make',
	'keep',
	'work',
	'study',
	'try',
	'see',
	'book',
	'download',
	'settle',
	'arrange',
	'list',
	'cover',
	'hold',
	'hand',
	'belong',
	'need',
	'mean',
	'ask'
];
const IRREGULAR: Record<string, 'sg' | 'pl'> = {
	is: 'sg',
	was: 'sg',
	has: 'sg',
	does: 'sg',
	are: 'pl',
	were: 'pl',
	have: 'pl',
	do: 'pl'
};
const FINITE = new Map<string, 'sg' | 'pl'>(Object.entries(IRREGULAR));
for (const v of VERBS) {
	FINITE.set(v, 'pl');
	const s = /(?:s|x|z|ch|sh|o)$/.test(v)
		? `${v}es`
		: /[^aeiou]y$/.test(v)
			? `${v.slice(0, -1)}ies`
			: `${v}s`;
	FINITE.set(s, 'sg');
}

/** Words that end a subject's head noun phrase: prepositions, participles, relatives. */
const HEAD_END =
	/^(of|in|at|from|for|to|on|with|by|who|which|that|whose|based|controlled|visiting|paying|serving|buying|sending|run|owned|set|as|now|also|directly|still|then|already|often)$/;
/** Plural nouns that do not end in -s, and -s nouns that are singular. */
const PLURAL_NOUNS = new Set(['staff', 'people', 'children', 'media', 'criteria']);
const SINGULAR_S = new Set(['news', 'business', 'process', 'analysis', 'access', 'series', 'us']);
/** A sentence opening that is not the subject, up to its comma ("While in Tianjin, …"). */
const OPENER = /^(while|during|to|in|at|when|seen|after|before|for|if|as|once|under)\b[^,]*,\s*/i;

const QUESTION_OR_PRONOUN =
	/^(it|they|he|she|we|you|this|that|these|those|there|which|who|what|how|why|where|when|nobody|neither|both|in|identify|another|nor)$/i;

/** Number of a noun phrase from its head noun (the last word before a modifier begins). */
export function nounNumber(phrase: string): 'sg' | 'pl' | undefined {
	const words = phrase
		.toLowerCase()
		.replace(/[^a-z\s'-]/g, ' ')
		.split(/\s+/)
		.filter(Boolean);
	let head: string | undefined;
	for (const w of words) {
		if (HEAD_END.test(w) || (/ing$/.test(w) && head)) break;
		head = w;
	}
	if (!head) return undefined;
	// "supplier and consumer" (the head right after "and") is plural; "an animation and film
	// production company" (a compound modifier) is not.
	const and = words.indexOf('and');
	if (and > 0 && words[and + 1] === head) return 'pl';
	if (PLURAL_NOUNS.has(head)) return 'pl';
	if (SINGULAR_S.has(head)) return 'sg';
	return /[^s]s$/.test(head) ? 'pl' : 'sg';
}

/**
 * Subject–verb disagreements: in each sentence and each clause after "; " or ": ", the subject
 * runs from the start (after an opener such as "While in Tianjin,", or "Here") to its first
 * finite verb; the verb must have the head noun's number. Clauses whose subject is a pronoun or
 * starts with a known opener word are read the same way.
 */
export function agreementErrors(text: string): string[] {
	const out: string[] = [];
	const clauses = text.split(
		/(?<=[.?!])\s+|;\s+|:\s+|,\s+(?=(?:so|and|but|while|since|because)\s)/
	);
	for (const raw of clauses) {
		// "Rule: x — definition": the heading before a dash is not a subject.
		const clause = raw
			.replace(/^.*\s[—–]\s+/, '')
			.replace(OPENER, '')
			.replace(/^(here|now|so|and|but|nor)\s+/i, '');
		const words = clause.split(/\s+/);
		const at = words.findIndex(
			(w, i) => i > 0 && FINITE.has(w.toLowerCase().replace(/[^a-z]/g, ''))
		);
		// A subject longer than a dozen words is not a parse the templates intend.
		if (at <= 0 || at > 12) continue;
		const subject = words.slice(0, at).join(' ');
		// Only plain noun-phrase subjects (a determiner, or a capitalised name or adjective): a
		// clause opening with a pronoun, a question word or a heading ("Rule: x — …") is skipped.
		if (/[—–]/.test(subject) || QUESTION_OR_PRONOUN.test(words[0])) continue;
		const number = nounNumber(subject);
		const verb = words[at].toLowerCase().replace(/[^a-z]/g, '');
		const verbNumber = FINITE.get(verb);
		if (number && verbNumber && number !== verbNumber) out.push(`${subject} … ${verb}`);
	}
	return out;
}

// ── mechanically repeated phrases in a list ─────────────────────────────────────────────────────

/**
 * Lists (Chinese 、, English "; " after "such as") in which two entries share a long run of the same words: the
 * words pasted into every entry instead of being said once (工业产品的产品策划、工业产品的结构设计;
 * "… for an industrial product; … for an industrial product"). Five characters or four words.
 */
export function repeatedPhrases(text: string, lang: 'zh' | 'en'): string[] {
	const out: string[] = [];
	const lists =
		lang === 'zh'
			? text.split(/[，。；：“”（）]/).map((c) => c.split('、'))
			: // English joins list entries with "; " after "such as" (a ";" elsewhere joins clauses).
				[...text.matchAll(/\bsuch as (.*?)(?:\.\s|\.$|$)/g)].map((m) => m[1].split(/;\s+/));
	for (const entries of lists)
		for (let i = 0; i < entries.length; i++)
			for (let j = i + 1; j < entries.length; j++)
				if (repeatsWords(entries[i], entries[j], lang))
					out.push(`${entries[i].trim()}${lang === 'zh' ? '、' : '; '}${entries[j].trim()}`);
	return out;
}

// ── one item ────────────────────────────────────────────────────────────────────────────────────

/** Every rule over one bilingual item (stem and explanation in each language). */
export function itemProblems(
	zh: ClassifyItem,
	en: ClassifyItem,
	latinAllowed: ReadonlySet<string>
): TextProblem[] {
	const out: TextProblem[] = [];
	const push = (rule: TextRule, list: string[]) =>
		list.forEach((detail) => out.push({ rule, detail }));
	for (const [item, lang] of [
		[zh, 'zh'],
		[en, 'en']
	] as const) {
		for (const text of [item.stem, item.explanation]) {
			push('doubled-word', doubledWords(text, lang));
			push('untranslated', untranslated(text, lang, latinAllowed));
			push('repeated-phrase', repeatedPhrases(text, lang));
			if (lang === 'en') push('agreement', agreementErrors(text));
		}
		push('answer-in-stem', answerInStem(item));
	}
	return out;
}
