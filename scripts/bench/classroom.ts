/**
 * `npm run bench:classroom`: load figures for the classroom server, on loopback, against the
 * production build. Not a test: it prints numbers and stops by itself (each scenario is bounded
 * in clients and time).
 *
 * Every simulated phone is a real HTTP client: it joins, holds its own SSE stream, and answers
 * with a POST at a random moment within the same second as everyone else. The figure that
 * matters is answer → host's tally: from the moment a phone sends its answer to the moment the
 * host's stream shows that phone as answered (budget: p95 ≤ 250 ms).
 *
 * Scenarios: one room of 300; 10 rooms of 40 at once; then 600, 1000 and 1500 in one room to
 * find what gives first. The phones run in this same process on the same 2 cores as the server,
 * so the figures are pessimistic: in a classroom the phones bring their own CPUs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDrill } from '../../src/lib/bank/generators/index.ts';
import type { ClassifyItem } from '../../src/lib/bank/types.ts';
import type {
	CreateRoomResponse,
	HostView,
	JoinResponse
} from '../../src/lib/classroom/protocol.ts';

const PORT = 4197;
const BASE = `http://127.0.0.1:${PORT}`;
const API = `${BASE}/api/classroom`;
const SEED = 7;
const ITEM = generateDrill({ kind: 'mode', seed: SEED, count: 1, locale: 'en' })[0] as ClassifyItem;
const SCENARIO_TIMEOUT_MS = 45_000;

// Node's fetch pools connections per origin without a cap, so each stream gets its own socket.
// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

interface Server {
	pid: number;
	stop: () => Promise<void>;
}

async function startServer(appDir: string, dataDir: string): Promise<Server> {
	// BENCH_PROFILE=<dir>: write a V8 CPU profile of the server there (open in Chrome DevTools).
	const profile = process.env.BENCH_PROFILE;
	const args = profile ? ['--cpu-prof', '--cpu-prof-dir', profile, 'build'] : ['build'];
	const child: ChildProcess = spawn('node', args, {
		cwd: appDir,
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			CLASSROOM_DATA_DIR: dataDir,
			ADDRESS_HEADER: 'x-forwarded-for'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(BASE)).ok)
				return {
					pid: child.pid!,
					stop: () =>
						new Promise((resolve) => {
							if (child.exitCode !== null) return resolve();
							child.once('exit', () => resolve());
							child.kill('SIGTERM');
						})
				};
		} catch {
			// not up yet
		}
		await sleep(100);
	}
	child.kill('SIGKILL');
	throw new Error('server did not start');
}

async function rssMb(pid: number): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
	const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
	return Math.round(kb / 1024);
}

/** User + system CPU seconds the server has used so far. */
async function cpuSeconds(pid: number): Promise<number> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

// ---------------------------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let ipCounter = 0;
const newIp = () => {
	ipCounter++;
	return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

async function post<T>(path: string, body: unknown, secret?: string, ip = newIp()) {
	const response = await fetch(API + path, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-forwarded-for': ip,
			...(secret ? { authorization: `Bearer ${secret}` } : {})
		},
		body: JSON.stringify(body)
	});
	const json = (await response.json()) as T;
	if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
	return json;
}

interface Stream {
	close: () => void;
	opened: Promise<void>;
}

/** An SSE stream that calls `onView` with each parsed view and its arrival time. */
function openStream<V>(
	roomId: string,
	role: string,
	secret: string,
	onView: (view: V, at: number) => void,
	onError: (error: unknown) => void
): Stream {
	const controller = new AbortController();
	let markOpen: () => void = () => undefined;
	const opened = new Promise<void>((resolve) => (markOpen = resolve));
	void (async () => {
		try {
			const response = await fetch(`${API}/rooms/${roomId}/events?role=${role}`, {
				headers: { authorization: `Bearer ${secret}`, 'x-forwarded-for': newIp() },
				signal: controller.signal
			});
			if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
			markOpen();
			const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
			let buffer = '';
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return;
				buffer += value;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const data = block.split('\n').find((l) => l.startsWith('data: '));
					if (data) onView(JSON.parse(data.slice(6)) as V, performance.now());
				}
			}
		} catch (error) {
			if (!controller.signal.aborted) onError(error);
			markOpen();
		}
	})();
	return { close: () => controller.abort(), opened };
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const i = next++;
				results[i] = await task(items[i]);
			}
		})
	);
	return results;
}

const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

// ---------------------------------------------------------------------------------------------
// One room under load
// ---------------------------------------------------------------------------------------------

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
	/** Start command → every phone showing the question. */
	questionFanOutMs: number;
	/** Reveal command → every phone showing its result. */
	revealFanOutMs: number;
}

async function runRoom(players: number, label: string): Promise<RoomResult> {
	const room = await post<CreateRoomResponse>('/rooms', {
		locale: 'en',
		source: { kind: 'generated', generated: [{ kind: 'mode', seed: SEED, count: 2 }] },
		settings: { secondsPerQuestion: 60 }
	});
	const streams: Stream[] = [];
	const errors = { join: 0, stream: 0, answer: 0 };
	const sentAt = new Map<string, number>();
	const seenAt = new Map<string, number>();
	const tally: number[] = [];
	let hostPlayers = 0;

	const host = openStream<HostView>(
		room.roomId,
		'host',
		room.hostSecret,
		(view, at) => {
			hostPlayers = view.players.length;
			for (const p of view.players) {
				if (!p.answered || seenAt.has(p.playerId)) continue;
				seenAt.set(p.playerId, at);
				const sent = sentAt.get(p.playerId);
				if (sent !== undefined) tally.push(at - sent);
			}
		},
		() => errors.stream++
	);
	streams.push(host);
	await host.opened;

	const phase = new Map<string, string>();
	const phaseAt = new Map<string, number>();
	const joined = (
		await pool(
			Array.from({ length: players }, (_, i) => i),
			50,
			async (i): Promise<JoinResponse | null> => {
				try {
					const player = await post<JoinResponse>('/join', {
						pin: room.pin,
						nickname: `${label}-${i}`
					});
					const stream = openStream<{ phase: string }>(
						player.roomId,
						'player',
						player.token,
						(view, at) => {
							if (phase.get(player.playerId) !== view.phase) {
								phase.set(player.playerId, view.phase);
								phaseAt.set(`${player.playerId}:${view.phase}`, at);
							}
						},
						() => errors.stream++
					);
					streams.push(stream);
					await stream.opened;
					return player;
				} catch {
					errors.join++;
					return null;
				}
			}
		)
	).filter((p): p is JoinResponse => p !== null);

	const deadline = performance.now() + SCENARIO_TIMEOUT_MS;
	while (hostPlayers < joined.length && performance.now() < deadline) await sleep(20);

	const allInPhase = async (name: string, since: number) => {
		while (performance.now() < deadline) {
			const times = joined.map((p) => phaseAt.get(`${p.playerId}:${name}`));
			if (times.every((t) => t !== undefined)) return Math.max(...(times as number[])) - since;
			await sleep(20);
		}
		return NaN;
	};

	const startAt = performance.now();
	await post(`/rooms/${room.roomId}/command`, { type: 'start' }, room.hostSecret);
	const questionFanOutMs = await allInPhase('question', startAt);

	// Everyone answers within the same second.
	const values = Object.fromEntries(ITEM.dimensions.map((d) => [d.family, d.answer]));
	const ack: number[] = [];
	await Promise.all(
		joined.map(async (player) => {
			await sleep(Math.random() * 1000);
			const sent = performance.now();
			sentAt.set(player.playerId, sent);
			try {
				await post(
					`/rooms/${player.roomId}/answer`,
					{ questionIndex: 0, response: { type: 'classify', values } },
					player.token
				);
				ack.push(performance.now() - sent);
			} catch {
				errors.answer++;
			}
		})
	);
	while (seenAt.size < joined.length - errors.answer && performance.now() < deadline)
		await sleep(20);

	const revealAt = performance.now();
	await post(`/rooms/${room.roomId}/command`, { type: 'reveal' }, room.hostSecret);
	const revealFanOutMs = await allInPhase('revealed', revealAt);
	await post(`/rooms/${room.roomId}/command`, { type: 'end' }, room.hostSecret);
	for (const stream of streams) stream.close();
	return {
		players,
		joined: joined.length,
		joinErrors: errors.join,
		streamErrors: errors.stream,
		answerErrors: errors.answer,
		missing: joined.length - errors.answer - seenAt.size,
		tally,
		ack,
		questionFanOutMs,
		revealFanOutMs
	};
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'timed out');

function printRoom(
	title: string,
	{ results, peak: peakRss, cpu, wall, clientCpu }: Awaited<ReturnType<typeof measure>>
) {
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
		`  answer acknowledged (on disk): median ${ms(percentile(ack, 50))}, p95 ${ms(percentile(ack, 95))}`
	);
	console.log(
		`  start → every phone shows the question: ${ms(worst((r) => r.questionFanOutMs))}; reveal → every phone shows its result: ${ms(worst((r) => r.revealFanOutMs))}`
	);
	console.log(
		`  server: peak RSS ${peakRss} MB, CPU ${((cpu / wall) * 100).toFixed(0)}% of one core over the scenario (the simulated phones: ${((clientCpu / wall) * 100).toFixed(0)}%)`
	);
	return p95;
}

async function measure(pid: number, run: () => Promise<RoomResult[]>) {
	let peak = await rssMb(pid);
	const sampler = setInterval(() => void rssMb(pid).then((v) => (peak = Math.max(peak, v))), 100);
	const cpu0 = await cpuSeconds(pid);
	const client0 = process.cpuUsage();
	const t0 = performance.now();
	const timeout = sleep(SCENARIO_TIMEOUT_MS * 2).then(() => {
		throw new Error('scenario timed out');
	});
	try {
		const results = await Promise.race([run(), timeout]);
		const wall = (performance.now() - t0) / 1000;
		const client = process.cpuUsage(client0);
		const clientCpu = (client.user + client.system) / 1e6;
		return { results, peak, cpu: (await cpuSeconds(pid)) - cpu0, wall, clientCpu };
	} finally {
		clearInterval(sampler);
	}
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
	// A private copy of the build, so a rebuild in the working tree cannot pull it away mid-run.
	const appDir = await mkdtemp(join(tmpdir(), 'classroom-bench-app-'));
	const dataDir = await mkdtemp(join(tmpdir(), 'classroom-bench-data-'));
	await cp('build', join(appDir, 'build'), { recursive: true });
	await cp('package.json', join(appDir, 'package.json'));
	await symlink(join(process.cwd(), 'node_modules'), join(appDir, 'node_modules'));
	const server = await startServer(appDir, dataDir);
	console.log(
		`Classroom load on loopback (server pid ${server.pid}, idle RSS ${await rssMb(server.pid)} MB)`
	);
	console.log('Phones and server share this machine’s CPUs; figures are pessimistic.');
	try {
		// `npm run bench:classroom -- 800 4x500`: just these loads (N players in one room, or
		// R rooms of N players at once).
		const only = process.argv.slice(2).flatMap((arg) => {
			const match = arg.match(/^(?:(\d+)x)?(\d+)$/);
			return match ? [{ rooms: Number(match[1] ?? 1), players: Number(match[2]) }] : [];
		});
		if (only.length > 0) {
			for (const { rooms, players } of only) {
				const load = await measure(server.pid, () =>
					Promise.all(Array.from({ length: rooms }, (_, i) => runRoom(players, `c${i}-${players}`)))
				);
				printRoom(
					rooms === 1 ? `One room of ${players}` : `${rooms} rooms of ${players} at once`,
					load
				);
			}
			return;
		}
		const one = await measure(server.pid, async () => [await runRoom(300, 'a')]);
		printRoom('One room, 300 players answering within one second', one);

		const ten = await measure(server.pid, () =>
			Promise.all(Array.from({ length: 10 }, (_, i) => runRoom(40, `r${i}`)))
		);
		printRoom('Ten rooms of 40 players at once', ten);

		// 1500 is past the room cap (MAX_PLAYERS_PER_ROOM = 1000): the extra joins get 409.
		for (const players of [600, 1000, 1500]) {
			try {
				const big = await measure(server.pid, async () => [await runRoom(players, `b${players}`)]);
				printRoom(`Past the target: one room of ${players}`, big);
			} catch (error) {
				console.log(`\nOne room of ${players}: ${String(error)}`);
			}
		}
		console.log(`\nServer RSS at the end: ${await rssMb(server.pid)} MB`);
	} finally {
		await server.stop();
		await rm(appDir, { recursive: true, force: true });
		await rm(dataDir, { recursive: true, force: true });
	}
}

await main();
process.exit(0);
