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
 *   table (nothing deleted) and reports {@link RestoreOutcome} `outdated`.
 * - **Salvage.** What a misfit snapshot still holds is not left in quarantine: the machine's
 *   {@link FlowMachine.salvage} picks out its answers (which the screen records again, once each:
 *   attempt ids are deterministic) and the work in progress a fresh run can carry (an exam's
 *   draft answers and deadline, a lesson's place), so the screen can say "saved by an older
 *   version: your N answers are kept, your M drafts are carried over".
 * - **One tab per flow.** A Web Lock per flow id: a second tab finds the flow `elsewhere` and can
 *   take it over (`steal`), at which point the first tab is told (`onLost`) and stops.
 */
import { createActor, type AnyActorLogic, type AnyStateMachine, type Actor } from 'xstate';
import type { AnswerRecord } from '$lib/answering/types';
import type { Item } from '$lib/bank/types';
import type { ProgressStore } from '$lib/progress/progress-store';
import type { FlowKind, SavedFlow } from '$lib/progress/types';

export type PersistedSnapshot = {
	value?: unknown;
	context?: Record<string, unknown>;
	status?: string;
};

/**
 * What a snapshot that does not fit the machine still holds, found by {@link FlowMachine.salvage}.
 * Everything in it was read from an untrusted old shape and checked field by field.
 */
export interface Salvage {
	/**
	 * Every answer the old run gave (scored), to be recorded again: the history skips ids it
	 * already has, so this keeps the one that was being saved when the old page died.
	 */
	answers: AnswerRecord[];
	/** Replaces the fresh run's state value (e.g. a finished lesson); absent: fresh state. */
	value?: unknown;
	/** Context fields carried into the fresh run (an exam's drafts and deadline). */
	context: Record<string, unknown>;
	/** Pieces of work in progress carried over (e.g. draft answers). */
	carried: number;
	/** Pieces that could not be (e.g. drafts for questions no longer in the paper). */
	dropped: number;
}

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
	/**
	 * What of a misfit snapshot `old` can be kept, given the fresh run's `fresh` context. Must
	 * not throw on any shape; returns field values that fit the current context's types.
	 */
	salvage(old: PersistedSnapshot, fresh: Record<string, unknown>): Salvage;
}

export type RestoreOutcome =
	| { kind: 'fresh' }
	| { kind: 'restored' }
	| { kind: 'migrated'; from: number }
	/**
	 * Did not fit this version: set aside (nothing deleted). `answers` are to be recorded (again:
	 * idempotent); `carried` pieces of work in progress are in the fresh run, `dropped` are not.
	 */
	| {
			kind: 'outdated';
			reason: string;
			answers: AnswerRecord[];
			carried: number;
			dropped: number;
	  };

/** What the screen tells the learner about an `outdated` flow (see FlowNotice). */
export type OutdatedNotice = Pick<
	Extract<RestoreOutcome, { kind: 'outdated' }>,
	'kind' | 'carried' | 'dropped'
> & { answersKept: number };

/** The notice for `outcome`, once its answers are recorded. */
export function outdatedNotice(outcome: Extract<RestoreOutcome, { kind: 'outdated' }>) {
	const { kind, carried, dropped, answers } = outcome;
	return { kind, carried, dropped, answersKept: answers.length } satisfies OutdatedNotice;
}

/**
 * Restore `saved` into an actor of `logic`, or start fresh from `input` when there is nothing
 * saved. Never throws for a bad snapshot: the outcome says what happened, and the actor
 * returned is then a fresh one carrying what {@link FlowMachine.salvage} kept (or, if that does
 * not fit either, a plain fresh one). The actor is started.
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
	const outdated = (reason: string) => salvaged(logic, definition, saved.snapshot, input, reason);
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
	// 'done': a flow that reached its final state (a finished lesson) stays saved as such.
	if (typeof snapshot !== 'object' || (snapshot.status !== 'active' && snapshot.status !== 'done'))
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

/** A fresh run carrying what the misfit snapshot `old` still holds (see {@link Salvage}). */
function salvaged<TLogic extends AnyStateMachine>(
	logic: TLogic,
	definition: FlowMachine,
	old: unknown,
	input: unknown,
	reason: string
): { actor: Actor<TLogic>; outcome: RestoreOutcome } {
	const make = (options: object) =>
		start(createActor(logic as AnyActorLogic, options)) as unknown as Actor<TLogic>;
	const fresh = make({ input });
	const base = fresh.getPersistedSnapshot() as PersistedSnapshot;
	let salvage: Salvage;
	try {
		const snapshot = typeof old === 'object' && old !== null ? (old as PersistedSnapshot) : {};
		salvage = definition.salvage(snapshot, base.context ?? {});
	} catch {
		salvage = { answers: [], context: {}, carried: 0, dropped: 0 };
	}
	const outcome = (carried: boolean) => ({
		kind: 'outdated' as const,
		reason,
		answers: salvage.answers,
		carried: carried ? salvage.carried : 0,
		dropped: carried ? salvage.dropped : salvage.dropped + salvage.carried
	});
	if (Object.keys(salvage.context).length === 0 && salvage.value === undefined)
		return { actor: fresh, outcome: outcome(false) };
	try {
		const actor = make({
			snapshot: {
				...base,
				value: salvage.value ?? base.value,
				context: { ...base.context, ...salvage.context }
			},
			input
		});
		if ((actor.getSnapshot() as { status: string }).status !== 'error') {
			fresh.stop();
			return { actor, outcome: outcome(true) };
		}
		actor.stop();
	} catch {
		// The carried pieces do not fit either: a plain fresh run, and the learner is told.
	}
	return { actor: fresh, outcome: outcome(false) };
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
