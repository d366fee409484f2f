/**
 * `npm run bench:answer-path [-- players]`: server CPU per answer request, the node:http route
 * (scripts/serve.js, the default) against SvelteKit serving the same request
 * (CLASSROOM_NODE_ROUTES=0), on the same build. A figure that holds on a loaded machine: CPU time
 * of the server process (/proc/<pid>/stat), not wall time, with the two servers measured in
 * alternating batches so both see the same load. Each server has one room of `players` (default
 * 1,000), a host and a projector stream, every phone's own stream (as in class), and every player
 * answers once, 20 at a time. Also printed, per answer: the SSE messages and bytes the host,
 * the projector and the phones received (each message is at least one socket write), figures
 * that do not depend on the machine's load at all.
 *
 * Answers go over keep-alive connections, as a browser's would. `BENCH_NEW_CONNECTIONS=1`:
 * compare with a second server of this build whose answers each come on a new connection.
 * `BENCH_BASELINE=<dir>`: compare this build with another one (a copy of an earlier `build/`)
 * instead of with SvelteKit, both on the node:http route, in the same alternating batches: a
 * before/after figure that holds while other work loads the machine. `BENCH_NODE_ONLY=1`: the
 * node:http route alone. `BENCH_PROFILE=<dir>`: a V8 CPU profile of this build's server.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDrill } from '../../src/lib/bank/generators/index.ts';
import { useGeneratorContent } from '../../src/lib/bank/generators/content.ts';
import type { ClassifyItem } from '../../src/lib/bank/types.ts';
import type { CreateRoomResponse } from '../../src/lib/classroom/protocol.ts';
import { clusterBasePort, copyBuild, startInstance, type Proc } from '../cluster/cluster.ts';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { postJson } from './post-json.ts';

const PLAYERS = Number(process.argv[2] ?? 1000);
const BATCH = 50;
const CONCURRENCY = 20;
const SEED = 7;
useGeneratorContent(JSON.parse(readFileSync('src/lib/bank/generated/generators.json', 'utf8')));
const ITEM = generateDrill({ kind: 'mode', seed: SEED, count: 1, locale: 'en' })[0] as ClassifyItem;
const BODY = JSON.stringify({
	questionIndex: 0,
	response: {
		type: 'classify',
		values: Object.fromEntries(ITEM.dimensions.map((d) => [d.family, d.answer]))
	}
});

/** User + system CPU milliseconds a process has used so far. */
async function cpuMs(pid: number | undefined): Promise<number> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** SSE traffic a group of streams received: messages (`event: view` blocks) and bytes. */
interface Traffic {
	messages: number;
	bytes: number;
}

const ROLES = ['host', 'projector', 'phones'] as const;
type Listener = (typeof ROLES)[number];

/** Reads a stream to its end, counting what arrives into `traffic`. */
async function count(body: ReadableStream<Uint8Array> | null, traffic: Traffic) {
	if (!body) return;
	// Every message is a view or (host and projector, after their first) a patch: see view-patch.ts.
	const marker = '\nevent: ';
	let tail = '';
	const decoder = new TextDecoder();
	try {
		for await (const chunk of body) {
			traffic.bytes += chunk.byteLength;
			const text = tail + decoder.decode(chunk, { stream: true });
			for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1))
				traffic.messages++;
			tail = text.slice(-marker.length + 1);
		}
	} catch {
		// aborted at the end
	}
}

interface Server {
	name: string;
	agent: Agent | false;
	traffic: Record<Listener, Traffic>;
	/** Traffic received during the answer batches only. */
	answerTraffic: Record<Listener, Traffic>;
	proc: Proc;
	origin: string;
	tokens: string[];
	roomId: string;
	cpu: number;
	answered: number;
	stopHost: () => void;
}

async function post(origin: string, path: string, body: string, headers: Record<string, string>) {
	const response = await fetch(`${origin}/api/classroom${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
	return JSON.parse(text);
}

async function prepare(name: string, proc: Proc, origin: string): Promise<Server> {
	const room = (await post(
		origin,
		'/rooms',
		JSON.stringify({
			locale: 'en',
			source: { kind: 'generated', generated: [{ kind: 'mode', seed: SEED, count: 2 }] },
			settings: { secondsPerQuestion: 600 }
		}),
		{ 'x-forwarded-for': '10.255.0.1' }
	)) as CreateRoomResponse;
	// The host's and projector's streams, counted: pushes are part of what an answer costs.
	const controller = new AbortController();
	const traffic = Object.fromEntries(
		ROLES.map((role) => [role, { messages: 0, bytes: 0 }])
	) as Record<Listener, Traffic>;
	for (const role of ['host', 'projector'] as const) {
		const stream = await fetch(`${origin}/api/classroom/rooms/${room.roomId}/events?role=${role}`, {
			headers: { authorization: `Bearer ${room.hostSecret}`, 'x-forwarded-for': '10.255.0.2' },
			signal: controller.signal
		});
		void count(stream.body, traffic[role]);
	}
	const tokens: string[] = [];
	for (let i = 0; i < PLAYERS; i += CONCURRENCY)
		tokens.push(
			...(await Promise.all(
				Array.from({ length: Math.min(CONCURRENCY, PLAYERS - i) }, async (_, j) => {
					const n = i + j;
					const joined = (await post(
						origin,
						'/join',
						JSON.stringify({ pin: room.pin, nickname: `p${n}` }),
						{ 'x-forwarded-for': `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}` }
					)) as { token: string };
					return joined.token;
				})
			))
		);
	// Every phone's own stream, as in class (an answer changes its phone's view).
	for (let i = 0; i < tokens.length; i += 50)
		await Promise.all(
			tokens.slice(i, i + 50).map(async (token, j) => {
				const n = i + j;
				const stream = await fetch(
					`${origin}/api/classroom/rooms/${room.roomId}/events?role=player`,
					{
						headers: {
							authorization: `Bearer ${token}`,
							'x-forwarded-for': `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`
						},
						signal: controller.signal
					}
				);
				void count(stream.body, traffic.phones);
			})
		);
	await post(origin, `/rooms/${room.roomId}/command`, JSON.stringify({ type: 'start' }), {
		authorization: `Bearer ${room.hostSecret}`
	});
	// Let the question reach every stream before measuring.
	await new Promise((r) => setTimeout(r, 1000));
	return {
		name,
		agent: keepAliveAgent,
		traffic,
		answerTraffic: Object.fromEntries(
			ROLES.map((role) => [role, { messages: 0, bytes: 0 }])
		) as Record<Listener, Traffic>,
		proc,
		origin,
		tokens,
		roomId: room.roomId,
		cpu: 0,
		answered: 0,
		stopHost: () => controller.abort()
	};
}

/**
 * Answers go over node:http with a keep-alive agent (a phone keeps its connection between
 * requests, as a browser does), or with `agent: false` a new connection each, closed after the
 * reply (BENCH_NEW_CONNECTIONS=1's second server).
 */
const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function postAnswer(server: Server, token: string): Promise<unknown> {
	const url = new URL(`${server.origin}/api/classroom/rooms/${server.roomId}/answer`);
	return postJson(server.agent, url, BODY, { authorization: `Bearer ${token}` });
}

/** Sends the next BATCH answers; adds the server's CPU over the batch. */
async function batch(server: Server) {
	const tokens = server.tokens.splice(0, BATCH);
	const before = await cpuMs(server.proc.child.pid);
	const seen = ROLES.map((role) => ({ ...server.traffic[role] }));
	for (let i = 0; i < tokens.length; i += CONCURRENCY)
		await Promise.all(
			tokens.slice(i, i + CONCURRENCY).map(async (token) => {
				const reply = (await postAnswer(server, token)) as { duplicate: boolean };
				if (reply.duplicate) throw new Error('a duplicate answer');
			})
		);
	// Let the last pushes go out before reading the CPU.
	await new Promise((r) => setTimeout(r, 120));
	server.cpu += (await cpuMs(server.proc.child.pid)) - before;
	server.answered += tokens.length;
	ROLES.forEach((role, i) => {
		server.answerTraffic[role].messages += server.traffic[role].messages - seen[i].messages;
		server.answerTraffic[role].bytes += server.traffic[role].bytes - seen[i].bytes;
	});
}

async function main() {
	const builds = [await copyBuild()];
	const build = builds[0];
	const dirs = [
		await mkdtemp(join(tmpdir(), 'answer-path-')),
		await mkdtemp(join(tmpdir(), 'answer-path-'))
	];
	const env = {
		ADDRESS_HEADER: 'x-forwarded-for',
		CLASSROOM_MAX_PLAYERS: '5000',
		CLASSROOM_JOIN_BURST: '100000'
	};
	const base = clusterBasePort() + 30;
	const procs: Proc[] = [];
	try {
		// BENCH_PROFILE=<dir>: a V8 CPU profile of the node:http route's server, written at its stop.
		const profile = process.env.BENCH_PROFILE;
		procs.push(
			await startInstance(
				build.appDir,
				base,
				{
					...env,
					CLASSROOM_DATA_DIR: dirs[0],
					...(profile ? { SHUTDOWN_TIMEOUT: '2' } : {})
				},
				profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []
			)
		);
		const servers = [await prepare('node:http route', procs[0], `http://127.0.0.1:${base}`)];
		const baseline = process.env.BENCH_BASELINE;
		if (process.env.BENCH_NEW_CONNECTIONS === '1') {
			procs.push(
				await startInstance(build.appDir, base + 1, { ...env, CLASSROOM_DATA_DIR: dirs[1] })
			);
			const fresh = await prepare('new connections', procs[1], `http://127.0.0.1:${base + 1}`);
			servers.push({ ...fresh, agent: false });
		} else if (baseline) {
			const before = await copyBuild(baseline);
			builds.push(before);
			procs.push(
				await startInstance(before.appDir, base + 1, { ...env, CLASSROOM_DATA_DIR: dirs[1] })
			);
			servers.push(await prepare('baseline build', procs[1], `http://127.0.0.1:${base + 1}`));
		} else if (process.env.BENCH_NODE_ONLY !== '1') {
			procs.push(
				await startInstance(build.appDir, base + 1, {
					...env,
					CLASSROOM_DATA_DIR: dirs[1],
					CLASSROOM_NODE_ROUTES: '0'
				})
			);
			servers.push(await prepare('SvelteKit route', procs[1], `http://127.0.0.1:${base + 1}`));
		}
		const load0 = loadavg()[0];
		while (servers.some((s) => s.tokens.length > 0))
			for (const server of servers) if (server.tokens.length > 0) await batch(server);
		console.log(
			`Answer requests, ${PLAYERS} players per room, ${CONCURRENCY} at a time, host stream open; load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`
		);
		for (const s of servers) {
			console.log(
				`  ${s.name.padEnd(16)} server CPU per answer: ${(s.cpu / s.answered).toFixed(2)} ms (${s.cpu} ms / ${s.answered})`
			);
			const perAnswer = ROLES.map((role) => {
				const t = s.answerTraffic[role];
				return `${role} ${(t.messages / s.answered).toFixed(3)} messages, ${Math.round(t.bytes / s.answered)} bytes`;
			});
			console.log(`  ${''.padEnd(16)} SSE per answer: ${perAnswer.join('; ')}`);
		}
		const [fast, other] = servers.map((s) => s.cpu / s.answered);
		if (other !== undefined)
			console.log(
				`  ${process.env.BENCH_NEW_CONNECTIONS === '1' ? 'a new connection per answer / keep-alive' : baseline ? 'baseline build / this build' : 'SvelteKit / node:http'}: ${(other / fast).toFixed(2)}x`
			);
		for (const s of servers) s.stopHost();
	} finally {
		// A CPU profile is written only on a normal exit: give the server time to finish.
		await Promise.all(
			procs.map((p) => p.stop('SIGTERM', process.env.BENCH_PROFILE ? 30_000 : undefined))
		);
		for (const copy of builds) await copy.remove();
		for (const dir of dirs) await rm(dir, { recursive: true, force: true });
	}
}

await main();
