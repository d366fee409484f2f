/**
 * Test-only helpers for the generated reachability checks of the quiz and lesson machines,
 * built on `xstate/graph`. Nothing in the app imports this file.
 */
import type { AnyStateMachine, AnyMachineSnapshot, EventObject } from 'xstate';
import { getStateNodes } from 'xstate/graph';

/** Leaf state paths of a snapshot value, e.g. `{ exam: 'saving' }` → `['exam.saving']`. */
export function leafPaths(value: unknown, prefix = ''): string[] {
	return typeof value === 'string'
		? [prefix + value]
		: Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
				leafPaths(child, `${prefix}${key}.`)
			);
}

/** Every state a snapshot can rest in: atomic and final nodes, minus transient (`always`) ones. */
export function restingStatePaths(machine: AnyStateMachine): string[] {
	return getStateNodes(machine.root)
		.filter((node) => node.type === 'atomic' || node.type === 'final')
		.filter((node) => !node.always?.length)
		.map((node) => node.path.join('.'));
}

interface Edge<S, E> {
	state: S;
	event: E;
	nextState: S;
}

/**
 * States (as keys) from which no goal can be reached without the excluded events (quitting):
 * a backwards walk from every goal over the explored edges. A learner in any other state can
 * always get to the end by using the app as intended.
 */
export function deadEnds<S extends AnyMachineSnapshot, E extends EventObject>(
	edges: readonly Edge<S, E>[],
	options: {
		isGoal: (state: S) => boolean;
		excludeEvent: (event: E) => boolean;
		/** States where the walk was cut off (`stopWhen`): their futures were not explored. */
		isCutOff?: (state: S) => boolean;
	}
): string[] {
	const key = (s: S) => JSON.stringify([s.value, s.context]);
	const states = new Map<string, S>();
	const cameFrom = new Map<string, Set<string>>();
	for (const edge of edges) {
		states.set(key(edge.state), edge.state);
		states.set(key(edge.nextState), edge.nextState);
		if (options.excludeEvent(edge.event)) continue;
		const to = key(edge.nextState);
		if (!cameFrom.has(to)) cameFrom.set(to, new Set());
		cameFrom.get(to)!.add(key(edge.state));
	}
	const canFinish = new Set(
		[...states].filter(([, s]) => options.isGoal(s) || options.isCutOff?.(s)).map(([k]) => k)
	);
	const queue = [...canFinish];
	while (queue.length > 0) {
		for (const before of cameFrom.get(queue.shift()!) ?? []) {
			if (!canFinish.has(before)) {
				canFinish.add(before);
				queue.push(before);
			}
		}
	}
	return [...states]
		.filter(([k, s]) => !canFinish.has(k) && s.status !== 'done')
		.map(([, s]) => JSON.stringify(s.value));
}
