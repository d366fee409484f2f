import type { Rng } from './random';

/** The flows figure 1 interrupts: every flow that records answers. */
export const FLOWS = ['lesson', 'practice', 'exam', 'review', 'mistakes'] as const;
export type FlowName = (typeof FLOWS)[number];

/**
 * How a learner's session is cut short:
 * - `reload`: the page reloads (F5, a pull-to-refresh);
 * - `close`: the tab is closed and the page opened again in a new tab;
 * - `crash`: the tab's renderer process dies (no unload handlers, no pending timers) and the
 *   page is opened again in a new tab of the same browser;
 * - `offline`: the network goes away for a step, comes back, and the page reloads.
 */
export const INTERRUPTIONS = ['reload', 'close', 'crash', 'offline'] as const;
export type Interruption = (typeof INTERRUPTIONS)[number];

/** One interruption point: start (or resume) `flow`, take `steps` learner actions, then `kind`. */
export interface Episode {
	flow: FlowName;
	/** Learner actions (answer, next, check…) before the interruption, 0 = right at the start. */
	steps: number;
	kind: Interruption;
	/** Episodes of one browser context share its storage; a new one starts with a fresh learner. */
	context: number;
}

export interface PlanOptions {
	/** How many interruptions in all. */
	n: number;
	/** Episodes per browser context (a learner's history grows over them). */
	perContext?: number;
	/** Most actions before an interruption. */
	maxSteps?: number;
}

/**
 * The interruption points of figure 1. Every flow × kind pair comes once per block of 20 (in a
 * shuffled order) so a few dozen points already cover every combination; the number of steps
 * before each is uniform in 0..maxSteps. Review and mistakes need earlier answers, so each
 * context starts with a practice episode.
 */
export function planInterruptions(rng: Rng, options: PlanOptions): Episode[] {
	const { n, perContext = 8, maxSteps = 6 } = options;
	const pairs = FLOWS.flatMap((flow) => INTERRUPTIONS.map((kind) => ({ flow, kind })));
	const episodes: Episode[] = [];
	let block: typeof pairs = [];
	while (episodes.length < n) {
		const index = episodes.length;
		const context = Math.floor(index / perContext);
		if (block.length === 0) block = rng.shuffle(pairs);
		let pair: (typeof pairs)[number];
		if (index % perContext === 0) {
			// A fresh learner: practice first, so review and mistakes have something to ask.
			const at = block.findIndex((p) => p.flow === 'practice');
			pair = at >= 0 ? block.splice(at, 1)[0] : { flow: 'practice', kind: rng.pick(INTERRUPTIONS) };
		} else pair = block.shift()!;
		// Practice opening a context answers at least twice: something for mistakes and review.
		const least = index % perContext === 0 ? 2 : 0;
		episodes.push({ ...pair, steps: least + rng.int(maxSteps + 1 - least), context });
	}
	return episodes;
}
