import { describe, expect, it } from 'vitest';
import { fixtureItems, fixtureSource } from './fixture';
import { formatError, parseBankSource, type BankSource } from './schema';
import {
	buildTerms,
	checkCoverage,
	checkStems,
	normaliseStem,
	termsInZh,
	untranslatedCjk,
	validate,
	zhFormsLongestFirst
} from './validate';

const FILE = 'units/01-demo/items.yaml';

/** Formatted errors with coverage off: a tiny fixture can never reach the README minimums. */
function errorsOf(source: BankSource, unit?: string): string[] {
	return validate(source, { coverage: false, unit }).errors.map(formatError);
}

function item(source: BankSource, id: string): Record<string, unknown> {
	const found = fixtureItems(source).find((it) => it.id === id);
	if (!found) throw new Error(`fixture has no ${id}`);
	return found;
}

describe('validate: the good fixture', () => {
	it('passes every rule', () => {
		expect(errorsOf(fixtureSource())).toEqual([]);
	});

	it('keeps every item', () => {
		const { bank } = validate(fixtureSource(), { coverage: false });
		expect(bank.units[0].items.map((at) => at.item.id)).toHaveLength(6);
	});
});

describe('validate: schema', () => {
	it('rejects an unknown field, naming it', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').hint = 'psst';
		expect(errorsOf(s)).toEqual([`${FILE}#demo-tf-01 hint: unknown field`]);
	});

	it('requires both languages', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').stem = { zh: '提供方式一共有四种。' };
		expect(errorsOf(s)).toEqual([`${FILE}#demo-tf-01 stem.en: required`]);
	});

	it('rejects an empty language', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').stem = { zh: '提供方式一共有四种。', en: '  ' };
		expect(errorsOf(s)).toEqual([`${FILE}#demo-tf-01 stem.en: must not be empty`]);
	});

	it('rejects an unknown type', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').type = 'essay';
		const errors = errorsOf(s);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(new RegExp(`^${FILE}#demo-tf-01 type: `));
	});

	it('names an item without an id by its position', () => {
		const s = fixtureSource();
		delete item(s, 'demo-tf-01').id;
		expect(errorsOf(s)).toContain(`${FILE}#[2] id: required`);
	});

	it('rejects options on a truefalse item', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').options = [];
		expect(errorsOf(s)).toEqual([`${FILE}#demo-tf-01 options: unknown field`]);
	});

	it('rejects an unknown field in unit.yaml', () => {
		const s = fixtureSource();
		(s.units[0].unit as Record<string, unknown>).author = 'me';
		expect(errorsOf(s)).toEqual(['units/01-demo/unit.yaml#demo author: unknown field']);
	});

	it('files a section’s schema error under the section id', () => {
		const s = fixtureSource();
		(s.units[0].unit as { sections: { check: string[] }[] }).sections[0].check = [];
		expect(errorsOf(s)).toEqual([
			'units/01-demo/unit.yaml#intro sections[0].check: Too small: expected array to have >=1 items'
		]);
	});

	it('files a families.yaml error under the family option', () => {
		const s = fixtureSource();
		const mode = (s.families as Record<string, { options: Record<string, unknown>[] }>).mode;
		delete mode.options[1].en;
		expect(errorsOf(s)).toContain(
			'families.yaml#mode.consumption-abroad mode.options[1].en: required'
		);
	});

	it('reports a missing unit.yaml', () => {
		const s = fixtureSource();
		s.units[0].unit = undefined;
		expect(errorsOf(s)).toContain('units/01-demo/unit.yaml#demo: missing unit.yaml (the lesson)');
	});
});

describe('validate: ids and answers', () => {
	it('reports a duplicate id on the later occurrence, naming the first file', () => {
		const s = fixtureSource();
		const copy = {
			...item(s, 'demo-tf-01'),
			stem: { zh: '完全不同的一个题干内容。', en: 'A completely different stem.' }
		};
		s.units[0].itemFiles.push({ file: 'units/01-demo/items-b.yaml', items: [copy] });
		expect(errorsOf(s)).toEqual([
			`units/01-demo/items-b.yaml#demo-tf-01 id: duplicate id, first used in ${FILE}`
		]);
	});

	it('reports a key outside the options', () => {
		const s = fixtureSource();
		item(s, 'demo-single-01').answer = 'financial';
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-single-01 answer: "financial" is not one of the options`
		]);
	});

	it('requires at least two keys and one wrong option for multiple', () => {
		const s = fixtureSource();
		item(s, 'demo-multiple-01').answer = ['cross-border'];
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-multiple-01 answer: a multiple item needs at least 2 keys (use single)`
		]);
		item(s, 'demo-multiple-01').answer = ['cross-border', 'consumption-abroad', 'tariff'];
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-multiple-01 answer: a multiple item needs at least 1 wrong option`
		]);
	});

	it('reports a ref that resolves to nothing', () => {
		const s = fixtureSource();
		(item(s, 'demo-single-01').options as object[])[2] = { ref: 'category.banking' };
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-single-01 options[2].ref: "category.banking" is not a family option`
		]);
	});

	it('requires 3–6 matching pairs with unique sides', () => {
		const s = fixtureSource();
		const pairs = item(s, 'demo-match-01').pairs as { right: { zh: string; en: string } }[];
		pairs[2].right = { ...pairs[0].right };
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-match-01 pairs[2].right.zh: same as pairs[0].right.zh`,
			`${FILE}#demo-match-01 pairs[2].right.en: same as pairs[0].right.en`
		]);
		item(s, 'demo-match-01').pairs = pairs.slice(0, 2);
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-match-01 pairs: Too small: expected array to have >=3 items`
		]);
	});

	it('requires exactly one blank per cloze language', () => {
		const s = fixtureSource();
		const stem = item(s, 'demo-cloze-01').stem as { zh: string; en: string };
		stem.en = stem.en.replace('____', '___ or ____');
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-cloze-01 stem.en: needs exactly one ____ (found 2 gap(s), not all exactly four underscores)`
		]);
	});

	it('rejects an empty accept list', () => {
		const s = fixtureSource();
		item(s, 'demo-cloze-01').accept = { zh: ['自然人移动'], en: [] };
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-cloze-01 accept.en: Too small: expected array to have >=1 items`
		]);
	});

	it('rejects an unknown concept tag', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').concepts = ['topic.definition'];
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-tf-01 concepts[0]: "topic.definition" is neither a topic nor a family option (family.option)`
		]);
	});

	it('rejects an unknown part', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').part = '9.9';
		expect(errorsOf(s)).toEqual([`${FILE}#demo-tf-01 part: "9.9" is not in parts.yaml`]);
	});
});

describe('validate: classify', () => {
	it('reports an answer outside its family', () => {
		const s = fixtureSource();
		(item(s, 'demo-classify-01').answer as Record<string, string>).mode = 'online';
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-classify-01 answer.mode: "online" is not in family mode`
		]);
	});

	it('reports a sub-class whose class disagrees', () => {
		const s = fixtureSource();
		(item(s, 'demo-classify-01').answer as Record<string, string>)['outsourcing-class'] = 'ito-rd';
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-classify-01 answer.outsourcing-class: "ito-rd" disagrees with sub-class "kpo-design.creative" (its class is "kpo-design")`
		]);
	});

	it('reports a class whose type disagrees', () => {
		const s = fixtureSource();
		(item(s, 'demo-classify-01').answer as Record<string, string>)['outsourcing-type'] = 'ito';
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-classify-01 answer.outsourcing-type: "ito" disagrees with class "kpo-design" (its type is "kpo")`
		]);
	});

	it('requires choices for outsourcing-subclass', () => {
		const s = fixtureSource();
		delete item(s, 'demo-classify-01').choices;
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-classify-01 choices.outsourcing-subclass: required: outsourcing-subclass has too many options to show them all (give 3–6)`
		]);
	});

	it('requires choices to include the key and be 3–6 family options', () => {
		const s = fixtureSource();
		item(s, 'demo-classify-01').choices = {
			'outsourcing-subclass': ['ito-rd.software', 'bpo-internal.hr']
		};
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-classify-01 choices.outsourcing-subclass: needs 3–6 choices (has 2)`,
			`${FILE}#demo-classify-01 choices.outsourcing-subclass: must include the key "kpo-design.creative"`
		]);
	});
});

describe('validate: stems', () => {
	it('reports a near-duplicate zh stem on the later item', () => {
		const s = fixtureSource();
		const copy = structuredClone(item(s, 'demo-single-01'));
		copy.id = 'demo-single-02';
		// One character changed in a 26-character stem: Dice ≈ 0.92.
		copy.stem = {
			zh: '天津本地医院为入境就医人员提供医疗服务，应归入哪一种？',
			en: 'Same, reworded slightly.'
		};
		fixtureItems(s).push(copy);
		const errors = errorsOf(s);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(
			new RegExp(
				`^${FILE}#demo-single-02 stem\\.zh: near-duplicate stem \\(similarity 0\\.\\d\\d\\) of demo-single-01 \\(${FILE}\\)$`
			)
		);
	});

	it('reports the same stem after normalising punctuation, width and spaces', () => {
		const s = fixtureSource();
		const copy = structuredClone(item(s, 'demo-tf-01'));
		copy.id = 'demo-tf-02';
		copy.stem = { zh: ' 提供方式一共有四种! ', en: 'Four modes again.' };
		fixtureItems(s).push(copy);
		expect(errorsOf(s)).toEqual([`${FILE}#demo-tf-02 stem.zh: same stem as demo-tf-01 (${FILE})`]);
	});

	it('normalises full-width characters and punctuation away', () => {
		expect(normaliseStem('ＩＴＯ 是什么？')).toBe(normaliseStem('ito是什么?'));
	});

	it('leaves clearly different stems alone', () => {
		const { bank } = parseBankSource(fixtureSource());
		expect(checkStems(bank.units[0].items)).toEqual([]);
	});
});

describe('validate: glossary', () => {
	it('requires the glossary English when the zh uses a term', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').stem = {
			zh: '服务贸易的提供方式一共有四种。',
			en: 'There are four modes of supply.'
		};
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-tf-01 stem.en: zh uses 服务贸易 (glossary:service-trade), so en must use "trade in services" (or "service trade", "services trade")`
		]);
	});

	it('accepts an enAlt, case-insensitively', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').stem = {
			zh: '服务贸易的提供方式一共有四种。',
			en: 'Services Trade has four modes of supply.'
		};
		expect(errorsOf(s)).toEqual([]);
	});

	it('checks authored options and family terms too', () => {
		const s = fixtureSource();
		(item(s, 'demo-multiple-01').options as object[])[0] = {
			id: 'tariff',
			zh: '境外消费税',
			en: 'a tax on spending abroad'
		};
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-multiple-01 options[0].en: zh uses 境外消费 (mode.consumption-abroad), so en must use "consumption abroad"`
		]);
	});

	it('prefers the longest term: 境外服务外包 does not also demand service outsourcing', () => {
		const { bank } = parseBankSource(fixtureSource());
		const forms = zhFormsLongestFirst(buildTerms(bank));
		expect(termsInZh('这是境外服务外包。', forms).map((t) => t.id)).toEqual([
			'outsourcing-mode.overseas'
		]);
		expect(termsInZh('境外服务外包和服务外包', forms).map((t) => t.id)).toEqual([
			'outsourcing-mode.overseas',
			'glossary:service-outsourcing'
		]);
	});

	it('treats a parenthesised abbreviation as optional', () => {
		const { bank } = parseBankSource(fixtureSource());
		const forms = zhFormsLongestFirst(buildTerms(bank));
		const [term] = termsInZh('信息技术外包的定义', forms);
		expect(term.id).toBe('outsourcing-type.ito');
		expect(term.en).toContain('information technology outsourcing');
	});
});

describe('validate: explanation, quote, lessons', () => {
	it('requires explanations of at least 20 zh / 60 en characters', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').explanation = { zh: '对。', en: 'Yes.' };
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-tf-01 explanation.zh: too short: 2 chars, need ≥ 20`,
			`${FILE}#demo-tf-01 explanation.en: too short: 4 chars, need ≥ 60`
		]);
	});

	it('finds a quote across the handout’s line breaks', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').source = { quote: '商业存在和 自然人移动' };
		expect(errorsOf(s)).toEqual([]);
	});

	it('reports a quote that is not in the seed, with how far it matched', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').source = { quote: '有四种提供方法' };
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-tf-01 source.quote: not found in source/seed.txt (whitespace ignored); the first 6 of 7 chars match, then "法…" does not`
		]);
	});

	it('reports a section check id that is no item', () => {
		const s = fixtureSource();
		(s.units[0].unit as { sections: { check: string[] }[] }).sections[0].check = ['demo-nope-01'];
		expect(errorsOf(s)).toEqual([
			'units/01-demo/unit.yaml#intro sections[0].check[0]: "demo-nope-01" is not an item id'
		]);
	});

	it('reports a section check id from another unit', () => {
		const s = fixtureSource();
		const other = structuredClone(s.units[0]);
		other.folder = '02-other';
		(other.unit as { id: string; order: number }).id = 'other';
		(other.unit as { id: string; order: number }).order = 2;
		other.itemFiles = [];
		s.units.push(other);
		expect(errorsOf(s)).toEqual([
			'units/02-other/unit.yaml#intro sections[0].check[0]: "demo-single-01" is an item of 01-demo, not of this unit',
			'units/02-other/unit.yaml#intro sections[0].check[1]: "demo-cloze-01" is an item of 01-demo, not of this unit'
		]);
		// --unit restricts the report to the unit being written.
		expect(errorsOf(s, '01-demo')).toEqual([]);
	});

	it('reports a part that no unit teaches', () => {
		const s = fixtureSource();
		(s.parts as object[]).push({ id: '3', zh: '三、政策', en: 'Policy documents' });
		expect(errorsOf(s)).toEqual([
			'parts.yaml#3: no unit teaches this part (add it to some unit.yaml parts)'
		]);
		// …which is a whole-bank rule, skipped with --unit.
		expect(errorsOf(s, '01-demo')).toEqual([]);
	});
});

describe('validate: coverage minimums', () => {
	it('reports each shortfall with the count found', () => {
		const { bank } = parseBankSource(fixtureSource());
		const errors = checkCoverage(bank).map(formatError);
		expect(errors).toContain('units#all coverage: 6 items, need 400');
		expect(errors).toContain('families.yaml#category.travel coverage: 1 items, need 6');
		expect(errors).toContain(
			'families.yaml#outsourcing-subclass.kpo-design.creative coverage: 1 items, need 3'
		);
		expect(errors).toContain(
			'families.yaml#outsourcing-subclass.ito-rd.testing coverage: 0 seedCase items, need 1 (the handout has a case for it)'
		);
		// noCase sub-classes need items but no seed case.
		expect(errors).toContain(
			'families.yaml#outsourcing-subclass.ito-rd.other coverage: 0 items, need 3'
		);
		expect(
			errors.filter((e) => e.startsWith('families.yaml#outsourcing-subclass.ito-rd.other'))
		).toHaveLength(1);
		expect(errors).toContain('units#topic.mode-scenario coverage: 1 classify items, need 40');
		expect(errors).toContain('units#topic.digital-trade coverage: 0 items, need 40');
		expect(errors).toContain('units#unit digital-trade coverage: 0 classify items, need 12');
		expect(errors).toContain('units#topic.new-models coverage: 0 items, need 10');
		expect(errors).toContain('units#topic.definitions+topic.relations coverage: 3 items, need 30');
		expect(errors).toContain('units#topic.enterprise-criteria coverage: 0 items, need 10');
		expect(errors.some((e) => e.startsWith('parts.yaml#'))).toBe(false);
	});

	it('is part of the full check and skipped for --unit', () => {
		const full = validate(fixtureSource()).errors;
		expect(full.filter((e) => e.kind === 'coverage').length).toBeGreaterThan(0);
		expect(validate(fixtureSource(), { unit: '01-demo' }).errors).toEqual([]);
	});
});

describe('validate: lesson markup', () => {
	it('reports HTML, links and unpaired ** in a section body', () => {
		const s = fixtureSource();
		const section = (s.units[0].unit as { sections: { body: { zh: string; en: string } }[] })
			.sections[0];
		section.body.en = 'A <b>bold</b> claim.\n\n- **one\n- two**\n\nSee [the handout](x).';
		expect(errorsOf(s)).toEqual([
			'units/01-demo/unit.yaml#intro sections[0].body.en: contains HTML; only paragraphs, "- " lists and **bold** render',
			'units/01-demo/unit.yaml#intro sections[0].body.en: contains a link or image; only paragraphs, "- " lists and **bold** render',
			'units/01-demo/unit.yaml#intro sections[0].body.en: unpaired ** in "- **one…"',
			'units/01-demo/unit.yaml#intro sections[0].body.en: unpaired ** in "- two**…"'
		]);
	});
});

describe('validate: fairness of a printed set (issue #8)', () => {
	/** n copies of a fixture item with distinct ids and stems (distinct enough not to be near-duplicates). */
	function clones(
		s: BankSource,
		id: string,
		n: number,
		edit: (it: Record<string, unknown>, i: number) => void
	) {
		const base = item(s, id);
		for (let i = 0; i < n; i++) {
			const copy = structuredClone(base);
			copy.id = `${id}-c${i}`;
			copy.stem = {
				zh: `第${i}号案例${'甲乙丙丁戊己庚辛壬癸'.slice(0, i % 10)}：${i * 7919}`,
				en: `Case ${i}`
			};
			edit(copy, i);
			fixtureItems(s).push(copy);
		}
	}
	const balanceErrors = (s: BankSource) =>
		validate(s, { coverage: false })
			.errors.filter((e) => e.kind === 'balance')
			.map(formatError);

	it('rejects single keys piled on option 1, accepts them spread over positions', () => {
		const s = fixtureSource();
		clones(s, 'demo-single-01', 12, () => {});
		expect(balanceErrors(s)).toEqual([
			'units#single answer: 13 single items have the key at option 1, uniform would be 4.3 (move keys to other positions)',
			'units#single answer: 0 single items have the key at option 2, uniform would be 4.3 (move keys to other positions)',
			'units#single answer: 0 single items have the key at option 3, uniform would be 4.3 (move keys to other positions)'
		]);
		const spread = fixtureSource();
		clones(spread, 'demo-single-01', 12, (it, i) => {
			const options = it.options as object[];
			const k = i % 3;
			[options[0], options[k]] = [options[k], options[0]];
		});
		expect(balanceErrors(spread)).toEqual([]);
	});

	it('rejects a multiple item whose keys are exactly its first options', () => {
		const s = fixtureSource();
		item(s, 'demo-multiple-01').options = [
			{ ref: 'mode.cross-border' },
			{ ref: 'mode.consumption-abroad' },
			{ id: 'tariff', zh: '关税', en: 'tariffs' }
		];
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-multiple-01 answer: the keys are exactly the first options: put a wrong option before some key`
		]);
	});

	it('rejects a true/false set outside 40–60 % true', () => {
		const s = fixtureSource();
		clones(s, 'demo-tf-01', 11, (it, i) => (it.answer = i < 3));
		// 1 + 3 true of 12: 33 %.
		expect(balanceErrors(s)).toEqual([
			'units#truefalse answer: 4 of 12 true/false items are true (33 %), need 40–60 %'
		]);
		const fair = fixtureSource();
		clones(fair, 'demo-tf-01', 11, (it, i) => (it.answer = i < 5));
		expect(balanceErrors(fair)).toEqual([]);
	});
	it('rejects lesson checks mostly false even when the bank is balanced', () => {
		const s = fixtureSource();
		// 24 true/false items, about half true: the bank passes. The lessons check ten false ones.
		clones(s, 'demo-tf-01', 23, (it, i) => (it.answer = i % 2 === 0));
		const falses = fixtureItems(s)
			.filter((it) => it.type === 'truefalse' && it.answer === false)
			.map((it) => it.id as string)
			.slice(0, 10);
		const unit = s.units[0].unit as { sections: Record<string, unknown>[] };
		const intro = unit.sections[0];
		for (let i = 0; i < falses.length; i += 3)
			unit.sections.push({ ...intro, id: `extra-${i}`, check: falses.slice(i, i + 3) });
		unit.sections.push({ ...intro, id: 'extra-true', check: ['demo-tf-01-c0'] });
		expect(balanceErrors(s)).toEqual([
			'lessons#truefalse answer: 1 of 11 true/false items checked by the lessons (swap a section check for an item of the other kind) are true (9 %), need 40–60 %'
		]);
	});
	it('rejects a classify shape whose key is always the same, accepts it spread', () => {
		// "No direction question ⇒ commercial presence": four scenarios asking the mode only.
		const asking = (modes: string[]) => (it: Record<string, unknown>, i: number) => {
			it.answer = { mode: modes[i] };
			it.concepts = ['topic.mode-scenario'];
			delete it.choices;
		};
		const s = fixtureSource();
		clones(s, 'demo-classify-01', 4, asking(Array(4).fill('commercial-presence')));
		expect(balanceErrors(s)).toEqual([
			`${FILE}#demo-classify-01-c0 answer.mode: 4 of 4 classify items asking mode have mode "commercial-presence" (at most 2): the shape tells the key; add items of this shape with another key, or ask some of them other questions`
		]);
		// Three of a shape are too few to judge; four spread over the modes pass.
		const few = fixtureSource();
		clones(few, 'demo-classify-01', 3, asking(Array(3).fill('commercial-presence')));
		expect(balanceErrors(few)).toEqual([]);
		const spread = fixtureSource();
		clones(
			spread,
			'demo-classify-01',
			4,
			asking(['commercial-presence', 'cross-border', 'commercial-presence', 'natural-persons'])
		);
		expect(balanceErrors(spread)).toEqual([]);
	});
});

describe('validate: explanations name options by content (issue #8)', () => {
	const cases: [string, 'zh' | 'en', string][] = [
		['zh letters', 'zh', '讲义明确列出了这一点：a 和 b 都是消费者出行，其他选项属于别的方式。'],
		['zh capital letter', 'zh', '讲义明确列出了这一点，B 是狭义定义，所以其他都不正确，请注意。'],
		['zh ordinal', 'zh', '讲义明确列出了这一点，所以前三项都正确，其余选项属于别的类别。'],
		['zh option label', 'zh', '讲义明确列出了这一点，选项C属于别的类别或方式，因此不正确。'],
		[
			'en option letter',
			'en',
			'The handout states this directly; option D is the broad definition and the rest are narrower.'
		],
		[
			'en option number',
			'en',
			'The handout states this directly; option 1 is the broad definition and the rest are narrower.'
		],
		[
			'en letters',
			'en',
			'The handout states this directly: a and b both have the consumer travelling to buy abroad.'
		],
		[
			'en capital letter',
			'en',
			'The handout states this directly. B is the narrow definition and C the narrowest of all.'
		],
		[
			'en ordinal',
			'en',
			'The handout states this directly, so the first three are transport and the others are not.'
		],
		[
			'en first option',
			'en',
			'The handout states this directly: only the first option meets every condition it sets.'
		]
	];
	for (const [name, lang, text] of cases)
		it(`rejects ${name}`, () => {
			const s = fixtureSource();
			const it0 = item(s, 'demo-single-01');
			it0.explanation = { ...(it0.explanation as object), [lang]: text };
			const errors = errorsOf(s);
			expect(errors, errors.join('\n')).toHaveLength(1);
			expect(errors[0]).toMatch(
				new RegExp(
					`^${FILE}#demo-single-01 explanation\\.${lang}: refers to an option by letter or position`
				)
			);
		});

	it('leaves articles, abbreviations and the handout’s own lists alone', () => {
		const s = fixtureSource();
		item(s, 'demo-single-01').explanation = {
			zh: '其他商业服务的定义第一项就是研发成果转让费及委托研发，即 R&D 与 B2B 平台之外的服务。',
			en: 'A Tianjin hospital treats a patient, i.e. an inbound one; R&D are bought as a service, and e-commerce is not.'
		};
		expect(errorsOf(s)).toEqual([]);
	});
});

describe('validate: Chinese typography (issue #8)', () => {
	it('rejects ASCII quotes and colons in zh item text, not in the source quote', () => {
		const s = fixtureSource();
		item(s, 'demo-single-01').stem = {
			zh: '天津本地医院为入境就医人员提供"医疗服务"，应归入哪一类?',
			en: 'A Tianjin hospital treats patients who came from abroad for care. Which category is this?'
		};
		item(s, 'demo-tf-01').explanation = {
			zh: '讲义明确列出了这一点:提供方式一共有四种，17:20 这样的时刻不算。',
			en: 'The handout states this directly; the other options belong to different categories or modes, so they are wrong.'
		};
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-single-01 stem.zh: ASCII " in zh text: use “ ”`,
			`${FILE}#demo-tf-01 explanation.zh: ASCII : in zh text: use ：`
		]);
	});

	it('rejects them in lesson text too', () => {
		const s = fixtureSource();
		const section = (s.units[0].unit as { sections: { body: { zh: string } }[] }).sections[0];
		section.body.zh = '第一段说"服务贸易"。\n';
		expect(errorsOf(s)).toEqual([
			'units/01-demo/unit.yaml#intro sections[0].body.zh: ASCII " in zh text: use “ ”'
		]);
	});
});

describe('validate: Chinese left in English text (issue #12)', () => {
	it('allows a quoted source term or a gloss after its English, nothing bare', () => {
		expect(untranslatedCjk('Citibank and Hang Seng Bank (恒生银行) are named.')).toEqual([]);
		expect(untranslatedCjk("The handout calls it “数字贸易” and says '不包括'.")).toEqual([]);
		expect(untranslatedCjk("The handout's firms: 视觉中国 and TRS (拓尔思).")).toEqual([
			'视觉中国'
		]);
		// A Chinese name glossed by English is still a Chinese name to an English reader.
		expect(untranslatedCjk('Representative firms: 中远海特 (COSCO Shipping).')).toEqual([
			'中远海特'
		]);
		expect(untranslatedCjk('(中外运长航) carries goods.')).toEqual(['中外运长航']);
	});

	it('rejects a bare Chinese firm name in English item text and in the English lesson', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').explanation = {
			zh: '讲义明确列出了四种提供方式，所以这一说法正确；其他说法都不是讲义的原意。',
			en: 'The handout names 舟山鑫亚 among the representative firms; the other options belong elsewhere.'
		};
		const section = (s.units[0].unit as { sections: { body: { en: string } }[] }).sections[0];
		section.body.en = 'Representative firms: 中国太平 and China Life (中国人寿).\n';
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-tf-01 explanation.en: Chinese "舟山鑫亚" in English text: translate it, or quote it as a source term`,
			'units/01-demo/unit.yaml#intro sections[0].body.en: Chinese "中国太平" in English text: translate it, or quote it as a source term'
		]);
	});
});

describe('validate: where the handout is silent (issue #12)', () => {
	it('rejects a direction scored for commercial presence', () => {
		const s = fixtureSource();
		item(s, 'demo-classify-01').answer = {
			mode: 'commercial-presence',
			direction: 'import',
			'outsourcing-subclass': 'kpo-design.creative',
			'outsourcing-class': 'kpo-design'
		};
		expect(errorsOf(s)).toContain(
			`${FILE}#demo-classify-01 answer.direction: the handout gives no export/import direction for commercial presence: do not score one (part 2.3)`
		);
	});

	it('scores OECD–WTO and Dingtao together only where definitions and mapping agree', () => {
		const s = fixtureSource();
		const msg = (o: string, d: string) =>
			`${FILE}#demo-classify-01 answer.dingtao-category: "${d}" with OECD–WTO "${o}": score the two frameworks together only where the handout's definitions and its mapping agree (digitally-delivered ↔ digitised, platform-enabled ↔ digitally-supported); otherwise leave one out (part 1.3)`;
		item(s, 'demo-classify-01').answer = {
			'oecd-wto-part': 'digitally-delivered',
			'dingtao-category': 'digitally-driven'
		};
		expect(errorsOf(s)).toContain(msg('digitally-delivered', 'digitally-driven'));
		item(s, 'demo-classify-01').answer = {
			'oecd-wto-part': 'digitally-ordered',
			'dingtao-category': 'digitally-driven'
		};
		expect(errorsOf(s)).toContain(msg('digitally-ordered', 'digitally-driven'));
		item(s, 'demo-classify-01').answer = {
			'oecd-wto-part': 'digitally-delivered',
			'dingtao-category': 'digitised'
		};
		expect(errorsOf(s).filter((e) => e.includes('dingtao-category'))).toEqual([]);
	});

	it('rejects a stem that contains the key’s words and no distractor’s', () => {
		const s = fixtureSource();
		item(s, 'demo-multiple-01').stem = {
			zh: '讲义说跨境交付和境外消费是什么？',
			en: 'What does the handout say cross-border supply and consumption abroad are?'
		};
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-multiple-01 stem.zh: the stem contains the key's own words ("cross-border") and no distractor's: it gives the answer away`
		]);
		// Naming a distractor as well makes it a real choice again.
		item(s, 'demo-multiple-01').options = [
			{ id: 'tariff', zh: '进口关税措施', en: 'import tariff measures' },
			{ ref: 'mode.cross-border' },
			{ ref: 'mode.consumption-abroad' }
		];
		item(s, 'demo-multiple-01').stem = {
			zh: '跨境交付、境外消费和进口关税措施中，哪些是提供方式？',
			en: 'Of cross-border supply, consumption abroad and import tariff measures, which are modes of supply?'
		};
		expect(errorsOf(s)).toEqual([]);
	});

	it('rejects a letter-spaced quote', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').source = { quote: '有 四 种 提 供 方 式' };
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-tf-01 source.quote: letter-spaced (信 息 技 术): copy the characters without the spaces`
		]);
	});

	it('rejects a quote cut in mid-phrase, not one ending where the handout’s phrase ends', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').source = { quote: '跨境提供、境外消费、商业存在和' };
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-tf-01 source.quote: cut in mid-phrase: ends on "和" and the handout goes on "自然人移…"; end at a phrase boundary`
		]);
		item(s, 'demo-tf-01').source = { quote: '跨境提供、境外消费、商业存在和自然人移动' };
		expect(errorsOf(s)).toEqual([]);
	});
});

describe('validate: --unit', () => {
	it('names an unknown unit folder', () => {
		expect(errorsOf(fixtureSource(), '09-nope')).toEqual([
			'units#09-nope: no such unit folder (have: 01-demo)'
		]);
	});
});

describe('validate: schema messages', () => {
	it('names the allowed difficulties', () => {
		const s = fixtureSource();
		item(s, 'demo-tf-01').difficulty = 4;
		expect(errorsOf(s)).toEqual([
			`${FILE}#demo-tf-01 difficulty: Invalid option: expected one of 1|2|3`
		]);
	});
});
