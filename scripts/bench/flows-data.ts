/**
 * `npx tsx scripts/bench/flows-data.ts`: prints figures, asserts nothing.
 * A synthetic heavy learner: a bank of 10,000 items (100 units × 100), 100,000 attempts spread
 * over 365 days, and the item states those answers produce. Times in Node, median of 10 runs:
 *  - dueQueue over all item states, and the due queue and counts from the digest columns
 *  - the Progress page's computeProgressStats
 *  - applyAnswer (per call, from batches of 1,000)
 *  - backup round trip on an in-memory store: export, serialise, parse, import into an empty
 *    device, and importing the same file again (everything already there)
 * The browser part (IndexedDB, throttled CPU) is to be added separately.
 */
import {
	exportProgress,
	importProgress,
	parseBackup,
	serialiseBackup,
	type ProgressBackup
} from '../../src/lib/progress/backup';
import { applyAnswer, dueQueue } from '../../src/lib/progress/learning';
import { openProgressStore } from '../../src/lib/progress/progress-store';
import { computeProgressStats } from '../../src/lib/progress/stats';
import {
	addToHistory,
	digestCounts,
	digestDueQueue,
	digestUnit,
	emptyHistory
} from '../../src/lib/progress/summary';
import { createMemoryTables } from '../../src/lib/progress/tables';
import { ATTEMPTS, DAYS, ITEMS_PER_UNIT, syntheticLearner, UNITS } from './synthetic-learner';

const RUNS = 10;
const NOW = Date.UTC(2026, 10, 27, 12);

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function time(fn: () => void): number[] {
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		fn();
		times.push(performance.now() - t0);
	}
	return times;
}

async function timeAsync(fn: () => Promise<void>): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await fn();
		times.push(performance.now() - t0);
	}
	return times;
}

const openMemoryStore = () =>
	openProgressStore({ tables: createMemoryTables(), persistent: false, now: () => NOW });

async function main() {
	const rows: [string, string, string][] = [];
	/** Adds a table row; returns the median, for the round-trip total. */
	const row = (name: string, times: number[], note = '') => {
		rows.push([name, `${median(times).toFixed(2)} ms`, note]);
		return median(times);
	};

	const t0 = performance.now();
	const { units, itemConcepts, answers, attempts, flat, byUnit } = syntheticLearner(NOW);
	const replayMs = performance.now() - t0;
	const stateCount = Object.keys(flat).length;

	let dueLength = 0;
	row(
		'dueQueue (all states)',
		time(() => void (dueLength = dueQueue(flat, NOW).length)),
		`${dueLength} due of ${stateCount}`
	);
	row(
		'dueQueue (limit 20)',
		time(() => void dueQueue(flat, NOW, 20))
	);
	// What the app now reads: the store's per-unit digest columns (typed arrays).
	const digests = Object.values(byUnit).map(digestUnit);
	row(
		'digestDueQueue (all due, from columns)',
		time(() => void digestDueQueue(digests, NOW))
	);
	let counted = { due: 0, mistakes: 0 };
	row(
		'digestCounts (due + mistakes, from columns)',
		time(() => void (counted = digestCounts(digests, NOW))),
		`${counted.due} due, ${counted.mistakes} in the notebook`
	);

	let attemptCount = 0;
	let history = emptyHistory();
	row(
		'summarise 100k attempts (once per migration; then kept running)',
		time(() => void (history = addToHistory(emptyHistory(), attempts)))
	);
	row(
		'computeProgressStats',
		time(() => {
			const stats = computeProgressStats({
				history,
				itemStates: byUnit,
				units,
				itemConcepts,
				now: NOW,
				chartDays: 30,
				utcOffsetMinutes: 480
			});
			attemptCount = stats.attemptCount;
		}),
		`${attemptCount} attempts, 30-day chart, 1,000 concepts`
	);

	const batch = answers.slice(0, 1000);
	const perCall = time(() => {
		for (const { answer, mode } of batch) applyAnswer(flat[answer.itemId], answer, mode);
	}).map((t) => t / batch.length);
	rows.push(['applyAnswer (per call)', `${(median(perCall) * 1000).toFixed(1)} µs`, '']);
	rows.push([
		'replay 100k answers (once)',
		`${replayMs.toFixed(0)} ms`,
		'generate + applyAnswer × 100,000 to build the states'
	]);

	// Backup round trip on in-memory stores (structuredClone on every read/write, like IDB).
	const source = await openMemoryStore();
	await source.recordAttempts(attempts);
	for (const [unit, states] of Object.entries(byUnit))
		await source.putItemStates(unit, Object.values(states));

	let backup: ProgressBackup | undefined;
	let text = '';
	let roundTripMs = row(
		'exportProgress',
		await timeAsync(async () => void (backup = await exportProgress(source)))
	);
	roundTripMs += row(
		'serialiseBackup',
		time(() => void (text = serialiseBackup(backup!))),
		`${(text.length / 1_048_576).toFixed(1)} MB`
	);
	let parsed: ProgressBackup | undefined;
	roundTripMs += row(
		'parseBackup (validate all)',
		time(() => {
			const result = parseBackup(text);
			if (!result.ok) throw new Error(result.detail);
			parsed = result.backup;
		})
	);
	const fresh: number[] = [];
	const again: number[] = [];
	let freshResult = { attemptsAdded: 0, itemStatesUpdated: 0 };
	for (let i = 0; i < RUNS; i++) {
		const target = await openMemoryStore();
		let t = performance.now();
		freshResult = await importProgress(target, parsed!);
		fresh.push(performance.now() - t);
		t = performance.now();
		await importProgress(target, parsed!);
		again.push(performance.now() - t);
	}
	roundTripMs += row(
		'importProgress (empty device)',
		fresh,
		`${freshResult.attemptsAdded} attempts, ${freshResult.itemStatesUpdated} states`
	);
	row('importProgress (same file again)', again, 'nothing to add');
	rows.push([
		'round trip (sum of medians)',
		`${roundTripMs.toFixed(0)} ms`,
		'export → text → parse → import'
	]);

	console.log(
		`Synthetic learner: ${UNITS * ITEMS_PER_UNIT} items in ${UNITS} units, ${ATTEMPTS} attempts ` +
			`over ${DAYS} days, ${stateCount} item states. Node ${process.version}, median of ${RUNS}.\n`
	);
	const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
	for (const [name, figure, note] of rows)
		console.log(`${name.padEnd(widths[0])}  ${figure.padStart(widths[1])}  ${note}`);
}

await main();
