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
import { fromContent, type HandoutExampleContent } from './content';
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
	type SupplyFacts
} from './supply-mode-facts';
import {
	extrasFor,
	sceneFacts,
	sceneFor,
	scenes,
	wordScene,
	type FactsInput,
	type Scene
} from './supply-mode-scenes';

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

const homes = (side: Side) => (side === 'cn' ? chineseCities() : foreignCountries());

/** Every combination a scene allows: services × homes × consumer kinds × entity forms/travellers. */
function spaceOf(scene: Scene): SupplyFacts[] {
	const out: SupplyFacts[] = [];
	for (const service of scene.services)
		for (const supplierHome of [
			...homes(scene.side === 'export' ? 'cn' : 'foreign'),
			...(service.alsoSupplierHomes ?? [])
		])
			for (const consumerHome of homes(scene.side === 'export' ? 'foreign' : 'cn'))
				for (const consumer of service.consumers)
					for (const extra of extrasFor(scene, service.id)) {
						const input: FactsInput = { service: service.id, supplierHome, consumerHome, consumer };
						if (extra) input.extra = extra;
						out.push(sceneFacts(scene, input));
					}
	return out;
}

/** The whole generator space, per scene, de-duplicated by facts (computed once per content). */
const spaceByScene = fromContent(() => {
	const seen = new Set<string>();
	return scenes().map((scene) =>
		spaceOf(scene).filter((f) => {
			const key = factsKey(f);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
	);
});

/** The generator space per scene, in `scenes()` order (the mode and side of each is its scene's). */
export function scenarioFactsByScene(): readonly SupplyFacts[][] {
	return spaceByScene();
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
	const key = factsKey(facts);
	// The sentence pattern is chosen by the facts' hash, not by the seed: same facts, same stem.
	const { stem, explanation } = wordScene(scene, facts, hash32(key));
	return {
		id: `gen-mode-${hashId(key)}`,
		facts,
		mode,
		direction,
		stem,
		explanation,
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

/** One of the handout's own examples (supply-mode.yaml `examples`), with its facts. */
export interface HandoutExample extends HandoutExampleContent {
	facts: SupplyFacts;
}

/**
 * The four steps of the Tianjin animation studio and the examples listed under each mode, as
 * facts in the generator's own vocabulary (so they are also points of its space).
 */
export const handoutExamples = fromContent((c): readonly HandoutExample[] =>
	c.supplyMode.examples.map((e) => ({
		...e,
		facts: sceneFacts(sceneFor(e.expected.mode, e.side), e.input)
	}))
);

const handoutKeys = fromContent(() => new Set(handoutExamples().map((e) => factsKey(e.facts))));
