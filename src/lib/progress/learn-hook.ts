import type { AnswerRecord } from '$lib/answering/types';
import type { QuizMode } from '$lib/features/quiz/quiz.types';
import { applyAnswer } from './learning';
import type { LearningAccess } from './progress-store';
import type { ItemState } from './types';

/** What an answer carries into the store for its learning state (the journal keeps it). */
export interface LearnPayload {
	answer: AnswerRecord;
	mode: QuizMode;
}

function isLearnPayload(v: unknown): v is LearnPayload {
	const p = v as LearnPayload | null;
	return (
		typeof p === 'object' &&
		p !== null &&
		typeof p.mode === 'string' &&
		typeof p.answer?.itemId === 'string' &&
		typeof p.answer.unit === 'string' &&
		typeof p.answer.at === 'number' &&
		typeof p.answer.score?.correct === 'boolean' &&
		typeof p.answer.response?.type === 'string'
	);
}

/**
 * The store's `learn` hook: move each answered item's streak, notebook flag and review
 * schedule. Idempotent: an answer already applied (after a crash, the journal replays it) is
 * recognised by its time and skipped.
 */
export async function applyLearning(payloads: unknown[], access: LearningAccess): Promise<void> {
	const byUnit = new Map<string, ItemState[]>();
	for (const { answer, mode } of payloads.filter(isLearnPayload)) {
		const known = await access.getItemStates(answer.unit);
		const pending = byUnit.get(answer.unit) ?? [];
		const prev = pending.findLast((s) => s.itemId === answer.itemId) ?? known[answer.itemId];
		if (prev && prev.lastAt >= answer.at) continue;
		byUnit.set(answer.unit, [...pending, applyAnswer(prev, answer, mode)]);
	}
	for (const [unit, states] of byUnit) await access.putItemStates(unit, states);
}
