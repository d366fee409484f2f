/**
 * The one host for saved flows: restores a running machine from its saved snapshot, saves it
 * when something a reload must restore changes, follows the language switch, and keeps a flow
 * open in one tab at a time. Used by every flow (quiz sessions, lessons).
 *
 * - **Versioned snapshots.** A saved flow records its machine id and snapshot version
 *   ({@link FlowMachine}). An older version is migrated step by step where a migration exists.
 * - **Fit check.** xstate 5 does not throw on a snapshot that does not fit the machine (an
 *   unknown state, missing context): the actor ends in `status: 'error'`. The host watches for
 *   that (and for missing context fields) and then sets the record aside in the quarantine
 *   table (nothing deleted) and reports {@link RestoreOutcome} `outdated`, with the number of
 *   answers already recorded in the history, so the screen can say "saved by an older version,
 *   your N answers are kept".
 * - **One tab per flow.** A Web Lock per flow id: a second tab finds the flow `elsewhere` and can
 *   take it over (`steal`), at which point the first tab is told (`onLost`) and stops.
 */
import { createActor, type AnyActorLogic, type AnyStateMachine, type Actor } from 'xstate';
import type { Item } from '$lib/bank/types';
import type { ProgressStore } from '$lib/progress/progress-store';
import type { FlowKind, SavedFlow } from '$lib/progress/types';

export type PersistedSnapshot = {
	value?: unknown;
	context?: Record<string, unknown>;
	status?: string;
};

/** A machine's identity and snapshot version, and the steps from each older version. */
export interface FlowMachine {
	id: string;
	/** Bump when a saved snapshot of the previous version no longer fits; add a migration. */
	version: number;
	/**
	 * Steps from version N to N+1, keyed by N: return the migrated snapshot, or null when the
	 * old one cannot be carried over (then the learner is told, and answers stay recorded).
	 */
	migrations: Record<number, (snapshot: PersistedSnapshot) => PersistedSnapshot | null>;
	/** What a reload must restore (not clock ticks): the host saves when this changes. */
	saveKey(snapshot: { value: unknown; context: unknown }): string;
	/** How many of the snapshot's answers are already in the history (kept whatever happens). */
	recordedAnswers(snapshot: PersistedSnapshot): number;
}

export type RestoreOutcome =
	| { kind: 'fresh' }
	| { kind: 'restored' }
	| { kind: 'migrated'; from: number }
	/** Did not fit this version: set aside; `answersKept` answers are in the history anyway. */
	| { kind: 'outdated'; reason: string; answersKept: number };

/**
 * Restore `saved` into an actor of `logic`, or start fresh from `input` when there is nothing
 * saved. Never throws for a bad snapshot: the outcome says what happened, and the actor
 * returned is then a fresh one. The actor is started.
 */
export function restoreFlow<TLogic extends AnyStateMachine>(
	logic: TLogic,
	definition: FlowMachine,
	saved: Pick<SavedFlow, 'snapshot' | 'machine' | 'version'> | null,
	input: unknown
): { actor: Actor<TLogic>; outcome: RestoreOutcome } {
	// Typed loosely inside: the snapshot is checked at run time, which is the point.
	const make = (options: object) =>
		start(createActor(logic as AnyActorLogic, options)) as unknown as Actor<TLogic>;
	const fresh = () => make({ input });
	if (!saved?.snapshot) return { actor: fresh(), outcome: { kind: 'fresh' } };
	const outdated = (reason: string) => ({
		actor: fresh(),
		outcome: {
			kind: 'outdated' as const,
			reason,
			answersKept: definition.recordedAnswers(saved.snapshot as PersistedSnapshot)
		}
	});
	if (saved.machine !== undefined && saved.machine !== definition.id)
		return outdated(`saved by machine "${saved.machine}", not "${definition.id}"`);
	const from = saved.version ?? 1;
	if (from > definition.version) return outdated(`saved by a newer version (${from})`);

	let snapshot = saved.snapshot as PersistedSnapshot | null;
	for (let v = from; v < definition.version && snapshot; v++) {
		const step = definition.migrations[v];
		snapshot = step ? step(structuredClone(snapshot)) : null;
	}
	if (!snapshot) return outdated(`no migration from version ${from}`);
	if (typeof snapshot !== 'object' || snapshot.status !== 'active')
		return outdated('not a running snapshot');

	// Every context field a fresh run has must be there: a field added since would be undefined.
	const expected = Object.keys(
		(createActor(logic as AnyActorLogic, { input }).getSnapshot() as PersistedSnapshot).context ??
			{}
	);
	const missing = expected.filter((key) => !(key in (snapshot.context ?? {})));
	if (missing.length > 0) return outdated(`context lacks ${missing.join(', ')}`);

	let actor: Actor<TLogic>;
	try {
		actor = make({ snapshot, input });
	} catch (error) {
		return outdated(error instanceof Error ? error.message : String(error));
	}
	const after = actor.getSnapshot() as { status: string; error?: unknown };
	if (after.status === 'error') {
		actor.stop();
		const error = after.error;
		return outdated(error instanceof Error ? error.message : 'the snapshot does not fit');
	}
	return {
		actor,
		outcome: from === definition.version ? { kind: 'restored' } : { kind: 'migrated', from }
	};
}

/** Start with an error observer, so a bad snapshot becomes `status: 'error'`, never a throw. */
function start(actor: Actor<AnyActorLogic>): Actor<AnyActorLogic> {
	actor.subscribe({ error: () => {} });
	actor.start();
	return actor;
}

/** What {@link FlowSaver} writes besides the snapshot. */
export interface FlowRecord {
	id: string;
	kind: FlowKind;
	/** What the flow was started from (a session plan, a unit id): kept for a rebuild. */
	input: unknown;
}

/**
 * Saves a running flow when its {@link FlowMachine.saveKey} changes; `clear` forgets it
 * (the learner left on purpose). Storage errors are reported by the store (disk full) and
 * never thrown at the screen.
 */
export function flowSaver(store: ProgressStore, definition: FlowMachine, record: FlowRecord) {
	let lastKey = '';
	return {
		async save(actor: Actor<AnyStateMachine>): Promise<void> {
			const snapshot = actor.getSnapshot();
			const key = definition.saveKey(snapshot);
			if (key === lastKey) return;
			lastKey = key;
			try {
				await store.saveFlow({
					...record,
					machine: definition.id,
					version: definition.version,
					savedAt: Date.now(),
					snapshot: actor.getPersistedSnapshot()
				});
			} catch (error) {
				console.warn('Could not save the flow', error);
			}
		},
		/** Sets a saved flow that does not fit aside (quarantine), so nothing is deleted. */
		async setAside(saved: SavedFlow): Promise<void> {
			await store.setAside('flows', record.id, saved);
		},
		async clear(): Promise<void> {
			lastKey = '';
			await store.clearFlow(record.id);
		}
	};
}

/** The language switch: same flow, same place, the other language's items. */
export function relocalizeFlow(actor: Pick<Actor<AnyStateMachine>, 'send'>, items: Item[]): void {
	actor.send({ type: 'items.relocalize', items });
}

export type FlowClaim = 'held' | 'elsewhere';

/**
 * Hold flow `id` in this tab (a Web Lock named after it) until `release` is called.
 * `claim()` resolves to `elsewhere` when another tab holds it; `claim(true)` takes it over,
 * and the tab that had it gets `onLost`. Without Web Locks every tab may hold it.
 */
export function flowClaim(id: string, onLost: () => void) {
	let release: (() => void) | null = null;
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	return {
		claim(takeOver = false): Promise<FlowClaim> {
			if (!locks) return Promise.resolve('held');
			release?.();
			return new Promise<FlowClaim>((resolve) => {
				const options: LockOptions = takeOver ? { steal: true } : { ifAvailable: true };
				locks
					.request(`sta:flow:${id}`, options, (lock) => {
						if (!lock) return resolve('elsewhere');
						resolve('held');
						return new Promise<void>((done) => (release = done));
					})
					.catch(() => {
						// Stolen by another tab ("continue here" there): this tab stops.
						release = null;
						onLost();
					});
			});
		},
		release(): void {
			release?.();
			release = null;
		}
	};
}

/**
 * Migration to the snapshots that carry an option-order seed (quiz and lesson, version 1 → 2):
 * a flow saved before options were shuffled per attempt gets the seed a fresh one would have had
 * from the same start time (`orderSeed` defaults to `startedAt` in both machines), so it resumes
 * with a stable order instead of being set aside.
 */
export function addOrderSeed(snapshot: PersistedSnapshot): PersistedSnapshot | null {
	const context = (snapshot as { context?: Record<string, unknown> }).context;
	if (!context || typeof context.startedAt !== 'number') return null;
	if (typeof context.orderSeed === 'number') return snapshot;
	return {
		...snapshot,
		context: { ...context, orderSeed: context.startedAt >>> 0 }
	} as PersistedSnapshot;
}
