/**
 * The facts of a supply-mode scenario and the rules of 二（三） that classify them. No text is
 * produced here: `classifySupply` looks only at who is where and who moved, so the generator's
 * sentences can vary freely without changing the key.
 */
import type { L10n } from '../types';

/** Which side of the border a party belongs to, seen from China. */
export type Side = 'cn' | 'foreign';

export type ModeId =
	'cross-border' | 'consumption-abroad' | 'commercial-presence' | 'natural-persons';
export type DirectionId = 'export' | 'import';

/**
 * Who moves so that supplier and consumer meet (the four answers of 二（三））:
 * - `none`: nobody; the service itself crosses the border;
 * - `consumer-travels`: the consumer goes to the supplier's country and buys there;
 * - `supplier-establishes`: the supplier sets up an entity it controls in the consumer's country;
 * - `person-travels`: a natural person of the supplier goes to serve consumers in their country.
 */
export type Movement = 'none' | 'consumer-travels' | 'supplier-establishes' | 'person-travels';

export interface Place {
	id: string;
	zh: string;
	/** Name usable after a preposition: "in the United States", "from Europe". */
	en: string;
	/** English adjective: "a US client", "European capital". */
	enAdj: string;
	side: Side;
	/** Places with the same country are one country: every Chinese city is `cn`. */
	country: string;
	/**
	 * Set on a region that is not a country (欧洲): the handout's own studio example says
	 * "Europe", but GATS members are countries, so generated scenarios never use it.
	 */
	region?: true;
}

/**
 * Places the handout itself names: 天津 above all, cities of the case table (北京, 上海, 大连, 深圳),
 * and abroad 美国, 欧洲, 日本, 新加坡, 德国 and the tour destination 新马泰.
 */
export const PLACES = {
	tianjin: {
		id: 'tianjin',
		zh: '天津',
		en: 'Tianjin',
		enAdj: 'Tianjin',
		side: 'cn',
		country: 'cn'
	},
	beijing: {
		id: 'beijing',
		zh: '北京',
		en: 'Beijing',
		enAdj: 'Beijing',
		side: 'cn',
		country: 'cn'
	},
	shanghai: {
		id: 'shanghai',
		zh: '上海',
		en: 'Shanghai',
		enAdj: 'Shanghai',
		side: 'cn',
		country: 'cn'
	},
	dalian: { id: 'dalian', zh: '大连', en: 'Dalian', enAdj: 'Dalian', side: 'cn', country: 'cn' },
	shenzhen: {
		id: 'shenzhen',
		zh: '深圳',
		en: 'Shenzhen',
		enAdj: 'Shenzhen',
		side: 'cn',
		country: 'cn'
	},
	us: {
		id: 'us',
		zh: '美国',
		en: 'the United States',
		enAdj: 'US',
		side: 'foreign',
		country: 'us'
	},
	europe: {
		id: 'europe',
		zh: '欧洲',
		en: 'Europe',
		enAdj: 'European',
		side: 'foreign',
		country: 'europe',
		region: true
	},
	japan: {
		id: 'japan',
		zh: '日本',
		en: 'Japan',
		enAdj: 'Japanese',
		side: 'foreign',
		country: 'japan'
	},
	singapore: {
		id: 'singapore',
		zh: '新加坡',
		en: 'Singapore',
		enAdj: 'Singaporean',
		side: 'foreign',
		country: 'singapore'
	},
	germany: {
		id: 'germany',
		zh: '德国',
		en: 'Germany',
		enAdj: 'German',
		side: 'foreign',
		country: 'germany'
	},
	xinmatai: {
		id: 'xinmatai',
		zh: '新马泰',
		en: 'Singapore, Malaysia and Thailand',
		enAdj: 'Southeast Asian',
		side: 'foreign',
		country: 'xinmatai'
	}
} as const satisfies Record<string, Place>;

export type PlaceId = keyof typeof PLACES;

export const CHINESE_CITIES: readonly PlaceId[] = [
	'tianjin',
	'beijing',
	'shanghai',
	'dalian',
	'shenzhen'
];
/**
 * Foreign countries used as a party's home. GATS members are countries, so a generated scenario
 * names one: 欧洲 stays a place only for the handout's own examples, and 新马泰 is only ever a
 * tour destination.
 */
export const FOREIGN_COUNTRIES: readonly PlaceId[] = ['us', 'japan', 'singapore', 'germany'];

export function place(id: PlaceId): Place {
	return PLACES[id];
}

export interface Party {
	/** The party's country as a place; for commercial presence, where the controlling capital is from. */
	home: PlaceId;
	/** What kind of party, an id of the scenario vocabulary (`it-firm`, `tourists`, `expert` …). */
	kind: string;
}

/** One scenario, as facts. Every field shows in the stem, so distinct facts give distinct stems. */
export interface SupplyFacts {
	/** What is supplied: an id of the scenario vocabulary (`software`, `medical` …). */
	service: string;
	supplier: Party;
	consumer: Party;
	movement: Movement;
	/** Where the supplier (or its entity, or its person) is while serving. */
	supplierAt: PlaceId;
	/** Where the consumer is while being served. */
	consumerAt: PlaceId;
	/** Commercial presence only: the form of the controlled entity (`branch`, `subsidiary` …). */
	entity?: string;
	/** Movement of natural persons only: who travels (`engineers`, `expert` …). */
	person?: string;
}

export interface SupplyRule {
	mode: ModeId;
	/** The rule in the learner's terms, as content.md states it. */
	text: L10n;
	/** The handout's own wording of the rule, quoted in `source` (exact, whitespace aside). */
	quote: string;
}

/** The four rules of 二（三）; `quote` is the definition sentence of each mode. */
export const SUPPLY_RULES: Record<ModeId, SupplyRule> = {
	'cross-border': {
		mode: 'cross-border',
		text: {
			zh: '供求双方分别位于不同的国家，移动的只是服务本身',
			en: 'supplier and consumer stay in different countries and only the service crosses the border'
		},
		quote: '跨境交付：从一成员的境内向任何其他成员境内提供服务，即服务的供求双方必须位于不同的国家'
	},
	'consumption-abroad': {
		mode: 'consumption-abroad',
		text: {
			zh: '消费者来到提供方所在的国家购买服务',
			en: "the consumer travels to the supplier's country and buys the service there"
		},
		quote:
			'境外消费：从一成员的境内向任何其他成员的服务消费者提供服务，即其他国家消费者到本国所购买的服务'
	},
	'commercial-presence': {
		mode: 'commercial-presence',
		text: {
			zh: '提供方在消费者所在国设立受其控股的机构，由该机构在当地提供服务',
			en: "the supplier sets up an entity it controls in the consumer's country, and the entity serves consumers there"
		},
		quote:
			'商业存在：一成员的服务提供者在任何其他成员境内以商业存在提供服务，即外商控股的企业为本地消费者提供的服务'
	},
	'natural-persons': {
		mode: 'natural-persons',
		text: {
			zh: '提供方的自然人本人来到消费者所在国，为当地消费者提供服务',
			en: "a natural person of the supplier goes to the consumer's country and serves consumers there"
		},
		quote:
			'自然人移动：一成员的服务提供者以自然人的存在在任何其他成员境内提供服务，即到其他国家境内为当地消费者提供的服务'
	}
};

export interface SupplyClassification {
	mode: ModeId;
	/**
	 * Export or import seen from China; `null` for commercial presence, for which the handout
	 * states no direction (content.md: "no item scores a direction for mode 3").
	 */
	direction: DirectionId | null;
	rule: SupplyRule;
}

const MODE_BY_MOVEMENT: Record<Movement, ModeId> = {
	none: 'cross-border',
	'consumer-travels': 'consumption-abroad',
	'supplier-establishes': 'commercial-presence',
	'person-travels': 'natural-persons'
};

const countryOf = (id: PlaceId) => PLACES[id].country;

/**
 * Applies content.md's rules: the mode is decided by who moved, the direction by which side is
 * Chinese. Facts that contradict themselves (a consumer "who travels" but is served at home, a
 * scenario with no Chinese party) throw: such a scenario has no single key, so it must never be
 * generated.
 */
export function classifySupply(facts: SupplyFacts): SupplyClassification {
	const supplierHome = countryOf(facts.supplier.home);
	const consumerHome = countryOf(facts.consumer.home);
	if (supplierHome === consumerHome) {
		throw new Error('supplier and consumer belong to one country: not trade in services');
	}
	const direction = directionOf(facts);
	const at = { supplier: countryOf(facts.supplierAt), consumer: countryOf(facts.consumerAt) };
	const consistent: Record<Movement, boolean> = {
		none: at.supplier === supplierHome && at.consumer === consumerHome,
		'consumer-travels': at.supplier === supplierHome && at.consumer === supplierHome,
		'supplier-establishes':
			at.supplier === consumerHome && at.consumer === consumerHome && Boolean(facts.entity),
		'person-travels':
			at.supplier === consumerHome && at.consumer === consumerHome && Boolean(facts.person)
	};
	if (!consistent[facts.movement]) {
		throw new Error(`facts do not fit movement '${facts.movement}': ${factsKey(facts)}`);
	}
	const mode = MODE_BY_MOVEMENT[facts.movement];
	return {
		mode,
		direction: mode === 'commercial-presence' ? null : direction,
		rule: SUPPLY_RULES[mode]
	};
}

/**
 * Seen from China: a Chinese supplier serving foreign consumers exports; Chinese consumers buying
 * from a foreign supplier import. Also tells the Chinese-capital from the foreign-capital
 * commercial-presence scenes apart (which scene words them), though that direction is never scored.
 */
export function directionOf(facts: SupplyFacts): DirectionId {
	const supplier = PLACES[facts.supplier.home].side;
	const consumer = PLACES[facts.consumer.home].side;
	if (supplier === 'cn' && consumer === 'foreign') return 'export';
	if (supplier === 'foreign' && consumer === 'cn') return 'import';
	throw new Error('a scenario needs exactly one Chinese party');
}

/** A canonical string of every fact, in a fixed order: the basis of ids and of de-duplication. */
export function factsKey(f: SupplyFacts): string {
	return [
		f.movement,
		f.service,
		`${f.supplier.kind}@${f.supplier.home}`,
		`${f.consumer.kind}@${f.consumer.home}`,
		`at:${f.supplierAt}/${f.consumerAt}`,
		f.entity ?? '',
		f.person ?? ''
	].join('|');
}
