/**
 * The facts of a supply-mode scenario and the rules of 二（三） that classify them. No text is
 * produced here: `classifySupply` looks only at who is where and who moved, so the generator's
 * sentences can vary freely without changing the key.
 */
import type { L10n } from '../types';
import { fromContent, generatorContent, type PlaceContent } from './content';

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

/** A place as question-bank/generators/supply-mode.yaml defines it, with its id. */
export interface Place extends PlaceContent {
	id: PlaceId;
}

/** A key of `places` in supply-mode.yaml (tianjin, us …). */
export type PlaceId = string;

/**
 * Places the handout itself names: 天津 above all, cities of the case table (北京, 上海, 大连, 深圳),
 * and abroad 美国, 日本, 新加坡, 德国, the tour destination 新马泰 and the region 欧洲.
 */
export const places = fromContent((c): Readonly<Record<PlaceId, Place>> =>
	Object.fromEntries(Object.entries(c.supplyMode.places).map(([id, p]) => [id, { ...p, id }]))
);

/** Chinese cities parties are drawn from. */
export const chineseCities = (): readonly PlaceId[] => generatorContent().supplyMode.chineseCities;
/**
 * Foreign countries used as a party's home. GATS members are countries, so a generated scenario
 * names one: 欧洲 stays a place only for the handout's own examples, and 新马泰 is only ever a
 * tour destination.
 */
export const foreignCountries = (): readonly PlaceId[] =>
	generatorContent().supplyMode.foreignCountries;

export function place(id: PlaceId): Place {
	const p = places()[id];
	if (!p) throw new Error(`no place '${id}' in supply-mode.yaml`);
	return p;
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
export const supplyRules = fromContent(
	(c): Readonly<Record<ModeId, SupplyRule>> =>
		Object.fromEntries(
			Object.entries(c.supplyMode.rules).map(([mode, r]) => [mode, { mode: mode as ModeId, ...r }])
		) as Record<ModeId, SupplyRule>
);

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

const countryOf = (id: PlaceId) => place(id).country;

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
		rule: supplyRules()[mode]
	};
}

/**
 * Seen from China: a Chinese supplier serving foreign consumers exports; Chinese consumers buying
 * from a foreign supplier import. Also tells the Chinese-capital from the foreign-capital
 * commercial-presence scenes apart (which scene words them), though that direction is never scored.
 */
export function directionOf(facts: SupplyFacts): DirectionId {
	const supplier = place(facts.supplier.home).side;
	const consumer = place(facts.consumer.home).side;
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
