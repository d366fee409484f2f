/**
 * A tiny, fully valid bank for the tests: one unit, one item of each type, just enough families,
 * glossary and seed to exercise every rule. Tests clone it and break one thing at a time.
 */
import type { BankSource } from './schema';

export const FIXTURE_SEED = `服务贸易有四种提供方式：跨境提供、境外消费、商业存在和
自然人移动。天津本地医院为入境就医人员提供的医疗服务属于旅行服务。
软件研发服务包括软件开发、软件技术服务等。动漫公司为境外客户制作影视特效属于文化创意及数字内容服务。
`;

const criteria = (zh: string, en: string) => ({
	label: { zh, en },
	options: [
		{ id: 'meets', zh: '符合', en: 'meets the criteria' },
		{ id: 'fails', zh: '不符合', en: 'does not meet the criteria' }
	]
});

const families = {
	mode: {
		label: { zh: '服务贸易提供方式', en: 'Mode of supply' },
		options: [
			{ id: 'cross-border', zh: '跨境交付', en: 'cross-border supply', zhAlt: ['跨境提供'] },
			{ id: 'consumption-abroad', zh: '境外消费', en: 'consumption abroad' },
			{ id: 'commercial-presence', zh: '商业存在', en: 'commercial presence' },
			{ id: 'natural-persons', zh: '自然人移动', en: 'movement of natural persons' }
		]
	},
	direction: {
		label: { zh: '贸易方向（从中国看）', en: 'Direction (seen from China)' },
		options: [
			{ id: 'export', zh: '服务出口', en: 'service export' },
			{ id: 'import', zh: '服务进口', en: 'service import' }
		]
	},
	category: {
		label: { zh: '服务贸易类别', en: 'Service-trade category' },
		options: [
			{ id: 'transport', zh: '运输服务', en: 'transport services' },
			{ id: 'travel', zh: '旅行服务', en: 'travel services' },
			{ id: 'insurance', zh: '保险服务', en: 'insurance services' },
			{
				id: 'personal-cultural',
				zh: '个人、文化和娱乐服务',
				en: 'personal, cultural and recreational services'
			}
		]
	},
	digital: {
		label: { zh: '是否可数字化交付（UNCTAD）', en: 'Digitally deliverable (UNCTAD)?' },
		options: [
			{ id: 'deliverable', zh: '可数字化交付', en: 'digitally deliverable' },
			{
				id: 'not-deliverable',
				zh: '不属于可数字化交付的六类',
				en: 'not one of the six digitally deliverable categories'
			}
		]
	},
	'outsourcing-mode': {
		label: { zh: '服务外包模式', en: 'Outsourcing mode' },
		options: [
			{ id: 'offshore', zh: '离岸服务外包', en: 'offshore outsourcing' },
			{ id: 'onshore', zh: '在岸服务外包', en: 'onshore outsourcing' },
			{ id: 'overseas', zh: '境外服务外包', en: 'overseas outsourcing' }
		]
	},
	'outsourcing-type': {
		label: { zh: '服务外包类别', en: 'Outsourcing type' },
		options: [
			{ id: 'ito', zh: '信息技术外包（ITO）', en: 'information technology outsourcing (ITO)' },
			{ id: 'bpo', zh: '业务流程外包（BPO）', en: 'business process outsourcing (BPO)' },
			{ id: 'kpo', zh: '知识流程外包（KPO）', en: 'knowledge process outsourcing (KPO)' }
		]
	},
	'outsourcing-class': {
		label: { zh: '外包大类', en: 'Outsourcing class' },
		options: [
			{
				id: 'ito-rd',
				parent: 'ito',
				zh: '信息技术研发服务',
				en: 'IT research and development services'
			},
			{ id: 'bpo-internal', parent: 'bpo', zh: '内部管理服务', en: 'internal management services' },
			{ id: 'kpo-design', parent: 'kpo', zh: '设计服务', en: 'design services' }
		]
	},
	'outsourcing-subclass': {
		label: { zh: '具体分类', en: 'Sub-class' },
		options: [
			{ id: 'ito-rd.software', parent: 'ito-rd', zh: '软件研发服务', en: 'software R&D services' },
			{ id: 'ito-rd.testing', parent: 'ito-rd', zh: '测试服务', en: 'testing services' },
			{
				id: 'ito-rd.other',
				parent: 'ito-rd',
				zh: '其他IT服务',
				en: 'other IT services',
				noCase: true
			},
			{
				id: 'bpo-internal.hr',
				parent: 'bpo-internal',
				zh: '人力资源管理服务',
				en: 'human resources management services'
			},
			{
				id: 'kpo-design.creative',
				parent: 'kpo-design',
				zh: '文化创意及数字内容服务',
				en: 'cultural creative and digital content services'
			}
		]
	},
	'trade-enterprise': criteria('服务贸易企业', 'Service-trade enterprise'),
	'outsourcing-enterprise': criteria('服务外包企业', 'Service-outsourcing enterprise'),
	'oecd-wto-part': {
		label: { zh: 'OECD-WTO 框架的组成部分', en: 'Part of the OECD–WTO framework' },
		options: [
			{ id: 'digitally-ordered', zh: '数字订购贸易', en: 'digitally ordered trade' },
			{ id: 'digitally-delivered', zh: '数字交付贸易', en: 'digitally delivered trade' }
		]
	},
	'dingtao-category': {
		label: { zh: '鼎韬 2019 年的核心范畴', en: "Dingtao's 2019 core category" },
		options: [
			{ id: 'digitised', zh: '数字化的贸易', en: 'digitised trade' },
			{ id: 'digitally-driven', zh: '数字驱动的贸易', en: 'digitally driven trade' }
		]
	},
	'mofcom-2019-class': {
		label: { zh: '商务部 2019 年的三大类', en: 'MOFCOM 2019 class' },
		options: [
			{ id: 'it-services', zh: '信息技术服务', en: 'information technology services' },
			{ id: 'digital-content', zh: '数字内容服务', en: 'digital content services' }
		]
	},
	'mofcom-2020-domain': {
		label: { zh: '商务部 2020 年的四大领域', en: 'MOFCOM 2020 domain' },
		options: [
			{ id: 'digital-product', zh: '数字产品贸易', en: 'digital product trade' },
			{ id: 'data', zh: '数据贸易', en: 'data trade' }
		]
	},
	'ustr-class': {
		label: { zh: 'USTR 2017 年的四大类', en: "USTR's 2017 class" },
		options: [
			{ id: 'digital-content', zh: '数字内容', en: 'digital content' },
			{ id: 'search-engines', zh: '搜索引擎', en: 'search engines' }
		]
	}
};

const glossary = [
	{
		id: 'service-trade',
		zh: '服务贸易',
		en: 'trade in services',
		enAlt: ['service trade', 'services trade']
	},
	{ id: 'service-outsourcing', zh: '服务外包', en: 'service outsourcing', enAlt: ['outsourcing'] }
];

const parts = [
	{ id: '2.3', zh: '二（三）服务贸易的四种模式', en: 'The four modes of supply' },
	{ id: '2.4', zh: '二（四）服务贸易的十二类别', en: 'The twelve categories of service trade' }
];

const explanation = {
	zh: '讲义明确列出了这一点，其他选项属于别的类别或方式，因此不正确。',
	en: 'The handout states this directly; the other options belong to different categories or modes, so they are wrong.'
};

const unit = {
	id: 'demo',
	order: 1,
	parts: ['2.3', '2.4'],
	title: { zh: '演示单元', en: 'Demo unit' },
	summary: { zh: '用于测试的单元。', en: 'A unit for the tests.' },
	objectives: [
		{ zh: '能判断提供方式', en: 'Classify a transaction by mode' },
		{ zh: '能判断类别', en: 'Classify a transaction by category' }
	],
	sections: [
		{
			id: 'intro',
			title: { zh: '引言', en: 'Introduction' },
			body: {
				zh: '第一段，\n接着写。\n\n- 列表一\n- **加粗**列表二\n',
				en: 'First paragraph,\ncontinued.\n\n- item one\n- **bold** item two\n'
			},
			check: ['demo-single-01', 'demo-cloze-01']
		}
	]
};

const items = [
	{
		id: 'demo-single-01',
		type: 'single',
		part: '2.4',
		concepts: ['category.travel'],
		difficulty: 2,
		stem: {
			zh: '天津本地医院为入境就医人员提供医疗服务，应归入哪一类？',
			en: 'A Tianjin hospital treats patients who came from abroad for care. Which category is this?'
		},
		options: [
			{ ref: 'category.travel' },
			{ ref: 'category.transport' },
			{ ref: 'category.insurance' }
		],
		answer: 'travel',
		explanation,
		source: { quote: '天津本地医院为入境就医人员提供的医疗服务' },
		seedCase: true
	},
	{
		id: 'demo-multiple-01',
		type: 'multiple',
		part: '2.3',
		concepts: ['topic.definitions'],
		difficulty: 1,
		stem: { zh: '下列哪些是提供方式？', en: 'Which of these are modes of supply?' },
		// A wrong option first: keys that are the first k options break the balance rule.
		options: [
			{ id: 'tariff', zh: '关税', en: 'tariffs' },
			{ ref: 'mode.cross-border' },
			{ ref: 'mode.consumption-abroad' }
		],
		answer: ['cross-border', 'consumption-abroad'],
		explanation,
		source: { quote: '跨境提供、境外消费' }
	},
	{
		id: 'demo-tf-01',
		type: 'truefalse',
		part: '2.3',
		concepts: ['topic.definitions'],
		difficulty: 1,
		stem: { zh: '提供方式一共有四种。', en: 'There are four modes of supply.' },
		answer: true,
		explanation,
		source: { quote: '有四种提供方式' }
	},
	{
		id: 'demo-match-01',
		type: 'matching',
		part: '2.3',
		concepts: ['topic.definitions'],
		difficulty: 1,
		stem: { zh: '将中文与英文名称配对。', en: 'Match the Chinese and English names.' },
		pairs: [
			{ left: { zh: '甲', en: 'A' }, right: { zh: '跨境交付', en: 'cross-border supply' } },
			{ left: { zh: '乙', en: 'B' }, right: { zh: '境外消费', en: 'consumption abroad' } },
			{ left: { zh: '丙', en: 'C' }, right: { zh: '商业存在', en: 'commercial presence' } }
		],
		explanation,
		source: { quote: '跨境提供、境外消费、商业存在' }
	},
	{
		id: 'demo-classify-01',
		type: 'classify',
		part: '2.4',
		concepts: ['topic.mode-scenario', 'outsourcing-subclass.kpo-design.creative'],
		difficulty: 2,
		stem: {
			zh: '天津一家动漫公司为美国客户制作电影特效。',
			en: 'A Tianjin animation studio produces film visual effects for a US client.'
		},
		answer: {
			mode: 'cross-border',
			'outsourcing-subclass': 'kpo-design.creative',
			'outsourcing-class': 'kpo-design'
		},
		choices: {
			'outsourcing-subclass': ['kpo-design.creative', 'ito-rd.software', 'bpo-internal.hr']
		},
		explanation,
		source: { quote: '动漫公司为境外客户制作影视特效属于文化创意及数字内容服务' },
		seedCase: true
	},
	{
		id: 'demo-cloze-01',
		type: 'cloze',
		part: '2.3',
		concepts: ['mode.natural-persons'],
		difficulty: 1,
		stem: {
			zh: '服务贸易有四种提供方式：跨境提供、境外消费、商业存在和____。',
			en: 'Trade in services has four modes of supply: cross-border supply, consumption abroad, commercial presence and ____.'
		},
		accept: {
			zh: ['自然人移动'],
			en: ['movement of natural persons', 'presence of natural persons']
		},
		explanation,
		source: { quote: '商业存在和自然人移动' }
	}
];

/** A fresh deep copy each call: tests mutate it freely. */
export function fixtureSource(): BankSource {
	return structuredClone({
		families,
		glossary,
		parts,
		seed: FIXTURE_SEED,
		units: [{ folder: '01-demo', unit, itemFiles: [{ file: 'units/01-demo/items.yaml', items }] }]
	});
}

/** The items array of the fixture's only items file, typed loosely for mutation. */
export function fixtureItems(source: BankSource): Record<string, unknown>[] {
	return source.units[0].itemFiles[0].items as Record<string, unknown>[];
}
