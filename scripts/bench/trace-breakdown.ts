/**
 * Where the renderer's main thread spends an interaction, from a Chromium trace (the JSON that
 * Playwright's `browser.stopTracing()` returns, Chrome trace event format). Used by
 * `bench:flows` part 1 to split each answer into script, style, layout, paint and GC time.
 *
 * Figures are the main thread's CPU time (`tdur`, thread time in µs), not wall time: other
 * processes on a loaded machine stretch wall time but not CPU time, so these figures hold under
 * load (within the noise of shared caches). DevTools' CPU throttle does count as thread time
 * (measured: about 6-7x the 1x figure at 4x), so compare a rate with itself. The busy wall time
 * (`dur`) is kept beside them.
 */

/** One trace event (only the fields used here). Times are µs. */
export interface TraceEvent {
	name: string;
	cat: string;
	ph: string;
	pid: number;
	tid: number;
	ts: number;
	dur?: number;
	tdur?: number;
	args?: { name?: string; data?: Record<string, unknown> };
}

/** What a slice of main-thread work is, by the trace event's name. */
export type Kind = 'script' | 'style' | 'layout' | 'paint' | 'gc' | 'other';
export const KINDS: readonly Kind[] = ['script', 'style', 'layout', 'paint', 'gc', 'other'];

const KIND_OF: Record<string, Kind> = {
	EventDispatch: 'script',
	FunctionCall: 'script',
	TimerFire: 'script',
	FireAnimationFrame: 'script',
	RunMicrotasks: 'script',
	EvaluateScript: 'script',
	'v8.callFunction': 'script',
	'v8.run': 'script',
	'V8.Execute': 'script',
	'v8.compile': 'script',
	'v8.compileModule': 'script',
	'V8.CompileCode': 'script',
	'v8.produceCache': 'script',
	'v8.parseOnBackground': 'script',
	HandlePostMessage: 'script',
	UpdateLayoutTree: 'style',
	RecalculateStyles: 'style',
	ParseAuthorStyleSheet: 'style',
	Layout: 'layout',
	UpdateLayerTree: 'layout',
	IntersectionObserverController: 'layout',
	PrePaint: 'paint',
	Paint: 'paint',
	PaintImage: 'paint',
	Layerize: 'paint',
	Commit: 'paint',
	UpdateLayer: 'paint',
	CompositeLayers: 'paint',
	'LocalFrameView::RunPostLifecycleSteps': 'paint',
	MinorGC: 'gc',
	MajorGC: 'gc',
	MinorMS: 'gc',
	'V8.GC_SCAVENGER': 'gc',
	'V8.GCScavenger': 'gc',
	'V8.GCIncrementalMarking': 'gc',
	'V8.GCFinalizeMC': 'gc',
	'V8.GC_MC_BACKGROUND_MARKING': 'gc',
	BlinkGC: 'gc',
	'BlinkGC.AtomicPhase': 'gc',
	'BlinkGC.IncrementalMarkingStep': 'gc',
	'BlinkGC.CompleteSweep': 'gc',
	'BlinkGC.LazySweepInIdle': 'gc'
};
const kindOf = (event: TraceEvent): Kind | undefined =>
	KIND_OF[event.name] ?? (event.name.startsWith('V8.GC') ? 'gc' : undefined);

export type Breakdown = Record<Kind, number> & {
	/** Main-thread CPU ms in all (the sum of the kinds). */
	cpu: number;
	/** Wall ms the main thread was busy (tasks' `dur`). */
	busy: number;
	/** GC events that fell in the window (any size). */
	gcCount: number;
};

/**
 * The page's renderer main thread: the `CrRendererMain` thread of the process that recorded
 * `markName` (the page's own `performance.mark`).
 */
export function mainThread(events: TraceEvent[], markName: string): { pid: number; tid: number } {
	const mark = events.find((e) => e.name === markName && e.cat.includes('blink.user_timing'));
	if (!mark) throw new Error(`no "${markName}" user timing mark in the trace`);
	const main = events.find(
		(e) =>
			e.ph === 'M' &&
			e.name === 'thread_name' &&
			e.pid === mark.pid &&
			e.args?.name === 'CrRendererMain'
	);
	if (!main) throw new Error('no CrRendererMain thread in the trace');
	return { pid: main.pid, tid: main.tid };
}

/**
 * Splits the main thread's work of each interaction: from the top-level task holding a
 * `startMark` through the one holding the next `endMark` (for an answer: the frame that paints
 * it, whose rAF callback sets the mark and whose style, layout and paint follow it in the same
 * task; work deferred past that frame is not counted). Each complete event's self time goes to
 * its kind; an event of no known kind counts as its parent's, a top-level task's own time as
 * `other`.
 */
export function breakdowns(
	events: TraceEvent[],
	startMark: string,
	endMark: string
): (Breakdown | null)[] {
	const { pid, tid } = mainThread(events, startMark);
	const marks = (name: string) =>
		events
			.filter((e) => e.name === name && e.cat.includes('blink.user_timing') && e.pid === pid)
			.map((e) => e.ts)
			.sort((a, b) => a - b);
	const starts = marks(startMark);
	const ends = marks(endMark);
	const slices = events
		.filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && e.dur !== undefined)
		.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
	// Top-level tasks: slices not inside another.
	const tops: { event: TraceEvent; children: TraceEvent[] }[] = [];
	for (const event of slices) {
		const last = tops.at(-1);
		if (last && event.ts < last.event.ts + last.event.dur!) last.children.push(event);
		else tops.push({ event, children: [] });
	}
	const taskAt = (ts: number) =>
		tops.findIndex((t) => t.event.ts <= ts && ts <= t.event.ts + t.event.dur!);

	// One entry per start mark, in order (null where the trace lost the task), so callers can
	// pair each with what they know of that interaction.
	const result: (Breakdown | null)[] = [];
	let endIndex = 0;
	for (const start of starts) {
		while (endIndex < ends.length && ends[endIndex] < start) endIndex++;
		const end = ends[endIndex];
		const first = taskAt(start);
		const last = end === undefined ? -1 : taskAt(end);
		if (first < 0 || last < 0) {
			result.push(null);
			continue;
		}
		const figures: Breakdown = {
			script: 0,
			style: 0,
			layout: 0,
			paint: 0,
			gc: 0,
			other: 0,
			cpu: 0,
			busy: 0,
			gcCount: 0
		};
		for (const { event, children } of tops.slice(first, last + 1)) {
			figures.busy += event.dur! / 1000;
			attribute(event, children, figures);
		}
		for (const kind of KINDS) figures.cpu += figures[kind];
		result.push(figures);
	}
	return result;
}

/** Self CPU time of a task and its nested slices, by kind (ms). */
function attribute(top: TraceEvent, children: TraceEvent[], into: Breakdown): void {
	const cpu = (e: TraceEvent) => (e.tdur ?? e.dur!) / 1000;
	const stack: { event: TraceEvent; kind: Kind; self: number }[] = [];
	const close = (until: number) => {
		while (stack.length && stack.at(-1)!.event.ts + stack.at(-1)!.event.dur! <= until) {
			const done = stack.pop()!;
			into[done.kind] += Math.max(0, done.self);
		}
	};
	for (const event of [top, ...children]) {
		close(event.ts);
		const parent = stack.at(-1);
		const kind = kindOf(event) ?? parent?.kind ?? 'other';
		if (kind === 'gc' && parent?.kind !== 'gc') into.gcCount++;
		if (parent) parent.self -= cpu(event);
		stack.push({ event, kind, self: cpu(event) });
	}
	close(Infinity);
}
