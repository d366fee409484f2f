/**
 * Simulated phones for `bench:classroom`, in a process of their own (forked by the bench), so the
 * server's figures are not the phones' CPU. Each phone is a real HTTP client: it joins, holds its
 * own SSE stream and answers with a POST. Like a browser, each phone keeps its connection for
 * requests open between them (HTTP keep-alive, one agent per phone, so its join's connection
 * carries its answer if the server kept it open that long: the production server keeps an idle
 * one 65 s, scripts/listen.js).
 * BENCH_NEW_CONNECTIONS=1 opens a new connection per request instead (`Connection: close`), as
 * the phones did before, for the same figures as earlier runs. Driven over IPC by the bench; every message carries
 * `id` (echoed in the reply) and `room` (one process holds phones of several rooms):
 *   { join: { pin, count, label, origins } }  → { joined: n, errors }
 *   { answer: { windowMs, body } }            → { sent: { playerId: wall ms }, ack: ms[],
 *                                                 acked: { playerId: wall ms }, connected: { playerId:
 *                                                 wall ms, new connections only }, lagMs: { p50, p99,
 *                                                 max } (this process's event-loop delay), errors }
 *   { phase: name }                           → { phaseAt: wall ms when all showed it, or null }
 *   { close: true }                           → closes that room's streams
 * Times are wall-clock (performance.timeOrigin + now), comparable across processes.
 */
import { Agent } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { JoinResponse } from '../../src/lib/classroom/protocol.ts';
import { postJson } from './post-json.ts';
import { getSse } from './sse-reader.ts';

const wall = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let ipCounter = Number(process.env.PHONES_IP_BASE ?? 0);
const newIp = () => {
	ipCounter++;
	return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

interface Phone {
	agent: Agent | false;
	player: JoinResponse;
	origin: string;
	ip: string;
	phases: Map<string, number>;
	controller: AbortController;
}

const rooms = new Map<string, Phone[]>();
let streamErrors = 0;

const keepAlive = process.env.BENCH_NEW_CONNECTIONS !== '1';
/**
 * A phone's connections: kept open between requests, at most 6 at once (as a browser). An idle
 * one is dropped after 60 s, before the server's 65 s (scripts/listen.js): a request sent on a
 * connection the server is closing fails (a browser retries it on a new one; node:http does
 * not). BENCH_PHONE_IDLE_MS sets it (4000: below Node's default 5 s, as the bench used before).
 */
const IDLE_MS = Number(process.env.BENCH_PHONE_IDLE_MS ?? 60_000);
const newAgent = (): Agent | false =>
	keepAlive && new Agent({ keepAlive: true, maxSockets: 6, timeout: IDLE_MS });

/** POSTs JSON to the classroom API over the phone's own agent, from the phone's address. */
function post<T>(
	agent: Agent | false,
	origin: string,
	path: string,
	body: unknown,
	ip: string,
	secret?: string,
	timing?: { connectedAt?: number; reused?: boolean }
): Promise<T> {
	return postJson<T>(
		agent,
		new URL(`${origin}/api/classroom${path}`),
		JSON.stringify(body),
		{
			'x-forwarded-for': ip,
			...(secret ? { authorization: `Bearer ${secret}` } : {})
		},
		timing
	);
}

function openStream(phone: Phone): Promise<void> {
	return new Promise((opened) => {
		void (async () => {
			try {
				// node:http, not fetch: see getSse (the phones share the cores with the servers).
				const { status, done } = await getSse(
					new URL(`${phone.origin}/api/classroom/rooms/${phone.player.roomId}/events?role=player`),
					{ authorization: `Bearer ${phone.player.token}`, 'x-forwarded-for': phone.ip },
					phone.controller.signal,
					({ data }) => {
						// The phase is all we need: no full parse of 2,000 views per push.
						const phase = data.match(/"phase":"(\w+)"/)?.[1];
						if (phase && !phone.phases.has(phase)) phone.phases.set(phase, wall());
					}
				);
				if (status !== 200) throw new Error(`stream ${status}`);
				opened();
				await done;
			} catch {
				if (!phone.controller.signal.aborted) streamErrors++;
				opened();
			}
		})();
	});
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) await task(items[next++]);
		})
	);
}

process.on('message', (message: Record<string, unknown>) => {
	void handle(message).then((reply) => {
		// The bench may have gone (a timed-out scenario): nothing to tell then.
		if (process.connected) process.send!({ id: message.id, ...(reply as object) }, () => undefined);
	});
});
process.on('disconnect', () => process.exit(0));

async function handle(message: Record<string, unknown>): Promise<unknown> {
	const room = String(message.room);
	if (!rooms.has(room)) rooms.set(room, []);
	const phones = rooms.get(room)!;
	if (message.join) {
		const { pin, count, label, origins } = message.join as {
			pin: string;
			count: number;
			label: string;
			origins: string[];
		};
		let errors = 0;
		await pool(
			Array.from({ length: count }, (_, i) => i),
			25,
			async (i) => {
				const origin = origins[i % origins.length];
				const ip = newIp();
				const agent = newAgent();
				try {
					const player = await post<JoinResponse>(
						agent,
						origin,
						'/join',
						{ pin, nickname: `${label}-${i}` },
						ip
					);
					const phone = {
						agent,
						player,
						origin,
						ip,
						phases: new Map(),
						controller: new AbortController()
					};
					phones.push(phone);
					await openStream(phone);
				} catch {
					errors++;
				}
			}
		);
		return { joined: phones.length, errors };
	}
	if (message.answer) {
		const { windowMs, body } = message.answer as { windowMs: number; body: unknown };
		const sent: Record<string, number> = {};
		const ack: number[] = [];
		const acked: Record<string, number> = {};
		// When each answer's request had a new connection (TCP handshake done); kept-alive ones
		// are left out.
		const connected: Record<string, number> = {};
		let errors = 0;
		// How late this process ran its callbacks meanwhile: a phone stamps "sent" on time but its
		// request leaves only when the loop gets to it.
		const lag = monitorEventLoopDelay({ resolution: 10 });
		lag.enable();
		await Promise.all(
			phones.map(async (phone) => {
				await sleep(Math.random() * windowMs);
				const at = wall();
				sent[phone.player.playerId] = at;
				const timing: { connectedAt?: number; reused?: boolean } = {};
				try {
					await post(
						phone.agent,
						phone.origin,
						`/rooms/${phone.player.roomId}/answer`,
						body,
						phone.ip,
						phone.player.token,
						timing
					);
					if (!timing.reused && timing.connectedAt)
						connected[phone.player.playerId] = timing.connectedAt;
					const now = wall();
					ack.push(now - at);
					acked[phone.player.playerId] = now;
				} catch {
					errors++;
				}
			})
		);
		lag.disable();
		const lagMs = {
			p50: lag.percentile(50) / 1e6,
			p99: lag.percentile(99) / 1e6,
			max: lag.max / 1e6
		};
		return { sent, ack, acked, connected, lagMs, errors, streamErrors };
	}
	if (typeof message.phase === 'string') {
		const phase = message.phase;
		const until = wall() + 30_000;
		while (wall() < until) {
			if (phones.every((p) => p.phases.has(phase)))
				return { phaseAt: Math.max(0, ...phones.map((p) => p.phases.get(phase)!)) };
			await sleep(20);
		}
		return { phaseAt: null };
	}
	if (message.close) {
		for (const phone of phones) {
			phone.controller.abort();
			if (phone.agent) phone.agent.destroy();
		}
		rooms.delete(room);
		return { closed: true };
	}
	return { error: 'unknown message' };
}
