import { describe, expect, it } from 'vitest';
import type { GlossaryTerm } from '$lib/bank/types';
import { searchGlossary, termsInChinese } from './search';

const term = (id: string, zh: string, en: string, alt: GlossaryTerm['alt'] = { zh: [], en: [] }) =>
	({ id, term: { zh, en }, alt }) as GlossaryTerm;

const TERMS = [
	term('glossary:service-outsourcing', '服务外包', 'service outsourcing', {
		zh: [],
		en: ['outsourcing']
	}),
	term('outsourcing-mode.offshore', '离岸服务外包', 'offshore outsourcing'),
	term('outsourcing-type.ito', '信息技术外包（ITO）', 'information technology outsourcing (ITO)'),
	term('glossary:gats', '服务贸易总协定', 'General Agreement on Trade in Services', {
		zh: [],
		en: ['GATS']
	}),
	term('mode.cross-border', '跨境交付', 'cross-border supply', { zh: ['跨境提供'], en: [] })
];
const ids = (query: string) => searchGlossary(TERMS, query).map((t) => t.id);

describe('searchGlossary', () => {
	it('finds Chinese by part of a term, the whole match first', () => {
		expect(ids('服务外包')).toEqual(['glossary:service-outsourcing', 'outsourcing-mode.offshore']);
		expect(ids('离岸')).toEqual(['outsourcing-mode.offshore']);
		expect(ids('境提')).toEqual(['mode.cross-border']); // an alternative form (跨境提供)
	});

	it('finds English by part of a word, ignoring case, full width and hyphens', () => {
		expect(ids('OFFSH')).toEqual(['outsourcing-mode.offshore']);
		expect(ids('gats')).toEqual(['glossary:gats']);
		expect(ids('ＩＴＯ')).toEqual(['outsourcing-type.ito']);
		expect(ids('cross border')).toEqual(['mode.cross-border']);
		expect(ids('  Trade   in ')).toEqual(['glossary:gats']);
	});

	it('ranks whole, then prefix, then inner matches; keeps order otherwise', () => {
		expect(ids('outsourcing')).toEqual([
			'glossary:service-outsourcing', // alt "outsourcing" is a whole match
			'outsourcing-mode.offshore',
			'outsourcing-type.ito'
		]);
	});

	it('returns everything for an empty query and nothing for a miss', () => {
		expect(ids(' ')).toHaveLength(TERMS.length);
		expect(ids('pinyin')).toEqual([]);
	});
});

describe('termsInChinese', () => {
	it('lists the terms a quote uses in reading order, longest form first', () => {
		const quote = '根据发包企业的地理位置，可以分为离岸服务外包和跨境提供以及服务外包';
		expect(termsInChinese(TERMS, quote).map((t) => t.id)).toEqual([
			'outsourcing-mode.offshore', // not also counted as 服务外包 here
			'mode.cross-border', // through its alternative form
			'glossary:service-outsourcing'
		]);
		expect(termsInChinese(TERMS, '没有术语')).toEqual([]);
	});
});
