import type { Item } from '$lib/bank/types';
import { applyAnswer } from '$lib/progress/learning';
import type { ProgressStore } from '$lib/progress/progress-store';
import type { Attempt, ItemState } from '$lib/progress/types';
import type { SaveAttemptsInput } from './quiz.types';

/**
 * The `saveAttempts` effect of every quiz. It resolves as soon as the attempts are stored, so
 * the feedback a learner sees is never ahead of the history; the learning state (streak,
 * mistakes notebook, review schedule) follows in the store's write queue right after. If the tab
 * dies in between, the attempt is safe and only that schedule step is missing. Saving the same
 * answers twice changes nothing.
 */
export function recordAnswers(
	store: ProgressStore,
	items: () => Item[],
	onLearned: (done: Promise<void>) => void = (done) => void done.catch(() => {})
) {
	return async ({ mode, answers }: SaveAttemptsInput): Promise<void> => {
		if (answers.length === 0) return;
		const unitOf = new Map(items().map((item) => [item.id, item.unit]));
		const attempts: Attempt[] = answers.map((answer) => ({
			// Deterministic: a save retried after a crash or reload stores the attempt once. Two
			// devices answering the same item in the same millisecond is the only collision.
			id: `${answer.at.toString(36)}-${answer.itemId}`,
			itemId: answer.itemId,
			unit: unitOf.get(answer.itemId) ?? 'unknown',
			at: answer.at,
			correct: answer.score.correct,
			fraction: answer.score.fraction,
			ms: Math.max(0, answer.ms),
			flow: mode
		}));
		await store.recordAttempts(attempts);
		// Generated drill scenarios are counted in the history but not scheduled: there are
		// thousands of them, a fresh one is always at hand, and review can only bring back items
		// that the bank holds.
		const generated = new Set(
			items()
				.filter((item) => item.generated)
				.map((item) => item.id)
		);
		onLearned(updateLearningState(store, mode, answers, unitOf, generated));
	};
}

async function updateLearningState(
	store: ProgressStore,
	mode: SaveAttemptsInput['mode'],
	answers: SaveAttemptsInput['answers'],
	unitOf: Map<string, string>,
	generated: Set<string>
): Promise<void> {
	const byUnit = new Map<string, ItemState[]>();
	for (const answer of answers) {
		if (generated.has(answer.itemId)) continue;
		const unit = unitOf.get(answer.itemId) ?? 'unknown';
		const known = await store.getItemStates(unit);
		const pending = byUnit.get(unit) ?? [];
		const prev = pending.findLast((s) => s.itemId === answer.itemId) ?? known[answer.itemId];
		// Already applied (the same answer saved again after a reload): leave it.
		if (prev && prev.lastAt >= answer.at) continue;
		byUnit.set(unit, [...pending, applyAnswer(prev, answer, mode)]);
	}
	for (const [unit, states] of byUnit) await store.putItemStates(unit, states);
}
