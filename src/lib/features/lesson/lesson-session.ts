/**
 * A lesson's running session: the actor, its save and restore, and the tab lock. The lesson page
 * paints and hydrates from `firstLessonView` and loads this module (and with it xstate and the
 * lesson machine, about 15 KB gzip) by dynamic `import()` once mounted, so that neither is among
 * the page's render-blocking module preloads (issue #14). `LessonPlayer.svelte` keeps the
 * learner's moves made before it has loaded and sends them here, in order, once it has.
 */
import { createActor, type Actor } from 'xstate';
import type { Item, UnitContent } from '$lib/bank/types';
import { newOrderSeed } from '$lib/answering/order-seed';
import { recordAnswers } from '$lib/answering/record-answers';
import {
	flowClaim,
	flowSaver,
	outdatedNotice,
	relocalizeFlow,
	restoreFlow,
	type OutdatedNotice
} from '$lib/flows/flow-host';
import { getStore } from '$lib/progress/progress.svelte';
import { afterNextPaint, resolvedAfterNextPaint } from '$lib/scheduling/after-paint';
import { saveAttemptsActor } from '../quiz/quiz.actors';
import { LESSON_FLOW } from './lesson.flow';
import { lessonMachine } from './lesson.machine';
import { lessonFlowId, lessonInput } from './lesson.rules';
import type { LessonEvent, LessonInput, LessonView } from './lesson.types';
import { selectLessonView } from './lesson.view';

/** What the lesson screen tells the learner about its saved place (see FlowNotice). */
export type LessonNotice = OutdatedNotice | { kind: 'elsewhere' } | { kind: 'moved' };

/** What the session needs from the screen that shows it. */
export interface LessonSessionHost {
	/** The lesson as shown now: its items follow the language switch. */
	content(): UnitContent;
	/**
	 * The input the first screen was computed from (`firstLessonView`): the first actor starts
	 * from it (with the items of `content()`), so it takes that screen over unchanged.
	 */
	input: LessonInput;
	/** Every view of the running actor, in order, each a new object. */
	show(view: LessonView): void;
	/** A notice about the saved place, or null once there is none. */
	notify(notice: LessonNotice | null): void;
}

/** A started session; `stop` when the screen goes. */
export interface LessonSession {
	/** A learner's move, to the running actor. */
	send(event: LessonEvent): void;
	/**
	 * Claims the lesson for this tab (`takeOver`: from the tab that holds it), reads the saved
	 * place back and runs from it; only then is anything saved. Resolves once that is shown.
	 */
	restore(takeOver?: boolean): Promise<void>;
	/** Forgets the saved place and starts the lesson over (a new start time and option order). */
	restart(): Promise<void>;
	/** The language switch: same place, `items` in the other language. */
	relocalize(items: Item[]): void;
	stop(): void;
}

/**
 * Starts the lesson of `host.input` at its first section and shows it (the same view the screen
 * already has). Nothing is saved until `restore` has read the saved place back: this first actor
 * at section 1 must not overwrite where the learner really was.
 */
export function startLessonSession(host: LessonSessionHost): LessonSession {
	const flowId = lessonFlowId(host.input.unit);
	const freshInput = () => lessonInput(host.content(), Date.now(), newOrderSeed());
	let actor: Actor<typeof lessonMachine> | null = null;
	let saver: ReturnType<typeof flowSaver> | null = null;
	const claim = flowClaim(flowId, () => {
		saver?.stop();
		saver = null;
		host.notify({ kind: 'moved' });
	});

	// One machine for the first actor and every later one. An answer checked before storage has
	// opened (a slow phone, a loaded machine) waits for it and is stored: with no store to hand
	// it would fail, and that failure would be carried into the restored machine.
	const machine = lessonMachine.provide({
		actors: {
			// Moving on waits for the store and, past it, for the verdict's paint.
			saveAttempts: saveAttemptsActor(
				resolvedAfterNextPaint(async (input) =>
					recordAnswers(await getStore(), () => host.content().items)(input)
				)
			)
		}
	});

	/** Show `next` (already started by the host, or started here) and save as it moves. */
	function run(next: Actor<typeof lessonMachine>, started = false) {
		actor?.stop();
		actor = next;
		const onSnapshot = (snapshot: ReturnType<typeof next.getSnapshot>) => {
			// As on the quiz screen: the verdict shows from the 'saving' snapshot on, without
			// waiting for the store; moving on waits for 'feedback'. The flow is not saved in
			// 'saving'.
			host.show(selectLessonView(snapshot));
			if (!saver || snapshot.hasTag('saving')) return;
			if (snapshot.value === 'quit') void saver.clear();
			else saver.save(next);
		};
		next.subscribe(onSnapshot);
		if (started) onSnapshot(next.getSnapshot());
		else next.start();
	}

	async function restore(takeOver = false) {
		if ((await claim.claim(takeOver)) === 'elsewhere') {
			host.notify({ kind: 'elsewhere' });
			return;
		}
		host.notify(null);
		const store = await getStore();
		const saved = await store.loadFlow(flowId);
		// Nothing saved, and the learner already moved on the first actor (a tap before storage
		// opened): carry that place into the stored machine instead of sending the learner back
		// to section 1.
		const restored =
			!saved && actor && actor.getSnapshot().status === 'active'
				? {
						actor: createActor(machine, {
							snapshot: actor.getPersistedSnapshot(),
							input: freshInput()
						}).start(),
						outcome: { kind: 'fresh' as const }
					}
				: restoreFlow(machine, LESSON_FLOW, saved, freshInput());
		const nextSaver = flowSaver(
			store,
			LESSON_FLOW,
			{ id: flowId, kind: 'lesson', input: { unit: host.input.unit } },
			afterNextPaint
		);
		if (restored.outcome.kind === 'outdated' && saved) {
			console.warn('Saved lesson does not fit this version:', restored.outcome.reason);
			// Recorded again (the history skips those it has): the one being saved is kept too.
			await recordAnswers(
				store,
				() => host.content().items
			)({
				mode: 'lesson',
				answers: restored.outcome.answers
			}).catch(() => {});
			host.notify(outdatedNotice(restored.outcome));
			await nextSaver.setAside(saved);
		}
		saver = nextSaver;
		run(restored.actor, true);
		relocalizeFlow(restored.actor, host.content().items);
	}

	run(createActor(machine, { input: { ...host.input, items: host.content().items } }));

	return {
		send: (event) => actor?.send(event),
		restore,
		async restart() {
			await saver?.clear();
			run(createActor(machine, { input: freshInput() }));
		},
		relocalize: (items) => actor && relocalizeFlow(actor, items),
		stop() {
			actor?.stop();
			claim.release();
		}
	};
}
