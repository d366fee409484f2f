/**
 * The supply-mode drill offered today (`supply-mode`): the scenarios of ./supply-mode.ts, asked
 * one question per item, either the mode of supply or the direction seen from China.
 *
 * Why not both in one item, as the retired `mode` drill did: the handout states a direction for
 * three modes but none for commercial presence, so a two-question item could only ever be one of
 * those three and a one-question item was always commercial presence. The item's *shape* told the
 * key (a learner who counted the questions scored 100 % on commercial presence). Here every mode
 * item has one dimension of the same four options and every direction item one of the same two,
 * whatever the scenario, so nothing but the words decides the answer.
 *
 * Deterministic like the scenarios: the same seed gives the same items on every device, and an
 * item's id, stem and explanation depend only on its facts and its question.
 */
import { pickText } from '../text';
import type { ClassifyItem, Family, Locale } from '../types';
import { generatorFamily } from './families';
import { hashId, mulberry32, shuffle } from './random';
import {
	describeScenario,
	enumerateScenarioFacts,
	scenarioFactsByScene,
	MODE_PART,
	MODE_UNIT,
	factsKey,
	type BilingualScenario,
	type GenerateOptions
} from './supply-mode';
import { scenes } from './supply-mode-scenes';

/** What one item asks about its scenario. */
export type SupplyQuestion = 'mode' | 'direction';

/** One scenario and the one question an item asks about it. */
export interface SupplyModeQuestion {
	/** `gen-supply-mode-…` or `gen-supply-direction-…` + hash of the facts. */
	id: string;
	asks: SupplyQuestion;
	scenario: BilingualScenario;
}

/** The questions the handout lets us ask of a scenario: direction only where it states one. */
const questionsFor = (scenario: BilingualScenario): SupplyQuestion[] =>
	scenario.direction ? ['mode', 'direction'] : ['mode'];

const ask = (scenario: BilingualScenario, asks: SupplyQuestion): SupplyModeQuestion => ({
	id: `gen-supply-${asks}-${hashId(factsKey(scenario.facts))}`,
	asks,
	scenario
});

/** Every question the drill can ask, in a fixed order (for the text check and bank:stats). */
export function enumerateSupplyModeQuestions(): SupplyModeQuestion[] {
	return enumerateScenarioFacts().flatMap((facts) => {
		const scenario = describeScenario(facts);
		return questionsFor(scenario).map((asks) => ask(scenario, asks));
	});
}

/**
 * `count` distinct questions for a seed. Queues take turns in an order shuffled by the seed: one
 * mode queue per scene (two per mode, so the four modes come up equally) and one direction queue
 * per scene that has a direction (as many exports as imports); within a queue the scene's facts
 * are shuffled by the same seed. Asking for more than the space holds returns the whole space.
 */
export function generateSupplyModeQuestions({
	seed,
	count
}: GenerateOptions): SupplyModeQuestion[] {
	const random = mulberry32(seed);
	const byScene = scenarioFactsByScene();
	const queues = shuffle(
		random,
		scenes().flatMap((scene, i) =>
			(['mode', 'direction'] as const)
				.filter((asks) => asks === 'mode' || scene.mode !== 'commercial-presence')
				.map((asks) => ({ facts: byScene[i], asks }))
		)
	).map(({ facts, asks }) => ({ asks, facts: shuffle(random, facts) }));
	const out: SupplyModeQuestion[] = [];
	for (let round = 0; out.length < count; round++) {
		let tookAny = false;
		for (const queue of queues) {
			if (out.length >= count) break;
			const next = queue.facts[round];
			if (!next) continue;
			tookAny = true;
			out.push(ask(describeScenario(next), queue.asks));
		}
		if (!tookAny) break;
	}
	return out;
}

function localisedOptions(family: Family, locale: Locale) {
	return family.options.map((o) => ({ id: o.id, label: pickText(o.label, locale) }));
}

/**
 * The app's classify item for one locale: one dimension, the whole family (four modes, or export
 * and import) in its natural order. A direction item names no mode concept: it is scored on the
 * direction only.
 */
export function toSupplyModeItem(question: SupplyModeQuestion, locale: Locale): ClassifyItem {
	const { scenario, asks } = question;
	const family = generatorFamily(asks);
	const answer = asks === 'mode' ? scenario.mode : scenario.direction;
	if (!answer) throw new Error(`${question.id}: the handout states no direction for this mode`);
	const item: ClassifyItem = {
		id: question.id,
		type: 'classify',
		unit: MODE_UNIT,
		part: MODE_PART,
		concepts:
			asks === 'mode' ? [`mode.${scenario.mode}`, 'topic.mode-scenario'] : ['topic.mode-scenario'],
		difficulty: scenario.difficulty,
		stem: pickText(scenario.stem, locale),
		explanation: pickText(scenario.explanation, locale),
		source: { ...scenario.source },
		generated: true,
		dimensions: [
			{
				family: asks,
				label: pickText(family.label, locale),
				options: localisedOptions(family, locale),
				answer
			}
		]
	};
	if (scenario.seedCase) item.seedCase = true;
	return item;
}
