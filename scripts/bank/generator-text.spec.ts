import { describe, expect, it } from 'vitest';
import type { ClassifyItem } from '../../src/lib/bank/types';
import { checkSpace, handoutLatin } from './generator-check';
import {
	agreementErrors,
	answerInStem,
	doubledWords,
	itemProblems,
	nounNumber,
	repeatedPhrases,
	untranslated
} from './generator-text';
import { GENERATOR_SPACES, type GeneratorSpace } from '../../src/lib/bank/generators/index';

const LATIN = handoutLatin();

/** A classify item with one template's words, for the broken-template tests. */
function item(stem: string, explanation: string, answers: [string, string][]): ClassifyItem {
	return {
		id: 'gen-test',
		type: 'classify',
		unit: 'test',
		part: '2.3',
		concepts: [],
		difficulty: 2,
		stem,
		explanation,
		source: { part: '2.3', quote: '' },
		generated: true,
		dimensions: answers.map(([family, label]) => ({
			family: family as ClassifyItem['dimensions'][number]['family'],
			label: family,
			options: [
				{ id: 'key', label },
				{ id: 'other', label: 'something else' }
			],
			answer: 'key'
		}))
	};
}

/** A one-template generator: what `generator-check` sees from a real one. */
const space = (zh: ClassifyItem, en: ClassifyItem): GeneratorSpace => ({
	kind: 'mode',
	enumerate: () => [{ zh, en }]
});

const clean = {
	zh: item('天津的一家IT公司为美国客户提供软件开发服务。', '规则：双方位于不同的国家。', [
		['mode', '跨境交付']
	]),
	en: item(
		'An IT company in Tianjin provides software development services for a US client.',
		'Rule: the two sides stay in different countries.',
		[['mode', 'cross-border supply']]
	)
};

describe('generator text rules (one broken template each)', () => {
	it('a clean template passes every rule', () => {
		expect(itemProblems(clean.zh, clean.en, LATIN)).toEqual([]);
		expect(checkSpace(space(clean.zh, clean.en), LATIN)).toMatchObject({
			distinct: 1,
			problems: []
		});
	});

	it('doubled-word: the audit’s 中资控股的控股子公司 and "Chinese-controlled controlled"', () => {
		expect(doubledWords('设立了中资控股的控股子公司', 'zh')).toEqual(['控股的控股']);
		expect(doubledWords('has set up a Chinese-controlled controlled subsidiary', 'en')).toEqual([
			'controlled controlled'
		]);
		expect(doubledWords('the the branch', 'en')).toEqual(['the the']);
		expect(doubledWords('工业产品的产品策划', 'zh')).toEqual(['产品的产品']);
		// Not doubled: different words, or a repeat across a sentence boundary.
		expect(doubledWords('维修维护服务，服务对象是银行', 'zh')).toEqual([]);
		expect(doubledWords('It ends here. Here it starts.', 'en')).toEqual([]);
		const broken = item('x', '设立了中资控股的控股子公司。', [['mode', '商业存在']]);
		expect(checkSpace(space(broken, clean.en), LATIN).problems.map((p) => p.rule)).toContain(
			'doubled-word'
		);
	});

	it('untranslated: CJK in English, Latin words the handout never uses in Chinese', () => {
		expect(untranslated('A firm in 天津 sells services.', 'en', LATIN)).toEqual(['天津']);
		expect(untranslated('一家IT公司提供SaaS服务', 'zh', LATIN)).toEqual([]);
		expect(untranslated('一家IT公司为client提供服务', 'zh', LATIN)).toEqual(['client']);
		const broken = item('A Tianjin IT company serves 美国客户.', 'Rule.', [['mode', 'x']]);
		expect(itemProblems(clean.zh, broken, LATIN).map((p) => p.rule)).toEqual(['untranslated']);
	});

	it('answer-in-stem: the key label (or its core, or its abbreviation) in the stem', () => {
		expect(
			answerInStem(
				item('一家企业为海外客户提供软件研发外包，这属于跨境交付。', '', [['mode', '跨境交付']])
			)
		).toEqual(['mode: 跨境交付']);
		expect(
			answerInStem(
				item('A firm provides custom software R&D.', '', [
					['outsourcing-subclass', 'software R&D services']
				])
			)
		).toEqual(['outsourcing-subclass: software R&D']);
		expect(
			answerInStem(item('某企业承接ITO业务。', '', [['outsourcing-type', '信息技术外包（ITO）']]))
		).toEqual(['outsourcing-type: ITO']);
		// A class follows from the sub-class asked with it: its generic name is not a giveaway.
		expect(
			answerInStem(
				item('某企业提供结构设计。', '', [
					['outsourcing-subclass', '工业设计服务'],
					['outsourcing-class', '设计服务']
				])
			)
		).toEqual([]);
		// Whole words only in English: "testing" is not in "contesting".
		expect(
			answerInStem(item('A contesting firm.', '', [['outsourcing-subclass', 'testing services']]))
		).toEqual([]);
	});

	it('agreement: the audit’s plural subject with "is", read as the template intends', () => {
		const audit =
			'Chinese consumers paying foreign suppliers is, seen from China, a service import.';
		expect(agreementErrors(audit)).toEqual(['Chinese consumers paying foreign suppliers … is']);
		expect(
			agreementErrors('A Chinese buyer paying a foreign supplier is, seen from China, an import.')
		).toEqual([]);
		expect(agreementErrors('Tourists visiting from Japan comes to Tianjin.')).toHaveLength(1);
		expect(
			agreementErrors('While in Tianjin, international students from Japan receives care.')
		).toHaveLength(1);
		expect(agreementErrors('Call centre services is in the same class.')).toHaveLength(1);
		expect(
			agreementErrors('The same class also holds call centre services, whose work is other.')
		).toEqual([]);
		expect(
			agreementErrors('Rule: cross-border supply — supplier and consumer stay apart.')
		).toEqual([]);
		expect(nounNumber('staff of a Tianjin company')).toBe('pl');
		expect(nounNumber('a company in the United States')).toBe('sg');
	});

	it('repeated-phrase: list entries that paste the same words into each', () => {
		expect(
			repeatedPhrases('典型业务是工业产品的产品策划、工业产品的结构设计等。', 'zh')
		).toHaveLength(1);
		expect(
			repeatedPhrases(
				'such as product planning for an industrial product; packaging design for an industrial product.',
				'en'
			)
		).toHaveLength(1);
		expect(repeatedPhrases('典型业务是产品策划、结构设计、人机界面设计等。', 'zh')).toEqual([]);
		expect(repeatedPhrases('such as product planning; structural design.', 'en')).toEqual([]);
	});
});

describe('every generator', () => {
	it.each(GENERATOR_SPACES.map((s) => [s.kind, s] as const))(
		'%s: words its whole space with no text problem',
		(_kind, generator) => {
			const report = checkSpace(generator, LATIN);
			expect(report.problems.slice(0, 10)).toEqual([]);
			expect(report.distinct).toBeGreaterThan(100);
		}
	);
});
