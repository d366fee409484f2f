/**
 * A synthetic heavy learner for the flow benchmarks: a bank of 10,000 items (100 units × 100,
 * 10 concepts each), 100,000 attempts over the 365 days before `now`, and the item states those
 * answers produce, also grouped as the store keeps them (attempts per UTC day, states per unit).
 * Deterministic: the same data on every run and machine.
 */
import type { AnswerRecord } from '../../src/lib/answering/types';
import type { QuizMode } from '../../src/lib/features/quiz/quiz.types';
import { applyAnswer } from '../../src/lib/progress/learning';
import type { StatsUnit } from '../../src/lib/progress/stats';
import type { Attempt, ItemState } from '../../src/lib/progress/types';

export const UNITS = 100;
export const ITEMS_PER_UNIT = 100;
export const ATTEMPTS = 100_000;
export const DAYS = 365;
const DAY_MS = 86_400_000;
const MODES: QuizMode[] = ['practice', 'practice', 'review', 'mistakes', 'exam', 'lesson'];

/** Deterministic PRNG (mulberry32). */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The last 365 days before `now`: what the app, using the real clock, sees as due. */
export function syntheticLearner(now: number) {
	const units: StatsUnit[] = [];
	const itemConcepts: Record<string, string[]> = {};
	const itemIds: { id: string; unit: string }[] = [];
	for (let u = 0; u < UNITS; u++) {
		const unit = `unit-${u}`;
		const concepts = Array.from({ length: 10 }, (_, c) => `${unit}.concept-${c}`);
		units.push({ id: unit, itemCount: ITEMS_PER_UNIT, concepts });
		for (let i = 0; i < ITEMS_PER_UNIT; i++) {
			const id = `${unit}-q${i}`;
			itemIds.push({ id, unit });
			itemConcepts[id] = [concepts[i % 10], concepts[(i * 7) % 10]];
		}
	}
	const rand = random(42);
	const start = now - DAYS * DAY_MS;
	const answers: { answer: AnswerRecord; unit: string; mode: QuizMode }[] = [];
	for (let n = 0; n < ATTEMPTS; n++) {
		const { id, unit } = itemIds[Math.floor(rand() * itemIds.length)];
		const correct = rand() < 0.7;
		answers.push({
			unit,
			mode: MODES[Math.floor(rand() * MODES.length)],
			answer: {
				itemId: id,
				unit,
				response: { type: 'single', choice: correct ? 'a' : 'b' },
				score: { correct, fraction: correct ? 1 : rand() < 0.3 ? 0.5 : 0 },
				ms: Math.floor(2000 + rand() * 40_000),
				at: Math.floor(start + rand() * DAYS * DAY_MS)
			}
		});
	}
	answers.sort((a, b) => a.answer.at - b.answer.at);
	const attempts: Attempt[] = answers.map(({ answer, unit, mode }, n) => ({
		id: `${answer.at.toString(36)}-${n}`,
		itemId: answer.itemId,
		unit,
		at: answer.at,
		correct: answer.score.correct,
		fraction: answer.score.fraction,
		ms: answer.ms,
		flow: mode
	}));
	const flat: Record<string, ItemState> = {};
	const byUnit: Record<string, Record<string, ItemState>> = {};
	for (const { answer, unit, mode } of answers) {
		const next = applyAnswer(flat[answer.itemId], answer, mode);
		flat[answer.itemId] = next;
		(byUnit[unit] ??= {})[answer.itemId] = next;
	}
	// As the store keeps them: attempts per UTC day, item states per unit.
	const days: Record<string, Attempt[]> = {};
	for (const attempt of attempts)
		(days[new Date(attempt.at).toISOString().slice(0, 10)] ??= []).push(attempt);
	return { units, itemConcepts, answers, attempts, flat, byUnit, days };
}
