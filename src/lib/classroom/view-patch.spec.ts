import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoomSubscription } from './client.svelte';
import type { HostView } from './protocol';
import { applyViewPatch, ViewAssembler, type ListView, type ViewPatch } from './view-patch';

interface Row {
	playerId: string;
	points: number;
}
interface View extends ListView<Row> {
	phase: string;
	serverNow: number;
}

const row = (playerId: string, points = 0): Row => ({ playerId, points });
const view: View = {
	phase: 'question',
	serverNow: 1,
	players: [row('a'), row('b'), row('c')]
};
const patch = (fields: Partial<ViewPatch<View>>): ViewPatch<View> => ({
	phase: 'question',
	serverNow: 2,
	rev: 'r2',
	base: 'r1',
	rows: [],
	...fields
});

describe('applyViewPatch', () => {
	it('replaces the changed rows in place and keeps the others as the same objects', () => {
		const before = structuredClone(view);
		const next = applyViewPatch(view, 'r1', patch({ rows: [row('b', 10)] }))!;
		expect(next).toEqual({
			phase: 'question',
			serverNow: 2,
			players: [row('a'), row('b', 10), row('c')]
		});
		expect(next.players[0]).toBe(view.players[0]);
		expect(next.players[2]).toBe(view.players[2]);
		// Pure: the view it was given is left as it was.
		expect(view).toEqual(before);
	});

	it('takes the list from `ids` when it changed: joins, leaves and new rows', () => {
		const next = applyViewPatch(
			view,
			'r1',
			patch({ ids: ['a', 'c', 'd'], rows: [row('d', 0), row('c', 5)] })
		)!;
		expect(next.players).toEqual([row('a'), row('c', 5), row('d')]);
		expect(next.players[0]).toBe(view.players[0]);
	});

	it('refuses a patch to another revision, to no view, or naming a row it never had', () => {
		expect(applyViewPatch(view, 'r0', patch({}))).toBeNull();
		expect(applyViewPatch(view, null, patch({}))).toBeNull();
		expect(applyViewPatch(null, 'r1', patch({}))).toBeNull();
		expect(applyViewPatch(view, 'r1', patch({ ids: ['a', 'z'] }))).toBeNull();
	});
});

describe('ViewAssembler', () => {
	it('applies a chain of patches to the last whole view, and after reset waits for a whole one', () => {
		const assembler = new ViewAssembler<View>();
		expect(assembler.accept('patch', JSON.stringify(patch({})))).toBe('resync');
		const first = assembler.accept('view', JSON.stringify({ ...view, rev: 'r1' }));
		// `rev` is the stream's business, not the view's.
		expect(first).toEqual(view);
		assembler.accept('patch', JSON.stringify(patch({ rows: [row('a', 1)] })));
		const third = assembler.accept(
			'patch',
			JSON.stringify(patch({ base: 'r2', rev: 'r3', rows: [row('c', 3)] }))
		);
		expect(third).toEqual({ ...view, serverNow: 2, players: [row('a', 1), row('b'), row('c', 3)] });
		expect(assembler.accept('other', '{}')).toBeNull();

		assembler.reset();
		expect(assembler.accept('patch', JSON.stringify(patch({ base: 'r3', rev: 'r4' })))).toBe(
			'resync'
		);
	});
});

/** A host view as the server would send it (only what the subscription reads matters here). */
const hostView = (rev: string, players: Row[]) =>
	JSON.stringify({ role: 'host', serverNow: Date.now(), question: null, players, rev });
const message = (id: number, event: string, data: string) =>
	`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`;

describe('RoomSubscription with patches', () => {
	afterEach(() => vi.restoreAllMocks());

	it('applies patches, and reconnects with Last-Event-ID to a whole view (also after a patch it cannot apply)', async () => {
		// Each connection: the messages its stream sends, then the stream ends.
		const streams = [
			[
				message(5, 'view', hostView('r1', [row('a'), row('b')])),
				message(6, 'patch', JSON.stringify(patch({ rows: [row('b', 7)] })))
			],
			[
				message(8, 'view', hostView('r9', [row('a'), row('b', 7), row('c')])),
				message(9, 'patch', JSON.stringify(patch({ base: 'r9', rev: 'r10', rows: [row('c', 2)] }))),
				// Not the revision this client holds: it must not be applied.
				message(10, 'patch', JSON.stringify(patch({ base: 'r99', rev: 'r100' })))
			],
			[message(11, 'view', hostView('r11', [row('a')]))]
		];
		const lastIds: (string | null)[] = [];
		const seen: HostView['players'][] = [];
		vi.spyOn(Math, 'random').mockReturnValue(0);
		vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
			lastIds.push(new Headers(init?.headers).get('last-event-id'));
			const chunks = streams[lastIds.length - 1] ?? [];
			const body = new ReadableStream<Uint8Array>({
				start(controller) {
					for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
					if (lastIds.length < streams.length) controller.close();
				}
			});
			return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
		});
		const subscription = new RoomSubscription('room1', 'host', 'secret');
		const record = () => {
			const players = subscription.view?.players;
			if (players && seen.at(-1) !== players) seen.push(players);
		};
		const timer = setInterval(record, 1);
		subscription.start();
		await vi.waitFor(() => expect(lastIds).toHaveLength(3), { timeout: 5000 });
		await vi.waitFor(() => expect(subscription.view?.players).toEqual([row('a')]));
		clearInterval(timer);
		subscription.close();

		// The first stream's patch was applied; the reconnect named the patch's id; the bad patch
		// dropped the stream and the next reconnect named the last message applied.
		expect(lastIds).toEqual([null, '6', '9']);
		expect(seen).toContainEqual([row('a'), row('b', 7)]);
		expect(seen).toContainEqual([row('a'), row('b', 7), row('c', 2)]);
		expect(seen.some((players) => players.length === 0)).toBe(false);
	});
});
