/**
 * The answer route served two ways must answer alike: SvelteKit's route (behind adapter-node's
 * own request/response conversion, `@sveltejs/kit/node`) and the node:http route ahead of it
 * (node-routes.ts, composed as scripts/serve.js composes it). Every case runs against both over
 * real HTTP, on fresh players of one room, and must give the same status, body and headers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequest, setResponse } from '@sveltejs/kit/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMITS, type CreateRoomRequest } from '$lib/classroom/protocol';
import { POST } from '../../../routes/api/classroom/rooms/[roomId]/answer/+server';
import { ClassroomRegistry } from './registry';
import { serveClassroomRoute } from './node-routes';

/** adapter-node's default BODY_SIZE_LIMIT (512K). */
const ADAPTER_BODY_LIMIT = 512 * 1024;
const ANSWER_PATH = /^\/api\/classroom\/rooms\/([^/]+)\/answer$/;

let kitCalls = 0;

/** SvelteKit's route as adapter-node serves it. */
async function kit(req: http.IncomingMessage, res: http.ServerResponse) {
	kitCalls++;
	const request = await getRequest({
		request: req,
		base: 'http://127.0.0.1',
		bodySizeLimit: ADAPTER_BODY_LIMIT
	});
	const url = new URL(request.url);
	const roomId = ANSWER_PATH.exec(url.pathname)?.[1];
	if (req.method !== 'POST' || !roomId) return void res.writeHead(404).end();
	const response = await POST({
		request,
		url,
		params: { roomId: decodeURIComponent(roomId) }
	} as unknown as Parameters<typeof POST>[0]);
	await setResponse(res, response);
}

const servers: http.Server[] = [];
async function listen(handler: http.RequestListener): Promise<number> {
	const server = http.createServer(handler);
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

interface Sent {
	status: number;
	body: unknown;
	contentType: string | undefined;
	retryAfter: string | undefined;
}

interface Send {
	path: string;
	headers?: Record<string, string>;
	/** Written in these pieces; without a Content-Length header the body goes chunked. */
	pieces?: (string | Buffer)[];
}

function send(port: number, { path, headers = {}, pieces = [] }: Send): Promise<Sent> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body: unknown = text;
					try {
						body = JSON.parse(text);
					} catch {
						// not JSON: compared as text
					}
					resolve({
						status: res.statusCode ?? 0,
						body,
						contentType: res.headers['content-type'],
						retryAfter: res.headers['retry-after'] as string | undefined
					});
				});
			}
		);
		req.on('error', reject);
		// As a real client sends: each piece once the socket took the last (a server that gives up
		// on the body mid-way must still answer, not reset the connection).
		let next = 0;
		const write = () => {
			while (next < pieces.length)
				if (!req.write(pieces[next++])) return void req.once('drain', write);
			req.end();
		};
		write();
	});
}

const roomRequest: CreateRoomRequest = {
	locale: 'en',
	source: { kind: 'generated', generated: [{ kind: 'mode', seed: 3, count: 2 }] },
	settings: { secondsPerQuestion: 60, scoring: 'accuracy', order: 'fixed' }
};

let dir = '';
let registry: ClassroomRegistry;
let room: { roomId: string; pin: string; hostSecret: string };
let kitPort = 0;
let nodePort = 0;
let joins = 0;
let right: unknown;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'classroom-routes-'));
	registry = new ClassroomRegistry({ dataDir: dir });
	// getRegistry() (what both paths call) returns this one.
	globalThis.__classroomRegistry = Promise.resolve(registry);
	room = await registry.create(roomRequest, new URL('http://localhost/classroom'), '10.0.0.1');
	await registry.command(room.roomId, room.hostSecret, { type: 'start' });
	const context = registry.rooms.get(room.roomId)!.snapshot.context;
	const item = context.questions[0].item;
	if (item.type !== 'classify') throw new Error('expected a classify item');
	right = {
		questionIndex: 0,
		response: {
			type: 'classify',
			values: Object.fromEntries(item.dimensions.map((d) => [d.family, d.answer]))
		}
	};
	kitPort = await listen((req, res) => void kit(req, res));
	// As scripts/serve.js composes them: the node route first, SvelteKit for the rest.
	nodePort = await listen((req, res) => {
		if (!serveClassroomRoute(req, res)) void kit(req, res);
	});
});

afterAll(async () => {
	for (const server of servers) server.close();
	await registry.close();
	globalThis.__classroomRegistry = undefined;
	await rm(dir, { recursive: true, force: true });
});

/** A new player of the room (its own address, so join limits do not interfere). */
async function newPlayer(): Promise<{ token: string; playerId: string }> {
	const n = ++joins;
	const joined = await registry.join(room.pin, `P${n}`, `10.1.${n >> 8}.${n & 255}`);
	return { token: joined.token, playerId: joined.playerId };
}

const json = (value: unknown) => JSON.stringify(value);
const jsonHeaders = (token?: string, extra: Record<string, string> = {}) => ({
	'content-type': 'application/json',
	...(token ? { authorization: `Bearer ${token}` } : {}),
	...extra
});
const answerPath = (roomId = room.roomId, query = '') =>
	`/api/classroom/rooms/${roomId}/answer${query}`;

interface Case {
	name: string;
	/** Sends the request(s) for one path; resolves the last answer. */
	run(port: number): Promise<Sent>;
	status: number;
	error?: string;
	/** A part of the message or the whole success body. */
	expect?: (sent: Sent) => void;
	/** Whether the node route (not SvelteKit) serves it on the production server. */
	fast: boolean;
}

const once =
	(make: (player: { token: string; playerId: string }) => Send) => async (port: number) =>
		send(port, make(await newPlayer()));

const cases: Case[] = [
	{
		name: 'a valid answer',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: jsonHeaders(token),
			pieces: [json(right)]
		})),
		status: 200,
		expect: (sent) => expect(sent.body).toEqual({ ok: true, duplicate: false }),
		fast: true
	},
	{
		name: 'the same answer again (a retry)',
		run: async (port) => {
			const { token } = await newPlayer();
			const request = { path: answerPath(), headers: jsonHeaders(token), pieces: [json(right)] };
			await send(port, request);
			return send(port, request);
		},
		status: 200,
		expect: (sent) => expect(sent.body).toEqual({ ok: true, duplicate: true }),
		fast: true
	},
	{
		name: 'the token in ?access_token=',
		run: once(({ token }) => ({
			path: answerPath(room.roomId, `?access_token=${token}`),
			headers: jsonHeaders(),
			pieces: [json(right)]
		})),
		status: 200,
		fast: true
	},
	{
		name: 'a body in several chunks',
		run: once(({ token }) => {
			const text = json(right);
			return {
				path: answerPath(),
				headers: jsonHeaders(token),
				pieces: [text.slice(0, 10), text.slice(10)]
			};
		}),
		status: 200,
		fast: true
	},
	{
		name: 'not JSON',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: jsonHeaders(token),
			pieces: ['{"questionIndex":']
		})),
		status: 400,
		error: 'malformed',
		expect: (sent) =>
			expect((sent.body as { message: string }).message).toBe('Body is not valid JSON.'),
		fast: true
	},
	{
		name: 'not UTF-8',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: jsonHeaders(token),
			pieces: [Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]
		})),
		status: 400,
		error: 'malformed',
		fast: true
	},
	{
		name: 'JSON that breaks the schema',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: jsonHeaders(token),
			pieces: [json({ ...(right as object), questionIndex: -1, extra: 1 })]
		})),
		status: 400,
		error: 'malformed',
		fast: true
	},
	{
		name: 'no body',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: jsonHeaders(token, { 'content-length': '0' })
		})),
		status: 400,
		error: 'malformed',
		expect: (sent) =>
			expect((sent.body as { message: string }).message).toBe('Body is empty: send JSON.'),
		fast: true
	},
	{
		name: 'a body without Content-Type (adapter-node reads none)',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: { authorization: `Bearer ${token}` },
			pieces: [json(right)]
		})),
		status: 400,
		error: 'malformed',
		fast: true
	},
	{
		name: 'an answer to another question',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: jsonHeaders(token),
			pieces: [json({ ...(right as object), questionIndex: 1 })]
		})),
		status: 409,
		error: 'wrong-question',
		fast: true
	},
	{
		name: 'oversized, declared',
		run: once(({ token }) => {
			const big = 'x'.repeat(BODY_LIMITS.answer + 1);
			return {
				path: answerPath(),
				headers: jsonHeaders(token, { 'content-length': String(big.length) }),
				pieces: [big]
			};
		}),
		status: 413,
		error: 'too-large',
		fast: true
	},
	{
		name: 'oversized, chunked (no Content-Length), 100 KB',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: jsonHeaders(token),
			pieces: Array.from({ length: 100 }, () => 'x'.repeat(1024))
		})),
		status: 413,
		error: 'too-large',
		fast: true
	},
	{
		// Past what the server reads and throws away (limit + 1 MB): refused before reading.
		name: 'oversized, declared, 3 MB',
		run: once(({ token }) => {
			const pieces = Array.from({ length: 192 }, () => Buffer.alloc(16 * 1024, 'x'));
			return {
				path: answerPath(),
				headers: jsonHeaders(token, { 'content-length': String(3 * 1024 * 1024) }),
				pieces
			};
		}),
		status: 413,
		error: 'too-large',
		fast: true
	},
	{
		name: 'oversized, chunked, 2 MB',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: jsonHeaders(token),
			pieces: Array.from({ length: 128 }, () => Buffer.alloc(16 * 1024, 'x'))
		})),
		status: 413,
		error: 'too-large',
		fast: true
	},
	{
		name: 'no credentials',
		run: async (port) =>
			send(port, { path: answerPath(), headers: jsonHeaders(), pieces: [json(right)] }),
		status: 401,
		error: 'unauthorised',
		fast: true
	},
	{
		name: 'a malformed Authorization header',
		run: async (port) =>
			send(port, {
				path: answerPath(),
				headers: jsonHeaders(undefined, { authorization: 'Basic abc' }),
				pieces: [json(right)]
			}),
		status: 401,
		error: 'unauthorised',
		fast: true
	},
	{
		name: 'an unknown token',
		run: async (port) =>
			send(port, {
				path: answerPath(),
				headers: jsonHeaders('Z'.repeat(32)),
				pieces: [json(right)]
			}),
		status: 401,
		error: 'unauthorised',
		fast: true
	},
	{
		name: 'an unknown room',
		run: once(({ token }) => ({
			path: answerPath('r'.repeat(16)),
			headers: jsonHeaders(token),
			pieces: [json(right)]
		})),
		status: 404,
		error: 'unknown-room',
		fast: true
	},
	{
		name: 'a removed player',
		run: async (port) => {
			const { token, playerId } = await newPlayer();
			await registry.command(room.roomId, room.hostSecret, { type: 'remove', playerId });
			return send(port, { path: answerPath(), headers: jsonHeaders(token), pieces: [json(right)] });
		},
		status: 403,
		error: 'removed',
		fast: true
	},
	{
		name: 'the 7th answer within 3 s (rate limit)',
		run: async (port) => {
			const { token } = await newPlayer();
			const request = { path: answerPath(), headers: jsonHeaders(token), pieces: [json(right)] };
			for (let i = 0; i < 6; i++) expect((await send(port, request)).status).toBe(200);
			return send(port, request);
		},
		status: 429,
		error: 'rate-limited',
		expect: (sent) => expect(Number(sent.retryAfter)).toBeGreaterThanOrEqual(1),
		fast: true
	},
	{
		name: 'a cross-site form post (left to SvelteKit’s CSRF check)',
		run: once(({ token }) => ({
			path: answerPath(),
			headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
			pieces: [json(right)]
		})),
		// Our stand-in for SvelteKit runs the route without its CSRF check: same reply both ways,
		// and the production server leaves the request to SvelteKit, which refuses it.
		status: 200,
		fast: false
	}
];

describe('the answer route, as SvelteKit serves it and as node:http serves it', () => {
	for (const c of cases)
		it(c.name, async () => {
			const before = kitCalls;
			const viaKit = await c.run(kitPort);
			const kitCount = kitCalls - before;
			const viaNode = await c.run(nodePort);
			const servedByKit = kitCalls - before - kitCount;
			for (const sent of [viaKit, viaNode]) {
				expect(sent.status).toBe(c.status);
				expect(sent.contentType).toBe('application/json; charset=utf-8');
				if (c.error) expect((sent.body as { error: string }).error).toBe(c.error);
				c.expect?.(sent);
			}
			expect(viaNode).toEqual(viaKit);
			expect(servedByKit).toBe(c.fast ? 0 : kitCount);
		});
});
