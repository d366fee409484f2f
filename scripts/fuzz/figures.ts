/**
 * A figure of the integrity fuzz: what was counted, against its goal. Every goal of issue #9 is
 * "at most this many" (0 losses, 0 dead screens…), so a figure is a list of counts with limits.
 */
export interface Count {
	label: string;
	value: number;
	/** Most allowed; the goal is met when `value <= max`. */
	max: number;
}

export interface Figure {
	/** e.g. "1. 200 interruptions (431 acknowledged answers)". */
	title: string;
	counts: Count[];
	/** Context for a reader: the mix of cases, the first failures with their seeds. */
	notes: string[];
}

export const meetsGoal = (figure: Figure): boolean =>
	figure.counts.length > 0 &&
	figure.counts.every((c) => Number.isFinite(c.value) && c.value <= c.max);

/** `MISS`/`ok`, the counts as "a / b (goal 0 / 0)" with their labels, and the notes indented. */
export function formatFigure(figure: Figure): string {
	const head = `${meetsGoal(figure) ? 'ok  ' : 'MISS'} ${figure.title}: ${figure.counts
		.map((c) => c.label)
		.join(' / ')} = ${figure.counts.map((c) => c.value).join(' / ')} (goal ${figure.counts
		.map((c) => c.max)
		.join(' / ')})`;
	return [head, ...figure.notes.map((n) => `       ${n}`)].join('\n');
}

/** The whole report: every figure, the seed to replay, and the exit code (1 when any misses). */
export function report(
	figures: readonly Figure[],
	seed: number,
	replay: string
): { text: string; exitCode: 0 | 1 } {
	const ok = figures.length > 0 && figures.every(meetsGoal);
	const text = [
		`Integrity fuzz, seed ${seed} (replay: ${replay})`,
		'',
		...figures.map(formatFigure),
		'',
		ok ? 'All figures meet their goals.' : 'Some figure misses its goal.'
	].join('\n');
	return { text, exitCode: ok ? 0 : 1 };
}

/** "flow/kind 3, …" from a list of labels: the mix a figure ran. */
export function tally(labels: readonly string[]): string {
	const counts = new Map<string, number>();
	for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
	return [...counts]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([label, n]) => `${label} ${n}`)
		.join(', ');
}
