/**
 * The shared mode for real: redis-server (AOF, appendfsync always), two instances of the
 * production build and nginx with the sample config, all started here on loopback
 * (CLASSROOM_CLUSTER_PORT, default PW_PORT + 40…+43). Phones go through nginx or straight to an
 * instance; the host's stream stays on instance 0. Needs `npm run build` (the Playwright web
 * server runs it) and Debian's redis-server and nginx (`.ci/run` installs them).
 */
import { expect, test } from '@playwright/test';
import { clusterBasePort, startCluster, type Cluster } from '../scripts/cluster/cluster.ts';
import type { HostView, JoinResponse, PlayerView } from '../src/lib/classroom/protocol.ts';
import { classroomClient } from './classroom-http.ts';

test.describe.configure({ mode: 'serial', timeout: 60_000 });

let cluster: Cluster;

test.beforeAll(async () => {
	test.setTimeout(60_000);
	cluster = await startCluster({
		base: clusterBasePort(),
		instances: 2,
		// Behind nginx the phone's own X-Forwarded-For is one hop further: each simulated phone
		// then has its own address, as on a classroom Wi-Fi.
		env: { XFF_DEPTH: '2' }
	});
});

test.afterAll(async () => {
	await cluster?.stop();
});

const api = classroomClient({ base: () => cluster.base, seed: 11, ipPrefix: '10.1' });
const { post, joinAs, command, answer } = api;
/** The host's room: created on instance 0 unless told otherwise. */
const createRoom = (origin = cluster.instances[0]) =>
	api.createRoom({ secondsPerQuestion: 120 }, origin);
/** Streams reconnect like phones; through nginx unless an instance is named. */
const subscribe = <V>(roomId: string, role: string, secret: string, origin?: string) =>
	api.subscribe<V>(roomId, role, secret, { origin, reconnect: true });

test('players over two instances behind nginx, host on one: exact tallies', async () => {
	const room = await createRoom();
	const host = subscribe<HostView>(room.roomId, 'host', room.hostSecret, cluster.instances[0]);
	const players: JoinResponse[] = [];
	for (let i = 0; i < 12; i++) players.push(await joinAs(room.pin, `P${i}`));
	await host.waitFor((v) => v.players.length === 12);
	// The host's "connected" dot follows a phone's stream on the other instance, both ways.
	const connected = (v: HostView) =>
		v.players.find((p) => p.playerId === players[0].playerId)?.connected;
	const phone = subscribe<PlayerView>(
		players[0].roomId,
		'player',
		players[0].token,
		cluster.instances[1]
	);
	await host.waitFor((v) => connected(v) === true);
	const beforeClose = host.views.length;
	await phone.close();
	await host.waitFor((v) => connected(v) === false, 10_000, beforeClose);
	// A command sent to the other instance drives the same room.
	expect((await command(room, { type: 'start' }, cluster.instances[1])).status).toBe(200);
	await host.waitFor((v) => v.phase === 'question');

	// Every player answers on both instances at the same instant: each counts once.
	const results = await Promise.all(
		players.flatMap((p, i) => [
			answer(p, 0, i % 3 !== 0, cluster.instances[0]),
			answer(p, 0, i % 3 !== 0, cluster.instances[1])
		])
	);
	expect(results.every((r) => r.status === 200)).toBe(true);
	const firsts = results.filter((r) => r.body.duplicate === false);
	expect(firsts).toHaveLength(12);
	await host.waitFor((v) => v.answeredCount === 12);

	expect((await command(room, { type: 'reveal' })).status).toBe(200);
	const revealed = await host.waitFor((v) => v.phase === 'revealed');
	expect(revealed.reveal?.distribution.outcomes).toEqual({
		correct: 8,
		partial: 0,
		wrong: 4,
		unanswered: 0
	});
	await command(room, { type: 'next' }, cluster.instances[1]);
	await command(room, { type: 'next' }, cluster.instances[0]);
	const second = await host.waitFor((v) => v.phase === 'question' && v.question?.index === 1);
	// Two host commands racing through two instances: both applied, once each.
	const extends_ = await Promise.all([
		command(room, { type: 'extend', seconds: 10 }, cluster.instances[0]),
		command(room, { type: 'extend', seconds: 10 }, cluster.instances[1])
	]);
	expect(extends_.map((e) => e.status)).toEqual([200, 200]);
	const extended = await host.waitFor(
		(v) => v.question?.deadline === second.question!.deadline! + 20_000
	);
	expect(extended.question?.index).toBe(1);
	await host.close();
});

test('kill -9 one instance mid-question: phones reconnect through nginx, no acknowledged answer lost', async () => {
	const room = await createRoom();
	const host = subscribe<HostView>(room.roomId, 'host', room.hostSecret, cluster.instances[0]);
	const players: JoinResponse[] = [];
	for (let i = 0; i < 10; i++) players.push(await joinAs(room.pin, `K${i}`));
	// nginx spreads the phones' streams over both instances.
	const phones = players.map((p) => subscribe<PlayerView>(p.roomId, 'player', p.token));
	await Promise.all(phones.map((phone) => phone.waitFor((v) => v.phase === 'lobby')));
	await command(room, { type: 'start' });
	await Promise.all(phones.map((phone) => phone.waitFor((v) => v.phase === 'question')));

	const acknowledged = new Set<string>();
	const firstHalf = await Promise.all(players.slice(0, 5).map((p) => answer(p, 0, true)));
	firstHalf.forEach((r, i) => r.status === 200 && acknowledged.add(players[i].playerId));
	expect(acknowledged.size).toBe(5);

	await cluster.killInstance(1, 'SIGKILL');
	// Answers while instance 1 is dead: nginx sends them to instance 0.
	const secondHalf = await Promise.all(players.slice(5).map((p) => answer(p, 0, false)));
	secondHalf.forEach((r, i) => r.status === 200 && acknowledged.add(players[5 + i].playerId));
	expect(acknowledged.size).toBe(10);

	// Every phone is connected again (those on instance 1 reconnected through nginx) and shows
	// its answer; the host counts every acknowledged answer.
	await Promise.all(phones.map((phone) => phone.waitFor((v) => v.myAnswer.answered)));
	const tally = await host.waitFor((v) => v.answeredCount === 10);
	expect(
		tally.players
			.filter((p) => p.answered)
			.map((p) => p.playerId)
			.sort()
	).toEqual([...acknowledged].sort());
	expect(phones.some((phone) => phone.connections > 1)).toBe(true);
	await command(room, { type: 'reveal' });
	const revealed = await phones[0].waitFor((v) => v.phase === 'revealed');
	expect(revealed.myAnswer.correct).toBe(true);
	await Promise.all([host.close(), ...phones.map((phone) => phone.close())]);
	await cluster.startInstance(1);
});

test('Redis restarted with its AOF: no acknowledged answer lost, the room carries on', async () => {
	const room = await createRoom();
	const players: JoinResponse[] = [];
	for (let i = 0; i < 6; i++) players.push(await joinAs(room.pin, `R${i}`));
	await command(room, { type: 'start' });
	const acks = await Promise.all(players.slice(0, 4).map((p, i) => answer(p, 0, i % 2 === 0)));
	expect(acks.map((a) => a.status)).toEqual([200, 200, 200, 200]);

	await cluster.restartRedis('SIGKILL');

	// Both instances catch up; the rest answer through either; a fresh host stream shows all.
	const later = await Promise.all(
		players.slice(4).map((p, i) => answer(p, 0, true, cluster.instances[i]))
	);
	expect(later.map((a) => a.status)).toEqual([200, 200]);
	const host = subscribe<HostView>(room.roomId, 'host', room.hostSecret, cluster.instances[1]);
	const view = await host.waitFor((v) => v.answeredCount === 6);
	expect(view.players.every((p) => p.answered)).toBe(true);
	await command(room, { type: 'reveal' }, cluster.instances[0]);
	const revealed = await host.waitFor((v) => v.phase === 'revealed');
	expect(revealed.reveal?.distribution.outcomes).toMatchObject({ correct: 4, wrong: 2 });
	await host.close();
});

test('walk cases in the shared mode: rejoin code, lock, leave and rejoin, oversized bodies', async () => {
	const room = await createRoom(cluster.instances[1]);
	const ann = await joinAs(room.pin, 'Ann', cluster.instances[0]);
	// A phone that lost its token reclaims Ann's place on the other instance.
	expect((await post('/join', { pin: room.pin, nickname: 'Ann' })).status).toBe(409);
	const back = await post<JoinResponse>(
		'/join',
		{ pin: room.pin, nickname: 'Ann', rejoinCode: ann.rejoinCode.toLowerCase() },
		{ origin: cluster.instances[1] }
	);
	expect(back.body).toMatchObject({ playerId: ann.playerId, rejoined: true });
	expect((await command(room, { type: 'lock' }, cluster.instances[0])).status).toBe(200);
	const locked = await post('/join', { pin: room.pin, nickname: 'Bo' });
	expect([locked.status, locked.body.error]).toEqual([409, 'room-locked']);
	await command(room, { type: 'unlock' }, cluster.instances[1]);
	const bo = await joinAs(room.pin, 'Bo');

	await command(room, { type: 'start' });
	await answer(back.body, 0, true, cluster.instances[0]);
	await answer(bo, 0, true, cluster.instances[1]);
	await post(`/rooms/${room.roomId}/leave`, {}, { secret: bo.token });
	const boAgain = await joinAs(room.pin, 'Bo', cluster.instances[0]);
	expect((await answer(boAgain, 0, false, cluster.instances[1])).status).toBe(200);
	await command(room, { type: 'end' });
	const report = await fetch(
		`${cluster.instances[1]}/api/classroom/rooms/${room.roomId}/report.csv?sheet=questions`,
		{
			headers: { authorization: `Bearer ${room.hostSecret}` }
		}
	);
	const csv = await report.text();
	// Q1: its key in words, two distinct students, both right (Bo's first answer counts).
	expect(csv).toMatch(/"1","[^"]+","[^"]*","classify","[^"]*","[^"]+: [^"]+","2","2","100"/);
	// students.csv from the other instance: Bo once, joined twice, first answer right; as embedded.
	const students = await fetch(
		`${cluster.instances[0]}/api/classroom/rooms/${room.roomId}/report.csv?sheet=students`,
		{ headers: { authorization: `Bearer ${room.hostSecret}` } }
	).then((r) => r.text());
	expect(students.match(/"Bo"/g)).toHaveLength(1);
	expect(students).toMatch(/"Bo","\d+","1","1","","2"/);

	// A chunked oversized body through nginx and straight to an instance: a 413 either way.
	for (const origin of [cluster.base, cluster.instances[0]]) {
		const big = new TextEncoder().encode('x'.repeat(200 * 1024));
		const response = await fetch(`${origin}/api/classroom/join`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: new ReadableStream({
				start(controller) {
					controller.enqueue(big);
					controller.close();
				}
			}),
			duplex: 'half'
		} as RequestInit);
		expect(response.status).toBe(413);
	}
});
