/**
 * The classroom API over real HTTP against the production build (`node build`, started here on
 * its own port with its own data directory), including a `kill -9` in the middle of a question.
 * Needs `npm run build` first (the Playwright web server runs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
	BODY_LIMITS,
	type CreateRoomResponse,
	type HostView,
	type PlayerView
} from '../src/lib/classroom/protocol.ts';
import { classroomClient } from './classroom-http.ts';

// Not 4190: fetch refuses it (a "bad port", ManageSieve).
const PORT = Number(process.env.PW_PORT ?? 4173) + 23;
const BASE = `http://127.0.0.1:${PORT}`;
const API = `${BASE}/api/classroom`;
const {
	questions: QUESTIONS,
	newIp,
	post,
	createRoom,
	joinAs,
	command,
	answer,
	subscribe
} = classroomClient({
	base: () => BASE,
	seed: 42,
	ipPrefix: '10.0'
});

test.describe.configure({ mode: 'serial' });

let server: ChildProcess | null = null;
let dataDir = '';
/** A private copy of `build/`: others may rebuild the shared one while this suite runs. */
let appDir = '';

async function startServer(): Promise<void> {
	// The production server (`npm start`'s), serving the copy of the build in appDir.
	server = spawn('node', [join(process.cwd(), 'scripts/serve.js')], {
		cwd: appDir,
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			CLASSROOM_DATA_DIR: dataDir,
			// Each simulated phone has its own address, as on a classroom Wi-Fi.
			ADDRESS_HEADER: 'x-forwarded-for',
			// Tighter than the defaults (20 and 120, sized for a class behind one NAT address) so
			// the rate-limit walk below stays short; the defaults are registry.spec's.
			CLASSROOM_PIN_BURST: '5',
			CLASSROOM_JOIN_BURST: '10'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(BASE)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('server did not start');
}

async function killServer(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	const child = server;
	server = null;
	if (!child || child.exitCode !== null) return;
	await new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.kill(signal);
	});
}

test.beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'classroom-e2e-data-'));
	appDir = await mkdtemp(join(tmpdir(), 'classroom-e2e-app-'));
	await cp('build', join(appDir, 'build'), { recursive: true });
	await cp('package.json', join(appDir, 'package.json'));
	await symlink(join(process.cwd(), 'node_modules'), join(appDir, 'node_modules'));
	await startServer();
});

test.afterAll(async () => {
	await killServer();
	await rm(dataDir, { recursive: true, force: true });
	await rm(appDir, { recursive: true, force: true });
});

test('malformed, oversized and unauthorised messages get clear errors', async () => {
	const room = await createRoom();
	const ann = await joinAs(room.pin, 'Ann');

	const cases: [Promise<{ status: number; body: { error: string } }>, number, string][] = [
		[post('/rooms', '{not json'), 400, 'malformed'],
		[
			post('/rooms', {
				locale: 'en',
				source: { kind: 'units', units: ['x'.repeat(BODY_LIMITS.create + 1024)] }
			}),
			413,
			'too-large'
		],
		[
			post('/rooms', { locale: 'en', source: { kind: 'units', units: ['no-such-unit'] } }),
			400,
			'unknown-source'
		],
		[post('/join', { pin: room.pin, nickname: 'bad\u0007name' }), 400, 'invalid-nickname'],
		[post('/join', { pin: room.pin, nickname: 'x'.repeat(2000) }), 413, 'too-large'],
		[post('/join', { pin: room.pin, nickname: 'ANN' }), 409, 'duplicate-nickname'],
		[post('/join', { pin: 'abc', nickname: 'Bo' }), 400, 'malformed'],
		[post(`/rooms/${room.roomId}/command`, { type: 'start' }), 401, 'unauthorised'],
		[
			post(`/rooms/${room.roomId}/command`, { type: 'start' }, { secret: ann.token }),
			403,
			'forbidden'
		],
		[
			post(`/rooms/${room.roomId}/command`, { type: 'explode' }, { secret: room.hostSecret }),
			400,
			'malformed'
		],
		[
			post(`/rooms/${room.roomId}/command`, { type: 'reveal' }, { secret: room.hostSecret }),
			409,
			'not-allowed'
		],
		[
			post('/rooms/NoSuchRoom123/command', { type: 'start' }, { secret: room.hostSecret }),
			404,
			'unknown-room'
		],
		[
			post(
				`/rooms/${room.roomId}/answer`,
				{ questionIndex: 0, response: { type: 'single', choice: 'a' } },
				{ secret: room.hostSecret }
			),
			401,
			'unauthorised'
		],
		[
			post(
				`/rooms/${room.roomId}/answer`,
				{ questionIndex: 0, response: { type: 'single', choice: 'a' } },
				{ secret: ann.token }
			),
			409,
			'not-accepting'
		],
		[
			post(
				`/rooms/${room.roomId}/answer`,
				{ questionIndex: 0, response: { type: 'cloze', text: 'x'.repeat(5000) } },
				{ secret: ann.token }
			),
			413,
			'too-large'
		],
		[post(`/rooms/${room.roomId}/answer`, [1, 2, 3], { secret: ann.token }), 400, 'malformed']
	];
	for (const [request, status, error] of cases) {
		const result = await request;
		expect(result.status, JSON.stringify(result.body)).toBe(status);
		expect(result.body.error).toBe(error);
		expect(typeof (result.body as { message?: unknown }).message).toBe('string');
	}

	const events = (role: string, secret?: string) =>
		fetch(`${API}/rooms/${room.roomId}/events?role=${role}`, {
			headers: {
				'x-forwarded-for': newIp(),
				...(secret ? { authorization: `Bearer ${secret}` } : {})
			}
		});
	expect((await events('host')).status).toBe(401);
	expect((await events('host', ann.token)).status).toBe(403);
	expect((await events('admin', room.hostSecret)).status).toBe(400);
	const report = await fetch(`${API}/rooms/${room.roomId}/report.csv`, {
		headers: { authorization: `Bearer ${ann.token}` }
	});
	expect(report.status).toBe(403);

	// A removed player's token stops working; a player who leaves frees their name.
	const bo = await joinAs(room.pin, 'Bo');
	expect((await command(room, { type: 'remove', playerId: bo.playerId })).status).toBe(200);
	const removed = await answer(bo, 0, true);
	expect([removed.status, removed.body.error]).toEqual([403, 'removed']);
	const left = await post(`/rooms/${room.roomId}/leave`, {}, { secret: ann.token });
	expect(left.status).toBe(200);
	expect((await answer(ann, 0, true)).status).toBe(409);
	expect((await post('/join', { pin: room.pin, nickname: 'Ann' })).status).toBe(201);

	// Still serving after all of that.
	expect((await fetch(BASE)).ok).toBe(true);
});

/** POSTs `bytes` of JSON-ish text as a chunked body (no Content-Length), like a streaming client. */
async function postChunked(path: string, bytes: number, secret?: string) {
	const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
	let sent = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent >= bytes) return controller.close();
			controller.enqueue(chunk);
			sent += chunk.byteLength;
		}
	});
	const response = await fetch(API + path, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-forwarded-for': newIp(),
			...(secret ? { authorization: `Bearer ${secret}` } : {})
		},
		body,
		duplex: 'half'
	} as RequestInit);
	return { status: response.status, body: await response.json() };
}

test('every oversized body gets its 413, chunked or not, and no socket reset', async () => {
	const room = await createRoom();
	const ann = await joinAs(room.pin, 'Ann');
	for (const [path, bytes, secret] of [
		['/join', 100 * 1024],
		// Over the limit by more than the 16 KB chunks the stream is sent in.
		['/rooms', BODY_LIMITS.create + 64 * 1024],
		[`/rooms/${room.roomId}/answer`, 600 * 1024, ann.token],
		[`/rooms/${room.roomId}/command`, 2 * 1024 * 1024, room.hostSecret],
		// Leaving needs no body, but an oversized one is still a 413, not a reset.
		[`/rooms/${room.roomId}/leave`, 600 * 1024, ann.token]
	] as const) {
		const result = await postChunked(path, bytes, secret);
		expect([path, result.status, result.body.error]).toEqual([path, 413, 'too-large']);
	}
	// Declared too large: refused the same way.
	const declared = await post(`/rooms/${room.roomId}/answer`, 'x'.repeat(300 * 1024), {
		secret: ann.token
	});
	expect([declared.status, declared.body.error]).toEqual([413, 'too-large']);
	expect((await fetch(BASE)).ok).toBe(true);
});

test('ADDRESS_HEADER set and a request without it: served, not a 500', async () => {
	const room = await createRoom();
	const response = await fetch(`${API}/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ pin: room.pin, nickname: 'Direct' })
	});
	expect(response.status).toBe(201);
	const stream = await fetch(`${API}/rooms/${room.roomId}/events?role=host`, {
		headers: { authorization: `Bearer ${room.hostSecret}` }
	});
	expect(stream.status).toBe(200);
	await stream.body?.cancel();
});

test('a host and three players run a whole question', async () => {
	const room = await createRoom();
	const host = subscribe<HostView>(room.roomId, 'host', room.hostSecret);
	const [ann, bo, cy] = [
		await joinAs(room.pin, 'Ann'),
		await joinAs(room.pin, '<b>Bo</b>'),
		await joinAs(room.pin, '小明')
	];
	const phone = subscribe<PlayerView>(ann.roomId, 'player', ann.token);
	await host.waitFor((v) => v.players.length === 3);

	expect((await command(room, { type: 'start' })).status).toBe(200);
	expect((await answer(ann, 0, true)).body).toEqual({ ok: true, duplicate: false });
	expect((await answer(bo, 0, false)).body).toEqual({ ok: true, duplicate: false });
	expect((await answer(cy, 0, true)).body).toEqual({ ok: true, duplicate: false });
	// Answering twice counts once, even with a different answer.
	expect((await answer(cy, 0, false)).body).toEqual({ ok: true, duplicate: true });
	const tally = await host.waitFor((v) => v.answeredCount === 3);
	expect(tally.players.find((p) => p.nickname === '<b>Bo</b>')?.answered).toBe(true);

	const before = await phone.waitFor((v) => v.myAnswer.answered);
	expect(JSON.stringify(before)).not.toContain(QUESTIONS[0].explanation);
	expect(before.myAnswer.correct).toBeNull();
	expect(JSON.stringify(before)).not.toContain('Bo');

	await command(room, { type: 'reveal' });
	const revealed = await host.waitFor((v) => v.phase === 'revealed');
	expect(revealed.reveal?.distribution.outcomes).toEqual({
		correct: 2,
		partial: 0,
		wrong: 1,
		unanswered: 0
	});
	expect(revealed.reveal?.key.explanation).toBe(QUESTIONS[0].explanation);
	const mine = await phone.waitFor((v) => v.phase === 'revealed');
	expect(mine.myAnswer).toMatchObject({ correct: true, points: 1000 });

	await command(room, { type: 'next' });
	const board = await host.waitFor((v) => v.phase === 'leaderboard');
	expect(board.leaderboard?.map((r) => [r.nickname, r.rank])).toEqual([
		['Ann', 1],
		['小明', 1],
		['<b>Bo</b>', 3]
	]);

	await command(room, { type: 'end' });
	const csv = await fetch(`${API}/rooms/${room.roomId}/report.csv`, {
		headers: { authorization: `Bearer ${room.hostSecret}` }
	});
	expect(csv.headers.get('content-type')).toContain('text/csv');
	const bytes = new Uint8Array(await csv.arrayBuffer());
	expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = new TextDecoder().decode(bytes);
	expect(text).toContain('"小明"');
	expect(text).toContain('\r\n');
	await Promise.all([host.close(), phone.close()]);
});

test('a room from a set asks its own and bank questions in the set’s order', async () => {
	// What HostSetup sends for a saved set (question-choice.ts `roomEntries`): an own true/false
	// item carried whole, then a bank item by id. Three phones answer the own question.
	const ownStem = 'Studying abroad is consumption abroad.';
	const entries = [
		{
			kind: 'own',
			item: {
				id: 'own-e2e-1',
				type: 'truefalse',
				part: '',
				concepts: [],
				difficulty: 2,
				lang: 'both',
				stem: { zh: '出国留学属于境外消费。', en: ownStem },
				explanation: { zh: '消费者移动。', en: 'The consumer moves.' },
				answer: true
			}
		},
		{ kind: 'bank', unit: 'modes-of-supply', id: 'mode-02' }
	];
	const created = await post<CreateRoomResponse>('/rooms', {
		locale: 'en',
		source: { kind: 'entries', entries },
		settings: { secondsPerQuestion: 60 }
	});
	expect(created.status).toBe(201);
	const room = created.body;
	const host = subscribe<HostView>(room.roomId, 'host', room.hostSecret);
	const players = [
		await joinAs(room.pin, 'Ann'),
		await joinAs(room.pin, 'Bo'),
		await joinAs(room.pin, '小明')
	];
	await host.waitFor((v) => v.players.length === 3);
	await command(room, { type: 'start' });
	const first = await host.waitFor((v) => v.question?.index === 0);
	expect(first.question).toMatchObject({ count: 2, item: { type: 'truefalse', stem: ownStem } });
	for (const [player, value] of [
		[players[0], true],
		[players[1], false],
		[players[2], true]
	] as const) {
		const reply = await post(
			`/rooms/${player.roomId}/answer`,
			{ questionIndex: 0, response: { type: 'truefalse', value } },
			{ secret: player.token }
		);
		expect(reply.body).toEqual({ ok: true, duplicate: false });
	}
	await command(room, { type: 'reveal' });
	const revealed = await host.waitFor((v) => v.phase === 'revealed');
	expect(revealed.reveal?.distribution.outcomes).toMatchObject({ correct: 2, wrong: 1 });
	expect(revealed.reveal?.key.explanation).toBe('The consumer moves.');
	await command(room, { type: 'next' });
	await host.waitFor((v) => v.phase === 'leaderboard');
	await command(room, { type: 'next' });
	const second = await host.waitFor((v) => v.question?.index === 1);
	expect(second.question?.item).toMatchObject({ type: 'classify' });
	expect(second.question?.item.stem).toContain('Tianjin logistics company');
	await host.close();
});

test('kill -9 mid-question loses no acknowledged answer; rejoin keeps the score', async () => {
	const room = await createRoom({ secondsPerQuestion: 120 });
	const players = [
		await joinAs(room.pin, 'Ann'),
		await joinAs(room.pin, 'Bo'),
		await joinAs(room.pin, 'Cy')
	];
	await command(room, { type: 'start' });
	// Every acknowledged answer must survive; fire them together and kill at once after the acks.
	const acks = await Promise.all([answer(players[0], 0, true), answer(players[1], 0, false)]);
	expect(acks.map((a) => a.status)).toEqual([200, 200]);
	const host = subscribe<HostView>(room.roomId, 'host', room.hostSecret);
	const beforeKill = await host.waitFor((v) => v.answeredCount === 2);
	const deadline = beforeKill.question!.deadline!;
	await host.close();

	await killServer('SIGKILL');
	await new Promise((r) => setTimeout(r, 1000));
	await startServer();

	const resumed = subscribe<HostView>(room.roomId, 'host', room.hostSecret);
	const view = await resumed.waitFor(() => true);
	expect(view.phase).toBe('question');
	expect(view.answeredCount).toBe(2);
	expect(view.question?.deadline).toBe(deadline);
	// The deadline is wall time: the downtime came off the clock, nothing more.
	expect(view.question!.remainingMs).toBeGreaterThan(deadline - Date.now() - 2000);
	expect(view.question!.remainingMs).toBeLessThanOrEqual(deadline - Date.now() + 1000);

	// Same tokens, same players: Ann's answer is still hers, Cy can still answer.
	expect((await answer(players[0], 0, false)).body).toEqual({ ok: true, duplicate: true });
	expect((await answer(players[2], 0, true)).body).toEqual({ ok: true, duplicate: false });
	const ann = subscribe<PlayerView>(room.roomId, 'player', players[0].token);
	await command(room, { type: 'reveal' });
	const revealed = await ann.waitFor((v) => v.phase === 'revealed');
	expect(revealed.me).toMatchObject({ nickname: 'Ann', points: 1000 });
	expect(revealed.myAnswer.correct).toBe(true);
	await Promise.all([resumed.close(), ann.close()]);
});

test('PIN guessing and join floods are rate-limited', async () => {
	const room = await createRoom();
	const guesser = newIp();
	const statuses: number[] = [];
	let retryAfter: string | null = null;
	for (let i = 0; i < 7; i++) {
		const wrongPin = room.pin === '999999' ? '999998' : '999999';
		const result = await post('/join', { pin: wrongPin, nickname: `G${i}` }, { ip: guesser });
		statuses.push(result.status);
		retryAfter ??= result.headers.get('retry-after');
	}
	expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
	expect(statuses.at(-1)).toBe(429);
	expect(Number(retryAfter)).toBeGreaterThan(0);
	// The right PIN from the same address is refused too while it waits: guessing is not free.
	expect((await post('/join', { pin: room.pin, nickname: 'Late' }, { ip: guesser })).status).toBe(
		429
	);
	// Another phone is unaffected.
	expect((await post('/join', { pin: room.pin, nickname: 'Fine' })).status).toBe(201);

	const flooder = newIp();
	const flood = await Promise.all(
		Array.from({ length: 15 }, (_, i) =>
			post('/join', { pin: room.pin, nickname: `F${i}` }, { ip: flooder })
		)
	);
	expect(flood.filter((r) => r.status === 429).length).toBeGreaterThan(0);
});
