/**
 * The words of the supply-mode generator: for each mode and direction (a "scene"), the services
 * the handout mentions for it, the parties, three sentence patterns per language and an
 * explanation that names the rule and the most tempting wrong mode. Keys are never decided here:
 * `classifySupply` derives them from the facts, and the tests check the two agree.
 */
import type { L10n } from '../types';
import { a, cap } from './template';
import {
	place,
	type DirectionId,
	type ModeId,
	type Movement,
	type Place,
	type PlaceId,
	type Side,
	type SupplyFacts
} from './supply-mode-facts';

/** A phrase about a party, in both languages. */
export interface Phrase {
	zh: string;
	en: string;
}

/** Everything a sentence pattern may use, resolved from one set of facts. */
export interface SceneContext {
	facts: SupplyFacts;
	/** The supplier's home (for commercial presence: where the controlling capital is from). */
	sup: Place;
	/** The consumer's home. */
	con: Place;
	service: ServiceWords;
	/** The consumer, worded against its home place. */
	consumer: Phrase;
	/** Commercial presence: the entity form; movement of natural persons: the travellers. */
	extra?: Phrase;
}

/** One service as a scene words it. Functions receive the context so phrases can name places. */
export interface ServiceWords {
	id: string;
	/** The supplying party, e.g. IT公司 / IT company (no article). */
	supplier: Phrase;
	/** The service as an object: 软件开发服务 / software development services. */
	object: Phrase;
	/** Consumer kinds this service is offered to (ids of the scene's consumers). */
	consumers: readonly string[];
	/** Supplier homes for this service besides the scene's (新马泰, only ever a tour destination). */
	alsoSupplierHomes?: readonly PlaceId[];
	/** Scene-specific verb phrases (what the consumer does, what the entity is …). */
	more?: Record<string, (c: SceneContext) => Phrase>;
}

export interface ConsumerWords {
	id: string;
	/** Resolved against the consumer's home place. */
	words: (home: Place) => Phrase;
}

export interface Scene {
	mode: ModeId;
	direction: DirectionId;
	movement: Movement;
	/**
	 * The handout sentence that states this mode's rule and, where it has one, this direction;
	 * the rule's definition sentence when absent.
	 */
	quote?: string;
	difficulty: 1 | 2 | 3;
	/** Homes parties are drawn from: the Chinese cities or the foreign countries of supply-mode.yaml. */
	supplierHomes: Side;
	consumerHomes: Side;
	services: readonly ServiceWords[];
	consumers: readonly ConsumerWords[];
	/** Entity forms (commercial presence) or travellers (movement of natural persons). */
	extras?: readonly { id: string; words: Phrase }[];
	/** Which extras a service allows; all when absent. */
	extrasFor?: (serviceId: string) => readonly string[];
	/** Builds the facts; the scene decides where each party is while the service is supplied. */
	facts: (input: {
		service: string;
		supplierHome: PlaceId;
		consumerHome: PlaceId;
		consumer: string;
		extra?: string;
	}) => SupplyFacts;
	templates: readonly ((c: SceneContext) => L10n)[];
	explain: (c: SceneContext) => L10n;
}

const more = (c: SceneContext, key: string): Phrase => {
	const fn = c.service.more?.[key];
	if (!fn) throw new Error(`service ${c.service.id} has no phrase '${key}'`);
	return fn(c);
};

// ── 1 · cross-border supply, export ────────────────────────────────────────────────────────────

const crossBorderExport: Scene = {
	mode: 'cross-border',
	direction: 'export',
	movement: 'none',
	quote: '即服务的供求双方必须位于不同的国家，例如国内企业为海外客户提供的软件开发、货物运输等服务',
	difficulty: 2,
	supplierHomes: 'cn',
	consumerHomes: 'foreign',
	services: [
		{
			id: 'software',
			supplier: { zh: 'IT公司', en: 'IT company' },
			object: { zh: '软件开发服务', en: 'software development services' },
			consumers: ['client', 'company']
		},
		{
			id: 'data-processing',
			supplier: { zh: 'IT公司', en: 'IT company' },
			object: { zh: '数据处理服务', en: 'data processing services' },
			consumers: ['client', 'company']
		},
		{
			id: 'freight',
			supplier: { zh: '物流公司', en: 'logistics company' },
			object: {
				zh: '进出口货物的运输服务',
				en: 'transport services for its import and export goods'
			},
			consumers: ['client', 'company']
		},
		{
			id: 'news',
			supplier: { zh: '传媒公司', en: 'media company' },
			object: { zh: '新闻、照片和原创文章', en: 'news, photos and original articles' },
			consumers: ['client', 'company']
		},
		{
			id: 'film-effects',
			supplier: { zh: '动漫影视制作公司', en: 'animation and film production company' },
			object: { zh: '电影特效制作服务', en: 'special-effects production for a film' },
			consumers: ['client', 'company']
		}
	],
	consumers: [
		{ id: 'client', words: (p) => ({ zh: `${p.zh}客户`, en: a(`${p.enAdj} client`) }) },
		{ id: 'company', words: (p) => ({ zh: `一家${p.zh}企业`, en: `a company in ${p.en}` }) }
	],
	facts: ({ service, supplierHome, consumerHome, consumer }) => ({
		service,
		supplier: { home: supplierHome, kind: service },
		consumer: { home: consumerHome, kind: consumer },
		movement: 'none',
		supplierAt: supplierHome,
		consumerAt: consumerHome
	}),
	templates: [
		(c) => ({
			zh: `${c.sup.zh}的一家${c.service.supplier.zh}为${c.consumer.zh}提供${c.service.object.zh}。客户一直在${c.con.zh}，这家公司既没有派人去${c.con.zh}，也没有在那里设立机构。`,
			en: `${cap(a(c.service.supplier.en))} in ${c.sup.en} provides ${c.service.object.en} for ${c.consumer.en}. The client stays in ${c.con.en}; the company neither sends staff to ${c.con.en} nor has an office there.`
		}),
		(c) => ({
			zh: `${c.consumer.zh}向${c.sup.zh}的一家${c.service.supplier.zh}下单，购买${c.service.object.zh}。双方都留在各自的国家，没有人出境。`,
			en: `${cap(c.consumer.en)} places an order with ${a(c.service.supplier.en)} in ${c.sup.en} for ${c.service.object.en}. Both sides stay in their own countries and nobody travels.`
		}),
		(c) => ({
			zh: `${c.sup.zh}某${c.service.supplier.zh}接下${c.consumer.zh}的业务，从${c.sup.zh}向其提供${c.service.object.zh}；${c.con.zh}方面没有人来中国。`,
			en: `${cap(a(c.service.supplier.en))} based in ${c.sup.en} takes on work for ${c.consumer.en} and supplies ${c.service.object.en} from ${c.sup.en}; nobody from ${c.con.en} comes to China.`
		})
	],
	explain: (c) => ({
		zh: `规则：跨境交付——供求双方分别位于不同的国家，移动的只是服务本身，人员和机构都不跨境。本题中，提供方在${c.sup.zh}，购买方在${c.con.zh}，双方都没有移动到对方国家，所以属于跨境交付；从中国看，这是服务出口：中国企业为外国客户提供服务。易混淆的是境外消费：境外消费要求消费者本人来到提供方所在国购买，而这里的客户一直在${c.con.zh}。`,
		en: `Rule: cross-border supply — supplier and consumer stay in different countries and only the service crosses the border; no people or offices move. Here the supplier is in ${c.sup.en} and the buyer is in ${c.con.en}, and neither moves to the other's country, so this is cross-border supply. Seen from China, this is a service export: a Chinese firm serves a foreign client. The tempting alternative is consumption abroad, but that needs the consumer to travel to the supplier's country, and this client stays in ${c.con.en}.`
	})
};

// ── 2 · cross-border supply, import ────────────────────────────────────────────────────────────

const crossBorderImport: Scene = {
	mode: 'cross-border',
	direction: 'import',
	movement: 'none',
	// The handout's own cross-border examples are exports, so the import scene quotes the
	// definition (no `quote`: the rule's).
	difficulty: 2,
	supplierHomes: 'foreign',
	consumerHomes: 'cn',
	services: [
		{
			id: 'shipping',
			supplier: { zh: '船公司', en: 'shipping company' },
			object: { zh: '出口货物的运输服务', en: 'transport services for its export goods' },
			consumers: ['company']
		},
		{
			id: 'software',
			supplier: { zh: 'IT公司', en: 'IT company' },
			object: { zh: '软件开发服务', en: 'software development services' },
			consumers: ['company']
		},
		{
			id: 'data-processing',
			supplier: { zh: 'IT公司', en: 'IT company' },
			object: { zh: '数据处理服务', en: 'data processing services' },
			consumers: ['company']
		},
		{
			id: 'news',
			supplier: { zh: '传媒公司', en: 'media company' },
			object: { zh: '新闻、照片和原创文章', en: 'news, photos and original articles' },
			consumers: ['media']
		},
		{
			id: 'design-copyright',
			supplier: { zh: '企业', en: 'company' },
			object: { zh: '某个零部件的设计版权', en: 'the design copyright for a component' },
			consumers: ['manufacturer']
		},
		{
			id: 'downloads',
			supplier: { zh: '在线平台', en: 'online platform' },
			object: { zh: '供下载的电影和音乐', en: 'films and music to download' },
			consumers: ['consumers']
		}
	],
	consumers: [
		{ id: 'company', words: (p) => ({ zh: `${p.zh}的一家企业`, en: `a company in ${p.en}` }) },
		{
			id: 'media',
			words: (p) => ({ zh: `${p.zh}的一家传媒公司`, en: `a media company in ${p.en}` })
		},
		{
			id: 'manufacturer',
			words: (p) => ({ zh: `${p.zh}的一家机械制造企业`, en: `a machinery manufacturer in ${p.en}` })
		},
		{ id: 'consumers', words: (p) => ({ zh: `${p.zh}的一位消费者`, en: `a consumer in ${p.en}` }) }
	],
	facts: ({ service, supplierHome, consumerHome, consumer }) => ({
		service,
		supplier: { home: supplierHome, kind: service },
		consumer: { home: consumerHome, kind: consumer },
		movement: 'none',
		supplierAt: supplierHome,
		consumerAt: consumerHome
	}),
	templates: [
		(c) => ({
			zh: `${c.consumer.zh}从${c.sup.zh}的一家${c.service.supplier.zh}购买${c.service.object.zh}，双方都留在各自的国家，没有人出境。`,
			en: `${cap(c.consumer.en)} buys ${c.service.object.en} from ${a(c.service.supplier.en)} in ${c.sup.en}. Both sides stay in their own countries and nobody travels.`
		}),
		(c) => ({
			zh: `${c.sup.zh}的一家${c.service.supplier.zh}向${c.consumer.zh}出售${c.service.object.zh}。这家${c.service.supplier.zh}在中国没有设立任何机构，也没有派人来华。`,
			en: `${cap(a(c.service.supplier.en))} in ${c.sup.en} sells ${c.service.object.en} to ${c.consumer.en}. It has no office in China and sends no staff to China.`
		}),
		(c) => ({
			zh: `${c.consumer.zh}向${c.sup.zh}的一家${c.service.supplier.zh}订购${c.service.object.zh}，自始至终没有离开${c.con.zh}，对方也没有人来中国。`,
			en: `${cap(c.consumer.en)} orders ${c.service.object.en} from ${a(c.service.supplier.en)} in ${c.sup.en} without ever leaving ${c.con.en}, and the supplier sends nobody to China.`
		})
	],
	explain: (c) => ({
		zh: `规则：跨境交付——供求双方分别位于不同的国家，服务跨越国境送达，人员和机构都不移动。本题中，提供方在${c.sup.zh}，购买方在${c.con.zh}，谁都没有去对方国家，所以属于跨境交付；从中国看，这是服务进口：中国的买方向外国提供方购买服务。易混淆的是境外消费：买的虽然是国外的服务，但境外消费要求消费者本人出境、在当地购买，而这里的买方一直在${c.con.zh}。`,
		en: `Rule: cross-border supply — supplier and consumer stay in different countries and the service crosses the border while no people or offices move. Here the supplier is in ${c.sup.en} and the buyer in ${c.con.en}; neither goes to the other's country, so this is cross-border supply. Seen from China, this is a service import: a Chinese buyer pays a foreign supplier. The tempting alternative is consumption abroad: the service is foreign, but consumption abroad needs the consumer to go abroad and buy there, and this buyer never leaves ${c.con.en}.`
	})
};

// ── 3 · consumption abroad, export ─────────────────────────────────────────────────────────────

const consumptionAbroadExport: Scene = {
	mode: 'consumption-abroad',
	direction: 'export',
	movement: 'consumer-travels',
	quote:
		'即其他国家消费者到本国所购买的服务，例如国内机构为入境游客、留学生等提供的医疗、住宿等服务（属于服务出口）',
	difficulty: 3,
	supplierHomes: 'cn',
	consumerHomes: 'foreign',
	services: [
		{
			id: 'medical',
			supplier: { zh: '医院', en: 'hospital' },
			object: { zh: '医疗服务', en: 'medical treatment' },
			consumers: ['patients', 'tourists'],
			more: {
				use: () => ({ zh: '在当地一家医院就医', en: 'are treated at a local hospital' })
			}
		},
		{
			id: 'accommodation',
			supplier: { zh: '酒店', en: 'hotel' },
			object: { zh: '住宿服务', en: 'accommodation' },
			consumers: ['tourists', 'students'],
			more: { use: () => ({ zh: '入住当地一家酒店', en: 'stay at a local hotel' }) }
		},
		{
			id: 'food-transport',
			supplier: { zh: '企业', en: 'company' },
			object: { zh: '餐饮和交通服务', en: 'food, drink and local transport' },
			consumers: ['tourists', 'students'],
			more: {
				use: () => ({
					zh: '从当地一家企业购买餐饮和交通服务',
					en: 'buy food, drink and local transport from a local company'
				})
			}
		},
		{
			id: 'education',
			supplier: { zh: '高校', en: 'university' },
			object: { zh: '教育服务', en: 'education' },
			consumers: ['students'],
			more: { use: () => ({ zh: '在当地一所高校学习', en: 'study at a local university' }) }
		}
	],
	consumers: [
		{
			id: 'tourists',
			words: (p) => ({ zh: `来自${p.zh}的入境游客`, en: `tourists visiting from ${p.en}` })
		},
		{
			id: 'students',
			words: (p) => ({ zh: `来自${p.zh}的留学生`, en: `international students from ${p.en}` })
		},
		{
			id: 'patients',
			words: (p) => ({
				zh: `专程从${p.zh}来华就医的患者`,
				en: `patients who have travelled from ${p.en} specially to see doctors in China`
			})
		}
	],
	facts: ({ service, supplierHome, consumerHome, consumer }) => ({
		service,
		supplier: { home: supplierHome, kind: service },
		consumer: { home: consumerHome, kind: consumer },
		movement: 'consumer-travels',
		supplierAt: supplierHome,
		consumerAt: supplierHome
	}),
	templates: [
		(c) => ({
			zh: `${c.sup.zh}的一家${c.service.supplier.zh}为${c.consumer.zh}提供${c.service.object.zh}，服务就在${c.sup.zh}当地完成。`,
			en: `${cap(a(c.service.supplier.en))} in ${c.sup.en} provides ${c.service.object.en} for ${c.consumer.en}; the service is delivered in ${c.sup.en}.`
		}),
		(c) => ({
			zh: `${c.consumer.zh}来到${c.sup.zh}，${more(c, 'use').zh}，费用直接付给中方。`,
			en: `${cap(c.consumer.en)} come to ${c.sup.en} and ${more(c, 'use').en}, paying the Chinese supplier directly.`
		}),
		(c) => ({
			zh: `${c.consumer.zh}在${c.sup.zh}期间，由当地一家${c.service.supplier.zh}为他们提供${c.service.object.zh}；这家${c.service.supplier.zh}在${c.con.zh}没有业务，也没有派人出国。`,
			en: `While in ${c.sup.en}, ${c.consumer.en} receive ${c.service.object.en} from ${a(c.service.supplier.en)} there. The ${c.service.supplier.en} does no business in ${c.con.en} and sends nobody abroad.`
		})
	],
	explain: (c) => ({
		zh: `规则：境外消费——其他国家的消费者来到本国购买服务。本题中，提供方是${c.sup.zh}的${c.service.supplier.zh}，一直在中国；移动的是消费者：他们从${c.con.zh}来到${c.sup.zh}，在中国境内消费，所以属于境外消费；从中国看，这是服务出口：中国的提供方为外国消费者服务，尽管交易发生在中国境内。易混淆的是跨境交付：供求双方虽然来自不同国家，但服务并不是跨越国境送到${c.con.zh}，而是消费者本人来到了中国。`,
		en: `Rule: consumption abroad — consumers from another country come to the supplier's country and buy the service there. Here the supplier, ${a(c.service.supplier.en)} in ${c.sup.en}, stays in China; it is the consumers who move, coming from ${c.con.en} to ${c.sup.en} and consuming in China, so this is consumption abroad. Seen from China, this is a service export: a Chinese supplier serves foreign consumers, even though everything happens inside China. The tempting alternative is cross-border supply: the two sides do come from different countries, but the service is not sent across the border to ${c.con.en}; the consumers themselves come to China.`
	})
};

// ── 4 · consumption abroad, import ─────────────────────────────────────────────────────────────

const consumptionAbroadImport: Scene = {
	mode: 'consumption-abroad',
	direction: 'import',
	movement: 'consumer-travels',
	quote: '或者国内企业和个人到海外旅游、留学产生的当地支出（属于服务进口）',
	difficulty: 2,
	supplierHomes: 'foreign',
	consumerHomes: 'cn',
	services: [
		{
			id: 'tourism',
			alsoSupplierHomes: ['xinmatai'],
			supplier: { zh: '当地的景区、餐馆和商店', en: 'local sights, restaurants and shops' },
			object: { zh: '游览、餐饮和购物', en: 'sightseeing, meals and shopping' },
			consumers: ['residents', 'staff'],
			more: {
				act: () => ({
					zh: '在当地游览景区、品尝美食、购物',
					en: 'go sightseeing, try the local food and shop'
				})
			}
		},
		{
			id: 'medical',
			supplier: { zh: '当地医院', en: 'a local hospital' },
			object: { zh: '医疗服务', en: 'medical treatment' },
			consumers: ['residents', 'staff'],
			more: { act: () => ({ zh: '在当地医院就医', en: 'are treated at a local hospital' }) }
		},
		{
			id: 'accommodation',
			supplier: { zh: '当地酒店', en: 'a local hotel' },
			object: { zh: '住宿服务', en: 'accommodation' },
			consumers: ['residents', 'staff'],
			more: { act: () => ({ zh: '入住当地酒店', en: 'stay at a local hotel' }) }
		},
		{
			id: 'study',
			supplier: { zh: '当地的学校和商家', en: 'local schools and businesses' },
			object: { zh: '留学期间的学习和生活服务', en: 'tuition and living services while studying' },
			consumers: ['students'],
			more: {
				act: () => ({
					zh: '在当地留学，学习和生活的开支都花在当地',
					en: 'study, spending money on their studies and daily life locally'
				})
			}
		}
	],
	consumers: [
		{ id: 'residents', words: (p) => ({ zh: `${p.zh}居民`, en: `residents of ${p.en}` }) },
		{
			id: 'staff',
			words: (p) => ({
				zh: `${p.zh}一家公司组织的员工`,
				en: `staff of a ${p.enAdj} company on a company trip`
			})
		},
		{ id: 'students', words: (p) => ({ zh: `${p.zh}的学生`, en: `students from ${p.en}` }) }
	],
	facts: ({ service, supplierHome, consumerHome, consumer }) => ({
		service,
		supplier: { home: supplierHome, kind: service },
		consumer: { home: consumerHome, kind: consumer },
		movement: 'consumer-travels',
		supplierAt: supplierHome,
		consumerAt: supplierHome
	}),
	templates: [
		(c) => ({
			zh: `${c.consumer.zh}前往${c.sup.zh}，${more(c, 'act').zh}。`,
			en: `${cap(c.consumer.en)} travel to ${c.sup.en}, where they ${more(c, 'act').en}.`
		}),
		(c) => ({
			zh: `${c.consumer.zh}出境来到${c.sup.zh}，${more(c, 'act').zh}，费用都付给了当地的提供者。`,
			en: `${cap(c.consumer.en)} leave China for ${c.sup.en} and ${more(c, 'act').en}, paying local suppliers there.`
		}),
		(c) => ({
			zh: `${c.consumer.zh}在${c.sup.zh}停留期间，${more(c, 'act').zh}，这些开支都付给了${c.sup.zh}当地的提供者。`,
			en: `During a stay in ${c.sup.en}, ${c.consumer.en} ${more(c, 'act').en}; the money goes to local suppliers in ${c.sup.en}.`
		})
	],
	explain: (c) => ({
		zh: `规则：境外消费——消费者到提供方所在国购买服务。本题中，提供方都在${c.sup.zh}，没有移动；移动的是消费者：${c.consumer.zh}从${c.con.zh}出境到${c.sup.zh}，在当地消费，所以属于境外消费；从中国看，这是服务进口：中国的消费者向外国提供方付费。易混淆的是自然人移动：自然人移动指服务提供者本人到消费者所在国提供服务，而这里出境的是消费者，不是提供者。`,
		en: `Rule: consumption abroad — the consumer travels to the supplier's country and buys the service there. Here the suppliers are in ${c.sup.en} and do not move; the consumers do: ${c.consumer.en} go from ${c.con.en} to ${c.sup.en} and spend there, so this is consumption abroad. Seen from China, this is a service import: Chinese consumers pay foreign suppliers. The tempting alternative is movement of natural persons, but that is when the supplier's own people travel to serve consumers in the consumers' country; here it is the consumers who travel.`
	})
};

// ── 5 · commercial presence, import ────────────────────────────────────────────────────────────

type EntityWords = (c: SceneContext) => Phrase;

const hospitalEntity: EntityWords = (c) => ({
	zh: `一家由${c.sup.zh}资本控股、设在${c.con.zh}的医院`,
	en: `a hospital in ${c.con.en} controlled by ${c.sup.enAdj} capital`
});
const insurerEntity: EntityWords = (c) => ({
	zh: `一家由${c.sup.zh}资本控股、设在${c.con.zh}的保险公司`,
	en: `an insurance company in ${c.con.en} controlled by ${c.sup.enAdj} capital`
});
// A branch (分行) is part of the bank itself, not an entity controlled by capital: it is worded
// as the bank's own office, never as "controlled by … capital".
const bankEntity: EntityWords = (c) =>
	c.facts.entity === 'branch'
		? {
				zh: `${c.sup.zh}一家银行在${c.con.zh}的分行`,
				en: `the ${c.con.en} branch of ${a(`${c.sup.enAdj} bank`)}`
			}
		: {
				zh: `${c.sup.zh}一家银行在${c.con.zh}控股设立的附属机构`,
				en: `a ${c.con.en} subsidiary controlled by ${a(`${c.sup.enAdj} bank`)}`
			};

/** The entity's short name, for "supplied locally by the ___". */
const ENTITY_NOUN: Record<string, Phrase> = {
	hospital: { zh: '医院', en: 'hospital' },
	insurer: { zh: '保险公司', en: 'insurance company' },
	branch: { zh: '分行', en: 'branch' },
	subsidiary: { zh: '附属机构', en: 'subsidiary' }
};
const entityNoun = (c: SceneContext): Phrase => ENTITY_NOUN[c.facts.entity ?? 'hospital'];

/** How the entity came to be, for the "to develop the Chinese market …" pattern. */
const entitySetUp = (c: SceneContext): Phrase => {
	const bank = a(`${c.sup.enAdj} bank`);
	switch (c.facts.entity) {
		case 'branch':
			return {
				zh: `${c.sup.zh}一家银行在${c.con.zh}开设了分行`,
				en: `${bank} has opened a branch in ${c.con.en}`
			};
		case 'subsidiary':
			return {
				zh: `${c.sup.zh}一家银行在${c.con.zh}设立并控股一家附属机构`,
				en: `${bank} has set up and controls a subsidiary in ${c.con.en}`
			};
		default:
			return {
				zh: `${c.sup.zh}资本在${c.con.zh}设立并控股一家${entityNoun(c).zh}`,
				en: `${c.sup.enAdj} investors have set up and control ${a(entityNoun(c).en)} in ${c.con.en}`
			};
	}
};

/** Who supplies, for the explanation: a branch as the bank's own office, others as controlled. */
const entityWho = (c: SceneContext): Phrase =>
	c.facts.entity === 'branch'
		? {
				zh: `提供者是${c.sup.zh}一家银行设在${c.con.zh}的分行；分行是这家银行自身的一部分，银行通过它在当地经营`,
				en: `the provider is the ${c.con.en} branch of ${a(`${c.sup.enAdj} bank`)}; a branch is part of the bank itself, through which the bank operates locally`
			}
		: {
				zh: `提供者是由${c.sup.zh}资本控股、设在${c.con.zh}的${entityNoun(c).zh}`,
				en: `the provider is ${a(entityNoun(c).en)} in ${c.con.en} controlled by ${c.sup.enAdj} capital`
			};

/** The handout gives no export/import direction for commercial presence, so none is scored. */
const NO_DIRECTION: Phrase = {
	zh: '讲义没有给出商业存在属于服务出口还是服务进口，所以本题只判断提供方式。',
	en: 'The handout states no direction (service export or service import) for commercial presence, so only the mode is asked.'
};

function bankService(id: string, object: Phrase, use: Phrase, consumers: string[]): ServiceWords {
	return {
		id,
		supplier: { zh: '银行', en: 'bank' },
		object,
		consumers,
		more: { entity: bankEntity, use: () => use }
	};
}

const commercialPresenceImport: Scene = {
	mode: 'commercial-presence',
	direction: 'import',
	movement: 'supplier-establishes',
	quote:
		'即外商控股的企业为本地消费者提供的服务，例如外资医院提供的医疗服务，以及外国银行的分行或附属机构提供的金融服务',
	difficulty: 3,
	supplierHomes: 'foreign',
	consumerHomes: 'cn',
	services: [
		{
			id: 'hospital-care',
			supplier: { zh: '医院', en: 'hospital' },
			object: { zh: '医疗服务', en: 'medical care' },
			consumers: ['residents'],
			more: { entity: hospitalEntity, use: () => ({ zh: '看病就医', en: 'receive medical care' }) }
		},
		bankService(
			'remittance',
			{ zh: '汇款服务', en: 'remittance services' },
			{ zh: '办理汇款', en: 'send remittances' },
			['residents', 'firms']
		),
		bankService(
			'settlement',
			{ zh: '收支结算服务', en: 'payment settlement services' },
			{ zh: '办理收支结算', en: 'settle their payments' },
			['firms']
		),
		bankService(
			'letter-of-credit',
			{ zh: '信用证服务', en: 'letter-of-credit services' },
			{ zh: '开立信用证', en: 'open letters of credit' },
			['firms']
		),
		bankService(
			'finance-leasing',
			{ zh: '融资租赁服务', en: 'finance leasing services' },
			{ zh: '办理融资租赁', en: 'arrange finance leases' },
			['firms']
		),
		bankService(
			'asset-management',
			{ zh: '资产管理服务', en: 'asset management services' },
			{ zh: '委托管理资产', en: 'have their assets managed' },
			['residents', 'firms']
		),
		{
			id: 'insurance',
			supplier: { zh: '保险公司', en: 'insurance company' },
			object: { zh: '人寿保险和养老金服务', en: 'life insurance and pension services' },
			consumers: ['residents'],
			more: {
				entity: insurerEntity,
				use: () => ({
					zh: '购买人寿保险和养老金产品',
					en: 'buy life insurance and pension products'
				})
			}
		}
	],
	consumers: [
		{
			id: 'residents',
			words: (p) => ({ zh: `${p.zh}本地居民`, en: `local residents in ${p.en}` })
		},
		{ id: 'firms', words: (p) => ({ zh: `${p.zh}本地企业`, en: `local companies in ${p.en}` }) }
	],
	extras: [
		{ id: 'hospital', words: { zh: '外资医院', en: 'foreign-controlled hospital' } },
		{ id: 'insurer', words: { zh: '外资保险公司', en: 'foreign-controlled insurer' } },
		{ id: 'branch', words: { zh: '分行', en: 'branch' } },
		{ id: 'subsidiary', words: { zh: '附属机构', en: 'subsidiary' } }
	],
	extrasFor: (service) =>
		service === 'hospital-care'
			? ['hospital']
			: service === 'insurance'
				? ['insurer']
				: ['branch', 'subsidiary'],
	facts: ({ service, supplierHome, consumerHome, consumer, extra }) => ({
		service,
		supplier: { home: supplierHome, kind: service },
		consumer: { home: consumerHome, kind: consumer },
		movement: 'supplier-establishes',
		supplierAt: consumerHome,
		consumerAt: consumerHome,
		entity: extra
	}),
	templates: [
		(c) => ({
			zh: `${more(c, 'entity').zh}为${c.consumer.zh}提供${c.service.object.zh}。`,
			en: `${cap(more(c, 'entity').en)} provides ${c.service.object.en} to ${c.consumer.en}.`
		}),
		(c) => ({
			zh: `${c.consumer.zh}${more(c, 'use').zh}，找的是${more(c, 'entity').zh}。`,
			en: `${cap(c.consumer.en)} ${more(c, 'use').en}; the provider is ${more(c, 'entity').en}.`
		}),
		(c) => ({
			zh: `为开拓中国市场，${entitySetUp(c).zh}；如今${c.consumer.zh}在那里${more(c, 'use').zh}。`,
			en: `To develop the Chinese market, ${entitySetUp(c).en}; ${c.consumer.en} now ${more(c, 'use').en} there.`
		})
	],
	explain: (c) => ({
		zh: `规则：商业存在——一国的服务提供者在另一国设立受其控股的机构，为当地消费者提供服务，即外商控股的企业为本地消费者提供的服务。本题中，${entityWho(c).zh}，消费者在${c.con.zh}本地，所以属于商业存在。${NO_DIRECTION.zh}易混淆的是跨境交付：服务并不是从${c.sup.zh}跨越国境送来的，而是由设在${c.con.zh}的${entityNoun(c).zh}在当地提供。`,
		en: `Rule: commercial presence — a supplier from one country sets up an entity it controls in another country and serves consumers there, that is, a foreign-controlled firm serving local consumers. Here ${entityWho(c).en}, and the consumers are local, so this is commercial presence. ${NO_DIRECTION.en} The tempting alternative is cross-border supply, but the service is not sent across the border from ${c.sup.en}; it is supplied locally by the ${entityNoun(c).en} in ${c.con.en}.`
	})
};

// ── 6 · commercial presence, export ────────────────────────────────────────────────────────────

const commercialPresenceExport: Scene = {
	mode: 'commercial-presence',
	direction: 'export',
	movement: 'supplier-establishes',
	quote: '商业存在：一成员的服务提供者在任何其他成员境内以商业存在提供服务',
	difficulty: 2,
	supplierHomes: 'cn',
	consumerHomes: 'foreign',
	services: [
		{
			id: 'film-production',
			supplier: { zh: '动漫影视制作公司', en: 'animation and film production company' },
			object: { zh: '电影、动漫制作服务', en: 'film and animation production' },
			consumers: ['clients', 'companies']
		},
		{
			id: 'software',
			supplier: { zh: 'IT公司', en: 'IT company' },
			object: { zh: '软件开发服务', en: 'software development services' },
			consumers: ['clients', 'companies']
		},
		{
			id: 'data-processing',
			supplier: { zh: 'IT公司', en: 'IT company' },
			object: { zh: '数据处理服务', en: 'data processing services' },
			consumers: ['clients', 'companies']
		},
		{
			id: 'freight',
			supplier: { zh: '物流公司', en: 'logistics company' },
			object: { zh: '货物运输服务', en: 'freight transport services' },
			consumers: ['clients', 'companies']
		}
	],
	consumers: [
		{ id: 'clients', words: () => ({ zh: '当地客户', en: 'local clients' }) },
		{ id: 'companies', words: () => ({ zh: '当地企业', en: 'local companies' }) }
	],
	extras: [
		{ id: 'branch', words: { zh: '分公司', en: 'branch' } },
		{ id: 'subsidiary', words: { zh: '子公司', en: 'subsidiary' } }
	],
	facts: ({ service, supplierHome, consumerHome, consumer, extra }) => ({
		service,
		supplier: { home: supplierHome, kind: service },
		consumer: { home: consumerHome, kind: consumer },
		movement: 'supplier-establishes',
		supplierAt: consumerHome,
		consumerAt: consumerHome,
		entity: extra
	}),
	templates: [
		(c) => ({
			zh: `${c.sup.zh}的一家${c.service.supplier.zh}在${c.con.zh}设立了${c.extra?.zh}，由这家${c.extra?.zh}为${c.consumer.zh}提供${c.service.object.zh}。`,
			en: `${cap(a(c.service.supplier.en))} in ${c.sup.en} has set up ${a(c.extra?.en ?? '')} in ${c.con.en}, and the ${c.extra?.en} provides ${c.service.object.en} to ${c.consumer.en}.`
		}),
		(c) => ({
			zh: `为开拓${c.con.zh}市场，${c.sup.zh}某${c.service.supplier.zh}在当地设立了${c.extra?.zh}，${c.consumer.zh}现在直接从这家${c.extra?.zh}购买${c.service.object.zh}。`,
			en: `To grow in ${c.con.en}, ${a(c.service.supplier.en)} from ${c.sup.en} has opened ${a(c.extra?.en ?? '')} there; ${c.consumer.en} now buy ${c.service.object.en} directly from it.`
		}),
		(c) => ({
			zh: `在${c.con.zh}，${c.consumer.zh}从一家${c.extra?.zh}购买${c.service.object.zh}，这家${c.extra?.zh}由${c.sup.zh}的一家${c.service.supplier.zh}设立并控股。`,
			en: `In ${c.con.en}, ${c.consumer.en} buy ${c.service.object.en} from ${a(c.extra?.en ?? '')} set up and controlled by ${a(c.service.supplier.en)} in ${c.sup.en}.`
		})
	],
	explain: (c) => ({
		zh: `规则：商业存在——服务提供者在另一国境内设立受其控股的机构，为当地消费者提供服务。本题中，${c.sup.zh}的${c.service.supplier.zh}在${c.con.zh}设立了中资控股的${c.extra?.zh}，由它为${c.consumer.zh}服务，所以属于商业存在。${NO_DIRECTION.zh}易混淆的是跨境交付：服务不是从中国境内跨境送到${c.con.zh}，而是由设在当地的${c.extra?.zh}提供；也不是自然人移动，因为设立的是长期经营的机构，而不是派人出差。`,
		en: `Rule: commercial presence — a supplier sets up an entity it controls in another country to serve consumers there. Here ${a(c.service.supplier.en)} in ${c.sup.en} has set up a Chinese-controlled ${c.extra?.en} in ${c.con.en}, and the ${c.extra?.en} serves ${c.consumer.en} there, so this is commercial presence. ${NO_DIRECTION.en} The tempting alternative is cross-border supply, but the service is not sent across the border from China; the ${c.extra?.en} supplies it locally. Nor is it movement of natural persons: what was set up is a standing entity, not a business trip.`
	})
};

// ── 7 · movement of natural persons, export ────────────────────────────────────────────────────

const naturalPersonsExport: Scene = {
	mode: 'natural-persons',
	direction: 'export',
	movement: 'person-travels',
	quote:
		'即到其他国家境内为当地消费者提供的服务，比如国内企业派遣工程师、律师等出差到国外为当地客户提供现场服务（属于服务出口）',
	difficulty: 2,
	supplierHomes: 'cn',
	consumerHomes: 'foreign',
	services: [
		{
			id: 'engineering-on-site',
			supplier: { zh: '企业', en: 'company' },
			object: { zh: '现场技术服务', en: 'on-site technical services' },
			consumers: ['clients', 'company']
		},
		{
			id: 'legal-on-site',
			supplier: { zh: '律师事务所', en: 'law firm' },
			object: { zh: '现场法律服务', en: 'on-site legal services' },
			consumers: ['clients', 'company']
		},
		{
			id: 'technical-guidance',
			supplier: { zh: '企业', en: 'company' },
			object: { zh: '技术指导', en: 'technical guidance' },
			consumers: ['clients', 'company']
		}
	],
	consumers: [
		{ id: 'clients', words: () => ({ zh: '当地客户', en: 'local clients' }) },
		{ id: 'company', words: () => ({ zh: '当地一家企业', en: 'a local company' }) }
	],
	extras: [
		{ id: 'engineers', words: { zh: '工程师', en: 'engineers' } },
		{ id: 'lawyers', words: { zh: '律师', en: 'lawyers' } },
		{ id: 'experts', words: { zh: '技术专家', en: 'technical experts' } }
	],
	extrasFor: (service) =>
		service === 'legal-on-site'
			? ['lawyers']
			: service === 'technical-guidance'
				? ['experts']
				: ['engineers'],
	facts: ({ service, supplierHome, consumerHome, consumer, extra }) => ({
		service,
		supplier: { home: supplierHome, kind: service },
		consumer: { home: consumerHome, kind: consumer },
		movement: 'person-travels',
		supplierAt: consumerHome,
		consumerAt: consumerHome,
		person: extra
	}),
	templates: [
		(c) => ({
			zh: `${c.sup.zh}的一家${c.service.supplier.zh}派${c.extra?.zh}出差到${c.con.zh}，为${c.consumer.zh}提供${c.service.object.zh}，任务完成后回国。`,
			en: `${cap(a(c.service.supplier.en))} in ${c.sup.en} sends ${c.extra?.en} on a business trip to ${c.con.en} to provide ${c.service.object.en} for ${c.consumer.en}; they return home when the job is done.`
		}),
		(c) => ({
			zh: `应${c.con.zh}${c.consumer.zh}的请求，${c.sup.zh}一家${c.service.supplier.zh}派${c.extra?.zh}前往${c.con.zh}提供${c.service.object.zh}；这家${c.service.supplier.zh}在${c.con.zh}没有设立分支机构。`,
			en: `At the request of ${c.consumer.en} in ${c.con.en}, ${a(c.service.supplier.en)} in ${c.sup.en} sends ${c.extra?.en} there to provide ${c.service.object.en}; the ${c.service.supplier.en} has no branch in ${c.con.en}.`
		}),
		(c) => ({
			zh: `${c.sup.zh}一家${c.service.supplier.zh}的${c.extra?.zh}在${c.con.zh}出差期间，为${c.consumer.zh}提供${c.service.object.zh}。`,
			en: `During a business trip to ${c.con.en}, ${c.extra?.en} from ${a(c.service.supplier.en)} in ${c.sup.en} provide ${c.service.object.en} for ${c.consumer.en}.`
		})
	],
	explain: (c) => ({
		zh: `规则：自然人移动——服务提供者以自然人的身份到其他国家境内，为当地消费者提供服务。本题中，${c.sup.zh}这家${c.service.supplier.zh}的${c.extra?.zh}出差到${c.con.zh}，在当地为客户服务，所以属于自然人移动；从中国看，这是服务出口：中国的提供方为外国客户服务。易混淆的是商业存在：公司并没有在${c.con.zh}设立受其控股的机构，提供服务的是临时前往的${c.extra?.zh}本人；也不是境外消费，因为出境的是提供者而不是消费者。`,
		en: `Rule: movement of natural persons — the supplier's people go in person to another country to serve consumers there. Here ${c.extra?.en} from ${a(c.service.supplier.en)} in ${c.sup.en} travel to ${c.con.en} and serve the client on the spot, so this is movement of natural persons. Seen from China, this is a service export: a Chinese supplier serves foreign clients. The tempting alternative is commercial presence, but the firm has set up no entity it controls in ${c.con.en}; the service comes from ${c.extra?.en} on a temporary trip. Nor is it consumption abroad, since the ones who travel are the supplier's people, not the consumer.`
	})
};

// ── 8 · movement of natural persons, import ────────────────────────────────────────────────────

const naturalPersonsImport: Scene = {
	mode: 'natural-persons',
	direction: 'import',
	movement: 'person-travels',
	quote: '或者企业从美国聘请的专家到国内来进行技术指导（属于服务进口）',
	difficulty: 3,
	supplierHomes: 'foreign',
	consumerHomes: 'cn',
	services: [
		{
			id: 'technical-guidance',
			supplier: { zh: '专家', en: 'expert' },
			object: { zh: '技术指导和咨询', en: 'technical guidance and consulting' },
			consumers: ['company', 'manufacturer']
		},
		{
			id: 'engineering-on-site',
			supplier: { zh: '工程师', en: 'engineer' },
			object: { zh: '现场技术服务', en: 'on-site technical services' },
			consumers: ['company', 'manufacturer']
		},
		{
			id: 'legal-on-site',
			supplier: { zh: '律师', en: 'lawyer' },
			object: { zh: '现场法律服务', en: 'on-site legal services' },
			consumers: ['company', 'manufacturer']
		}
	],
	consumers: [
		{ id: 'company', words: () => ({ zh: '一家企业', en: 'a company' }) },
		{
			id: 'manufacturer',
			words: () => ({ zh: '一家机械制造企业', en: 'a machinery manufacturer' })
		}
	],
	extras: [
		{ id: 'expert', words: { zh: '专家', en: 'expert' } },
		{ id: 'engineer', words: { zh: '工程师', en: 'engineer' } },
		{ id: 'lawyer', words: { zh: '律师', en: 'lawyer' } }
	],
	extrasFor: (service) =>
		service === 'legal-on-site'
			? ['lawyer']
			: service === 'engineering-on-site'
				? ['engineer']
				: ['expert'],
	facts: ({ service, supplierHome, consumerHome, consumer, extra }) => ({
		service,
		supplier: { home: supplierHome, kind: service },
		consumer: { home: consumerHome, kind: consumer },
		movement: 'person-travels',
		supplierAt: consumerHome,
		consumerAt: consumerHome,
		person: extra
	}),
	templates: [
		(c) => ({
			zh: `${c.con.zh}的${c.consumer.zh}从${c.sup.zh}聘请了一位${c.extra?.zh}，请其来${c.con.zh}提供${c.service.object.zh}。`,
			en: `${cap(c.consumer.en)} in ${c.con.en} hires ${a(c.extra?.en ?? '')} from ${c.sup.en}, who comes to ${c.con.en} to provide ${c.service.object.en}.`
		}),
		(c) => ({
			zh: `一位${c.sup.zh}${c.extra?.zh}应${c.con.zh}${c.consumer.zh}的邀请来到${c.con.zh}，为其提供${c.service.object.zh}，工作结束后返回${c.sup.zh}。`,
			en: `${cap(a(`${c.sup.enAdj} ${c.extra?.en}`))} comes to ${c.con.en} at the invitation of ${c.consumer.en} there and provides ${c.service.object.en}, returning to ${c.sup.en} afterwards.`
		}),
		(c) => ({
			zh: `${c.con.zh}的${c.consumer.zh}需要${c.service.object.zh}，于是邀请${c.sup.zh}的一位${c.extra?.zh}亲自来${c.con.zh}完成这项工作。`,
			en: `${cap(c.consumer.en)} in ${c.con.en} needs ${c.service.object.en} and invites ${a(c.extra?.en ?? '')} from ${c.sup.en} to come to ${c.con.en} in person to do the work.`
		})
	],
	explain: (c) => ({
		zh: `规则：自然人移动——服务提供者以自然人的身份到其他国家境内，为当地消费者提供服务。本题中，提供者是来自${c.sup.zh}的${c.extra?.zh}，这位${c.extra?.zh}本人来到${c.con.zh}，为中国的客户服务，所以属于自然人移动；从中国看，这是服务进口：中国的客户向外国提供者付费。易混淆的是境外消费：这里确实有人跨境，但境外消费要求出境的是消费者；本题中跨境的是提供服务的${c.extra?.zh}，中国客户一直在${c.con.zh}。`,
		en: `Rule: movement of natural persons — a supplier goes in person to another country to serve consumers there. Here the supplier is ${a(c.extra?.en ?? '')} from ${c.sup.en} who comes to ${c.con.en} to serve a Chinese client, so this is movement of natural persons. Seen from China, this is a service import: a Chinese client pays a foreign supplier. The tempting alternative is consumption abroad: someone does cross a border, but consumption abroad needs the consumer to travel, and here it is the ${c.extra?.en} (the supplier) who travels while the Chinese client stays in ${c.con.en}.`
	})
};

/** All eight scenes: every mode in both directions. */
export const SCENES: readonly Scene[] = [
	crossBorderExport,
	crossBorderImport,
	consumptionAbroadExport,
	consumptionAbroadImport,
	commercialPresenceImport,
	commercialPresenceExport,
	naturalPersonsExport,
	naturalPersonsImport
];

/** The scene that words facts of this mode and direction. */
export function sceneFor(mode: ModeId, direction: DirectionId): Scene {
	const scene = SCENES.find((s) => s.mode === mode && s.direction === direction);
	if (!scene) throw new Error(`no scene for ${mode}/${direction}`);
	return scene;
}

/** Resolves facts into the words a scene's patterns use; throws on ids the scene does not know. */
export function sceneContext(scene: Scene, facts: SupplyFacts): SceneContext {
	const service = scene.services.find((s) => s.id === facts.service);
	const consumer = scene.consumers.find((k) => k.id === facts.consumer.kind);
	if (!service || !consumer)
		throw new Error(`scene ${scene.mode}/${scene.direction} cannot word ${facts.service}`);
	const extraId = facts.entity ?? facts.person;
	const extra = extraId ? scene.extras?.find((e) => e.id === extraId)?.words : undefined;
	if (extraId && !extra)
		throw new Error(`scene ${scene.mode}/${scene.direction} has no '${extraId}'`);
	return {
		facts,
		sup: place(facts.supplier.home),
		con: place(facts.consumer.home),
		service,
		consumer: consumer.words(place(facts.consumer.home)),
		extra
	};
}
