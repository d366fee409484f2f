import { describe, expect, it } from 'vitest';
import { scoreItem } from '$lib/answering/scoring';
import { LOCALES } from '../types';
import { describeScenario, enumerateScenarioFacts } from './supply-mode';
import {
	enumerateSupplyModeQuestions,
	generateSupplyModeQuestions,
	toSupplyModeItem
} from './supply-mode-questions';

const SEEDS = [0, 1, 42, 2024, 0xdeadbeef];

describe('supply-mode drill: the mode and the direction asked apart', () => {
	it('asks the mode of every scenario and the direction of every scenario that has one', () => {
		const questions = enumerateSupplyModeQuestions();
		const scenarios = enumerateScenarioFacts().map(describeScenario);
		expect(questions.filter((q) => q.asks === 'mode')).toHaveLength(scenarios.length);
		expect(questions.filter((q) => q.asks === 'direction')).toHaveLength(
			scenarios.filter((s) => s.direction).length
		);
		expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
		// Commercial presence is never asked a direction: the handout states none.
		expect(
			questions.some((q) => q.asks === 'direction' && q.scenario.mode === 'commercial-presence')
		).toBe(false);
	});

	it('gives every item one dimension: the four modes, or export and import, in natural order', () => {
		for (const seed of SEEDS)
			for (const question of generateSupplyModeQuestions({ seed, count: 40 }))
				for (const locale of LOCALES) {
					const item = toSupplyModeItem(question, locale);
					expect(item.id).toMatch(/^gen-supply-(mode|direction)-[0-9a-z]+$/);
					expect(item.dimensions).toHaveLength(1);
					const [dimension] = item.dimensions;
					expect(dimension.family).toBe(question.asks);
					expect(dimension.options.map((o) => o.id)).toEqual(
						question.asks === 'mode'
							? ['cross-border', 'consumption-abroad', 'commercial-presence', 'natural-persons']
							: ['export', 'import']
					);
					expect(dimension.answer).toBe(
						question.asks === 'mode' ? question.scenario.mode : question.scenario.direction
					);
					expect(
						scoreItem(item, { type: 'classify', values: { [dimension.family]: dimension.answer } })
							.correct
					).toBe(true);
					// A direction item is not scored as knowing the mode.
					if (question.asks === 'direction') expect(item.concepts).toEqual(['topic.mode-scenario']);
				}
	});

	it('takes the four modes and the two directions in turn, whatever the seed', () => {
		for (const seed of SEEDS) {
			const first = generateSupplyModeQuestions({ seed, count: 14 });
			const modes = first.filter((q) => q.asks === 'mode').map((q) => q.scenario.mode);
			const directions = first
				.filter((q) => q.asks === 'direction')
				.map((q) => q.scenario.direction);
			for (const mode of new Set(modes)) expect(modes.filter((m) => m === mode)).toHaveLength(2);
			expect(new Set(modes).size).toBe(4);
			expect(directions.filter((d) => d === 'export')).toHaveLength(3);
			expect(directions.filter((d) => d === 'import')).toHaveLength(3);
		}
	});

	it('is deterministic per seed and returns the whole space when asked for more', () => {
		expect(generateSupplyModeQuestions({ seed: 5, count: 30 })).toEqual(
			generateSupplyModeQuestions({ seed: 5, count: 30 })
		);
		expect(generateSupplyModeQuestions({ seed: 5, count: 30 })).not.toEqual(
			generateSupplyModeQuestions({ seed: 6, count: 30 })
		);
		const all = enumerateSupplyModeQuestions().length;
		expect(generateSupplyModeQuestions({ seed: 9, count: all + 50 })).toHaveLength(all);
		expect(generateSupplyModeQuestions({ seed: 9, count: 0 })).toEqual([]);
	});
});
