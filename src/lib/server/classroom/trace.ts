/**
 * Per-answer stage stamps, for finding where an answer's time goes on its way to the host's
 * screen (`bench:classroom` prints them as a per-stage table). Off unless `CLASSROOM_TRACE` is
 * set; off, every call site is one test of the constant `TRACING` and nothing else.
 *
 * `CLASSROOM_TRACE=<directory>` (or `1`: `<os tmpdir>/classroom-trace`): each process appends
 * lines `<room id> <player id> <stage> <wall ms>` to `<directory>/trace-<pid>.log`, written in
 * batches every TRACE_FLUSH_MS and at exit. Wall ms is `performance.timeOrigin +
 * performance.now()`: sub-millisecond, comparable across the processes of one machine.
 *
 * Every TRACE_FLUSH_MS the process also writes its event-loop delay over that time:
 * `~ <pid> lag <wall ms> <median ms> <max ms>`.
 *
 * Stages of one answer (`TraceStage`), in path order (the embedded mode records `accepted`,
 * `received`, `limited` and `replied` only):
 * - on the instance that took the answer: `accepted` (its connection was accepted; node:http
 *   route only, and before the phone sent the answer when the connection was kept alive),
 *   `received` (the request reached the endpoint, before its body was read), `limited` (the
 *   rate-limit count came back: shared mode, counted by the append itself, so at once),
 *   `sent` (its append left in a script call), `acked` (Redis replied: durable under
 *   `appendfsync always`), `replied` (its entry was applied here and the reply is being written);
 * - on every instance holding a host stream of the room: `seen` (the entry was applied here)
 *   and `written` (the host's view showing it was enqueued on the host's SSE stream).
 */
import { appendFile, mkdirSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** A point an answer passes on its way to the host's screen (see above). */
export type TraceStage =
	'accepted' | 'received' | 'limited' | 'sent' | 'acked' | 'replied' | 'seen' | 'written';

const setting = process.env.CLASSROOM_TRACE?.trim() ?? '';

/** Whether stamps are recorded (CLASSROOM_TRACE set and not `0`). */
export const TRACING = setting !== '' && setting !== '0';

/** How often buffered stamps go to the file (ms). */
const TRACE_FLUSH_MS = 200;

let lines: string[] = [];
let file = '';

/** Now, in wall-clock milliseconds with sub-millisecond precision. */
export const traceNow = (): number => performance.timeOrigin + performance.now();

function start(): void {
	const dir = setting === '1' ? join(tmpdir(), 'classroom-trace') : setting;
	mkdirSync(dir, { recursive: true });
	file = join(dir, `trace-${process.pid}.log`);
	// How late this process runs its callbacks: an answer waits that long before it is even read.
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	setInterval(() => {
		if (delay.count > 0)
			lines.push(
				`~ ${process.pid} lag ${traceNow().toFixed(0)} ${(delay.percentile(50) / 1e6).toFixed(1)} ${(delay.max / 1e6).toFixed(1)}\n`
			);
		delay.reset();
		if (lines.length === 0) return;
		const text = lines.join('');
		lines = [];
		appendFile(file, text, () => undefined);
	}, TRACE_FLUSH_MS).unref();
	process.on('exit', () => {
		if (lines.length > 0) appendFileSync(file, lines.join(''));
	});
}

if (TRACING) start();

/**
 * Records that the answer of `playerId` in `roomId` reached `stage` at `at` (wall ms, default
 * now). Callers test `TRACING` first, so that off this is never called.
 */
export function stamp(roomId: string, playerId: string, stage: TraceStage, at = traceNow()): void {
	lines.push(`${roomId} ${playerId} ${stage} ${at.toFixed(2)}\n`);
}
