import { appendFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getIn } from '$lib/classroom/room/bucket-map';
import {
	MAX_PLAYERS_PER_ROOM,
	REJOIN_CODE_PATTERN,
	type CreateRoomRequest,
	type HostView
} from '$lib/classroom/protocol';
import { csvField, reportToCsv, toCsv } from './csv';
import { ClassroomError } from './errors';
import { memoryLimiter } from './rate-limit';
import { ClassroomRegistry, PIN_GUESSES, joinUrlsFor } from './registry';
import type { RoomStore } from './store';

const dirs: string[] = [];
const registries: ClassroomRegistry[] = [];

async function fresh(dataDir?: string, idleMs?: number) {
	const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'classroom-')));
	if (!dataDir) dirs.push(dir);
	const registry = new ClassroomRegistry({ dataDir: dir, idleMs });
	registries.push(registry);
	await registry.recover();
	return registry;
}

afterEach(async () => {
	for (const r of registries.splice(0)) await r.close();
	for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const request: CreateRoomRequest = {
	locale: 'en',
	source: { kind: 'generated', generated: [{ kind: 'mode', seed: 1, count: 3 }] },
	settings: { secondsPerQuestion: 30, scoring: 'accuracy', order: 'fixed' }
};
const url = new URL('http://localhost:3000/classroom');

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string | null> {
	try {
		await (typeof promise === 'function' ? promise() : promise);
		return null;
	} catch (error) {
		return error instanceof ClassroomError ? error.code : String(error);
	}
}

/** The key of the current (classify) question, as a response. */
function rightAnswer(registry: ClassroomRegistry, roomId: string) {
	const context = registry.rooms.get(roomId)!.snapshot.context;
	const item = context.questions[context.current].item;
	if (item.type !== 'classify') throw new Error('expected a classify item');
	return {
		type: 'classify' as const,
		values: Object.fromEntries(item.dimensions.map((d) => [d.family, d.answer]))
	};
}

describe('classroom registry', () => {
	it('creates a room with a 6-digit PIN, join URLs and a QR code', async () => {
		const registry = await fresh();
		const room = await registry.create(request, url, '1.1.1.1');
		expect(room.pin).toMatch(/^[1-9]\d{5}$/);
		expect(room.questionCount).toBe(3);
		expect(room.joinUrls.at(-1)).toBe('http://localhost:3000/classroom/join');
		expect(room.qrSvg).toContain('<svg');
	});

	it('caps a room at 1,000 players embedded and 2,000 in the shared mode', async () => {
		const embedded = await fresh();
		const room = await embedded.create(request, url, '1.1.1.1');
		expect(embedded.rooms.get(room.roomId)!.input.maxPlayers).toBe(MAX_PLAYERS_PER_ROOM);
		// The shared default, read at construction from the store's kind (no Redis needed).
		const sharedStore = new Proxy(
			{ kind: 'shared', limiter: memoryLimiter },
			{ get: (target, key) => (key in target ? target[key as 'kind'] : () => undefined) }
		) as unknown as RoomStore;
		expect(new ClassroomRegistry({ store: sharedStore }).maxPlayers).toBe(2000);
		expect(new ClassroomRegistry({ store: sharedStore, maxPlayers: 300 }).maxPlayers).toBe(300);
	});

	it("runs a saved set in the set's order, own items included, and refuses a bad own item", async () => {
		const registry = await fresh();
		const own = {
			id: 'own-mode-q',
			type: 'classify' as const,
			lang: 'en' as const,
			part: '',
			concepts: [],
			difficulty: 1 as const,
			stem: { zh: 'A tutor teaches online.', en: 'A tutor teaches online.' },
			explanation: { zh: 'Mode 1.', en: 'Mode 1.' },
			answer: { mode: 'cross-border' }
		};
		const room = await registry.create(
			{
				locale: 'en',
				source: {
					kind: 'entries',
					entries: [
						{ kind: 'bank', unit: 'modes-of-supply', id: 'mode-02' },
						{ kind: 'own', item: own },
						{ kind: 'drill', drill: 'mode', seed: 3, count: 2 }
					]
				}
			},
			url,
			'1.1.1.1'
		);
		const questions = registry.rooms.get(room.roomId)!.snapshot.context.questions;
		expect(questions.map((q) => `${q.item.unit}/${q.item.id}`).slice(0, 2)).toEqual([
			'modes-of-supply/mode-02',
			'own/own-mode-q'
		]);
		expect(questions).toHaveLength(4);
		const second = questions[1].item;
		expect(second.type === 'classify' && second.dimensions[0].options.length).toBe(4);
		// A family option that does not exist passes the schema but not the bank's cross-check.
		const bad = { ...own, answer: { mode: 'teleportation' } };
		const refused = registry.create(
			{ locale: 'en', source: { kind: 'entries', entries: [{ kind: 'own', item: bad }] } },
			url,
			'1.1.1.2'
		);
		await expect(refused).rejects.toThrow(/entries\[0\]\.item\.answer/);
		expect(await codeOf(refused)).toBe('malformed');
	});

	it('puts LAN addresses first when the host uses localhost', () => {
		expect(joinUrlsFor(new URL('http://localhost:3000/'), ['192.168.1.5'])).toEqual([
			'http://192.168.1.5:3000/classroom/join',
			'http://localhost:3000/classroom/join'
		]);
		expect(joinUrlsFor(new URL('http://10.0.0.2:3000/'), ['10.0.0.2'])).toEqual([
			'http://10.0.0.2:3000/classroom/join'
		]);
	});

	it('joins, rejects duplicates and counts an answer once', async () => {
		const registry = await fresh();
		const room = await registry.create(request, url, '1.1.1.1');
		const ann = await registry.join(room.pin, 'Ann', '2.2.2.2');
		expect(await codeOf(registry.join(room.pin, 'ann', '2.2.2.3'))).toBe('duplicate-nickname');
		await registry.command(room.roomId, room.hostSecret, { type: 'start' });
		const response = rightAnswer(registry, room.roomId);
		expect(await registry.answer(room.roomId, ann.token, { questionIndex: 0, response })).toEqual({
			ok: true,
			duplicate: false
		});
		expect(await registry.answer(room.roomId, ann.token, { questionIndex: 0, response })).toEqual({
			ok: true,
			duplicate: true
		});
		expect(
			getIn(registry.rooms.get(room.roomId)!.snapshot.context.totals, ann.playerId)!.points
		).toBe(1000);
	});

	it('refuses wrong secrets and tokens, and commands the room cannot take', async () => {
		const registry = await fresh();
		const room = await registry.create(request, url, '1.1.1.1');
		const ann = await registry.join(room.pin, 'Ann', '2.2.2.2');
		expect(await codeOf(registry.command(room.roomId, ann.token, { type: 'start' }))).toBe(
			'forbidden'
		);
		expect(await codeOf(registry.command(room.roomId, room.hostSecret, { type: 'reveal' }))).toBe(
			'not-allowed'
		);
		const answer = { questionIndex: 0, response: { type: 'single' as const, choice: 'a' } };
		expect(await codeOf(registry.answer(room.roomId, room.hostSecret, answer))).toBe(
			'unauthorised'
		);
		expect(await codeOf(registry.answer(room.roomId, ann.token, answer))).toBe('not-accepting');
		await registry.command(room.roomId, room.hostSecret, { type: 'start' });
		expect(await codeOf(registry.answer(room.roomId, ann.token, answer))).toBe('malformed');
		expect(await codeOf(registry.answer('nope-nope-nope', ann.token, answer))).toBe('unknown-room');
	});

	it('rate-limits PIN guessing per IP', async () => {
		const registry = await fresh();
		const codes: (string | null)[] = [];
		for (let i = 0; i < PIN_GUESSES + 2; i++)
			codes.push(await codeOf(registry.join('999999', `G${i}`, '6.6.6.6', 1000)));
		expect(codes.slice(0, PIN_GUESSES)).toEqual(Array(PIN_GUESSES).fill('unknown-pin'));
		expect(codes[PIN_GUESSES + 1]).toBe('rate-limited');
		expect(await codeOf(registry.join('999999', 'Other', '7.7.7.7', 1000))).toBe('unknown-pin');
	});

	it('lets a class behind one NAT address join at once, typos included', async () => {
		// School Wi-Fi: every phone has the same public address. 100 students join within the
		// same second and ten of them mistype the PIN first; nobody is told to wait.
		const registry = await fresh();
		const room = await registry.create(request, url, '1.1.1.1');
		const typos = await Promise.all(
			Array.from({ length: 10 }, (_, i) => codeOf(registry.join('000000', `T${i}`, '9.9.9.9')))
		);
		expect(typos).toEqual(Array(10).fill('unknown-pin'));
		const joins = await Promise.all(
			Array.from({ length: 100 }, (_, i) => codeOf(registry.join(room.pin, `S${i}`, '9.9.9.9')))
		);
		expect(joins.filter((code) => code !== null)).toEqual([]);
	});

	it('lets a class behind one NAT address open its streams at once, as it joined', async () => {
		// Every join is followed by the phone's stream (and a Wi-Fi blip reconnects them all): the
		// stream limit per address must let through as many as the join limit does.
		const registry = await fresh();
		const room = await registry.create(request, url, '1.1.1.1');
		const players = await Promise.all(
			Array.from({ length: 100 }, (_, i) => registry.join(room.pin, `N${i}`, '8.8.8.8'))
		);
		const aborts = players.map(() => new AbortController());
		const opened = await Promise.all(
			players.map((p, i) =>
				codeOf(
					registry
						.stream(room.roomId, 'player', p.token, '8.8.8.8', aborts[i].signal)
						.then((response) => void response.body?.cancel())
				)
			)
		);
		for (const abort of aborts) abort.abort();
		expect(opened.filter((code) => code !== null)).toEqual([]);
	});

	it('resumes from the log with every acknowledged answer and the same deadline', async () => {
		const first = await fresh();
		const room = await first.create(request, url, '1.1.1.1');
		const ann = await first.join(room.pin, 'Ann', '2.2.2.2');
		await first.join(room.pin, 'Bo', '2.2.2.3');
		await first.command(room.roomId, room.hostSecret, { type: 'start' });
		const response = rightAnswer(first, room.roomId);
		await first.answer(room.roomId, ann.token, { questionIndex: 0, response });
		const before = first.rooms.get(room.roomId)!.snapshot;

		const second = await fresh(first.dataDir);
		const after = second.rooms.get(room.roomId)!.snapshot;
		expect(after.value).toEqual(before.value);
		expect(after.context.deadline).toBe(before.context.deadline);
		expect(after.context.answers[0]).toEqual(before.context.answers[0]);
		expect(after.context.totals).toEqual(before.context.totals);
		// Same token, same player.
		expect(await second.answer(room.roomId, ann.token, { questionIndex: 0, response })).toEqual({
			ok: true,
			duplicate: true
		});
	});

	it('drops a half-written last line instead of the room', async () => {
		const first = await fresh();
		const room = await first.create(request, url, '1.1.1.1');
		await first.join(room.pin, 'Ann', '2.2.2.2');
		await first.settled();
		const path = join(first.dataDir, `${room.roomId}.jsonl`);
		await appendFile(path, '{"kind":"event","seq":2,"ev');
		const second = await fresh(first.dataDir);
		expect(second.rooms.get(room.roomId)!.snapshot.context.playerOrder).toHaveLength(1);
		expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);
	});

	it('expires idle rooms and deletes their logs', async () => {
		const registry = await fresh(undefined, 60_000);
		const room = await registry.create(request, url, '1.1.1.1');
		await registry.settled();
		expect(await readdir(registry.dataDir)).toHaveLength(1);
		expect(await registry.expireIdle(Date.now() + 61_000)).toBe(1);
		expect(await readdir(registry.dataDir)).toHaveLength(0);
		expect(await codeOf(() => registry.room(room.roomId))).toBe('unknown-room');
	});
});

describe('classroom registry, round 2', () => {
	it('lets a phone that lost its token reclaim its place with its rejoin code', async () => {
		const registry = await fresh();
		const room = await registry.create(request, url, '1.1.1.1');
		const ann = await registry.join(room.pin, 'Ann', '2.2.2.2');
		expect(ann.rejoinCode).toMatch(REJOIN_CODE_PATTERN);
		await registry.command(room.roomId, room.hostSecret, { type: 'start' });
		const response = rightAnswer(registry, room.roomId);
		await registry.answer(room.roomId, ann.token, { questionIndex: 0, response });

		expect(await codeOf(registry.join(room.pin, 'Ann', '2.2.2.3'))).toBe('duplicate-nickname');
		const wrong = ann.rejoinCode === 'AAAAA' ? 'BBBBB' : 'AAAAA';
		expect(await codeOf(registry.join(room.pin, 'Ann', '2.2.2.3', Date.now(), wrong))).toBe(
			'invalid-rejoin-code'
		);
		const back = await registry.join(room.pin, 'ann', '2.2.2.3', Date.now(), ann.rejoinCode);
		expect(back).toMatchObject({ playerId: ann.playerId, nickname: 'Ann', rejoined: true });
		// Same player, same answer: the new token sees the first answer; the old one is retired.
		expect(await registry.answer(room.roomId, back.token, { questionIndex: 0, response })).toEqual({
			ok: true,
			duplicate: true
		});
		// The old device is told why (not "this session no longer exists"), on every request.
		expect(
			await codeOf(registry.answer(room.roomId, ann.token, { questionIndex: 0, response }))
		).toBe('signed-in-elsewhere');
		expect(await codeOf(registry.leave(room.roomId, ann.token))).toBe('signed-in-elsewhere');
		expect(
			await codeOf(registry.answer(room.roomId, 'Z'.repeat(32), { questionIndex: 0, response }))
		).toBe('unauthorised');
		// The host's list shows the code; the projector (seen by the whole room) does not.
		const live = registry.rooms.get(room.roomId)!;
		const host = live.viewFor('host', undefined, Date.now()) as HostView;
		expect(host.players[0].rejoinCode).toBe(ann.rejoinCode);
		expect(JSON.stringify(live.viewFor('projector', undefined, Date.now()))).not.toContain(
			ann.rejoinCode
		);
		// The code survives a restart (it is in the log), and the token issued with it too.
		await registry.settled();
		const second = await fresh(registry.dataDir);
		expect(await second.answer(room.roomId, back.token, { questionIndex: 0, response })).toEqual({
			ok: true,
			duplicate: true
		});
		expect(
			await codeOf(second.answer(room.roomId, ann.token, { questionIndex: 0, response }))
		).toBe('signed-in-elsewhere');
	});

	it('locks the room to new players; rejoin codes still work', async () => {
		const registry = await fresh();
		const room = await registry.create(request, url, '1.1.1.1');
		const ann = await registry.join(room.pin, 'Ann', '2.2.2.2');
		await registry.leave(room.roomId, ann.token);
		await registry.command(room.roomId, room.hostSecret, { type: 'lock' });
		const host = registry.rooms.get(room.roomId)!.viewFor('host', undefined, 0) as HostView;
		expect([host.locked, host.can.lock, host.can.unlock]).toEqual([true, false, true]);
		expect(await codeOf(registry.join(room.pin, 'Bo', '2.2.2.3'))).toBe('room-locked');
		expect(await codeOf(registry.command(room.roomId, room.hostSecret, { type: 'lock' }))).toBe(
			'not-allowed'
		);
		const back = await registry.join(room.pin, 'Ann', '2.2.2.4', Date.now(), ann.rejoinCode);
		expect(back.playerId).toBe(ann.playerId);
		await registry.command(room.roomId, room.hostSecret, { type: 'unlock' });
		expect((await registry.join(room.pin, 'Bo', '2.2.2.3')).nickname).toBe('Bo');
	});

	it('counts a student who left and joined again once in the report, and shows who left', async () => {
		const registry = await fresh();
		const room = await registry.create(request, url, '1.1.1.1');
		const players = await Promise.all(
			['Ann', 'Bo', 'Cy', 'Di'].map((name, i) => registry.join(room.pin, name, `3.3.3.${i}`))
		);
		await registry.command(room.roomId, room.hostSecret, { type: 'start' });
		const response = rightAnswer(registry, room.roomId);
		for (const p of players)
			await registry.answer(room.roomId, p.token, { questionIndex: 0, response });
		await registry.leave(room.roomId, players[0].token);
		await registry.leave(room.roomId, players[3].token);
		const again = await registry.join(room.pin, 'Ann', '3.3.3.9');
		await registry.answer(room.roomId, again.token, {
			questionIndex: 0,
			response: { ...response, values: {} }
		});
		const report = await registry.report(room.roomId, room.hostSecret);
		expect(report.questions[0]).toMatchObject({ answered: 4, correct: 4 });
		expect(report.students.map((s) => [s.nickname, s.joins, s.left, s.answered])).toEqual([
			['Ann', 2, false, 1],
			['Bo', 1, false, 1],
			['Cy', 1, false, 1],
			['Di', 1, true, 1]
		]);
		// Her first answer (right) counts, not the second.
		expect(report.students[0].answers[0]).toMatchObject({ correct: true });
		const csv = reportToCsv(report, 'students');
		expect(csv).toContain('"status","joins"');
		expect(csv).toMatch(/"Di","1000","1","1","left","1"/);
	});

	it('expires an ended room counted from its end, and does not count it against the cap', async () => {
		const registry = new ClassroomRegistry({
			dataDir: await mkdtemp(join(tmpdir(), 'classroom-')),
			idleMs: 60 * 60_000,
			endedMs: 10 * 60_000,
			maxRooms: 1
		});
		registries.push(registry);
		dirs.push(registry.dataDir);
		await registry.recover();
		const first = await registry.create(request, url, '1.1.1.1');
		expect(await codeOf(registry.create(request, url, '1.1.1.1'))).toBe('server-busy');
		const endedAt = Date.now();
		await registry.command(first.roomId, first.hostSecret, { type: 'end' }, endedAt);
		await registry.create(request, url, '1.1.1.1');
		// The report stays for the retention, then the room goes (long before the idle time).
		expect(await registry.expireIdle(endedAt + 9 * 60_000)).toBe(0);
		expect((await registry.report(first.roomId, first.hostSecret)).students).toEqual([]);
		expect(await registry.expireIdle(endedAt + 11 * 60_000)).toBe(1);
		expect(await codeOf(registry.report(first.roomId, first.hostSecret))).toBe('unknown-room');
	});
});

describe('CSV export', () => {
	it('quotes, doubles quotes and defuses formulas', () => {
		expect(csvField('a"b')).toBe('"a""b"');
		expect(csvField('=1+1')).toBe(`"'=1+1"`);
		expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
		expect(csvField('-3')).toBe(`"'-3"`);
		expect(csvField(-3)).toBe('"-3"');
	});

	it('starts with a BOM and ends lines with CRLF', () => {
		const csv = toCsv([
			['名字', 'x'],
			['小明', '1']
		]);
		expect(csv.startsWith('\uFEFF"名字","x"\r\n')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
	});

	it('writes the three report sheets', () => {
		const report = {
			questions: [
				{
					index: 0,
					itemId: 'q1',
					unit: 'u',
					stem: 'Stem, with "quotes"',
					type: 'single',
					skipped: false,
					answered: 1,
					correct: 1,
					accuracy: 1
				}
			],
			students: [
				{
					playerId: 'p',
					nickname: '=cmd',
					rank: 1,
					points: 1000,
					correct: 1,
					answered: 1,
					removed: false,
					left: false,
					joins: 1,
					answers: [{ correct: true, fraction: 1, points: 1000, ms: 1500 }]
				}
			],
			mostMissed: [0]
		};
		expect(reportToCsv(report, 'students')).toContain(`"1","'=cmd","1000"`);
		expect(reportToCsv(report, 'questions')).toContain('"Stem, with ""quotes"""');
		expect(reportToCsv(report, 'answers')).toContain('"1.5"');
	});
});
