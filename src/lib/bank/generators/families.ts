/**
 * The answer families the generators draw from, copied from `question-bank/families.yaml` (a test
 * keeps the two equal). Generators run in the browser, where the YAML is not available, and must
 * not wait for the bank build: this small, typed copy is what they label their dimensions with.
 */
import type { Family, FamilyId, FamilyOption, L10n } from '../types';

export const MODE_FAMILY: Family = {
	id: 'mode',
	label: { zh: '服务贸易提供方式', en: 'Mode of supply' },
	options: [
		{ id: 'cross-border', label: { zh: '跨境交付', en: 'cross-border supply' } },
		{ id: 'consumption-abroad', label: { zh: '境外消费', en: 'consumption abroad' } },
		{ id: 'commercial-presence', label: { zh: '商业存在', en: 'commercial presence' } },
		{ id: 'natural-persons', label: { zh: '自然人移动', en: 'movement of natural persons' } }
	]
};

export const DIRECTION_FAMILY: Family = {
	id: 'direction',
	label: { zh: '贸易方向（从中国看）', en: 'Direction (seen from China)' },
	options: [
		{ id: 'export', label: { zh: '服务出口', en: 'service export' } },
		{ id: 'import', label: { zh: '服务进口', en: 'service import' } }
	]
};

export const OUTSOURCING_TYPE_FAMILY: Family = {
	id: 'outsourcing-type',
	label: { zh: '服务外包类别', en: 'Outsourcing type' },
	options: [
		{
			id: 'ito',
			label: { zh: '信息技术外包（ITO）', en: 'information technology outsourcing (ITO)' }
		},
		{ id: 'bpo', label: { zh: '业务流程外包（BPO）', en: 'business process outsourcing (BPO)' } },
		{ id: 'kpo', label: { zh: '知识流程外包（KPO）', en: 'knowledge process outsourcing (KPO)' } }
	]
};

export const OUTSOURCING_CLASS_FAMILY: Family = {
	id: 'outsourcing-class',
	label: { zh: '外包大类', en: 'Outsourcing class' },
	options: [
		{
			id: 'ito-rd',
			label: { zh: '信息技术研发服务', en: 'IT research and development services' },
			parent: 'ito'
		},
		{
			id: 'ito-ops',
			label: { zh: '信息技术运营和维护服务', en: 'IT operation and maintenance services' },
			parent: 'ito'
		},
		{
			id: 'ito-newgen',
			label: {
				zh: '新一代信息技术开发应用服务',
				en: 'new-generation IT development and application services'
			},
			parent: 'ito'
		},
		{
			id: 'bpo-internal',
			label: { zh: '内部管理服务', en: 'internal management services' },
			parent: 'bpo'
		},
		{
			id: 'bpo-operations',
			label: { zh: '业务运营服务', en: 'business operation services' },
			parent: 'bpo'
		},
		{
			id: 'bpo-maintenance',
			label: { zh: '维修维护服务', en: 'repair and maintenance services' },
			parent: 'bpo'
		},
		{ id: 'kpo-business', label: { zh: '商务服务', en: 'business services' }, parent: 'kpo' },
		{ id: 'kpo-design', label: { zh: '设计服务', en: 'design services' }, parent: 'kpo' },
		{
			id: 'kpo-rd',
			label: { zh: '研发服务', en: 'research and development services' },
			parent: 'kpo'
		}
	]
};

export const OUTSOURCING_SUBCLASS_FAMILY: Family = {
	id: 'outsourcing-subclass',
	label: { zh: '具体分类', en: 'Sub-class' },
	options: [
		{
			id: 'ito-rd.software',
			label: { zh: '软件研发服务', en: 'software R&D services' },
			parent: 'ito-rd'
		},
		{
			id: 'ito-rd.ic-design',
			label: {
				zh: '集成电路和电子电路设计服务',
				en: 'integrated circuit and electronic circuit design services'
			},
			parent: 'ito-rd'
		},
		{ id: 'ito-rd.testing', label: { zh: '测试服务', en: 'testing services' }, parent: 'ito-rd' },
		{
			id: 'ito-rd.it-solutions',
			label: { zh: '信息技术解决方案服务', en: 'IT solution services' },
			parent: 'ito-rd'
		},
		{
			id: 'ito-rd.other',
			label: { zh: '其他IT服务', en: 'other IT services' },
			parent: 'ito-rd',
			noCase: true
		},
		{
			id: 'ito-ops.infrastructure',
			label: {
				zh: '信息基础设施和信息系统运维服务',
				en: 'information infrastructure and information system O&M services'
			},
			parent: 'ito-ops'
		},
		{
			id: 'ito-ops.security',
			label: { zh: '网络与数据安全服务', en: 'network and data security services' },
			parent: 'ito-ops'
		},
		{
			id: 'ito-ops.ecommerce-platform',
			label: { zh: '电子商务平台服务', en: 'e-commerce platform services' },
			parent: 'ito-ops'
		},
		{
			id: 'ito-ops.other',
			label: { zh: '其他运营和维护服务', en: 'other operation and maintenance services' },
			parent: 'ito-ops',
			noCase: true
		},
		{
			id: 'ito-newgen.cloud',
			label: {
				zh: '云计算开发及应用服务',
				en: 'cloud computing development and application services'
			},
			parent: 'ito-newgen'
		},
		{
			id: 'ito-newgen.ai',
			label: {
				zh: '人工智能开发及应用服务',
				en: 'artificial intelligence development and application services'
			},
			parent: 'ito-newgen'
		},
		{
			id: 'ito-newgen.big-data',
			label: { zh: '大数据开发及应用服务', en: 'big data development and application services' },
			parent: 'ito-newgen'
		},
		{
			id: 'ito-newgen.blockchain',
			label: { zh: '区块链开发及应用服务', en: 'blockchain development and application services' },
			parent: 'ito-newgen'
		},
		{
			id: 'ito-newgen.iot',
			label: {
				zh: '物联网开发及应用服务',
				en: 'Internet of Things development and application services'
			},
			parent: 'ito-newgen'
		},
		{
			id: 'ito-newgen.geo',
			label: {
				zh: '地理遥感信息及测绘地理信息服务',
				en: 'remote-sensing geographic information and surveying and mapping services'
			},
			parent: 'ito-newgen'
		},
		{
			id: 'ito-newgen.other',
			label: {
				zh: '其他新一代信息技术开发和应用服务',
				en: 'other new-generation IT development and application services'
			},
			parent: 'ito-newgen',
			noCase: true
		},
		{
			id: 'bpo-internal.hr',
			label: { zh: '人力资源管理服务', en: 'human resources management services' },
			parent: 'bpo-internal'
		},
		{
			id: 'bpo-internal.finance',
			label: { zh: '财务与会计管理服务', en: 'finance and accounting management services' },
			parent: 'bpo-internal'
		},
		{
			id: 'bpo-internal.legal',
			label: { zh: '法律流程服务', en: 'legal process services' },
			parent: 'bpo-internal'
		},
		{
			id: 'bpo-internal.other',
			label: { zh: '其他内部管理服务', en: 'other internal management services' },
			parent: 'bpo-internal',
			noCase: true
		},
		{
			id: 'bpo-operations.data-processing',
			label: { zh: '数据处理服务', en: 'data processing services' },
			parent: 'bpo-operations'
		},
		{
			id: 'bpo-operations.marketing',
			label: { zh: '互联网营销推广服务', en: 'internet marketing and promotion services' },
			parent: 'bpo-operations'
		},
		{
			id: 'bpo-operations.call-center',
			label: { zh: '呼叫中心服务', en: 'call centre services' },
			parent: 'bpo-operations'
		},
		{
			id: 'bpo-operations.financial-back-office',
			label: { zh: '金融后台服务', en: 'financial back-office services' },
			parent: 'bpo-operations'
		},
		{
			id: 'bpo-operations.supply-chain',
			label: { zh: '供应链管理服务', en: 'supply chain management services' },
			parent: 'bpo-operations'
		},
		{
			id: 'bpo-operations.procurement',
			label: { zh: '采购外包服务', en: 'procurement outsourcing services' },
			parent: 'bpo-operations'
		},
		{
			id: 'bpo-operations.other',
			label: { zh: '其他业务运营服务', en: 'other business operation services' },
			parent: 'bpo-operations',
			noCase: true
		},
		{
			id: 'bpo-maintenance.vehicles',
			label: {
				zh: '交通工具维修维护服务',
				en: 'vehicle and vessel repair and maintenance services'
			},
			parent: 'bpo-maintenance'
		},
		{
			id: 'bpo-maintenance.machinery',
			label: {
				zh: '工程机械维修维护服务',
				en: 'construction machinery repair and maintenance services'
			},
			parent: 'bpo-maintenance'
		},
		{
			id: 'bpo-maintenance.medical',
			label: {
				zh: '医疗设备维修维护服务',
				en: 'medical equipment repair and maintenance services'
			},
			parent: 'bpo-maintenance'
		},
		{
			id: 'bpo-maintenance.smart-manufacturing',
			label: {
				zh: '智能制造装备维修维护服务',
				en: 'intelligent manufacturing equipment repair and maintenance services'
			},
			parent: 'bpo-maintenance'
		},
		{
			id: 'bpo-maintenance.other',
			label: { zh: '其他维修维护服务', en: 'other repair and maintenance services' },
			parent: 'bpo-maintenance',
			noCase: true
		},
		{
			id: 'kpo-business.ip',
			label: { zh: '知识产权服务', en: 'intellectual property services' },
			parent: 'kpo-business'
		},
		{
			id: 'kpo-business.consulting',
			label: { zh: '管理咨询服务', en: 'management consulting services' },
			parent: 'kpo-business'
		},
		{
			id: 'kpo-business.testing-inspection',
			label: { zh: '检验检测服务', en: 'inspection and testing services' },
			parent: 'kpo-business'
		},
		{
			id: 'kpo-business.other',
			label: { zh: '其他商务服务', en: 'other business services (KPO)' },
			parent: 'kpo-business',
			noCase: true
		},
		{
			id: 'kpo-design.industrial',
			label: { zh: '工业设计服务', en: 'industrial design services' },
			parent: 'kpo-design'
		},
		{
			id: 'kpo-design.engineering',
			label: { zh: '工程技术服务', en: 'engineering technical services' },
			parent: 'kpo-design'
		},
		{
			id: 'kpo-design.creative',
			label: { zh: '文化创意及数字内容服务', en: 'cultural creative and digital content services' },
			parent: 'kpo-design'
		},
		{
			id: 'kpo-design.service-design',
			label: { zh: '服务设计服务', en: 'service design services' },
			parent: 'kpo-design'
		},
		{
			id: 'kpo-design.other',
			label: { zh: '其他技术服务', en: 'other technical services' },
			parent: 'kpo-design',
			noCase: true
		},
		{
			id: 'kpo-rd.pharma-biotech',
			label: {
				zh: '医药（中医药）和生物技术研发服务',
				en: 'pharmaceutical (including traditional Chinese medicine) and biotechnology R&D services'
			},
			parent: 'kpo-rd'
		},
		{
			id: 'kpo-rd.new-energy',
			label: { zh: '新能源技术研发服务', en: 'new energy technology R&D services' },
			parent: 'kpo-rd'
		},
		{
			id: 'kpo-rd.new-materials',
			label: { zh: '新材料技术研发服务', en: 'new materials technology R&D services' },
			parent: 'kpo-rd'
		},
		{
			id: 'kpo-rd.other',
			label: { zh: '其他研发服务', en: 'other R&D services' },
			parent: 'kpo-rd',
			noCase: true
		}
	]
};

/** The families above by id. */
export const GENERATOR_FAMILIES: Partial<Record<FamilyId, Family>> = {
	mode: MODE_FAMILY,
	direction: DIRECTION_FAMILY,
	'outsourcing-type': OUTSOURCING_TYPE_FAMILY,
	'outsourcing-class': OUTSOURCING_CLASS_FAMILY,
	'outsourcing-subclass': OUTSOURCING_SUBCLASS_FAMILY
};

/** An option of a family; throws on an unknown id so a typo fails loudly in tests. */
export function familyOption(family: Family, id: string): FamilyOption {
	const option = family.options.find((o) => o.id === id);
	if (!option) throw new Error(`${family.id}: no option "${id}"`);
	return option;
}

/** An option label in both languages. */
export function optionLabel(family: Family, id: string): L10n {
	return familyOption(family, id).label;
}
