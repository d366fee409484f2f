import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { getStore } from '$lib/progress/progress.svelte';
import type { SessionPlan } from './quiz.session';

/**
 * Save a new session (replacing any of the same kind) and open it. A plan with nothing to ask is
 * refused (returns false): it would be a session finished at birth. Callers ask the learner
 * before replacing a session in progress (see `sessionState`).
 */
export async function startSession(plan: SessionPlan): Promise<boolean> {
	if (plan.itemIds.length === 0 && !plan.drill && !plan.set?.entries.length) return false;
	const store = await getStore();
	await store.saveFlow({
		id: plan.kind,
		kind: plan.kind,
		savedAt: Date.now(),
		snapshot: null,
		input: plan
	});
	await goto(resolve('/session/[kind]', { kind: plan.kind }));
	return true;
}

/**
 * What is saved for a kind: nothing, a session still running (offer "Resume", and ask before
 * replacing it) or a finished one kept for its results (offer "See last results"; replacing it
 * loses nothing).
 */
export type SessionState = 'none' | 'running' | 'finished';

export async function sessionState(kind: SessionPlan['kind']): Promise<SessionState> {
	const store = await getStore();
	const flow = await store.loadFlow(kind);
	if (!flow) return 'none';
	const value = (flow.snapshot as { value?: unknown } | null)?.value;
	return value === 'finished' ? 'finished' : 'running';
}
