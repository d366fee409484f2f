import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { Item } from '$lib/bank/types';
import { getIn } from './bucket-map';
import { DEFAULT_SETTINGS, type PublicItem, type RoomSettings } from '$lib/classroom/protocol';
import { answerStep, checkAnswer, checkJoin, roomMachine, type RoomSnapshot } from './room.machine';
import type { RoomEvent, RoomInput } from './room.types';
import {
	buildReport,
	distribution,
	phaseOf,
	playerViewKey,
	selectHostView,
	selectPlayerView,
	selectProjectorView,
	standings
} from './room.view';

const base = {
	unit: 'u',
	part: '1',
	concepts: [],
	difficulty: 1 as const,
	explanation: 'Because.',
	source: { part: '1', quote: 'q' }
};
const single: Item = {
	...base,
	id: 'q-single',
	type: 'single',
	stem: 'Pick B',
	options: [
		{ id: 'a', label: 'A' },
		{ id: 'b', label: 'B' },
		{ id: 'c', label: 'C' }
	],
	answer: 'b'
};
const truefalse: Item = { ...base, id: 'q-tf', type: 'truefalse', stem: 'True?', answer: true };
const matching: Item = {
	...base,
	id: 'q-match',
	type: 'matching',
	stem: 'Match',
	pairs: [
		{ left: 'x', right: 'X' },
		{ left: 'y', right: 'Y' }
	]
};

const T0 = 1_000_000;

function input(settings: Partial<RoomSettings> = {}): RoomInput {
	return {
		roomId: 'room-1',
		pin: '123456',
		settings: { ...DEFAULT_SETTINGS, ...settings },
		questions: [{ item: single }, { item: truefalse }, { item: matching, rightOrder: [1, 0] }],
		createdAt: T0
	};
}

function run(events: RoomEvent[], settings?: Partial<RoomSettings>): RoomSnapshot {
	let [snapshot] = initialTransition(roomMachine, input(settings));
	for (const event of events) [snapshot] = transition(roomMachine, snapshot, event);
	return snapshot;
}

const join = (playerId: string, nickname: string, at = T0): RoomEvent => ({
	type: 'player.join',
	playerId,
	nickname,
	rejoinCode: `C${playerId}`.toUpperCase().slice(0, 5),
	at
});
const answer = (playerId: string, choice: string, at: number, questionIndex = 0): RoomEvent => ({
	type: 'answer.submit',
	playerId,
	questionIndex,
	response: { type: 'single', choice },
	at
});
const lobbyOfThree = [join('p1', 'Ann'), join('p2', 'Bo'), join('p3', 'Cy')];
const started = [...lobbyOfThree, { type: 'host.start', at: T0 + 1000 } as RoomEvent];

describe('room machine', () => {
	it('lets the throwaway actor of a pure transition() start without an error (no throw per event)', () => {
		// xstate's transition() makes an actor without input on every call; a context factory
		// that threw there cost a stack trace per answer (a third of an answer's CPU in a big room).
		const throwaway = createActor(roomMachine, {} as { input: RoomInput });
		expect(throwaway.getSnapshot().status).toBe('active');
		expect(throwaway.getSnapshot().context.players).toEqual({});
		// (The cast stands for what xstate passes there: no input at all.)
	});

	it('takes players up to its own cap (2,000 in the shared mode), past the embedded 1,000', () => {
		const [lobby] = initialTransition(roomMachine, { ...input(), maxPlayers: 2000 });
		const next = join('p-next', 'Next') as Extract<RoomEvent, { type: 'player.join' }>;
		// The count the cap is checked against, as 1,000 and 2,000 joins would leave it.
		const withCount = (activeCount: number) => ({ ...lobby.context, activeCount });
		expect(checkJoin(withCount(1000), false, next)).toBeNull();
		expect(checkJoin(withCount(1999), false, next)).toBeNull();
		expect(checkJoin(withCount(2000), false, next)).toBe('room-full');
		const [embedded] = initialTransition(roomMachine, input());
		expect(checkJoin({ ...embedded.context, activeCount: 1000 }, false, next)).toBe('room-full');
	});

	it.each(['accuracy', 'speed'] as const)(
		'answerStep gives the snapshot transition() gives, for every kind of answer (%s scoring)',
		(scoring) => {
			const tf = (playerId: string, value: boolean, at: number, questionIndex = 1): RoomEvent => ({
				type: 'answer.submit',
				playerId,
				questionIndex,
				response: { type: 'truefalse', value },
				at
			});
			const match = (playerId: string, at: number): RoomEvent => ({
				type: 'answer.submit',
				playerId,
				questionIndex: 2,
				response: { type: 'matching', rightFor: { 0: 1, 1: 0 } },
				at
			});
			const t = T0 + 1000;
			const events: RoomEvent[] = [
				join('p1', 'Ann'),
				answer('p1', 'b', T0 + 1), // lobby: not the shortcut's case
				join('p2', 'Bo'),
				join('p3', 'Cy'),
				join('p4', 'Di'),
				join('p5', 'Ed'),
				{ type: 'host.start', at: t },
				answer('p1', 'b', t + 500), // right
				answer('p2', 'a', t + 9000), // wrong
				answer('p1', 'c', t + 600), // duplicate
				answer('p9', 'b', t + 700), // unknown player
				answer('p3', 'b', t + 800, 1), // another question
				tf('p3', true, t + 800, 0), // the wrong type of response
				{ type: 'player.leave', playerId: 'p4', at: t + 900 },
				answer('p4', 'b', t + 1000), // left
				{ type: 'host.remove', playerId: 'p5', at: t + 1000 },
				answer('p5', 'b', t + 1100), // removed
				{ type: 'host.pause', at: t + 1200 },
				answer('p3', 'b', t + 1300), // paused: not the shortcut's case
				{ type: 'host.resume', at: t + 5000 },
				{ type: 'host.extend', seconds: 10, at: t + 5100 },
				answer('p3', 'b', t + 29_000), // inside the extended time
				{ type: 'host.reveal', at: t + 30_000 },
				answer('p1', 'b', t + 30_001), // revealed: not the shortcut's case
				{ type: 'host.next', at: t + 31_000 },
				{ type: 'host.next', at: t + 32_000 },
				tf('p1', true, t + 32_500), // right
				tf('p2', false, t + 32_600), // wrong
				tf('p3', true, t + 60_000), // too late
				{ type: 'clock.tick', at: t + 60_001 },
				{ type: 'host.next', at: t + 61_000 },
				{ type: 'host.next', at: t + 62_000 },
				match('p2', t + 62_500), // matching, displayed order mapped back to the key
				{ type: 'host.skip', at: t + 63_000 },
				match('p1', t + 63_500) // ended
			];
			let [ours] = initialTransition(roomMachine, input({ scoring }));
			let theirs = ours;
			let shortcuts = 0;
			for (const event of events) {
				const [before, theirsBefore] = [ours, theirs];
				const fast = answerStep(ours, event);
				if (fast) shortcuts++;
				ours = fast ?? transition(roomMachine, ours, event)[0];
				theirs = transition(roomMachine, theirs, event)[0];
				expect(ours.value).toEqual(theirs.value);
				expect(ours.context).toEqual(theirs.context);
				expect(ours.status).toBe(theirs.status);
				expect([...ours.tags]).toEqual([...theirs.tags]);
				expect(ours.historyValue).toEqual(theirs.historyValue);
				expect(ours.children).toEqual(theirs.children);
				// The server tells accepted from ignored events by the context's identity.
				expect(ours.context === before.context).toBe(theirs.context === theirsBefore.context);
				// The methods work on the copy (the host's buttons read `can`).
				expect(ours.can({ type: 'host.reveal', at: event.at })).toBe(
					theirs.can({ type: 'host.reveal', at: event.at })
				);
				expect(ours.matches({ question: 'running' })).toBe(theirs.matches({ question: 'running' }));
			}
			// Every answer to a running question took the shortcut (13 of them), none other did.
			expect(shortcuts).toBe(13);
			expect(ours.status).toBe('done');
			expect(getIn(ours.context.totals, 'p1')!.answered).toBe(2);
		}
	);

	it('starts in the lobby and collects players in join order', () => {
		const snapshot = run(lobbyOfThree);
		expect(phaseOf(snapshot)).toBe('lobby');
		expect(snapshot.context.playerOrder).toEqual(['p1', 'p2', 'p3']);
	});

	it('rejects a duplicate nickname, ignoring case and width', () => {
		const snapshot = run([join('p1', 'Ann')]);
		const event = {
			type: 'player.join',
			playerId: 'p2',
			nickname: 'ＡＮＮ',
			rejoinCode: 'ABCDE',
			at: T0
		} as const;
		expect(checkJoin(snapshot.context, false, event)).toBe('duplicate-nickname');
		expect(run([join('p1', 'Ann'), event]).context.playerOrder).toEqual(['p1']);
	});

	it('frees a name when its player is removed, and refuses joins once ended', () => {
		const snapshot = run([join('p1', 'Ann'), { type: 'host.remove', playerId: 'p1', at: T0 }]);
		expect(checkJoin(snapshot.context, false, join('p2', 'Ann') as never)).toBeNull();
		const ended = run([{ type: 'host.end', at: T0 }]);
		expect(ended.status).toBe('done');
		expect(checkJoin(ended.context, true, join('p2', 'Bo') as never)).toBe('room-closed');
	});

	it('starts a question with a deadline taken from the event time', () => {
		const snapshot = run(started);
		expect(snapshot.value).toEqual({ question: 'running' });
		expect(snapshot.context.current).toBe(0);
		expect(snapshot.context.deadline).toBe(T0 + 1000 + 20_000);
	});

	it('counts an answer once: a second answer is a duplicate and changes nothing', () => {
		const once = run([...started, answer('p1', 'b', T0 + 2000)]);
		const twice = run([...started, answer('p1', 'b', T0 + 2000), answer('p1', 'a', T0 + 3000)]);
		expect(getIn(twice.context.totals, 'p1')!).toEqual({ points: 1000, correct: 1, answered: 1 });
		expect(getIn(twice.context.answers[0], 'p1')?.response).toEqual({
			type: 'single',
			choice: 'b'
		});
		expect(checkAnswer(once.context, true, answer('p1', 'a', T0 + 3000) as never)).toBe(
			'duplicate'
		);
	});

	it('refuses late answers, answers to another question and answers while paused', () => {
		const snapshot = run(started);
		expect(checkAnswer(snapshot.context, true, answer('p1', 'b', T0 + 21_001) as never)).toBe(
			'too-late'
		);
		expect(checkAnswer(snapshot.context, true, answer('p1', 'b', T0 + 2000, 1) as never)).toBe(
			'wrong-question'
		);
		const paused = run([...started, { type: 'host.pause', at: T0 + 5000 }]);
		expect(paused.value).toEqual({ question: 'paused' });
		const late = run([
			...started,
			{ type: 'host.pause', at: T0 + 5000 },
			answer('p1', 'b', T0 + 6000)
		]);
		expect(getIn(late.context.totals, 'p1')!.answered).toBe(0);
	});

	it('pauses and resumes keeping the time left; extend adds to it', () => {
		const snapshot = run([
			...started,
			{ type: 'host.pause', at: T0 + 6000 },
			{ type: 'host.extend', seconds: 10, at: T0 + 7000 },
			{ type: 'host.resume', at: T0 + 60_000 }
		]);
		// 15 s were left at the pause, +10 s extension, resumed at +60 s.
		expect(snapshot.context.deadline).toBe(T0 + 60_000 + 25_000);
	});

	it('reveals at the deadline on a clock tick, not before', () => {
		const early = run([...started, { type: 'clock.tick', at: T0 + 20_999 }]);
		expect(phaseOf(early)).toBe('question');
		const late = run([...started, { type: 'clock.tick', at: T0 + 21_000 }]);
		expect(phaseOf(late)).toBe('revealed');
	});

	it('walks reveal → leaderboard → next question → … → ended', () => {
		const snapshot = run([
			...started,
			{ type: 'host.reveal', at: T0 + 3000 },
			{ type: 'host.next', at: T0 + 4000 },
			{ type: 'host.next', at: T0 + 5000 },
			{ type: 'host.reveal', at: T0 + 6000 },
			{ type: 'host.next', at: T0 + 7000 },
			{ type: 'host.next', at: T0 + 8000 },
			{ type: 'host.skip', at: T0 + 9000 }
		]);
		expect(phaseOf(snapshot)).toBe('ended');
		expect(snapshot.context.skipped).toEqual([false, false, true]);
	});

	it('voids a skipped question', () => {
		const snapshot = run([
			...started,
			answer('p1', 'b', T0 + 2000),
			{ type: 'host.skip', at: T0 + 3000 }
		]);
		expect(snapshot.context.current).toBe(1);
		expect(getIn(snapshot.context.totals, 'p1')!).toEqual({ points: 0, correct: 0, answered: 0 });
	});

	it('adds a speed bonus only when asked to', () => {
		const events = [...started, answer('p1', 'b', T0 + 1000), answer('p2', 'b', T0 + 11_000)];
		expect(getIn(run(events).context.totals, 'p1')!.points).toBe(1000);
		const speedy = run(events, { scoring: 'speed' });
		expect(getIn(speedy.context.totals, 'p1')!.points).toBe(1500);
		expect(getIn(speedy.context.totals, 'p2')!.points).toBe(1250);
	});

	it('maps matching answers from the shuffled column back to the key', () => {
		const toMatching = [
			...started,
			{ type: 'host.skip', at: T0 + 2000 },
			{ type: 'host.skip', at: T0 + 3000 }
		] as RoomEvent[];
		// Shown right column is [Y, X] (rightOrder [1, 0]): x→X is position 1, y→Y position 0.
		const snapshot = run([
			...toMatching,
			{
				type: 'answer.submit',
				playerId: 'p1',
				questionIndex: 2,
				response: { type: 'matching', rightFor: { 0: 1, 1: 0 } },
				at: T0 + 4000
			}
		]);
		expect(getIn(snapshot.context.answers[2], 'p1')?.score.correct).toBe(true);
	});

	it('reaches every state and none is a dead end except ended', () => {
		const events: RoomEvent[] = [
			join('p1', 'Ann'),
			{ type: 'host.start', at: T0 },
			answer('p1', 'b', T0 + 1),
			{ type: 'host.pause', at: T0 + 2 },
			{ type: 'host.resume', at: T0 + 3 },
			{ type: 'host.extend', seconds: 5, at: T0 + 4 },
			{ type: 'clock.tick', at: T0 + 100_000 },
			{ type: 'host.reveal', at: T0 + 5 },
			{ type: 'host.next', at: T0 + 6 },
			{ type: 'host.skip', at: T0 + 7 },
			{ type: 'host.end', at: T0 + 8 }
		];
		const paths = getShortestPaths(roomMachine, {
			input: input(),
			events,
			serializeState: (s) => JSON.stringify([s.value, s.context.current]),
			limit: 5000
		});
		const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
		for (const value of [
			'"lobby"',
			'{"question":"running"}',
			'{"question":"paused"}',
			'"revealed"',
			'"leaderboard"',
			'"ended"'
		])
			expect(reached).toContain(value);
		// From every reachable state the room can still end.
		for (const path of paths)
			expect(path.state.status === 'done' || path.state.can({ type: 'host.end', at: T0 })).toBe(
				true
			);
	});
});

describe('room views', () => {
	const answered = [...started, answer('p1', 'b', T0 + 2000), answer('p2', 'a', T0 + 3000)];

	it('never shows the key, the explanation or others’ answers before reveal', () => {
		const snapshot = run(answered);
		const player = selectPlayerView(snapshot, 'p2', T0 + 4000);
		const projector = selectProjectorView(snapshot, { now: T0 + 4000, joinUrls: [] });
		for (const view of [player, projector]) {
			const json = JSON.stringify(view);
			expect(json).not.toContain('Because.');
			expect(json).not.toContain('"answer"');
			expect(json).not.toContain('"correct":true');
		}
		expect(player?.myAnswer).toEqual({ answered: true, correct: null, fraction: null, points: 0 });
		expect(player?.me.points).toBe(0);
		expect(JSON.stringify(player)).not.toContain('Ann');
		expect(projector.answeredCount).toBe(2);
		expect(projector.question?.remainingMs).toBe(17_000);
	});

	it('shows the key, the distribution and each player’s own result on reveal', () => {
		const snapshot = run([...answered, { type: 'host.reveal', at: T0 + 5000 }]);
		const host = selectHostView(snapshot, {
			now: T0,
			joinUrls: [],
			words: { true: 'True', false: 'False' },
			connected: new Set(['p1'])
		});
		expect(host.reveal?.key).toMatchObject({ type: 'single', optionId: 'b' });
		expect(host.reveal?.distribution).toEqual(distribution(snapshot.context, 0));
		expect(host.reveal?.distribution.options).toEqual({ a: 1, b: 1, c: 0 });
		expect(host.reveal?.distribution.outcomes).toEqual({
			correct: 1,
			partial: 0,
			wrong: 1,
			unanswered: 1
		});
		expect(host.players[0]).toMatchObject({ nickname: 'Ann', connected: true, points: 1000 });
		expect(host.can.next).toBe(true);
		expect(host.can.reveal).toBe(false);
		const p1 = selectPlayerView(snapshot, 'p1', T0);
		expect(p1?.myAnswer.correct).toBe(true);
		expect(p1?.me.points).toBe(1000);
	});

	it('ranks with ties and reports the most missed questions', () => {
		const snapshot = run([
			...answered,
			answer('p3', 'b', T0 + 4000),
			{ type: 'host.reveal', at: T0 + 5000 },
			{ type: 'host.next', at: T0 + 6000 },
			{ type: 'host.next', at: T0 + 7000 },
			{
				type: 'answer.submit',
				playerId: 'p1',
				questionIndex: 1,
				response: { type: 'truefalse', value: false },
				at: T0 + 8000
			},
			{ type: 'host.end', at: T0 + 9000 }
		]);
		expect(standings(snapshot.context).map((r) => [r.nickname, r.rank])).toEqual([
			['Ann', 1],
			['Cy', 1],
			['Bo', 3]
		]);
		const report = buildReport(snapshot.context, { true: 'True', false: 'False' });
		expect(report.mostMissed).toEqual([1, 0]);
		expect(report.students[1].answers[0]).toMatchObject({ correct: false, points: 0 });
		expect(report.questions[2].skipped).toBe(true);
		expect(selectPlayerView(snapshot, 'p2', T0)?.me.rank).toBe(3);
	});

	it('shuffles options per player when asked, stably', () => {
		const snapshot = run(started, { order: 'shuffled' });
		const ids = (id: string) => {
			const item = selectPlayerView(snapshot, id, T0)?.question?.item;
			return item?.type === 'single' ? item.options.map((o) => o.id) : [];
		};
		expect(ids('p1')).toEqual(ids('p1'));
		expect(ids('p1').sort()).toEqual(['a', 'b', 'c']);
	});

	it('gives the room one seeded option order per question, not the bank order (issue #8)', () => {
		const shown = (roomId: string) => {
			let [snapshot] = initialTransition(roomMachine, { ...input(), roomId });
			for (const event of started) [snapshot] = transition(roomMachine, snapshot, event);
			const ids = (item: PublicItem | undefined) =>
				item?.type === 'single' ? item.options.map((o) => o.id).join() : '';
			const p1 = ids(selectPlayerView(snapshot, 'p1', T0)?.question?.item);
			// Every phone and the projector agree ("the same order for everyone").
			expect(ids(selectPlayerView(snapshot, 'p2', T0)?.question?.item)).toBe(p1);
			expect(ids(selectProjectorView(snapshot, { now: T0, joinUrls: [] }).question?.item)).toBe(p1);
			return p1;
		};
		const orders = Array.from({ length: 30 }, (_, n) => shown(`room-${n}`));
		expect(orders.every((o) => o.split(',').sort().join() === 'a,b,c')).toBe(true);
		// Bank order (key b second) is one of six: thirty rooms do not all show it.
		expect(new Set(orders).size).toBeGreaterThan(2);
	});

	it('gives equal player keys only to equal player views (the server skips on the key)', () => {
		const events: RoomEvent[] = [
			...started,
			answer('p1', 'b', T0 + 2000),
			{ type: 'host.pause', at: T0 + 3000 },
			{ type: 'host.extend', seconds: 5, at: T0 + 3500 },
			{ type: 'host.resume', at: T0 + 4000 },
			answer('p2', 'a', T0 + 5000),
			{ type: 'host.remove', playerId: 'p3', at: T0 + 5500 },
			{ type: 'host.reveal', at: T0 + 6000 },
			{ type: 'host.next', at: T0 + 7000 },
			{ type: 'host.next', at: T0 + 8000 },
			join('p4', 'Di', T0 + 8500),
			{ type: 'host.end', at: T0 + 9000 }
		];
		const seen = new Map<string, string>();
		for (let n = 0; n <= events.length; n++) {
			const snapshot = run(events.slice(0, n));
			for (const id of ['p1', 'p2', 'p3', 'p4']) {
				const view = JSON.stringify(selectPlayerView(snapshot, id, 0));
				const key = `${id}:${playerViewKey(snapshot, id)}`;
				expect(seen.get(key) ?? view).toBe(view);
				seen.set(key, view);
			}
		}
		expect(seen.size).toBeGreaterThan(10);
	});
});
