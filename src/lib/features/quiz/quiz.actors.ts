/**
 * The effects the quiz and lesson machines invoke, as xstate actor logic. The machines declare
 * `saveAttemptsNotProvided` so a route that forgets `.provide()` fails loudly (the save fails, the
 * learner sees the error and the answer is kept) instead of silently dropping attempts.
 *
 * Route usage (the same store function serves both machines):
 *   quizMachine.provide({ actors: { saveAttempts: saveAttemptsActor(store.saveAttempts) } })
 *   lessonMachine.provide({ actors: { saveAttempts: saveAttemptsActor(store.saveAttempts) } })
 */
import { fromPromise, type AnyActorRef } from 'xstate';
import type { SaveAttemptsInput } from '$lib/answering/types';
import type { QuizActors } from './quiz.types';

export const saveAttemptsNotProvided = fromPromise<void, SaveAttemptsInput>(async () => {
	throw new Error('saveAttempts was not provided: pass it with machine.provide({ actors })');
});

/** Wraps the store's plain async function as the actor logic both machines invoke. */
export function saveAttemptsActor(save: QuizActors['saveAttempts']) {
	return fromPromise<void, SaveAttemptsInput>(({ input }) => save(input));
}

/**
 * The exam clock lives in the route, not in the machine: the machine stays a pure function of
 * its events (tests drive time by sending `clock.tick` with any `at`, no fake timers), and a
 * restored snapshot needs no timer to be revived because the deadline is absolute. Call this
 * from the exam page and stop it on destroy. `now` is injectable for tests.
 */
export function startClock(
	actor: Pick<AnyActorRef, 'send'>,
	everyMs = 1000,
	now: () => number = Date.now
): () => void {
	const tick = () => actor.send({ type: 'clock.tick', at: now() });
	tick();
	const id = setInterval(tick, everyMs);
	return () => clearInterval(id);
}
