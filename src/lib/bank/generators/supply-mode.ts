/**
 * Rule-based drills on the four modes of supply (二（三））. A scenario is a set of facts (who is
 * where, who moved, what is supplied); `classifySupply` keys it by the handout's rules, the scenes
 * word it in both languages, and `toClassifyItem` turns it into the app's classify item.
 *
 * Deterministic: the same seed gives the same list on every device, so a class can share a drill.
 * An item's id, stem and explanation depend only on its facts, never on the list it came in, so
 * progress recorded against `gen-mode-…` ids stays meaningful across seeds.
 */
import { pickText } from '../text';
import type { ClassifyItem, Family, L10n, Locale } from '../types';
import { generatorFamily } from './families';
import { hash32, hashId, mulberry32, shuffle } from './random';
import {
	chineseCities,
	classifySupply,
	directionOf,
	factsKey,
	foreignCountries,
	supplyRules,
	type DirectionId,
	type Side,
	type ModeId,
	type PlaceId,
	type SupplyFacts
} from './supply-mode-facts';
import { SCENES, sceneContext, sceneFor, type Scene } from './supply-mode-scenes';

export {
	classifySupply,
	directionOf,
	factsKey,
	place,
	places,
	supplyRules,
	type DirectionId,
	type ModeId,
	type Movement,
	type SupplyClassification,
	type SupplyFacts,
	type SupplyRule
} from './supply-mode-facts';

/** The unit generated mode drills belong to. */
export const MODE_UNIT = 'modes-of-supply';
export const MODE_PART = '2.3';

/** One generated scenario, both languages at once; `toClassifyItem` picks a locale. */
export interface BilingualScenario {
	/** `gen-mode-<hash of the facts>`: stable for the same facts, whatever the seed. */
	id: string;
	facts: SupplyFacts;
	mode: ModeId;
	/** `null` for commercial presence: the handout states no direction for it, so none is scored. */
	direction: DirectionId | null;
	stem: L10n;
	/** Names the rule applied (who is where, who moved) and why the most tempting mode is wrong. */
	explanation: L10n;
	/** The handout sentence stating the rule (exact, whitespace aside). */
	source: { part: string; quote: string };
	difficulty: 1 | 2 | 3;
	/** True when the facts are one of the handout's own worked examples. */
	seedCase: boolean;
}

interface FactsInput {
	service: string;
	supplierHome: PlaceId;
	consumerHome: PlaceId;
	consumer: string;
	extra?: string;
}

const homes = (side: Side) => (side === 'cn' ? chineseCities() : foreignCountries());

/** Every combination a scene allows: services × homes × consumer kinds × entity forms/travellers. */
function sceneFacts(scene: Scene): SupplyFacts[] {
	const out: SupplyFacts[] = [];
	for (const service of scene.services) {
		const extras: (string | undefined)[] = scene.extrasFor
			? [...scene.extrasFor(service.id)]
			: scene.extras
				? scene.extras.map((e) => e.id)
				: [undefined];
		for (const supplierHome of [
			...homes(scene.supplierHomes),
			...(service.alsoSupplierHomes ?? [])
		])
			for (const consumerHome of homes(scene.consumerHomes))
				for (const consumer of service.consumers)
					for (const extra of extras) {
						const input: FactsInput = { service: service.id, supplierHome, consumerHome, consumer };
						if (extra) input.extra = extra;
						out.push(scene.facts(input));
					}
	}
	return out;
}

let spaceBySceneCache: SupplyFacts[][] | undefined;

/** The whole generator space, per scene, de-duplicated by facts (computed once). */
function spaceByScene(): SupplyFacts[][] {
	if (!spaceBySceneCache) {
		const seen = new Set<string>();
		spaceBySceneCache = SCENES.map((scene) =>
			sceneFacts(scene).filter((f) => {
				const key = factsKey(f);
				if (seen.has(key)) return false;
				seen.add(key);
				return true;
			})
		);
	}
	return spaceBySceneCache;
}

/** Every scenario the generator can yield, as facts, in a fixed order. */
export function enumerateScenarioFacts(): SupplyFacts[] {
	return spaceByScene().flat();
}

/** How many distinct scenarios (distinct facts, hence distinct stems) the generator can yield. */
export function countDistinctScenarios(): number {
	return enumerateScenarioFacts().length;
}

/** Words a set of facts: key from the rules, wording from the scene of that mode and direction. */
export function describeScenario(facts: SupplyFacts): BilingualScenario {
	const { mode, direction } = classifySupply(facts);
	// Which side is Chinese picks the wording even where no direction is scored.
	const scene = sceneFor(mode, directionOf(facts));
	const context = sceneContext(scene, facts);
	const key = factsKey(facts);
	// The sentence pattern is chosen by the facts' hash, not by the seed: same facts, same stem.
	const template = scene.templates[hash32(key) % scene.templates.length];
	return {
		id: `gen-mode-${hashId(key)}`,
		facts,
		mode,
		direction,
		stem: template(context),
		explanation: scene.explain(context),
		source: { part: MODE_PART, quote: scene.quote ?? supplyRules()[mode].quote },
		difficulty: scene.difficulty,
		seedCase: handoutKeys().has(key)
	};
}

export interface GenerateOptions {
	seed: number;
	count: number;
}

/**
 * `count` distinct scenarios for a seed. Scenes take turns (in an order shuffled by the seed) so
 * every mode and both directions appear in even a short drill; within a scene the facts are
 * shuffled by the same seed. Asking for more than the space holds returns the whole space.
 */
export function generateModeScenarios({ seed, count }: GenerateOptions): BilingualScenario[] {
	const random = mulberry32(seed);
	const queues = shuffle(random, spaceByScene()).map((facts) => shuffle(random, facts));
	const out: BilingualScenario[] = [];
	const stems = new Set<string>();
	for (let round = 0; out.length < count; round++) {
		let tookAny = false;
		for (const queue of queues) {
			if (out.length >= count) break;
			const facts = queue[round];
			if (!facts) continue;
			tookAny = true;
			const scenario = describeScenario(facts);
			// Distinct facts give distinct stems by construction; this guard keeps the promise even
			// if a later edit to the wording makes two patterns collide.
			if (stems.has(scenario.stem.zh) || stems.has(scenario.stem.en)) continue;
			stems.add(scenario.stem.zh).add(scenario.stem.en);
			out.push(scenario);
		}
		if (!tookAny) break;
	}
	return out;
}

function localisedOptions(family: Family, locale: Locale) {
	return family.options.map((o) => ({ id: o.id, label: pickText(o.label, locale) }));
}

/**
 * The app's classify item for one locale: dimensions mode then direction (direction only where
 * the handout states one, so never for commercial presence), all options shown.
 */
export function toClassifyItem(scenario: BilingualScenario, locale: Locale): ClassifyItem {
	const item: ClassifyItem = {
		id: scenario.id,
		type: 'classify',
		unit: MODE_UNIT,
		part: MODE_PART,
		concepts: [`mode.${scenario.mode}`, 'topic.mode-scenario'],
		difficulty: scenario.difficulty,
		stem: pickText(scenario.stem, locale),
		explanation: pickText(scenario.explanation, locale),
		source: { ...scenario.source },
		generated: true,
		dimensions: [
			{
				family: 'mode',
				label: pickText(generatorFamily('mode').label, locale),
				options: localisedOptions(generatorFamily('mode'), locale),
				answer: scenario.mode
			},
			...(scenario.direction
				? [
						{
							family: 'direction' as const,
							label: pickText(generatorFamily('direction').label, locale),
							options: localisedOptions(generatorFamily('direction'), locale),
							answer: scenario.direction
						}
					]
				: [])
		]
	};
	if (scenario.seedCase) item.seedCase = true;
	return item;
}

// ── The handout's own examples ─────────────────────────────────────────────────────────────────

export interface HandoutExample {
	id: string;
	/**
	 * Where the handout tells it. 二（三） gives no cross-border import, so two from 二（四）
	 * (which names the service but not the mode) stand in, keyed by the rule.
	 */
	part: '2.3' | '2.4';
	/** The example as the handout tells it. */
	text: L10n;
	/** The handout's words for it (exact, whitespace aside). */
	quote: string;
	facts: SupplyFacts;
	/**
	 * What the handout (or, for a cross-border direction, content.md's rule) says it is; no
	 * direction for commercial presence, where the handout states none.
	 */
	expected: { mode: ModeId; direction: DirectionId | null };
}

/** `side`: which party is Chinese (the supplier for `export`), as the scenes are organised. */
function factsOf(mode: ModeId, side: DirectionId, input: FactsInput): SupplyFacts {
	return sceneFor(mode, side).facts(input);
}

/**
 * The four steps of the Tianjin animation studio and the examples listed under each mode, as
 * facts in the generator's own vocabulary (so they are also points of its space).
 */
export const HANDOUT_EXAMPLES: readonly HandoutExample[] = [
	{
		id: 'tianjin-studio-film-effects',
		part: '2.3',
		text: {
			zh: '天津的一家动漫影视制作公司为美国客户提供电影制作特效加工服务',
			en: 'A Tianjin animation and film studio produces film special effects for a US client'
		},
		quote:
			'服务的提供方在中国天津，服务的购买方在美国，供求双方分别位于不同的国家，因此属于跨境交付',
		facts: factsOf('cross-border', 'export', {
			service: 'film-effects',
			supplierHome: 'tianjin',
			consumerHome: 'us',
			consumer: 'client'
		}),
		expected: { mode: 'cross-border', direction: 'export' }
	},
	{
		id: 'tianjin-studio-staff-trip',
		part: '2.3',
		text: {
			zh: '这家公司组织员工到欧洲旅行，游览景区、品尝当地美食',
			en: 'The studio takes its staff on a trip to Europe to see the sights and try the local food'
		},
		quote: '属于中国的消费者到欧洲购买的服务，因此属于境外消费',
		facts: factsOf('consumption-abroad', 'import', {
			service: 'tourism',
			supplierHome: 'europe',
			consumerHome: 'tianjin',
			consumer: 'staff'
		}),
		expected: { mode: 'consumption-abroad', direction: 'import' }
	},
	{
		id: 'tianjin-studio-staff-medical',
		part: '2.3',
		text: {
			zh: '员工在欧洲旅行期间就医',
			en: 'Staff on the trip to Europe see a doctor there'
		},
		quote: '这家公司组织员工到欧洲旅行，游览景区、品尝当地美食，甚至就医',
		facts: factsOf('consumption-abroad', 'import', {
			service: 'medical',
			supplierHome: 'europe',
			consumerHome: 'tianjin',
			consumer: 'staff'
		}),
		expected: { mode: 'consumption-abroad', direction: 'import' }
	},
	{
		id: 'tianjin-studio-european-branch',
		part: '2.3',
		text: {
			zh: '公司在欧洲设立分公司，开拓当地市场并提供服务',
			en: 'The studio sets up a branch in Europe to develop the local market and serve it'
		},
		quote: '该分公司就属于中资控股在欧洲设立的商业存在',
		facts: factsOf('commercial-presence', 'export', {
			service: 'film-production',
			supplierHome: 'tianjin',
			consumerHome: 'europe',
			consumer: 'clients',
			extra: 'branch'
		}),
		expected: { mode: 'commercial-presence', direction: null }
	},
	{
		id: 'tianjin-studio-us-expert',
		part: '2.3',
		text: {
			zh: '公司聘请美国的专家到国内来进行技术指导和咨询',
			en: 'The studio hires a US expert who comes to China to give technical guidance and advice'
		},
		quote: '该专家就属于从美国到中国为中国的客户提供服务，即自然人移动',
		facts: factsOf('natural-persons', 'import', {
			service: 'technical-guidance',
			supplierHome: 'us',
			consumerHome: 'tianjin',
			consumer: 'company',
			extra: 'expert'
		}),
		expected: { mode: 'natural-persons', direction: 'import' }
	},
	{
		id: 'listed-software-for-overseas-clients',
		part: '2.3',
		text: {
			zh: '国内企业为海外客户提供的软件开发服务',
			en: 'Software development by a Chinese firm for overseas clients'
		},
		quote: '例如国内企业为海外客户提供的软件开发、货物运输等服务',
		facts: factsOf('cross-border', 'export', {
			service: 'software',
			supplierHome: 'tianjin',
			consumerHome: 'us',
			consumer: 'client'
		}),
		expected: { mode: 'cross-border', direction: 'export' }
	},
	{
		id: 'listed-freight-for-overseas-clients',
		part: '2.3',
		text: {
			zh: '国内企业为海外客户提供的货物运输服务',
			en: 'Freight transport by a Chinese firm for overseas clients'
		},
		quote: '例如国内企业为海外客户提供的软件开发、货物运输等服务',
		facts: factsOf('cross-border', 'export', {
			service: 'freight',
			supplierHome: 'tianjin',
			consumerHome: 'japan',
			consumer: 'company'
		}),
		expected: { mode: 'cross-border', direction: 'export' }
	},
	{
		id: 'listed-medical-for-inbound-tourists',
		part: '2.3',
		text: {
			zh: '国内机构为入境游客提供的医疗服务',
			en: 'Medical treatment given by a Chinese institution to inbound tourists'
		},
		quote: '例如国内机构为入境游客、留学生等提供的医疗、住宿等服务（属于服务出口）',
		facts: factsOf('consumption-abroad', 'export', {
			service: 'medical',
			supplierHome: 'tianjin',
			consumerHome: 'us',
			consumer: 'tourists'
		}),
		expected: { mode: 'consumption-abroad', direction: 'export' }
	},
	{
		id: 'listed-accommodation-for-students',
		part: '2.3',
		text: {
			zh: '国内机构为留学生提供的住宿服务',
			en: 'Accommodation provided by a Chinese institution to international students'
		},
		quote: '例如国内机构为入境游客、留学生等提供的医疗、住宿等服务（属于服务出口）',
		facts: factsOf('consumption-abroad', 'export', {
			service: 'accommodation',
			supplierHome: 'tianjin',
			consumerHome: 'japan',
			consumer: 'students'
		}),
		expected: { mode: 'consumption-abroad', direction: 'export' }
	},
	{
		id: 'listed-tourism-abroad',
		part: '2.3',
		text: {
			zh: '国内个人到海外旅游产生的当地支出',
			en: 'Local spending by Chinese individuals touring abroad'
		},
		quote: '或者国内企业和个人到海外旅游、留学产生的当地支出（属于服务进口）',
		facts: factsOf('consumption-abroad', 'import', {
			service: 'tourism',
			supplierHome: 'xinmatai',
			consumerHome: 'tianjin',
			consumer: 'residents'
		}),
		expected: { mode: 'consumption-abroad', direction: 'import' }
	},
	{
		id: 'listed-study-abroad',
		part: '2.3',
		text: {
			zh: '国内个人到海外留学产生的当地支出',
			en: 'Local spending by Chinese students studying abroad'
		},
		quote: '或者国内企业和个人到海外旅游、留学产生的当地支出（属于服务进口）',
		facts: factsOf('consumption-abroad', 'import', {
			service: 'study',
			supplierHome: 'us',
			consumerHome: 'tianjin',
			consumer: 'students'
		}),
		expected: { mode: 'consumption-abroad', direction: 'import' }
	},
	{
		id: 'listed-foreign-hospital',
		part: '2.3',
		text: {
			zh: '外资医院提供的医疗服务',
			en: 'Medical care given by a foreign-controlled hospital'
		},
		quote: '即外商控股的企业为本地消费者提供的服务，例如外资医院提供的医疗服务',
		facts: factsOf('commercial-presence', 'import', {
			service: 'hospital-care',
			supplierHome: 'us',
			consumerHome: 'tianjin',
			consumer: 'residents',
			extra: 'hospital'
		}),
		expected: { mode: 'commercial-presence', direction: null }
	},
	{
		id: 'listed-foreign-bank-branch',
		part: '2.3',
		text: {
			zh: '外国银行的分行提供的金融服务',
			en: 'Financial services from the branch of a foreign bank'
		},
		quote: '以及外国银行的分行或附属机构提供的金融服务',
		facts: factsOf('commercial-presence', 'import', {
			service: 'remittance',
			supplierHome: 'us',
			consumerHome: 'tianjin',
			consumer: 'residents',
			extra: 'branch'
		}),
		expected: { mode: 'commercial-presence', direction: null }
	},
	{
		id: 'listed-foreign-bank-subsidiary',
		part: '2.3',
		text: {
			zh: '外国银行的附属机构提供的金融服务',
			en: 'Financial services from the subsidiary of a foreign bank'
		},
		quote: '以及外国银行的分行或附属机构提供的金融服务',
		facts: factsOf('commercial-presence', 'import', {
			service: 'settlement',
			supplierHome: 'japan',
			consumerHome: 'tianjin',
			consumer: 'firms',
			extra: 'subsidiary'
		}),
		expected: { mode: 'commercial-presence', direction: null }
	},
	{
		id: 'listed-engineers-on-site-abroad',
		part: '2.3',
		text: {
			zh: '国内企业派遣工程师出差到国外为当地客户提供现场服务',
			en: 'A Chinese firm sends engineers abroad on business to serve local clients on site'
		},
		quote: '比如国内企业派遣工程师、律师等出差到国外为当地客户提供现场服务（属于服务出口）',
		facts: factsOf('natural-persons', 'export', {
			service: 'engineering-on-site',
			supplierHome: 'tianjin',
			consumerHome: 'us',
			consumer: 'clients',
			extra: 'engineers'
		}),
		expected: { mode: 'natural-persons', direction: 'export' }
	},
	{
		id: 'listed-lawyers-on-site-abroad',
		part: '2.3',
		text: {
			zh: '国内企业派遣律师出差到国外为当地客户提供现场服务',
			en: 'A Chinese firm sends lawyers abroad on business to serve local clients on site'
		},
		quote: '比如国内企业派遣工程师、律师等出差到国外为当地客户提供现场服务（属于服务出口）',
		facts: factsOf('natural-persons', 'export', {
			service: 'legal-on-site',
			supplierHome: 'tianjin',
			consumerHome: 'germany',
			consumer: 'clients',
			extra: 'lawyers'
		}),
		expected: { mode: 'natural-persons', direction: 'export' }
	},
	{
		id: 'listed-us-expert-guidance',
		part: '2.3',
		text: {
			zh: '企业从美国聘请的专家到国内来进行技术指导',
			en: 'A firm hires an expert from the US who comes to China to give technical guidance'
		},
		quote: '或者企业从美国聘请的专家到国内来进行技术指导（属于服务进口）',
		facts: factsOf('natural-persons', 'import', {
			service: 'technical-guidance',
			supplierHome: 'us',
			consumerHome: 'beijing',
			consumer: 'manufacturer',
			extra: 'expert'
		}),
		expected: { mode: 'natural-persons', direction: 'import' }
	},
	{
		id: 'section-2-4-overseas-shipping',
		part: '2.4',
		text: {
			zh: '天津一家企业为出口货物订购的海外船公司的运输服务',
			en: 'A Tianjin firm books transport for its export goods with an overseas shipping company'
		},
		quote: '例如天津一家企业为出口货物订购的海外船公司的运输服务',
		facts: factsOf('cross-border', 'import', {
			service: 'shipping',
			supplierHome: 'japan',
			consumerHome: 'tianjin',
			consumer: 'company'
		}),
		expected: { mode: 'cross-border', direction: 'import' }
	},
	{
		id: 'section-2-4-overseas-downloads',
		part: '2.4',
		text: {
			zh: '天津的消费者在海外平台上购买和下载的电影、音乐等产品',
			en: 'Films and music that Tianjin consumers buy and download from overseas platforms'
		},
		quote: '天津的消费者在海外平台上购买和下载的电影、音乐等产品',
		facts: factsOf('cross-border', 'import', {
			service: 'downloads',
			supplierHome: 'us',
			consumerHome: 'tianjin',
			consumer: 'consumers'
		}),
		expected: { mode: 'cross-border', direction: 'import' }
	}
];

let handoutKeysCache: Set<string> | undefined;
function handoutKeys(): Set<string> {
	handoutKeysCache ??= new Set(HANDOUT_EXAMPLES.map((e) => factsKey(e.facts)));
	return handoutKeysCache;
}
