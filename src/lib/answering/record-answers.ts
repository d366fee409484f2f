import type { Item } from '$lib/bank/types';
import type { LearnPayload } from '$lib/progress/learn-hook';
import type { JournalEntry, ProgressStore } from '$lib/progress/progress-store';
import type { SaveAttemptsInput } from './types';

/**
 * The `saveAttempts` effect of every quiz. It resolves as soon as the answers are safe (in the
 * store's journal, or in IndexedDB where there is none), so the feedback a learner sees is
 * never ahead of the history; the store then applies the learning state (streak, mistakes
 * notebook, review schedule) and, after a crash, finishes that on the next open. Saving the
 * same answers twice changes nothing.
 */
export function recordAnswers(store: ProgressStore, items: () => Item[]) {
	return async ({ mode, answers }: SaveAttemptsInput): Promise<void> => {
		if (answers.length === 0) return;
		const known = new Map(items().map((item) => [item.id, item]));
		const entries: JournalEntry[] = answers.map((answer) => {
			const item = known.get(answer.itemId);
			const unit = item?.unit ?? answer.unit;
			const learn: LearnPayload = { answer: { ...answer, unit }, mode };
			return {
				attempt: {
					// Deterministic: a save retried after a crash or reload stores the attempt once.
					// Two devices answering the same item in the same millisecond is the only collision.
					id: `${answer.at.toString(36)}-${answer.itemId}`,
					itemId: answer.itemId,
					unit,
					at: answer.at,
					correct: answer.score.correct,
					fraction: answer.score.fraction,
					ms: Math.max(0, answer.ms),
					flow: mode
				},
				// Generated drill scenarios count in the history but are not scheduled: there are
				// thousands, a fresh one is always at hand, and review can only bring back bank items.
				learn: item?.generated ? undefined : learn
			};
		});
		await store.appendAttempts(entries);
	};
}
