/**
 * The live room's fan-out (issue #11, "one room of a thousand"): what one push costs. The host and
 * projector views are built and serialised once per push whatever the number of such screens, a
 * phone is looked at only when its view may have changed, a burst of answers is coalesced into
 * few host messages that carry the last state, and a growing lobby reaches the phones at a pace.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { transition } from 'xstate';
import type { HostView, PlayerView, ProjectorView, Role } from '$lib/classroom/protocol';
import { roomMachine } from '$lib/classroom/room/room.machine';
import { ViewAssembler } from '$lib/classroom/view-patch';
import type { RoomEvent } from '$lib/classroom/room/room.types';
import {
	FLUSH_INTERVAL_MS,
	nextRoomSnapshot,
	PLAYER_COUNT_INTERVAL_MS,
	type LiveRoom,
	type SseClient
} from './live-room';
import { ClassroomRegistry } from './registry';

const decoder = new TextDecoder();

/**
 * A stream client that keeps what it was sent: raw (a spec may empty `raw` to look only at what
 * comes next), and the views decoded, patches applied as a client does (view-patch.ts).
 */
function fakeClient(role: Role, playerId?: string) {
	const raw: (string | Uint8Array)[] = [];
	const assembler = new ViewAssembler<object>();
	const all: object[] = [];
	const client: SseClient & { raw: typeof raw; views: () => object[] } = {
		role,
		playerId,
		raw,
		send(message) {
			raw.push(message);
			const text = typeof message === 'string' ? message : decoder.decode(message);
			const view = assembler.accept(
				text.match(/^event: (.*)$/m)![1],
				text.match(/^data: (.*)$/m)![1]
			);
			if (view === null || view === 'resync') throw new Error(`not a view: ${text}`);
			all.push(view);
			return true;
		},
		close() {},
		/** The view each message in `raw` made. */
		views: () => all.slice(all.length - raw.length)
	};
	return client;
}

let dir: string;
let registry: ClassroomRegistry;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'live-room-'));
	registry = new ClassroomRegistry({ dataDir: dir });
	await registry.recover();
});

afterEach(async () => {
	vi.useRealTimers();
	await registry.close();
	await rm(dir, { recursive: true, force: true });
});

const url = new URL('http://localhost:3000/classroom');

/** A room with `players` joined (ids in join order), not started. */
async function roomWith(players: number) {
	const created = await registry.create(
		{
			locale: 'en',
			source: { kind: 'generated', generated: [{ kind: 'mode', seed: 3, count: 2 }] },
			settings: { secondsPerQuestion: 60, scoring: 'accuracy', order: 'fixed' }
		},
		url,
		'10.0.0.1'
	);
	const ids: string[] = [];
	for (let i = 0; i < players; i++)
		ids.push((await registry.join(created.pin, `P${i}`, `10.1.0.${i}`)).playerId);
	return { room: registry.rooms.get(created.roomId)!, ids, created };
}

function rightAnswer(room: LiveRoom, index = room.snapshot.context.current) {
	const item = room.snapshot.context.questions[index].item;
	if (item.type !== 'classify') throw new Error('expected a classify item');
	return {
		type: 'classify' as const,
		values: Object.fromEntries(item.dimensions.map((d) => [d.family, d.answer]))
	};
}

const answer = (room: LiveRoom, playerId: string) =>
	room.submit({
		type: 'answer.submit',
		playerId,
		questionIndex: room.snapshot.context.current,
		response: rightAnswer(room),
		at: Date.now()
	});

const fakeTimers = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });

describe('live room fan-out', () => {
	it('builds the host and projector views once per push and sends every such screen the same bytes', async () => {
		// Before anything schedules a push: a real timer pending would hold back the fake ones.
		fakeTimers();
		const { room, ids } = await roomWith(8);
		await room.submit({ type: 'host.start', at: Date.now() });
		const hosts = [0, 1, 2].map(() => fakeClient('host'));
		const projectors = [0, 1].map(() => fakeClient('projector'));
		const phones = ids.map((id) => fakeClient('player', id));
		for (const client of [...hosts, ...projectors, ...phones]) room.connect(client);
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS * 2);
		// Spies on the room itself (not the view module): every view is built through `viewJson`,
		// every phone is looked at through `message`.
		const builds = vi.spyOn(room, 'viewJson');
		const looks = vi.spyOn(room as unknown as { message: () => unknown }, 'message');
		const built = (role: Role) => builds.mock.calls.filter(([r]) => r === role).length;
		const phonesLooked = () => looks.mock.calls.length;
		for (const client of [...hosts, ...projectors, ...phones]) client.raw.length = 0;

		// Five answers in one tick: one push.
		const acks = ids.slice(0, 5).map((id) => answer(room, id));
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
		await Promise.all(acks);

		expect(built('host')).toBe(1);
		expect(built('projector')).toBe(1);
		// One serialisation per role: every host got the very same encoded message.
		expect(hosts.map((h) => h.raw.length)).toEqual([1, 1, 1]);
		expect(hosts[1].raw[0]).toBe(hosts[0].raw[0]);
		expect(hosts[2].raw[0]).toBe(hosts[0].raw[0]);
		expect(projectors[1].raw[0]).toBe(projectors[0].raw[0]);
		expect((hosts[0].views()[0] as HostView).answeredCount).toBe(5);
		// Only the five phones that answered were looked at, and each got its own view.
		expect(phonesLooked()).toBe(5);
		expect(built('player')).toBe(5);
		expect(phones.map((p) => p.raw.length)).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
		expect((phones[0].views()[0] as PlayerView).myAnswer.answered).toBe(true);

		// Nothing changed: a push sends nothing and builds nothing.
		room.schedulePush();
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
		expect(built('host')).toBe(1);
		expect(hosts[0].raw).toHaveLength(1);

		// The reveal changes what every phone shows: every phone is looked at.
		await room.submit({ type: 'host.reveal', at: Date.now() });
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
		expect(phones.every((p) => p.raw.length >= 1)).toBe(true);
		expect((phones[7].views().at(-1) as PlayerView).phase).toBe('revealed');
	});

	it('coalesces a burst of answers into one host message per interval, the last carrying every answer', async () => {
		fakeTimers();
		const { room, ids } = await roomWith(10);
		await room.submit({ type: 'host.start', at: Date.now() });
		const host = fakeClient('host');
		const projector = fakeClient('projector');
		room.connect(host);
		room.connect(projector);
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS * 2);
		host.raw.length = 0;
		projector.raw.length = 0;

		// Ten answers over 90 ms, one every 10 ms.
		const acks = [];
		for (const id of ids) {
			acks.push(answer(room, id));
			await vi.advanceTimersByTimeAsync(10);
		}
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
		await Promise.all(acks);

		// At most one message per interval (the first at once), and nothing lost at the end.
		expect(host.raw.length).toBeLessThanOrEqual(Math.ceil(100 / FLUSH_INTERVAL_MS) + 1);
		expect(host.raw.length).toBeLessThan(ids.length);
		const last = host.views().at(-1) as HostView;
		expect(last.answeredCount).toBe(10);
		expect(last.players.every((p) => p.answered)).toBe(true);
		expect((projector.views().at(-1) as ProjectorView).answeredCount).toBe(10);
	});

	it('tells the host at once when a phone connects (its dot), though the room did not change', async () => {
		fakeTimers();
		const { room, ids } = await roomWith(2);
		const host = fakeClient('host');
		room.connect(host);
		expect((host.views()[0] as HostView).players.map((p) => p.connected)).toEqual([false, false]);
		room.connect(fakeClient('player', ids[1]));
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
		expect((host.views().at(-1) as HostView).players.map((p) => p.connected)).toEqual([
			false,
			true
		]);
	});

	it('sends the phones a growing player count at most once a second, and the last count arrives', async () => {
		fakeTimers();
		const { room, ids, created } = await roomWith(2);
		const phone = fakeClient('player', ids[0]);
		room.connect(phone);
		phone.raw.length = 0;
		const host = fakeClient('host');
		room.connect(host);
		host.raw.length = 0;

		// Ten more players, one every 100 ms (1 s in all).
		for (let i = 0; i < 10; i++) {
			await registry.join(created.pin, `Q${i}`, `10.2.0.${i}`);
			await vi.advanceTimersByTimeAsync(100);
		}
		const duringJoins = phone.raw.length;
		await vi.advanceTimersByTimeAsync(PLAYER_COUNT_INTERVAL_MS + FLUSH_INTERVAL_MS);

		expect(duringJoins).toBeLessThanOrEqual(2);
		expect((phone.views().at(-1) as PlayerView).playerCount).toBe(12);
		// The host's list is not slowed down: it saw the joins as they came.
		expect(host.raw.length).toBeGreaterThanOrEqual(9);
		expect((host.views().at(-1) as HostView).players).toHaveLength(12);
	});

	it('serialises only the host rows that changed, and the views equal the full views', async () => {
		fakeTimers();
		const { room, ids } = await roomWith(120);
		await room.submit({ type: 'host.start', at: Date.now() });
		const host = fakeClient('host');
		const projector = fakeClient('projector');
		room.connect(host);
		room.connect(projector);
		const phones = ids.slice(0, 3).map((id) => fakeClient('player', id));
		for (const phone of phones) room.connect(phone);
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS * 2);
		const rows = room as unknown as Record<
			'hostRows' | 'projectorRows',
			{ made: number; looked: number }
		>;
		const made = () => [rows.hostRows.made, rows.projectorRows.made];
		const looked = () => [rows.hostRows.looked, rows.projectorRows.looked];
		const last = (client: ReturnType<typeof fakeClient>) => client.views().at(-1) as HostView;
		// The message equals the whole view built the plain way, at the message's own clock.
		const same = (client: ReturnType<typeof fakeClient>, role: 'host' | 'projector') =>
			expect(last(client)).toEqual(room.viewFor(role, undefined, last(client).serverNow));

		// One answer: one host row made again (that player's "answered"), no projector row; and
		// only that player's rows were even looked at, not the other 119.
		const [hostBefore, projectorBefore] = made();
		const [hostLooked, projectorLooked] = looked();
		await Promise.all([answer(room, ids[5]), vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS)]);
		expect(made()).toEqual([hostBefore + 1, projectorBefore]);
		expect(looked()).toEqual([hostLooked + 1, projectorLooked + 1]);
		same(host, 'host');
		same(projector, 'projector');
		expect((last(host) as HostView).players[5].answered).toBe(true);

		// A phone's stream closes: its dot changes, one row.
		room.disconnect(phones[1]);
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
		expect(made()[0]).toBe(hostBefore + 2);
		expect(looked()[0]).toBe(hostLooked + 2);
		same(host, 'host');

		// A removed player leaves both lists; a rejoin-free room keeps the rest of the rows.
		await room.submit({ type: 'host.remove', playerId: ids[7], at: Date.now() });
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
		expect(made()).toEqual([hostBefore + 2, projectorBefore]);
		same(host, 'host');
		same(projector, 'projector');
		expect((last(projector) as unknown as ProjectorView).players).toHaveLength(119);

		// The reveal marks nobody as answering any more: every row changes, as it should.
		await room.submit({ type: 'host.reveal', at: Date.now() });
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
		same(host, 'host');
		expect((last(host) as HostView).players.every((p) => !p.answered)).toBe(true);
	});

	it('sends a host that holds the last revision a patch of the changed rows, and a new stream the whole view', async () => {
		fakeTimers();
		const { room, ids, created } = await roomWith(50);
		await room.submit({ type: 'host.start', at: Date.now() });
		const host = fakeClient('host');
		const projector = fakeClient('projector');
		room.connect(host);
		room.connect(projector);
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS * 2);
		const text = (m: string | Uint8Array) => (typeof m === 'string' ? m : decoder.decode(m));
		const kind = (m: string | Uint8Array) => text(m).match(/^event: (.*)$/m)![1];
		const data = (m: string | Uint8Array) => JSON.parse(text(m).match(/^data: (.*)$/m)![1]);
		const whole = text(host.raw[0]).length;
		expect(kind(host.raw[0])).toBe('view');
		host.raw.length = 0;
		projector.raw.length = 0;

		// One answer: the host gets that one row, the projector no row at all (names unchanged).
		await Promise.all([answer(room, ids[3]), vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS)]);
		expect(host.raw.map(kind)).toEqual(['patch']);
		const patch = data(host.raw[0]);
		expect(patch.rows.map((r: { playerId: string }) => r.playerId)).toEqual([ids[3]]);
		expect(patch.ids).toBeUndefined();
		expect(patch).not.toHaveProperty('players');
		expect(text(host.raw[0]).length).toBeLessThan(whole / 2);
		expect(data(projector.raw[0]).rows).toEqual([]);

		// A host connecting now (a reconnect with Last-Event-ID too) gets the whole view, and the
		// next change reaches both hosts as one patch, the very same bytes.
		const late = fakeClient('host');
		room.connect(late);
		expect(late.raw.map(kind)).toEqual(['view']);
		host.raw.length = 0;
		await Promise.all([answer(room, ids[4]), vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS)]);
		expect([host.raw.map(kind), late.raw.slice(1).map(kind)]).toEqual([['patch'], ['patch']]);
		expect(late.raw[1]).toBe(host.raw[0]);

		// A host that missed a revision (here: told it holds another one) gets the whole view.
		host.lastKey = 'elsewhere';
		host.raw.length = 0;
		await Promise.all([answer(room, ids[5]), vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS)]);
		expect(host.raw.map(kind)).toEqual(['view']);

		// A join changes the list: the patch carries every id, in order, and the new row.
		host.raw.length = 0;
		const joined = await registry.join(created.pin, 'Newcomer', '10.3.0.1');
		await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
		expect(host.raw.map(kind)).toEqual(['patch']);
		expect(data(host.raw[0]).ids).toEqual([...ids, joined.playerId]);
		const view = host.views().at(-1) as HostView;
		expect(view).toEqual(room.viewFor('host', undefined, view.serverNow));
	});

	it('steps the machine exactly as xstate’s transition() does, one shared scope for every room', async () => {
		const { room, ids } = await roomWith(3);
		const response = rightAnswer(room, 0);
		const events: RoomEvent[] = [
			{ type: 'host.start', at: 1 },
			{
				type: 'answer.submit',
				playerId: ids[0],
				questionIndex: 0,
				response,
				at: 2
			},
			{
				type: 'answer.submit',
				playerId: ids[0],
				questionIndex: 0,
				response,
				at: 3
			},
			{ type: 'host.remove', playerId: ids[2], at: 4 },
			{ type: 'host.reveal', at: 5 },
			{ type: 'host.next', at: 6 },
			{ type: 'host.end', at: 7 }
		];
		let ours = room.snapshot;
		let theirs = room.snapshot;
		for (const event of events) {
			ours = nextRoomSnapshot(ours, event);
			theirs = transition(roomMachine, theirs, event)[0];
			expect(ours.value).toEqual(theirs.value);
			expect(ours.context).toEqual(theirs.context);
		}
		expect(ours.status).toBe('done');
	});

	it('keeps the deadline timer while answers come in, and moves it when the deadline moves', async () => {
		fakeTimers();
		const { room, ids } = await roomWith(4);
		await room.submit({ type: 'host.start', at: Date.now() });
		// Delays of the timers armed from here on. Wrapped by hand, not vi.spyOn: restoring a spy
		// over a fake timer left the fake installed for the next spec file in this worker (node
		// specs share one module graph), and every timer there never fired.
		const fakeSetTimeout = globalThis.setTimeout;
		const delays: number[] = [];
		globalThis.setTimeout = ((handler: () => void, ms?: number) => {
			delays.push(Number(ms));
			return fakeSetTimeout(handler, ms);
		}) as typeof setTimeout;
		try {
			for (const id of ids) await answer(room, id);
			const deadlineTimers = () => delays.filter((ms) => ms > 10_000);
			expect(deadlineTimers()).toHaveLength(0);
			await room.submit({ type: 'host.pause', at: Date.now() });
			await room.submit({ type: 'host.resume', at: Date.now() });
			expect(deadlineTimers()).toHaveLength(1);
		} finally {
			globalThis.setTimeout = fakeSetTimeout;
		}
	});
});
