/**
 * Outsourcing-mode drills (二（七））: a typical business from the ITO / BPO / KPO tables is done
 * for a client in China or abroad, by a vendor in China or by its branch abroad, and the learner
 * names the outsourcing mode (offshore / onshore / overseas) and the outsourcing type, the two
 * axes the handout's film-effects example classifies at once.
 *
 * The mode is keyed here by the handout's rules from the facts (`classifyOutsourcingMode`); the
 * words come from question-bank/generators/outsourcing-mode.yaml. Deterministic per seed; an
 * item's id and words depend only on its facts.
 */
import { pickText } from '../text';
import type { ClassifyItem, L10n, Locale } from '../types';
import { fromContent, generatorContent, type OutsourcingModeId } from './content';
import { familyOption, generatorFamily } from './families';
import { drillBusinesses, outsourcingRows, typeOf, type OutsourcingTypeId } from './outsourcing';
import { hash32, hashId, mulberry32, shuffle } from './random';
import { chineseCities, foreignCountries, place, type PlaceId } from './supply-mode-facts';
import { fillBoth } from './template';

export const OUTSOURCING_MODE_UNIT = 'outsourcing-models';
export const OUTSOURCING_MODE_PART = '2.7';

/** One scenario, as facts. */
export interface OutsourcingModeFacts {
	/** Sub-class row and the table words of the business. */
	subclass: string;
	business: string;
	/** The vendor's home: always a Chinese city (the handout's modes are seen from China). */
	vendorHome: PlaceId;
	clientHome: PlaceId;
	/** Set when a branch abroad does the work: the equity the vendor holds in it, an index of `stakes`. */
	branchStake?: number;
	/** Whether the branch passes the work back to China (never true in a generated item). */
	subcontractedBack?: boolean;
}

/**
 * The handout's rules: a branch abroad holding over 50 % that serves foreign clients without
 * subcontracting back is overseas; a vendor in China serving a client abroad is offshore, one
 * serving a client in China onshore. Facts the handout gives no mode for (a branch that
 * subcontracts back, a vendor abroad serving Chinese clients) throw: they must never be generated.
 */
export function classifyOutsourcingMode(f: OutsourcingModeFacts): OutsourcingModeId {
	const clientAbroad = place(f.clientHome).side === 'foreign';
	if (place(f.vendorHome).side !== 'cn') throw new Error('the vendor must be Chinese');
	if (f.branchStake !== undefined) {
		if (!clientAbroad || f.subcontractedBack)
			throw new Error('the handout gives no mode for this branch: ' + JSON.stringify(f));
		return 'overseas';
	}
	return clientAbroad ? 'offshore' : 'onshore';
}

/** One generated scenario in both languages. */
export interface OutsourcingModeScenario {
	/** `gen-om-<hash of the facts>`. */
	id: string;
	facts: OutsourcingModeFacts;
	mode: OutsourcingModeId;
	type: OutsourcingTypeId;
	stem: L10n;
	explanation: L10n;
	source: { part: string; quote: string };
	difficulty: 1 | 2 | 3;
}

const content = () => generatorContent().outsourcingMode;
const factsKey = (f: OutsourcingModeFacts) =>
	[
		f.subclass,
		f.business,
		f.vendorHome,
		f.clientHome,
		f.branchStake ?? '',
		f.subcontractedBack ? 1 : 0
	].join('|');

/**
 * Every scenario the generator can yield, per mode: each drilled business × vendor city × client
 * (another Chinese city for onshore, a foreign country otherwise) × stake for overseas.
 */
const spaceByMode = fromContent((c) => {
	const cities = chineseCities();
	const countries = foreignCountries();
	const out: Record<OutsourcingModeId, OutsourcingModeFacts[]> = {
		offshore: [],
		onshore: [],
		overseas: []
	};
	for (const row of outsourcingRows())
		for (const b of drillBusinesses(row))
			for (const vendorHome of cities) {
				const base = { subclass: row.subclass, business: b.seed, vendorHome };
				for (const clientHome of cities)
					if (clientHome !== vendorHome) out.onshore.push({ ...base, clientHome });
				for (const clientHome of countries) {
					out.offshore.push({ ...base, clientHome });
					c.outsourcingMode.stakes.forEach((_s, branchStake) =>
						out.overseas.push({ ...base, clientHome, branchStake })
					);
				}
			}
	return out;
});

/** Every scenario's facts, in a fixed order. */
export function enumerateOutsourcingModeFacts(): OutsourcingModeFacts[] {
	const s = spaceByMode();
	return [...s.offshore, ...s.onshore, ...s.overseas];
}

/** Words a set of facts. */
export function describeOutsourcingMode(facts: OutsourcingModeFacts): OutsourcingModeScenario {
	const mode = classifyOutsourcingMode(facts);
	const type = typeOf(facts.subclass);
	const row = outsourcingRows().find((r) => r.subclass === facts.subclass);
	const business = row?.businesses.find((b) => b.seed === facts.business);
	if (!business) throw new Error(`no business '${facts.business}' in ${facts.subclass}`);
	const { templates, explanation, stakes, rules } = content();
	const [vendor, client] = [place(facts.vendorHome), place(facts.clientHome)];
	const stake = facts.branchStake !== undefined ? stakes[facts.branchStake] : { zh: '', en: '' };
	const typeLabel = familyOption(generatorFamily('outsourcing-type'), type).label;
	const words = (lang: 'zh' | 'en') => ({
		vendorHome: vendor[lang],
		clientHome: client[lang],
		business: business[lang],
		stake: stake[lang],
		type: typeLabel[lang],
		table: type.toUpperCase()
	});
	const key = factsKey(facts);
	const pattern = templates[mode][hash32(key) % templates[mode].length];
	const all = { zh: words('zh'), en: words('en') };
	return {
		id: `gen-om-${hashId(key)}`,
		facts,
		mode,
		type,
		stem: fillBoth(pattern, all),
		explanation: fillBoth(explanation[mode], all),
		source: { part: OUTSOURCING_MODE_PART, quote: rules[mode].quote },
		difficulty: mode === 'overseas' ? 3 : 2
	};
}

/**
 * `count` scenarios for a seed: the modes take turns (in an order shuffled by the seed) so even a
 * short drill has all three; within a mode the facts are shuffled by the same seed.
 */
export function generateOutsourcingModeScenarios({
	seed,
	count
}: {
	seed: number;
	count: number;
}): OutsourcingModeScenario[] {
	const random = mulberry32(seed);
	const space = spaceByMode();
	const queues = shuffle(random, [space.offshore, space.onshore, space.overseas]).map((q) =>
		shuffle(random, q)
	);
	const out: OutsourcingModeScenario[] = [];
	for (let round = 0; out.length < count; round++) {
		const next = queues.map((q) => q[round]).filter((f) => f !== undefined);
		if (next.length === 0) break;
		for (const f of next) if (out.length < count) out.push(describeOutsourcingMode(f));
	}
	return out;
}

function allOptions(id: 'outsourcing-mode' | 'outsourcing-type', locale: Locale) {
	return generatorFamily(id).options.map((o) => ({ id: o.id, label: pickText(o.label, locale) }));
}

/** The app's classify item: outsourcing mode, then outsourcing type (all options of each). */
export function toOutsourcingModeItem(s: OutsourcingModeScenario, locale: Locale): ClassifyItem {
	return {
		id: s.id,
		type: 'classify',
		unit: OUTSOURCING_MODE_UNIT,
		part: OUTSOURCING_MODE_PART,
		concepts: [`outsourcing-mode.${s.mode}`, 'topic.outsourcing-modes'],
		difficulty: s.difficulty,
		stem: pickText(s.stem, locale),
		explanation: pickText(s.explanation, locale),
		source: { ...s.source },
		generated: true,
		dimensions: [
			{
				family: 'outsourcing-mode',
				label: pickText(generatorFamily('outsourcing-mode').label, locale),
				options: allOptions('outsourcing-mode', locale),
				answer: s.mode
			},
			{
				family: 'outsourcing-type',
				label: pickText(generatorFamily('outsourcing-type').label, locale),
				options: allOptions('outsourcing-type', locale),
				answer: s.type
			}
		]
	};
}
