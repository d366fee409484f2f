import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { getStore } from '$lib/progress/progress.svelte';
import type { SessionPlan } from './quiz.session';

/** Save a new session (replacing any of the same kind) and open it. */
export async function startSession(plan: SessionPlan): Promise<void> {
	const store = await getStore();
	await store.saveFlow({
		id: plan.kind,
		kind: plan.kind,
		savedAt: Date.now(),
		snapshot: null,
		input: plan
	});
	await goto(resolve('/session/[kind]', { kind: plan.kind }));
}

/** Whether a session of this kind is waiting to be resumed. */
export async function hasSession(kind: SessionPlan['kind']): Promise<boolean> {
	const store = await getStore();
	return (await store.loadFlow(kind)) !== null;
}
