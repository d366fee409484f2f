/**
 * `npm run bench:classroom`: load figures for the classroom server on loopback, against the
 * production build, in both modes on the same run. Not a test: it prints numbers and stops by
 * itself (each scenario is bounded in clients and time).
 *
 * The simulated phones run in processes of their own (scripts/bench/classroom-phones.ts, forked
 * here), so the figures are the server's and not the phones' CPU; they still share this
 * machine's cores with the server. Each phone is a real HTTP client: it joins, holds its own SSE
 * stream, and answers with a POST at a random moment within the same second as everyone else,
 * keeping its connection for requests open in between as a browser does (HTTP keep-alive, one
 * agent per phone; the server keeps an idle one 65 s, scripts/listen.js, so an answer rides
 * the connection the phone joined on; `KEEP_ALIVE_TIMEOUT=4 BENCH_PHONE_IDLE_MS=3000` gives
 * every answer a new connection, as Node's 5-s default did). `BENCH_NEW_CONNECTIONS=1`: a new connection for
 * every request, as the phones of earlier runs did.
 * The figure that matters is answer → host's tally: from the moment a phone sends its answer to
 * the moment the host's stream shows that phone as answered (budget: p95 ≤ 250 ms).
 *
 * Embedded (one process, JSONL): one room of 300, 10 rooms of 40, one room of 1,000 (the budget)
 * and 2,000 (past it). Shared (Redis + instances, started here like `cluster:local`): one room of
 * 2,000 over 2 instances, 50 rooms of 40 over 3 instances, then bigger to see what gives first.
 * `npm run bench:classroom -- 800 4x500` runs just those loads in the embedded mode (`RxP`: R
 * rooms of P players); `-- shared:2x2000` (instances x players) and `-- shared:3x50x40`
 * (instances x rooms x players) in the shared mode; both kinds may be mixed on one command line.
 * `BENCH_PROFILE=<dir>` writes a V8 CPU profile of the embedded server and of each shared-mode
 * instance there. In the shared mode each scenario also prints Redis's own figures per answer:
 * redis-server CPU and the commands run (INFO commandstats), which do not depend on load.
 * `BENCH_KIT_ONLY=1` has SvelteKit serve every request (CLASSROOM_NODE_ROUTES=0, scripts/serve.js):
 * the answer path before the node:http route, on the same build, for the ratio.
 * At the end, one table row per scenario: the figures and what gave first.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDrill } from '../../src/lib/bank/generators/index.ts';
import { useGeneratorContent } from '../../src/lib/bank/generators/content.ts';
import type { ClassifyItem } from '../../src/lib/bank/types.ts';
import type { CreateRoomResponse, HostView } from '../../src/lib/classroom/protocol.ts';
import {
	clusterBasePort,
	copyBuild,
	startCluster,
	startInstance,
	type Cluster,
	type Proc
} from '../cluster/cluster.ts';
import { Redis } from 'ioredis';
import { ViewAssembler } from '../../src/lib/classroom/view-patch.ts';
import { readSse } from './sse-reader.ts';

const SEED = 7;
// Outside Vite the generators get their built content handed over (see generators/content.ts).
useGeneratorContent(JSON.parse(readFileSync('src/lib/bank/generated/generators.json', 'utf8')));
const ITEM = generateDrill({ kind: 'mode', seed: SEED, count: 1, locale: 'en' })[0] as ClassifyItem;
const SCENARIO_TIMEOUT_MS = 60_000;
const PHONE_PROCESSES = 2;
/**
 * Per-answer stage stamps (CLASSROOM_TRACE, src/lib/server/classroom/trace.ts) go here; the bench
 * prints them as a table per scenario. `BENCH_TRACE=0` runs the servers without them.
 */
const TRACE_DIR =
	process.env.BENCH_TRACE === '0' ? null : mkdtempSync(join(tmpdir(), 'classroom-bench-trace-'));
/** Limits a classroom never reaches, raised so the bench measures the server, not the limits. */
const BENCH_ENV = {
	...(TRACE_DIR ? { CLASSROOM_TRACE: TRACE_DIR } : {}),
	ADDRESS_HEADER: 'x-forwarded-for',
	CLASSROOM_MAX_PLAYERS: '5000',
	CLASSROOM_MAX_ROOMS: '1000',
	CLASSROOM_CREATE_BURST: '100000',
	// Every room's host stream comes from this one process (one address).
	CLASSROOM_STREAM_BURST: '100000',
	...(process.env.BENCH_KIT_ONLY === '1' ? { CLASSROOM_NODE_ROUTES: '0' } : {})
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wall = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

async function rssMb(pid: number | undefined): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
	const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
	return Math.round(kb / 1024);
}

/** User + system CPU seconds a process has used so far. */
async function cpuSeconds(pid: number | undefined): Promise<number> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The kernel's count of connections dropped because a listen queue was full (TcpExt
 * ListenOverflows, /proc/net/netstat): each is a phone's SYN that it sends again only 1 s, then
 * 3 s later. It counts every listener of this network namespace, not only ours.
 */
async function listenOverflows(): Promise<number> {
	const text = await readFile('/proc/net/netstat', 'utf8').catch(() => '');
	const [names, values] = text.split('\n').filter((line) => line.startsWith('TcpExt:'));
	if (!names || !values) return NaN;
	const index = names.split(' ').indexOf('ListenOverflows');
	return Number(values.split(' ')[index]);
}

/** A forked process of simulated phones (see classroom-phones.ts), with request/reply over IPC. */
class Phones {
	private readonly child: ChildProcess;
	private nextId = 0;
	private readonly replies = new Map<number, (reply: Record<string, unknown>) => void>();

	constructor(index: number) {
		this.child = fork('scripts/bench/classroom-phones.ts', [], {
			execArgv: ['--import', 'tsx'],
			env: { ...process.env, PHONES_IP_BASE: String(index * 1_000_000) },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		this.child.on('message', (reply: Record<string, unknown>) => {
			this.replies.get(reply.id as number)?.(reply);
			this.replies.delete(reply.id as number);
		});
	}

	get pid() {
		return this.child.pid;
	}

	ask<T>(room: string, message: object): Promise<T> {
		const id = this.nextId++;
		return new Promise((resolve) => {
			this.replies.set(id, resolve as (reply: Record<string, unknown>) => void);
			this.child.send({ id, room, ...message });
		});
	}

	stop() {
		if (this.child.connected) this.child.disconnect();
		this.child.kill();
	}
}

/** After a timed-out scenario its phones are still connected: start with fresh processes. */
function renewPhones(phones: Phones[]) {
	for (let i = 0; i < phones.length; i++) {
		phones[i].stop();
		phones[i] = new Phones(i + phones.length * (roomCounter + 1));
	}
}

// ---------------------------------------------------------------------------------------------
// One room under load
// ---------------------------------------------------------------------------------------------

async function post<T>(origin: string, path: string, body: unknown, secret?: string) {
	const response = await fetch(`${origin}/api/classroom${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-forwarded-for': '10.255.255.1',
			...(secret ? { authorization: `Bearer ${secret}` } : {})
		},
		body: JSON.stringify(body)
	});
	const json = (await response.json()) as T;
	if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
	return json;
}

/** The host's SSE stream; calls `onView` with each view and its arrival time (wall ms). */
function hostStream(
	origin: string,
	room: CreateRoomResponse,
	onView: (v: HostView, at: number) => void
) {
	const controller = new AbortController();
	let opened: () => void = () => undefined;
	const open = new Promise<void>((r) => (opened = r));
	const stream = { open, close: () => controller.abort(), failed: false };
	void (async () => {
		try {
			const response = await fetch(
				`${origin}/api/classroom/rooms/${room.roomId}/events?role=host`,
				{
					headers: {
						authorization: `Bearer ${room.hostSecret}`,
						'x-forwarded-for': '10.255.255.2'
					},
					signal: controller.signal
				}
			);
			// Refused (a limit, a wrong secret): counted as a stream error, not read as a silent room.
			if (!response.ok) throw new Error(`host stream: HTTP ${response.status}`);
			opened();
			// A whole view, then patches (view-patch.ts).
			const assembler = new ViewAssembler<HostView>();
			await readSse(response.body!, ({ event, data }) => {
				const view = assembler.accept(event, data);
				if (view === 'resync') throw new Error('host stream: a patch to a view it never had');
				if (view) onView(view, wall());
			});
		} catch {
			if (!controller.signal.aborted) stream.failed = true;
			opened();
		}
	})();
	return stream;
}

interface RoomResult {
	players: number;
	joined: number;
	joinErrors: number;
	streamErrors: number;
	answerErrors: number;
	/** Answers the host never saw within the time limit. */
	missing: number;
	tally: number[];
	ack: number[];
	questionFanOutMs: number;
	revealFanOutMs: number;
	/** Server CPU (all instances, user + system) from the first answer sent to the last tallied. */
	answerCpuMs: number;
	/** Shared mode: redis-server's CPU over the same window. */
	redisCpuMs: number;
	/** Shared mode: Redis commands run over the same window, by name (INFO commandstats). */
	commands: Record<string, number>;
	/** Each server process's event-loop delay over the answers (trace only): median and max, ms. */
	serverLag: { pid: string; median: number; max: number }[];
	/** Listen-queue overflows on this machine from the first answer sent to the last tallied. */
	overflows: number;
	/** Each phone process's event-loop delay over the answers (ms). */
	phoneLag: { p50: number; p99: number; max: number }[];
	/** Per-answer stage times (wall ms) by player: the phones', the host's and the servers' stamps. */
	stages: Map<string, Record<string, number>>;
}

let roomCounter = 0;
/** The server processes of the scenario running now (for CPU per answer). */
let serverPids: (number | undefined)[] = [];
const serversCpuMs = async () =>
	(await Promise.all(serverPids.map(cpuSeconds))).reduce((a, b) => a + b, 0) * 1000;
/** Shared mode: redis-server's pid and a connection to it, for its CPU and command counts. */
let redisProbe: { pid: number | undefined; client: Redis } | null = null;
const redisCpuMs = async () => (redisProbe ? (await cpuSeconds(redisProbe.pid)) * 1000 : 0);

/**
 * Commands Redis has run so far, by name (INFO commandstats: a script's own calls count under
 * their names, and the script call itself under evalsha). Load-independent, unlike any timing.
 */
async function commandCounts(): Promise<Record<string, number>> {
	if (!redisProbe) return {};
	const info = await redisProbe.client.info('commandstats');
	const counts: Record<string, number> = {};
	for (const [, name, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
		counts[name] = Number(calls);
	return counts;
}

/**
 * One room: the host (this process) on `origins[0]`, the phones spread over `phones` processes
 * and over `origins` (round robin), everyone answering within one second.
 */
async function runRoom(origins: string[], players: number, phones: Phones[]): Promise<RoomResult> {
	const key = `room${roomCounter++}`;
	const room = await post<CreateRoomResponse>(origins[0], '/rooms', {
		locale: 'en',
		source: { kind: 'generated', generated: [{ kind: 'mode', seed: SEED, count: 2 }] },
		settings: { secondsPerQuestion: 60 }
	});
	const seenAt = new Map<string, number>();
	let hostPlayers = 0;
	const host = hostStream(origins[0], room, (view, at) => {
		hostPlayers = view.players.length;
		for (const p of view.players)
			if (p.answered && !seenAt.has(p.playerId)) seenAt.set(p.playerId, at);
	});
	await host.open;
	const shares = phones.map(
		(_, i) => Math.floor(players / phones.length) + (i < players % phones.length ? 1 : 0)
	);
	const joins = await Promise.all(
		phones.map((p, i) =>
			p.ask<{ joined: number; errors: number }>(key, {
				join: { pin: room.pin, count: shares[i], label: `${key}-${i}`, origins }
			})
		)
	);
	const joined = joins.reduce((n, j) => n + j.joined, 0);
	const deadline = performance.now() + SCENARIO_TIMEOUT_MS;
	while (hostPlayers < joined && performance.now() < deadline) await sleep(20);

	const fanOut = async (phase: string, since: number) => {
		const times = await Promise.all(
			phones.map((p) => p.ask<{ phaseAt: number | null }>(key, { phase }))
		);
		return times.some((t) => t.phaseAt === null)
			? NaN
			: Math.max(...times.map((t) => t.phaseAt!)) - since;
	};
	const startAt = wall();
	await post(origins[0], `/rooms/${room.roomId}/command`, { type: 'start' }, room.hostSecret);
	const questionFanOutMs = await fanOut('question', startAt);

	const values = Object.fromEntries(ITEM.dimensions.map((d) => [d.family, d.answer]));
	const body = { questionIndex: 0, response: { type: 'classify', values } };
	const [cpuBefore, redisBefore, commandsBefore, overflowsBefore] = await Promise.all([
		serversCpuMs(),
		redisCpuMs(),
		commandCounts(),
		listenOverflows()
	]);
	const answers = await Promise.all(
		phones.map((p) =>
			p.ask<{
				sent: Record<string, number>;
				ack: number[];
				acked: Record<string, number>;
				connected: Record<string, number>;
				lagMs: { p50: number; p99: number; max: number };
				errors: number;
				streamErrors: number;
			}>(key, { answer: { windowMs: 1000, body } })
		)
	);
	const sent = Object.assign({}, ...answers.map((a) => a.sent)) as Record<string, number>;
	const answerErrors = answers.reduce((n, a) => n + a.errors, 0);
	while (seenAt.size < joined - answerErrors && performance.now() < deadline) await sleep(20);
	const [cpuAfter, redisAfter, commandsAfter, overflowsAfter] = await Promise.all([
		serversCpuMs(),
		redisCpuMs(),
		commandCounts(),
		listenOverflows()
	]);
	const answerCpuMs = cpuAfter - cpuBefore;
	const commands = Object.fromEntries(
		Object.entries(commandsAfter)
			.map(([name, calls]) => [name, calls - (commandsBefore[name] ?? 0)] as const)
			.filter(([name, calls]) => calls > 0 && name !== 'info')
	);
	const tally = Object.entries(sent)
		.filter(([id]) => seenAt.has(id))
		.map(([id, at]) => seenAt.get(id)! - at);

	const answerWindow: [number, number] = [
		Math.min(...Object.values(sent)),
		Math.max(0, ...seenAt.values())
	];
	const stages = await traceStages(room.roomId, {
		phone: sent,
		phoneAck: Object.assign({}, ...answers.map((a) => a.acked)) as Record<string, number>,
		phoneConnected: Object.assign({}, ...answers.map((a) => a.connected)) as Record<string, number>,
		host: Object.fromEntries(seenAt)
	});

	const revealAt = wall();
	await post(origins[0], `/rooms/${room.roomId}/command`, { type: 'reveal' }, room.hostSecret);
	const revealFanOutMs = await fanOut('revealed', revealAt);
	await post(origins[0], `/rooms/${room.roomId}/command`, { type: 'end' }, room.hostSecret);
	host.close();
	await Promise.all(phones.map((p) => p.ask(key, { close: true })));
	return {
		players,
		joined,
		joinErrors: joins.reduce((n, j) => n + j.errors, 0),
		streamErrors: Math.max(...answers.map((a) => a.streamErrors)) + (host.failed ? 1 : 0),
		answerErrors,
		missing: joined - answerErrors - seenAt.size,
		tally,
		ack: answers.flatMap((a) => a.ack),
		questionFanOutMs,
		revealFanOutMs,
		answerCpuMs,
		redisCpuMs: redisAfter - redisBefore,
		commands,
		stages,
		serverLag: await serverLag(answerWindow),
		overflows: overflowsAfter - overflowsBefore,
		phoneLag: answers.map((a) => a.lagMs)
	};
}

/**
 * One room's per-answer stamps: the servers' (read from their trace files, once they have
 * written them) merged with the bench's own, `extra` (stage → player → wall ms).
 */
async function traceStages(
	roomId: string,
	extra: Record<string, Record<string, number>>
): Promise<Map<string, Record<string, number>>> {
	const stages = new Map<string, Record<string, number>>();
	const at = (player: string) => {
		let record = stages.get(player);
		if (!record) stages.set(player, (record = {}));
		return record;
	};
	for (const [stage, times] of Object.entries(extra))
		for (const [player, time] of Object.entries(times)) at(player)[stage] = time;
	if (!TRACE_DIR) return stages;
	// The servers write their stamps every 200 ms (trace.ts).
	await sleep(600);
	for (const name of await readdir(TRACE_DIR)) {
		const text = await readFile(join(TRACE_DIR, name), 'utf8');
		for (const line of text.split('\n')) {
			const [room, player, stage, time] = line.split(' ');
			if (room !== roomId || !stages.has(player)) continue;
			const record = at(player);
			// A stage stamped twice (a host stream on two instances): the first one counts.
			if (record[stage] === undefined) record[stage] = Number(time);
		}
	}
	return stages;
}

/**
 * Each traced server process's event-loop delay over [from, to] (wall ms), from the lines its
 * trace writes every 200 ms: the median of those windows' medians, and the largest delay.
 */
async function serverLag([from, to]: [number, number]) {
	if (!TRACE_DIR) return [];
	const byPid = new Map<string, { medians: number[]; max: number }>();
	for (const name of await readdir(TRACE_DIR)) {
		const text = await readFile(join(TRACE_DIR, name), 'utf8');
		for (const line of text.split('\n')) {
			const [mark, pid, kind, at, median, max] = line.split(' ');
			// A line covers the 200 ms before it.
			if (mark !== '~' || kind !== 'lag' || Number(at) < from || Number(at) - 200 > to) continue;
			const lag = byPid.get(pid) ?? { medians: [], max: 0 };
			lag.medians.push(Number(median));
			lag.max = Math.max(lag.max, Number(max));
			byPid.set(pid, lag);
		}
	}
	return [...byPid].map(([pid, { medians, max }]) => ({
		pid,
		median: percentile(medians, 50),
		max
	}));
}

/** The path of an answer, as pairs of stamps: the servers' stages between the phone's and host's. */
const STAGE_STEPS: [from: string, to: string, label: string][] = [
	['phone', 'phoneConnected', 'phone sent → TCP connected (new connections)'],
	['phoneConnected', 'accepted', 'TCP connected → server accepted it (JS)'],
	['accepted', 'received', 'accepted → endpoint received'],
	['phone', 'received', 'phone sent → endpoint received (all)'],
	['received', 'limited', 'received → rate-limit count back'],
	['limited', 'sent', 'rate limit → append sent (group-commit queue)'],
	['sent', 'acked', 'append sent → Redis reply (script + fsync)'],
	['acked', 'replied', 'Redis reply → own entry applied (reply)'],
	['replied', 'phoneAck', 'reply → phone has the ack'],
	['acked', 'seen', "Redis reply → applied on host's instance"],
	['seen', 'written', "applied → host's SSE written"],
	['written', 'host', "host's SSE written → host reads it"]
];

/** Prints the per-stage median / p95 table of a scenario's answers (when traced). */
function printStages(results: RoomResult[]): void {
	const records = results.flatMap((r) => [...r.stages.values()]);
	if (!records.some((r) => r.received !== undefined)) return;
	console.log('  per stage (median / p95 of the step; then median / p95 since the phone sent):');
	for (const [from, to, label] of STAGE_STEPS) {
		const steps: number[] = [];
		const since: number[] = [];
		for (const r of records)
			if (
				r[from] !== undefined &&
				r[to] !== undefined &&
				r.phone !== undefined &&
				// A kept-alive connection was accepted long before: new connections only.
				(from !== 'accepted' || r.phoneConnected !== undefined)
			) {
				steps.push(r[to] - r[from]);
				since.push(r[to] - r.phone);
			}
		if (steps.length === 0) continue;
		const cell = (v: number[], p: number) => `${percentile(v, p).toFixed(1)}`;
		console.log(
			`    ${label.padEnd(48)} ${cell(steps, 50).padStart(7)} / ${cell(steps, 95).padStart(7)} ms   (at ${cell(since, 50)} / ${cell(since, 95)} ms, n=${steps.length})`
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'timed out');

interface Measured {
	results: RoomResult[];
	/** Peak RSS (MB) per server process, and of Redis. */
	peaks: number[];
	redisPeak: number | null;
	/** CPU share of one core per server process over the scenario. */
	cpu: number[];
	phonesCpu: number;
}

async function measure(
	servers: (number | undefined)[],
	redis: number | undefined,
	phones: Phones[],
	run: () => Promise<RoomResult[]>
): Promise<Measured> {
	const peaks = await Promise.all(servers.map(rssMb));
	let redisPeak = redis ? await rssMb(redis) : null;
	const sampler = setInterval(() => {
		servers.forEach((pid, i) => void rssMb(pid).then((v) => (peaks[i] = Math.max(peaks[i], v))));
		if (redis) void rssMb(redis).then((v) => (redisPeak = Math.max(redisPeak ?? 0, v)));
	}, 100);
	serverPids = servers;
	const cpu0 = await Promise.all(servers.map(cpuSeconds));
	const phones0 = await Promise.all(phones.map((p) => cpuSeconds(p.pid)));
	const t0 = performance.now();
	const timeout = sleep(SCENARIO_TIMEOUT_MS * 2).then(() => {
		throw new Error('scenario timed out');
	});
	try {
		const results = await Promise.race([run(), timeout]).catch((error: unknown) => {
			// What it had reached by then is part of "what gives first".
			const rss = `${peaks.join(' / ')} MB${redisPeak !== null ? `, Redis ${redisPeak} MB` : ''}`;
			throw new Error(`${(error as Error).message} (peak RSS per instance ${rss})`, {
				cause: error
			});
		});
		const wallS = (performance.now() - t0) / 1000;
		const cpu = (await Promise.all(servers.map(cpuSeconds))).map((c, i) => (c - cpu0[i]) / wallS);
		const phonesNow = await Promise.all(phones.map((p) => cpuSeconds(p.pid)));
		const phonesCpu = phonesNow.reduce((sum, c, i) => sum + c - phones0[i], 0) / wallS;
		return { results, peaks, redisPeak, cpu, phonesCpu };
	} finally {
		clearInterval(sampler);
	}
}

/** One line per scenario for the closing table (printed at the end of the run). */
const table: string[] = [];

/**
 * What gives first in a scenario, in the order a class would notice it: requests refused, answers
 * the host never saw, the tally over budget, then a server process at its core's limit.
 */
function firstFailure(m: Measured, p95: number): string {
	const sum = (f: (r: RoomResult) => number) => m.results.reduce((s, r) => s + f(r), 0);
	const errors = sum((r) => r.joinErrors + r.streamErrors + r.answerErrors);
	if (errors > 0) return `${errors} refused/failed requests`;
	if (sum((r) => r.missing) > 0) return `${sum((r) => r.missing)} answers never tallied`;
	if (!(p95 <= 250)) return 'tally p95 over 250 ms';
	const busiest = Math.max(...m.cpu);
	return busiest >= 0.9 ? `ok, but a server at ${Math.round(busiest * 100)}% of a core` : 'ok';
}

/** Prints a scenario; returns its p95 (NaN when it timed out). */
function print(title: string, m: Measured, row?: { mode: string; instances: number }): number {
	const { results } = m;
	const tally = results.flatMap((r) => r.tally);
	const ack = results.flatMap((r) => r.ack);
	const sum = (f: (r: RoomResult) => number) => results.reduce((s, r) => s + f(r), 0);
	const worst = (f: (r: RoomResult) => number) => Math.max(...results.map(f));
	const p95 = percentile(tally, 95);
	console.log(`\n${title}`);
	console.log(
		`  joined ${sum((r) => r.joined)}/${sum((r) => r.players)}; errors: join ${sum((r) => r.joinErrors)}, stream ${sum((r) => r.streamErrors)}, answer ${sum((r) => r.answerErrors)}; answers the host never saw: ${sum((r) => r.missing)}`
	);
	console.log(
		`  answer → host tally: median ${ms(percentile(tally, 50))}, p95 ${ms(p95)}, max ${ms(percentile(tally, 100))}  ${p95 <= 250 ? '(within 250 ms budget)' : '(OVER the 250 ms budget)'}`
	);
	console.log(
		`  answer acknowledged (durable): median ${ms(percentile(ack, 50))}, p95 ${ms(percentile(ack, 95))}`
	);
	console.log(
		`  start → every phone shows the question: ${ms(worst((r) => r.questionFanOutMs))}; reveal → every phone shows its result: ${ms(worst((r) => r.revealFanOutMs))}`
	);
	printStages(results);
	console.log(
		`  connections dropped by a full listen queue during the answers (whole machine): ${sum((r) => r.overflows)}`
	);
	const lags = results.flatMap((r) => r.serverLag);
	if (lags.length > 0)
		console.log(
			`  servers' event-loop delay over the answers (median of 200-ms windows / max, per process): ${lags
				.map((l) => `${l.median.toFixed(0)} / ${l.max.toFixed(0)} ms`)
				.join('; ')}`
		);
	console.log(
		`  phones' event-loop delay over the answers (p50 / p99 / max per process): ${results
			.flatMap((r) => r.phoneLag)
			.map((l) => `${l.p50.toFixed(0)} / ${l.p99.toFixed(0)} / ${l.max.toFixed(0)} ms`)
			.join('; ')}`
	);
	const servers = m.peaks
		.map((peak, i) => `#${i + 1} ${peak} MB / ${Math.round(m.cpu[i] * 100)}% CPU`)
		.join(', ');
	// Load-independent: CPU time per answer, over the answer burst (several rooms at once share
	// the processes, so there it is the whole burst's CPU over all their answers).
	const answered = sum((r) => r.joined - r.answerErrors);
	const burstCpu = results.length === 1 ? results[0].answerCpuMs : worst((r) => r.answerCpuMs);
	console.log(
		`  server CPU per answer: ${(burstCpu / Math.max(1, answered)).toFixed(2)} ms (${Math.round(burstCpu)} ms of CPU from the first answer sent to the last tallied, ${answered} answers; includes the pushes)`
	);
	if (m.redisPeak !== null) {
		// The same window, seen from Redis. With several rooms at once the windows overlap: the
		// widest one (the busiest room's) stands for the burst, as for the servers' CPU above.
		const widest = results.reduce((a, r) => (r.answerCpuMs > a.answerCpuMs ? r : a));
		const calls = Object.entries(results.length === 1 ? results[0].commands : widest.commands);
		const total = calls.reduce((n, [, c]) => n + c, 0);
		const per = (n: number) => (n / Math.max(1, answered)).toFixed(2);
		console.log(
			`  Redis per answer: ${per(results.length === 1 ? results[0].redisCpuMs : widest.redisCpuMs)} ms CPU; ${per(total)} commands (${calls
				.sort((a, b) => b[1] - a[1])
				.map(([name, c]) => `${name} ${per(c)}`)
				.join(', ')})`
		);
	}
	// Other work on the machine skews every figure: say how loaded it was.
	console.log(`  machine load average (1 min) after the scenario: ${loadavg()[0].toFixed(2)}`);
	console.log(
		`  server process(es): ${servers}${m.redisPeak !== null ? `; Redis ${m.redisPeak} MB` : ''}; phones' processes ${Math.round(m.phonesCpu * 100)}% CPU`
	);
	if (row) {
		const cells = [
			row.mode,
			String(row.instances),
			results.length === 1 ? String(results[0].players) : `${results.length}×${results[0].players}`,
			`${ms(percentile(tally, 50))} / ${ms(p95)}`,
			ms(percentile(ack, 95)),
			m.cpu.map((c) => `${Math.round(c * 100)}%`).join(' '),
			m.peaks.map((p) => `${p}`).join(' ') +
				(m.redisPeak !== null ? ` (Redis ${m.redisPeak})` : ''),
			loadavg()[0].toFixed(1),
			firstFailure(m, p95)
		];
		table.push(`| ${cells.join(' | ')} |`);
	}
	return p95;
}

// ---------------------------------------------------------------------------------------------
// Modes
// ---------------------------------------------------------------------------------------------

async function embedded(loads: { rooms: number; players: number }[], phones: Phones[]) {
	const build = await copyBuild();
	const dataDir = await mkdtemp(join(tmpdir(), 'classroom-bench-data-'));
	const port = clusterBasePort() + 9;
	// BENCH_PROFILE=<dir>: a V8 CPU profile of the embedded server (open in Chrome DevTools).
	const profile = process.env.BENCH_PROFILE;
	const server: Proc = await startInstance(
		build.appDir,
		port,
		// SHUTDOWN_TIMEOUT (scripts/serve.js): close lingering streams soon so the profile gets written.
		{ ...BENCH_ENV, CLASSROOM_DATA_DIR: dataDir, ...(profile ? { SHUTDOWN_TIMEOUT: '2' } : {}) },
		profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []
	);
	const origin = `http://127.0.0.1:${port}`;
	console.log(
		`\n== Embedded: one process, JSONL log (idle RSS ${await rssMb(server.child.pid)} MB) ==`
	);
	try {
		for (const { rooms, players } of loads) {
			const title =
				rooms === 1 ? `One room of ${players} players` : `${rooms} rooms of ${players} at once`;
			try {
				const m = await measure([server.child.pid], undefined, phones, () =>
					Promise.all(Array.from({ length: rooms }, () => runRoom([origin], players, phones)))
				);
				print(title, m, { mode: 'embedded', instances: 1 });
			} catch (error) {
				console.log(`\n${title}: ${String(error)}`);
				table.push(`| embedded | 1 | ${rooms}×${players} | ${String(error)} |`);
				renewPhones(phones);
			}
		}
	} finally {
		// A CPU profile is written only on a normal exit: give the server time to finish.
		await server.stop('SIGTERM', profile ? 30_000 : undefined);
		await build.remove();
		await rm(dataDir, { recursive: true, force: true });
	}
}

async function shared(
	loads: { instances: number; rooms: number; players: number }[],
	phones: Phones[]
) {
	let cluster: Cluster | null = null;
	let instances = 0;
	// BENCH_PROFILE=<dir>: a V8 CPU profile of each instance too, written when the cluster stops.
	const profile = process.env.BENCH_PROFILE;
	for (const { instances: wanted, rooms, players } of loads) {
		if (wanted !== instances) {
			redisProbe?.client.disconnect();
			await cluster?.stop();
			cluster = await startCluster({
				base: clusterBasePort() + 10,
				instances: wanted,
				env: { ...BENCH_ENV, XFF_DEPTH: '1', ...(profile ? { SHUTDOWN_TIMEOUT: '2' } : {}) },
				nodeArgs: profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []
			});
			redisProbe = { pid: cluster.redis.child.pid, client: new Redis(cluster.redisUrl) };
			instances = wanted;
			console.log(
				`\n== Shared: Redis (AOF, appendfsync always) + ${wanted} instances (idle RSS ${(await Promise.all(cluster.procs.map((p) => rssMb(p.child.pid)))).join(' / ')} MB; Redis ${await rssMb(cluster.redis.child.pid)} MB) ==`
			);
		}
		const c = cluster!;
		const title =
			rooms === 1
				? `One room of ${players} players across ${wanted} instances`
				: `${rooms} rooms of ${players} across ${wanted} instances`;
		try {
			const m = await measure(
				c.procs.map((p) => p.child.pid),
				c.redis.child.pid,
				phones,
				() =>
					Promise.all(
						Array.from({ length: rooms }, (_, r) =>
							// Each room's host on its own instance in turn; phones over all of them.
							runRoom(
								[...c.instances.slice(r % wanted), ...c.instances.slice(0, r % wanted)],
								players,
								phones
							)
						)
					)
			);
			print(title, m, { mode: 'shared', instances: wanted });
		} catch (error) {
			console.log(`\n${title}: ${String(error)}`);
			table.push(`| shared | ${wanted} | ${rooms}×${players} | ${String(error)} |`);
			renewPhones(phones);
		}
	}
	redisProbe?.client.disconnect();
	redisProbe = null;
	await cluster?.stop(profile ? 30_000 : undefined);
}

async function main() {
	if (!existsSync('build/index.js')) {
		console.log('No build: running `npm run build` first…');
		await new Promise<void>((resolve, reject) =>
			spawn('npm', ['run', 'build'], { stdio: 'inherit' }).on('exit', (code) =>
				code === 0 ? resolve() : reject(new Error('build failed'))
			)
		);
	}
	const phones = Array.from({ length: PHONE_PROCESSES }, (_, i) => new Phones(i));
	console.log(
		`Classroom load on loopback; phones in ${PHONE_PROCESSES} processes of their own, sharing this machine's CPUs with the servers; answers served by ${process.env.BENCH_KIT_ONLY === '1' ? 'SvelteKit (BENCH_KIT_ONLY=1)' : 'the node:http route'}; ${process.env.BENCH_NEW_CONNECTIONS === '1' ? 'a new connection per request (BENCH_NEW_CONNECTIONS=1)' : 'phones keep their connections alive'}. Load average before: ${loadavg()
			.map((l) => l.toFixed(2))
			.join(', ')}.`
	);
	try {
		const args = process.argv.slice(2);
		if (args.length > 0) {
			const parse = (arg: string) => arg.match(/^(?:(\d+)x)?(\d+)$/);
			const embeddedLoads = args.flatMap((arg) => {
				const m = parse(arg);
				return m ? [{ rooms: Number(m[1] ?? 1), players: Number(m[2]) }] : [];
			});
			const sharedLoads = args.flatMap((arg) => {
				const m = arg.match(/^shared:(\d+)x(?:(\d+)x)?(\d+)$/);
				return m
					? [{ instances: Number(m[1]), rooms: Number(m[2] ?? 1), players: Number(m[3]) }]
					: [];
			});
			if (embeddedLoads.length > 0) await embedded(embeddedLoads, phones);
			if (sharedLoads.length > 0) await shared(sharedLoads, phones);
			return;
		}
		await embedded(
			[
				{ rooms: 1, players: 300 },
				{ rooms: 10, players: 40 },
				{ rooms: 1, players: 1000 },
				{ rooms: 1, players: 2000 }
			],
			phones
		);
		await shared(
			[
				{ instances: 2, rooms: 1, players: 2000 },
				{ instances: 3, rooms: 50, players: 40 },
				{ instances: 3, rooms: 1, players: 3000 },
				{ instances: 3, rooms: 100, players: 40 }
			],
			phones
		);
	} finally {
		for (const p of phones) p.stop();
		console.log(
			'\n| mode | instances | players | answer → host tally median / p95 | ack (durable) p95 | server CPU (of one core) | RSS MB per instance | load avg | what gives first |'
		);
		console.log('|---|---|---|---|---|---|---|---|---|');
		for (const row of table) console.log(row);
		if (TRACE_DIR) rmSync(TRACE_DIR, { recursive: true, force: true });
	}
}

await main();
process.exit(0);
