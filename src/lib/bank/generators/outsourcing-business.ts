/**
 * The 典型业务 (typical business) column of the handout's ITO / BPO / KPO tables (二（八）), one
 * entry per sub-class, with faithful English. The 其他… sub-classes are left out: their cells only
 * say "not listed elsewhere", which cannot key a drill.
 *
 * `cell` is copied from seed.txt with whitespace removed (the PDF extraction hard-wraps it);
 * where the extraction interleaves a cell with another column, `cell` is the contiguous part the
 * businesses come from. A test checks every `cell` (and `name + cell` when `nameJoinsCell`) is a
 * contiguous run of the handout.
 */

export interface TypicalBusiness {
	/** The words exactly as they stand in the cell (whitespace removed): proves the key. */
	seed: string;
	/** The business as a stem phrase, "为其提供 ___". Usually `seed`, sometimes completed. */
	zh: string;
	/** Faithful English of `zh`, a noun phrase that reads after "provide". */
	en: string;
}

export interface SubclassBusinesses {
	/** `outsourcing-subclass` option id. */
	subclass: string;
	/** The sub-class as the table prints it (whitespace removed). */
	name: string;
	/** The typical-business cell, or the contiguous part of it the businesses come from. */
	cell: string;
	/** True when `name` is immediately followed by `cell` in the handout, so a quote may join them. */
	nameJoinsCell: boolean;
	businesses: readonly TypicalBusiness[];
}

const same = (seed: string, en: string): TypicalBusiness => ({ seed, zh: seed, en });

export const OUTSOURCING_BUSINESS: readonly SubclassBusinesses[] = [
	// ── ITO · 信息技术研发服务 ──
	{
		subclass: 'ito-rd.software',
		name: '软件研发服务',
		cell: '定制软件研发、嵌入式软件研发、基础软件研发、移动应用软件研发、套装软件研发、系统软件研发、软件测试、软件国际化和本地化、软件咨询、软件维护，软件培训等',
		nameJoinsCell: true,
		// 软件测试, 软件咨询 and 软件维护 are left out: a learner could fairly argue testing,
		// consulting or O&M for them, and a drill must have one key.
		businesses: [
			same('定制软件研发', 'custom software development'),
			same('嵌入式软件研发', 'embedded software development'),
			same('基础软件研发', 'foundational software development'),
			same('移动应用软件研发', 'mobile application development'),
			same('套装软件研发', 'packaged software development'),
			same('系统软件研发', 'system software development'),
			same('软件国际化和本地化', 'software internationalisation and localisation'),
			same('软件培训', 'software training')
		]
	},
	{
		subclass: 'ito-rd.ic-design',
		name: '集成电路和电子电路设计服务',
		cell: '集成电路产品设计及相关技术支持服务、电子电路产品设计及相关技术支持服务等',
		nameJoinsCell: true,
		businesses: [
			same(
				'集成电路产品设计及相关技术支持服务',
				'integrated circuit product design and related technical support services'
			),
			same(
				'电子电路产品设计及相关技术支持服务',
				'electronic circuit product design and related technical support services'
			)
		]
	},
	{
		subclass: 'ito-rd.testing',
		name: '测试服务',
		cell: '测试平台开发、测试咨询服务、测试执行服务等',
		nameJoinsCell: true,
		businesses: [
			same('测试平台开发', 'test platform development'),
			same('测试咨询服务', 'testing consultancy services'),
			same('测试执行服务', 'test execution services')
		]
	},
	{
		subclass: 'ito-rd.it-solutions',
		name: '信息技术解决方案服务',
		cell: '数字化解决方案服务、数字化战略咨询、工业互联网服务、流程数字化改造服务、商业模式数字化改造服务、数字化设施分析优化咨询等',
		nameJoinsCell: true,
		businesses: [
			same('数字化解决方案服务', 'digital solution services'),
			same('数字化战略咨询', 'digital strategy consulting'),
			same('工业互联网服务', 'industrial internet services'),
			same('流程数字化改造服务', 'digital transformation of business processes'),
			same('商业模式数字化改造服务', 'digital transformation of the business model'),
			same(
				'数字化设施分析优化咨询',
				'consulting on the analysis and optimisation of digital facilities'
			)
		]
	},
	// ── ITO · 信息技术运营和维护服务 ──
	{
		subclass: 'ito-ops.infrastructure',
		name: '信息基础设施和信息系统运维服务',
		cell: '数字基础设施、基础信息技术和信息系统等运行实施和管理维护的服务，包括数字基础设施运营与管理、桌面管理与维护、信息系统运维服务、数据中心服务、信息系统集成等',
		nameJoinsCell: true,
		businesses: [
			same('数字基础设施运营与管理', 'operation and management of digital infrastructure'),
			same('桌面管理与维护', 'desktop management and maintenance'),
			same('信息系统运维服务', 'information system operation and maintenance services'),
			same('数据中心服务', 'data centre services'),
			same('信息系统集成', 'information system integration')
		]
	},
	{
		subclass: 'ito-ops.security',
		name: '网络与数据安全服务',
		cell: '数字基础设施、信息基础设施、业务系统、应用系统等相关网络与数据安全管理、运行、咨询与技术支持服务，包括网络与数据安全咨询、风险评估、安全集成、安全运维、应急处理、灾难恢复、安全培训、安全测评、安全监理和安全审计等',
		nameJoinsCell: true,
		businesses: [
			same('网络与数据安全咨询', 'network and data security consulting'),
			{
				seed: '风险评估',
				zh: '网络与数据安全风险评估',
				en: 'network and data security risk assessment'
			},
			same('安全集成', 'security integration'),
			same('安全运维', 'security operation and maintenance'),
			{ seed: '应急处理', zh: '网络安全应急处理', en: 'network security incident response' },
			{ seed: '灾难恢复', zh: '信息系统灾难恢复', en: 'disaster recovery for information systems' },
			same('安全培训', 'security training'),
			same('安全测评', 'security testing and evaluation'),
			same('安全审计', 'security auditing')
		]
	},
	{
		subclass: 'ito-ops.ecommerce-platform',
		name: '电子商务平台服务',
		cell: '根据客户需求搭建电子商务平台（包括众包平台）并提供相关技术支持，包括电子商务平台的规划、开发、测试、维护等服务等',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '搭建电子商务平台（包括众包平台）并提供相关技术支持',
				zh: '搭建电子商务平台（包括众包平台）并提供相关技术支持的服务',
				en: 'building an e-commerce platform (crowdsourcing platforms included) with related technical support'
			},
			{
				seed: '电子商务平台的规划、开发、测试、维护',
				zh: '电子商务平台的规划、开发、测试和维护服务',
				en: 'planning, development, testing and maintenance of an e-commerce platform'
			}
		]
	},
	// ── ITO · 新一代信息技术开发应用服务 ──
	{
		subclass: 'ito-newgen.cloud',
		name: '云计算开发及应用服务',
		cell: '云主机、云空间、云开发、云测试和其他应用服务，包括软件即服务（SaaS）、平台即服务（PaaS）、基础设施即服务（IaaS）、业务流程即服务（BPaaS）等',
		nameJoinsCell: true,
		businesses: [
			{ seed: '云主机', zh: '云主机服务', en: 'cloud host services' },
			{ seed: '云空间', zh: '云空间服务', en: 'cloud space services' },
			{ seed: '云开发', zh: '云开发服务', en: 'cloud development services' },
			same('软件即服务（SaaS）', 'software as a service (SaaS)'),
			same('平台即服务（PaaS）', 'platform as a service (PaaS)'),
			same('基础设施即服务（IaaS）', 'infrastructure as a service (IaaS)'),
			same('业务流程即服务（BPaaS）', 'business process as a service (BPaaS)')
		]
	},
	{
		subclass: 'ito-newgen.ai',
		name: '人工智能开发及应用服务',
		cell: '各类人工智能应用技术的研发、技术咨询、应用及整套专业解决方案服务，包括智能语音服务、自动识别服务、人工智能引擎平台服务、智能应用服务等',
		nameJoinsCell: true,
		businesses: [
			same('智能语音服务', 'intelligent speech services'),
			same('自动识别服务', 'automatic recognition services'),
			same('人工智能引擎平台服务', 'artificial intelligence engine platform services'),
			same('智能应用服务', 'intelligent application services')
		]
	},
	{
		subclass: 'ito-newgen.big-data',
		name: '大数据开发及应用服务',
		cell: '大数据技术的研发服务，及通过对商业数据库的海量业务数据进行抽取、转换、分析和其他模型化处理，从中提取关键性数据，为客户商业决策提供数据挖掘服务',
		nameJoinsCell: true,
		businesses: [
			same('大数据技术的研发服务', 'research and development services for big data technology'),
			{
				seed: '为客户商业决策提供数据挖掘服务',
				zh: '从海量业务数据中提取关键性数据、支持商业决策的数据挖掘服务',
				en: 'data mining that extracts key data from large volumes of business data to support business decisions'
			}
		]
	},
	{
		subclass: 'ito-newgen.blockchain',
		name: '区块链开发及应用服务',
		cell: '分布式数据存储、点对点传输、共识机制、加密算法等计算机技术的研发服务，及为客户提供区块链应用服务解决方案等',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '分布式数据存储、点对点传输、共识机制、加密算法等计算机技术的研发服务',
				zh: '分布式数据存储、点对点传输、共识机制、加密算法等计算机技术的研发服务',
				en: 'research and development services for distributed data storage, peer-to-peer transmission, consensus mechanisms and encryption algorithms'
			},
			{
				seed: '区块链应用服务解决方案',
				zh: '区块链应用服务解决方案',
				en: 'blockchain application solutions'
			}
		]
	},
	{
		subclass: 'ito-newgen.iot',
		name: '物联网开发及应用服务',
		cell: '物联网关键技术研发服务、物联网信息感知及交互技术、信息传感技术、数据通讯技术、信息处理技术及信息安全技术服务等支持及应用服务等',
		nameJoinsCell: true,
		businesses: [
			same(
				'物联网关键技术研发服务',
				'research and development services for key Internet of Things technologies'
			),
			{
				seed: '物联网信息感知及交互技术',
				zh: '物联网信息感知及交互技术服务',
				en: 'Internet of Things information sensing and interaction technology services'
			}
		]
	},
	{
		subclass: 'ito-newgen.geo',
		name: '地理遥感信息及测绘地理信息服务',
		cell: '有关地理信息的采集、处理、导航、定位、监测等软件开发服务及以地理位置信息为基础的应用服务，包括地理遥感信息服务、遥感测绘服务等',
		nameJoinsCell: true,
		businesses: [
			same(
				'以地理位置信息为基础的应用服务',
				'application services based on geographic location information'
			),
			same('地理遥感信息服务', 'remote-sensing geographic information services'),
			same('遥感测绘服务', 'remote-sensing surveying and mapping services')
		]
	},
	// ── BPO · 内部管理服务 ──
	{
		subclass: 'bpo-internal.hr',
		name: '人力资源管理服务',
		cell: '招聘流程外包（RPO）、薪酬外包服务、福利管理、外籍员工服务、人力资源共享服务等',
		nameJoinsCell: true,
		businesses: [
			same('招聘流程外包（RPO）', 'recruitment process outsourcing (RPO)'),
			same('薪酬外包服务', 'payroll outsourcing services'),
			{ seed: '福利管理', zh: '员工福利管理', en: 'employee benefits administration' },
			same('外籍员工服务', 'services for foreign employees'),
			same('人力资源共享服务', 'human resources shared services')
		]
	},
	{
		subclass: 'bpo-internal.finance',
		name: '财务与会计管理服务',
		cell: '应收账款外包、应付账款外包、税务合规、财务和监管报表、资产管理、财务共享服务等',
		nameJoinsCell: true,
		// 资产管理 is left out: it reads the same as asset management by a bank or 知识产权资产管理.
		businesses: [
			same('应收账款外包', 'accounts receivable outsourcing'),
			same('应付账款外包', 'accounts payable outsourcing'),
			{ seed: '税务合规', zh: '税务合规服务', en: 'tax compliance services' },
			{
				seed: '财务和监管报表',
				zh: '财务和监管报表编制',
				en: 'preparation of financial and regulatory reports'
			},
			same('财务共享服务', 'finance shared services')
		]
	},
	{
		subclass: 'bpo-internal.legal',
		name: '法律流程服务',
		cell: '法律执行和实施方面的咨询及支持服务，包括合同起草与修改、合同管理、法律研究与分析、法律合规服务等',
		nameJoinsCell: true,
		businesses: [
			same('合同起草与修改', 'contract drafting and revision'),
			same('合同管理', 'contract management'),
			same('法律研究与分析', 'legal research and analysis'),
			same('法律合规服务', 'legal compliance services')
		]
	},
	// ── BPO · 业务运营服务 ──
	{
		subclass: 'bpo-operations.data-processing',
		name: '数据处理服务',
		cell: '数据采集、数据录入、数据存储及检索、数据加工、内容审核、数据标注等',
		nameJoinsCell: true,
		businesses: [
			same('数据采集', 'data collection'),
			same('数据录入', 'data entry'),
			same('数据存储及检索', 'data storage and retrieval'),
			same('内容审核', 'content moderation'),
			same('数据标注', 'data labelling')
		]
	},
	{
		subclass: 'bpo-operations.marketing',
		name: '互联网营销推广服务',
		cell: '借助互联网、移动互联网平台为客户优化营销推广渠道，辅助客户实现营销目标，包括营销方案设计、互联网媒体筛选、传播内容策划及效果监测、电子商务代运营服务等',
		nameJoinsCell: true,
		businesses: [
			same('营销方案设计', 'marketing plan design'),
			same('互联网媒体筛选', 'selection of internet media'),
			same(
				'传播内容策划及效果监测',
				'planning of promotional content and monitoring of its effect'
			),
			same('电子商务代运营服务', 'running e-commerce stores on the client’s behalf')
		]
	},
	{
		subclass: 'bpo-operations.call-center',
		name: '呼叫中心服务',
		cell: '呼叫中心服务、座席外包、座席人员外包等',
		nameJoinsCell: true,
		businesses: [
			same('座席外包', 'outsourcing of call-centre seats'),
			same('座席人员外包', 'outsourcing of call-centre agents')
		]
	},
	{
		subclass: 'bpo-operations.financial-back-office',
		name: '金融后台服务',
		cell: '清算服务、银行卡服务、定损理赔服务等',
		nameJoinsCell: true,
		businesses: [
			same('清算服务', 'clearing services'),
			same('银行卡服务', 'bank card services'),
			same('定损理赔服务', 'loss assessment and claims settlement services')
		]
	},
	{
		subclass: 'bpo-operations.supply-chain',
		name: '供应链管理服务',
		cell: '供应链方案设计、物流方案设计、进出口流程服务等',
		nameJoinsCell: true,
		businesses: [
			same('供应链方案设计', 'supply chain solution design'),
			same('物流方案设计', 'logistics solution design'),
			same('进出口流程服务', 'import and export process services')
		]
	},
	{
		subclass: 'bpo-operations.procurement',
		name: '采购外包服务',
		cell: '采购规划、采购方案设计等',
		nameJoinsCell: true,
		businesses: [
			same('采购规划', 'procurement planning'),
			same('采购方案设计', 'procurement solution design')
		]
	},
	// ── BPO · 维修维护服务 ──
	{
		subclass: 'bpo-maintenance.vehicles',
		name: '交通工具维修维护服务',
		cell: '船舶与海洋工程装备、飞机、高铁等交通工具的委托维修维护服务',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '船舶与海洋工程装备',
				zh: '船舶与海洋工程装备的委托维修维护',
				en: 'contracted repair and maintenance of ships and offshore engineering equipment'
			},
			{
				seed: '飞机',
				zh: '飞机的委托维修维护',
				en: 'contracted repair and maintenance of aircraft'
			},
			{
				seed: '高铁',
				zh: '高铁列车的委托维修维护',
				en: 'contracted repair and maintenance of high-speed trains'
			}
		]
	},
	{
		subclass: 'bpo-maintenance.machinery',
		name: '工程机械维修维护服务',
		cell: '挖掘机械、铲土运输机械、工程起重机械、工业车辆、压实机械、桩工机械、混凝土机械、钢筋及预应力机械、装修机械、凿岩机械、气动工具、铁路路线机械、军用工程机械、电梯与扶梯等工程机械专用设备的维修保养改造服务',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '挖掘机械',
				zh: '挖掘机械的维修保养改造',
				en: 'repair, servicing and retrofitting of excavating machinery'
			},
			{
				seed: '工程起重机械',
				zh: '工程起重机械的维修保养改造',
				en: 'repair, servicing and retrofitting of construction cranes'
			},
			{
				seed: '桩工机械',
				zh: '桩工机械的维修保养改造',
				en: 'repair, servicing and retrofitting of piling machinery'
			},
			{
				seed: '混凝土机械',
				zh: '混凝土机械的维修保养改造',
				en: 'repair, servicing and retrofitting of concrete machinery'
			},
			{
				seed: '凿岩机械',
				zh: '凿岩机械的维修保养改造',
				en: 'repair, servicing and retrofitting of rock-drilling machinery'
			},
			{
				seed: '电梯与扶梯',
				zh: '电梯与扶梯的维修保养改造',
				en: 'repair, servicing and retrofitting of lifts and escalators'
			}
		]
	},
	{
		subclass: 'bpo-maintenance.medical',
		name: '医疗设备维修维护服务',
		// The extraction breaks this cell after 精密医 (the case column and a page break intervene).
		cell: '医用X射线、超声诊断、电气诊断、激光诊断、高频仪器等各类精密医',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '医用X射线',
				zh: '医用X射线设备的维修保养',
				en: 'repair and maintenance of medical X-ray equipment'
			},
			{
				seed: '超声诊断',
				zh: '超声诊断设备的维修保养',
				en: 'repair and maintenance of ultrasound diagnostic equipment'
			},
			{
				seed: '激光诊断',
				zh: '激光诊断设备的维修保养',
				en: 'repair and maintenance of laser diagnostic equipment'
			},
			{
				seed: '高频仪器',
				zh: '医用高频仪器的维修保养',
				en: 'repair and maintenance of high-frequency medical instruments'
			}
		]
	},
	{
		subclass: 'bpo-maintenance.smart-manufacturing',
		name: '智能制造装备维修维护服务',
		cell: '各类具有感知、分析、推理、决策、控制功能的智能制造装备的维修、保养和改造等服务，以及运用新技术手段为设备提供远程监测维护和维修保养等服务',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '智能制造装备的维修、保养和改造',
				zh: '具有感知、分析、推理、决策、控制功能的智能制造装备的维修、保养和改造',
				en: 'repair, maintenance and retrofitting of intelligent manufacturing equipment that can sense, analyse, reason, decide and control'
			},
			{
				seed: '运用新技术手段为设备提供远程监测维护和维修保养',
				zh: '运用新技术手段为智能制造装备提供的远程监测维护和维修保养',
				en: 'remote monitoring, maintenance and servicing of intelligent manufacturing equipment using new technologies'
			}
		]
	},
	// ── KPO · 商务服务 ──
	{
		subclass: 'kpo-business.ip',
		name: '知识产权服务',
		cell: '知识产权资产管理、知识产权授权使用、知识产权商业化服务、知识产权代理等',
		nameJoinsCell: true,
		businesses: [
			same('知识产权资产管理', 'intellectual property asset management'),
			{
				seed: '知识产权授权使用',
				zh: '知识产权授权使用服务',
				en: 'intellectual property licensing services'
			},
			same('知识产权商业化服务', 'intellectual property commercialisation services'),
			{ seed: '知识产权代理', zh: '知识产权代理服务', en: 'intellectual property agency services' }
		]
	},
	{
		subclass: 'kpo-business.consulting',
		name: '管理咨询服务',
		cell: '企业管理咨询、市场调查、技术咨询、认证咨询等',
		nameJoinsCell: true,
		businesses: [
			same('企业管理咨询', 'business management consulting'),
			same('市场调查', 'market research'),
			same('技术咨询', 'technical consulting'),
			same('认证咨询', 'certification consulting')
		]
	},
	{
		subclass: 'kpo-business.testing-inspection',
		name: '检验检测服务',
		// The cell is interleaved with the case column; its second part is contiguous.
		cell: '供专业检测服务，提供满足医疗机构诊断、科研机构研发需要的第三方检测服务，包括医学诊断服务、产品检测服务、新能源产品检测服务等',
		nameJoinsCell: false,
		businesses: [
			{
				seed: '提供满足医疗机构诊断、科研机构研发需要的第三方检测服务',
				zh: '满足医疗机构诊断、科研机构研发需要的第三方检测服务',
				en: 'third-party testing that meets the diagnostic needs of medical institutions and the research needs of research institutes'
			},
			same('医学诊断服务', 'medical diagnostic testing services'),
			same('产品检测服务', 'product testing services'),
			same('新能源产品检测服务', 'testing services for new energy products')
		]
	},
	// ── KPO · 设计服务 ──
	{
		subclass: 'kpo-design.industrial',
		name: '工业设计服务',
		cell: '面向工业产品的品牌规划、产品研发、生产制造业和商业运营全周期的设计解决方案服务，包括产品策划、结构设计、人机界面设计、造型外观设计、包装设计、产品展示、试验认证、环境设计、工业生产线设计等服务。',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '产品策划',
				zh: '工业产品策划',
				en: 'product planning for an industrial product'
			},
			{
				seed: '结构设计',
				zh: '工业产品的结构设计',
				en: 'structural design of an industrial product'
			},
			same('人机界面设计', 'human–machine interface design'),
			{
				seed: '造型外观设计',
				zh: '工业产品的造型外观设计',
				en: 'styling and exterior design of an industrial product'
			},
			{
				seed: '包装设计',
				zh: '工业产品的包装设计',
				en: 'packaging design for an industrial product'
			},
			same('工业生产线设计', 'industrial production line design')
		]
	},
	{
		subclass: 'kpo-design.engineering',
		name: '工程技术服务',
		cell: '为工程项目建设提供相应技术依据的设计方案，包括项目规划、总体设计，工程建设项目决策和管理咨询等服务。',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '项目规划',
				zh: '工程建设项目规划',
				en: 'project planning for a construction project'
			},
			{
				seed: '总体设计',
				zh: '工程建设项目的总体设计',
				en: 'overall design of a construction project'
			},
			same(
				'工程建设项目决策和管理咨询',
				'decision-making and management consulting for a construction project'
			)
		]
	},
	{
		subclass: 'kpo-design.creative',
		name: '文化创意及数字内容服务',
		cell: '文化创造及文化数字传播等相关服务，包括动画研发外包、游戏设计外包、影视特效制作、创意设计服务、数字内容服务等',
		nameJoinsCell: true,
		businesses: [
			same('动画研发外包', 'outsourced animation development'),
			same('游戏设计外包', 'outsourced game design'),
			same('影视特效制作', 'visual effects production for film and television'),
			same('创意设计服务', 'creative design services'),
			same('数字内容服务', 'digital content services')
		]
	},
	{
		subclass: 'kpo-design.service-design',
		name: '服务设计服务',
		// The cell is split by a page break; this is its contiguous second part.
		cell: '值的设计服务，包括服务模式设计、商业模式设计等。',
		nameJoinsCell: false,
		businesses: [
			same('服务模式设计', 'service model design'),
			same('商业模式设计', 'business model design')
		]
	},
	// ── KPO · 研发服务 ──
	{
		subclass: 'kpo-rd.pharma-biotech',
		name: '医药（中医药）和生物技术研发服务',
		cell: '医药（中医药）、医疗器械研发、基因工程、植物提取技术及其他生物技术服务，包括药物产品开发、临床前试验及临床试验、药物注册、国际化服务、产业化服务、基因工程服务、生物技术服务、中医药服务等。',
		nameJoinsCell: true,
		businesses: [
			same('医疗器械研发', 'medical device research and development'),
			same('药物产品开发', 'drug product development'),
			same('临床前试验及临床试验', 'preclinical and clinical trials'),
			same('药物注册', 'drug registration'),
			same('基因工程服务', 'genetic engineering services'),
			{ seed: '植物提取技术', zh: '植物提取技术服务', en: 'plant extraction technology services' }
		]
	},
	{
		subclass: 'kpo-rd.new-energy',
		name: '新能源技术研发服务',
		cell: '面向核电、太阳能、风电、生物质能、储能和智能电网等新能源领域技术研发专业解决方案，包括方案设计、产品研发、执行、测试和运营维护等服务。',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '核电',
				zh: '面向核电领域的技术研发专业解决方案',
				en: 'specialist technology R&D solutions for nuclear power'
			},
			{
				seed: '太阳能',
				zh: '面向太阳能领域的技术研发专业解决方案',
				en: 'specialist technology R&D solutions for solar energy'
			},
			{
				seed: '风电',
				zh: '面向风电领域的技术研发专业解决方案',
				en: 'specialist technology R&D solutions for wind power'
			},
			{
				seed: '储能',
				zh: '面向储能领域的技术研发专业解决方案',
				en: 'specialist technology R&D solutions for energy storage'
			},
			{
				seed: '智能电网',
				zh: '面向智能电网领域的技术研发专业解决方案',
				en: 'specialist technology R&D solutions for smart grids'
			}
		]
	},
	{
		subclass: 'kpo-rd.new-materials',
		name: '新材料技术研发服务',
		cell: '改进材料性能、发现特殊功能新材料的技术研发服务，包括材料筛选、材料合成、材料测试、工艺改进等服务。',
		nameJoinsCell: true,
		businesses: [
			{
				seed: '改进材料性能、发现特殊功能新材料的技术研发服务',
				zh: '改进材料性能、发现特殊功能新材料的技术研发服务',
				en: 'technology research and development services that improve material performance and discover new materials with special functions'
			},
			{ seed: '材料筛选', zh: '新材料筛选', en: 'screening of new materials' },
			{ seed: '材料合成', zh: '新材料合成', en: 'synthesis of new materials' }
		]
	}
];

/**
 * Pairs of sub-classes whose typical business reads alike (testing vs inspection and testing,
 * digital strategy consulting vs management consulting …). They are never offered as each
 * other's distractor, so every drill keeps one defensible key.
 */
export const CONFUSABLE_SUBCLASSES: readonly (readonly [string, string])[] = [
	['ito-rd.software', 'ito-rd.testing'],
	['ito-rd.software', 'ito-newgen.geo'],
	['ito-rd.testing', 'kpo-business.testing-inspection'],
	['ito-rd.testing', 'kpo-business.consulting'],
	['ito-rd.testing', 'ito-newgen.cloud'],
	['ito-rd.ic-design', 'kpo-design.industrial'],
	['ito-rd.it-solutions', 'kpo-business.consulting'],
	['ito-rd.it-solutions', 'kpo-design.service-design'],
	['ito-rd.it-solutions', 'ito-newgen.iot'],
	['ito-ops.infrastructure', 'ito-newgen.cloud'],
	['ito-ops.infrastructure', 'ito-ops.security'],
	['ito-ops.security', 'kpo-business.consulting'],
	['ito-ops.security', 'kpo-business.testing-inspection'],
	['ito-ops.security', 'ito-rd.testing'],
	['ito-ops.security', 'ito-newgen.iot'],
	['ito-ops.ecommerce-platform', 'bpo-operations.marketing'],
	['ito-newgen.big-data', 'bpo-operations.data-processing'],
	['ito-newgen.geo', 'bpo-operations.data-processing'],
	['bpo-internal.finance', 'bpo-operations.financial-back-office'],
	['bpo-internal.legal', 'kpo-business.ip'],
	['bpo-operations.marketing', 'kpo-design.creative'],
	['bpo-operations.marketing', 'kpo-design.service-design'],
	['bpo-operations.supply-chain', 'bpo-operations.procurement'],
	['bpo-maintenance.machinery', 'bpo-maintenance.smart-manufacturing'],
	['kpo-business.consulting', 'kpo-design.engineering'],
	['kpo-business.consulting', 'kpo-design.industrial'],
	['kpo-business.consulting', 'kpo-design.service-design'],
	['kpo-business.testing-inspection', 'kpo-rd.new-energy'],
	['kpo-business.testing-inspection', 'kpo-rd.pharma-biotech'],
	['kpo-business.testing-inspection', 'kpo-rd.new-materials'],
	['kpo-design.industrial', 'kpo-design.creative']
];
