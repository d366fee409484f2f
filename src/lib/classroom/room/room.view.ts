/**
 * View selectors: room snapshot → what each screen may see. This is the one place that decides
 * what leaves the server, so the rules live here and are tested here:
 * - nobody sees the key or the explanation before reveal (the projector is visible to the room);
 * - a player sees only their own answer, and not even whether it was right before reveal (their
 *   total leaves the current question out until then, or it would give the answer away);
 * - no view carries secrets (the host secret and tokens never enter the machine at all).
 */
import { hash32, mulberry32, shuffle } from '$lib/bank/generators/random';
import type { Item } from '$lib/bank/types';
import { isWholeFamily, presentItem } from '$lib/answering/option-order';
import {
	HOST_COMMANDS,
	nicknameKey,
	type Distribution,
	type HostCommand,
	type HostCommandType,
	type HostView,
	type LeaderboardRow,
	type PlayerView,
	type ProjectorView,
	type PublicItem,
	type QuestionHeader,
	type RevealedKey,
	type RoomPhase,
	type RoomReport
} from '$lib/classroom/protocol';
import { keyText, type TrueFalseWords } from '$lib/features/classroom/public-item';
import { countWith, getIn, hasIn } from './bucket-map';
import type { RoomSnapshot } from './room.machine';
import type { AnswerRecord, RoomContext, RoomEvent, RoomQuestion } from './room.types';

export function phaseOf(snapshot: RoomSnapshot): RoomPhase {
	if (snapshot.matches('question')) return 'question';
	return snapshot.value as Exclude<RoomPhase, 'question'>;
}

export const isAcceptingAnswers = (snapshot: RoomSnapshot): boolean =>
	snapshot.matches({ question: 'running' });

/** Whether the current question's outcome may be shown (revealed, leaderboard or ended). */
const isCurrentRevealed = (phase: RoomPhase): boolean => phase !== 'question' && phase !== 'lobby';

export function commandToEvent(command: HostCommand, at: number): RoomEvent {
	switch (command.type) {
		case 'extend':
			return { type: 'host.extend', seconds: command.seconds, at };
		case 'remove':
			return { type: 'host.remove', playerId: command.playerId, at };
		default:
			return { type: `host.${command.type}`, at };
	}
}

const COMMAND_TYPES = HOST_COMMANDS.filter((type) => type !== 'remove');

/** Which commands the room accepts now; `remove` is always allowed while the room is open. */
export function availableCommands(
	snapshot: RoomSnapshot,
	at: number
): Record<HostCommandType, boolean> {
	const can = Object.fromEntries(
		COMMAND_TYPES.map((type) => [
			type,
			snapshot.can(
				commandToEvent(type === 'extend' ? { type, seconds: 10 } : ({ type } as HostCommand), at)
			)
		])
	) as Record<HostCommandType, boolean>;
	can.remove = snapshot.status === 'active';
	return can;
}

// ---------------------------------------------------------------------------------------------
// Items without their keys, keys in display form
// ---------------------------------------------------------------------------------------------

const publicItems = new WeakMap<RoomQuestion, PublicItem>();

/**
 * The question as the whole room sees it ("the same order for everyone"): options in one seeded
 * order per question, drawn from the room id (random per room, so never the bank's key-first
 * order, and identical for every phone, the projector and a replay of the log). Whole classify
 * families keep their natural order (see `$lib/answering/option-order`). Cached per question.
 */
export function publicItem(question: RoomQuestion, roomId: string): PublicItem {
	const hit = publicItems.get(question);
	if (hit) return hit;
	const item = presentItem(question.item, hash32(`room:${roomId}`)).item;
	const view = toPublicItem(item, question.rightOrder);
	publicItems.set(question, view);
	return view;
}

export function toPublicItem(item: Item, rightOrder: number[] | undefined): PublicItem {
	const options = (list: { id: string; label: string }[]) =>
		list.map(({ id, label }) => ({ id, label }));
	switch (item.type) {
		case 'single':
		case 'multiple':
			return { type: item.type, stem: item.stem, options: options(item.options) };
		case 'truefalse':
		case 'cloze':
			return { type: item.type, stem: item.stem };
		case 'matching': {
			const order = rightOrder ?? item.pairs.map((_, i) => i);
			return {
				type: 'matching',
				stem: item.stem,
				left: item.pairs.map((p) => p.left),
				right: order.map((i) => item.pairs[i].right)
			};
		}
		case 'classify':
			return {
				type: 'classify',
				stem: item.stem,
				dimensions: item.dimensions.map((d) => ({
					family: d.family,
					label: d.label,
					options: options(d.options)
				}))
			};
	}
}

/** The key of an item as reveal sends it: typed per item type, no display strings. */
export function revealedKey(item: Item): RevealedKey {
	const explanation = item.explanation;
	switch (item.type) {
		case 'single':
			return { type: 'single', optionId: item.answer, explanation };
		case 'multiple':
			return { type: 'multiple', optionIds: [...item.answer], explanation };
		case 'truefalse':
			return { type: 'truefalse', value: item.answer, explanation };
		case 'matching':
			return {
				type: 'matching',
				pairs: item.pairs.map(({ left, right }) => ({ left, right })),
				explanation
			};
		case 'classify':
			return {
				type: 'classify',
				dimensions: item.dimensions.map((d) => ({ family: d.family, optionId: d.answer })),
				explanation
			};
		case 'cloze':
			return { type: 'cloze', accept: [...item.accept], explanation };
	}
}

/** A phone's own option order when the room shuffles per player; stable across refreshes. */
function shuffledForPlayer(item: PublicItem, playerId: string, index: number): PublicItem {
	const random = mulberry32(hash32(`${playerId}:${index}`));
	switch (item.type) {
		case 'single':
		case 'multiple':
			return { ...item, options: shuffle(random, item.options) };
		case 'classify':
			return {
				...item,
				dimensions: item.dimensions.map((d) =>
					isWholeFamily(d) ? d : { ...d, options: shuffle(random, d.options) }
				)
			};
		default:
			return item;
	}
}

// ---------------------------------------------------------------------------------------------
// Tallies, standings and the report
// ---------------------------------------------------------------------------------------------

const activeCache = new WeakMap<RoomContext['players'], { order: string[]; ids: string[] }>();

/**
 * Players still in the room, in join order. Cached per player records and join order, which the
 * machine replaces only when they change: an answer makes a new context but keeps both, so the
 * views of a room of 1,000 after each answer do not filter 1,000 players again.
 */
function activeIds(context: RoomContext): string[] {
	const cached = activeCache.get(context.players);
	if (cached?.order === context.playerOrder) return cached.ids;
	const ids = context.playerOrder.filter((id) => getIn(context.players, id)!.status === 'active');
	activeCache.set(context.players, { order: context.playerOrder, ids });
	return ids;
}

const answeredCache = new WeakMap<
	RoomContext['answers'][number],
	{ players: RoomContext['players']; count: number }
>();

/** How many active players answered question `index` (cached per answers and player records). */
export function answeredCount(context: RoomContext, index = context.current): number {
	const answers = context.answers[index];
	if (!answers) return 0;
	const cached = answeredCache.get(answers);
	if (cached?.players === context.players) return cached.count;
	const count = countWith(answers, context.players, (player) => player.status === 'active');
	answeredCache.set(answers, { players: context.players, count });
	return count;
}

export function distribution(context: RoomContext, index: number): Distribution {
	const options: Record<string, number> = {};
	const outcomes = { correct: 0, partial: 0, wrong: 0, unanswered: 0 };
	const bump = (key: string) => (options[key] = (options[key] ?? 0) + 1);
	const item = context.questions[index].item;
	if (item.type === 'single' || item.type === 'multiple')
		for (const o of item.options) options[o.id] = 0;
	if (item.type === 'truefalse') Object.assign(options, { true: 0, false: 0 });
	if (item.type === 'classify')
		for (const d of item.dimensions) for (const o of d.options) options[`${d.family}:${o.id}`] = 0;
	for (const id of activeIds(context)) {
		const record = getIn(context.answers[index], id);
		if (!record) {
			outcomes.unanswered++;
			continue;
		}
		const { score, response } = record;
		if (score.correct) outcomes.correct++;
		else if (score.fraction > 0) outcomes.partial++;
		else outcomes.wrong++;
		// Only keys the item defines are counted, so a forged option id cannot add a bar.
		const known = (key: string) => key in options && bump(key);
		if (response.type === 'single') known(response.choice);
		if (response.type === 'multiple') response.choices.forEach(known);
		if (response.type === 'truefalse') known(String(response.value));
		if (response.type === 'classify')
			for (const [family, value] of Object.entries(response.values)) known(`${family}:${value}`);
	}
	return { options, outcomes };
}

const standingsCache = new WeakMap<RoomContext, LeaderboardRow[]>();

/**
 * Players still in the room, best first: points, then right answers, then who joined first.
 * Equal points and right answers share a rank (1, 2, 2, 4). Cached per context, because every
 * phone's view of one snapshot needs it.
 */
export function standings(context: RoomContext): LeaderboardRow[] {
	const hit = standingsCache.get(context);
	if (hit) return hit;
	const rows = activeIds(context)
		.map((id, joinIndex) => ({ id, joinIndex, totals: getIn(context.totals, id)! }))
		.sort(
			(a, b) =>
				b.totals.points - a.totals.points ||
				b.totals.correct - a.totals.correct ||
				a.joinIndex - b.joinIndex
		);
	const result: LeaderboardRow[] = [];
	rows.forEach((row, i) => {
		const previous = rows[i - 1];
		const tied =
			previous &&
			previous.totals.points === row.totals.points &&
			previous.totals.correct === row.totals.correct;
		result.push({
			rank: tied ? result[i - 1].rank : i + 1,
			playerId: row.id,
			nickname: getIn(context.players, row.id)!.nickname,
			points: row.totals.points,
			correct: row.totals.correct
		});
	});
	standingsCache.set(context, result);
	return result;
}

const rankCache = new WeakMap<RoomContext, Map<string, number>>();

function rankOf(context: RoomContext): Map<string, number> {
	let ranks = rankCache.get(context);
	if (!ranks) {
		ranks = new Map(standings(context).map((row) => [row.playerId, row.rank]));
		rankCache.set(context, ranks);
	}
	return ranks;
}

type ReportAnswer = RoomReport['students'][number]['answers'][number];

/**
 * The end-of-session report. Students are counted by nickname: a player who left and joined again
 * under the same name is one student (their first answer to a question counts, as a second answer
 * from one phone would not), listed once, with `joins` and `left` saying what happened.
 * `words` are the true/false words in the room's language, for each question's key in words.
 */
export function buildReport(context: RoomContext, words: TrueFalseWords): RoomReport {
	const ranks = rankOf(context);
	const asked = (i: number) => i <= context.current;
	const byName = new Map<string, string[]>();
	for (const id of context.playerOrder) {
		const key = nicknameKey(getIn(context.players, id)!.nickname);
		byName.set(key, [...(byName.get(key) ?? []), id]);
	}
	const students = [...byName.values()].map((ids) => {
		const latest = getIn(context.players, ids.at(-1)!)!;
		const firstAnswers = context.questions.map((_, index): ReportAnswer => {
			let first: AnswerRecord | undefined;
			for (const id of ids) {
				const record = getIn(context.answers[index], id);
				if (record && (!first || record.at < first.at)) first = record;
			}
			if (!first) return null;
			const { correct, fraction } = first.score;
			return { correct, fraction, points: first.points, ms: first.ms };
		});
		// A skipped question is void: its answers count for the question, not for the student.
		const answers = firstAnswers.map((a, index) => (context.skipped[index] ? null : a));
		const given = answers.filter((a) => a !== null);
		return {
			playerId: latest.id,
			nickname: latest.nickname,
			rank: ranks.get(latest.id) ?? null,
			points: given.reduce((sum, a) => sum + a.points, 0),
			correct: given.filter((a) => a.correct).length,
			answered: given.length,
			removed: latest.status === 'removed',
			left: latest.status === 'left',
			joins: ids.length,
			answers,
			firstAnswers
		};
	});
	const questions = context.questions.map((q, index) => {
		const given = students.map((s) => s.firstAnswers[index]).filter((a) => a !== null);
		const answered = given.length;
		const correct = given.filter((a) => a.correct).length;
		return {
			index,
			itemId: q.item.id,
			unit: q.item.unit,
			stem: q.item.stem,
			type: q.item.type,
			key: keyText(publicItem(q, context.roomId), revealedKey(q.item), words),
			skipped: context.skipped[index] || !asked(index),
			answered,
			correct,
			accuracy: answered === 0 ? null : correct / answered
		};
	});
	const mostMissed = questions
		.filter((q) => !q.skipped)
		.sort(
			(a, b) =>
				(a.accuracy ?? -1) - (b.accuracy ?? -1) || a.answered - b.answered || a.index - b.index
		)
		.map((q) => q.index);
	return {
		questions,
		students: students.map(({ firstAnswers: _, ...student }) => student),
		mostMissed
	};
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

function questionHeader(
	context: RoomContext,
	phase: RoomPhase,
	now: number
): QuestionHeader | null {
	if (context.current < 0 || phase === 'ended') return null;
	const question = context.questions[context.current];
	const paused = context.deadline === null && phase === 'question';
	const remainingMs =
		phase !== 'question'
			? 0
			: context.deadline === null
				? context.remainingMs
				: Math.max(0, context.deadline - now);
	return {
		index: context.current,
		count: context.questions.length,
		item: publicItem(question, context.roomId),
		deadline: phase === 'question' ? context.deadline : null,
		remainingMs,
		durationMs: context.durationMs,
		paused
	};
}

export interface SharedViewExtras {
	now: number;
	joinUrls: string[];
}

/** The host's view also carries the report, whose keys need the room's true/false words. */
export interface HostViewExtras extends SharedViewExtras {
	words: TrueFalseWords;
}

function sharedView(snapshot: RoomSnapshot, now: number) {
	const context = snapshot.context;
	const phase = phaseOf(snapshot);
	const revealed = isCurrentRevealed(phase) && context.current >= 0;
	return {
		roomId: context.roomId,
		phase,
		serverNow: now,
		questionCount: context.questions.length,
		question: questionHeader(context, phase, now),
		playerCount: activeIds(context).length,
		answeredCount: context.current >= 0 ? answeredCount(context) : 0,
		reveal:
			revealed && phase !== 'ended'
				? {
						key: revealedKey(context.questions[context.current].item),
						distribution: distribution(context, context.current)
					}
				: null,
		leaderboard: phase === 'leaderboard' || phase === 'ended' ? standings(context) : null,
		locked: context.locked
	};
}

export function selectProjectorView(
	snapshot: RoomSnapshot,
	extras: SharedViewExtras
): ProjectorView {
	return {
		...selectProjectorHead(snapshot, extras),
		players: activeIds(snapshot.context).map((id) => projectorRow(snapshot.context, id))
	};
}

/** The projector view without its player list (the server serialises the list apart). */
export function selectProjectorHead(
	snapshot: RoomSnapshot,
	extras: SharedViewExtras
): Omit<ProjectorView, 'players'> {
	return {
		...sharedView(snapshot, extras.now),
		role: 'projector',
		pin: snapshot.context.pin,
		joinUrls: extras.joinUrls
	};
}

/** One name on the projector. */
export const projectorRow = (
	context: RoomContext,
	id: string
): ProjectorView['players'][number] => ({
	playerId: id,
	nickname: getIn(context.players, id)!.nickname
});

export function selectHostView(
	snapshot: RoomSnapshot,
	extras: HostViewExtras & { connected: ReadonlySet<string> }
): HostView {
	const answered = currentAnswers(snapshot);
	return {
		...selectHostHead(snapshot, extras),
		players: activeIds(snapshot.context).map((id) =>
			hostRow(
				snapshot.context,
				id,
				answered !== undefined && hasIn(answered, id),
				extras.connected.has(id)
			)
		)
	};
}

/** The host view without its player list (the server serialises the list a row at a time). */
export function selectHostHead(
	snapshot: RoomSnapshot,
	extras: HostViewExtras
): Omit<HostView, 'players'> {
	const context = snapshot.context;
	return {
		...sharedView(snapshot, extras.now),
		role: 'host',
		pin: context.pin,
		joinUrls: extras.joinUrls,
		settings: context.settings,
		can: availableCommands(snapshot, extras.now),
		report: phaseOf(snapshot) === 'ended' ? buildReport(context, extras.words) : null
	};
}

/** The answers to the current question while it is asked (what the host's "answered" marks). */
export function currentAnswers(snapshot: RoomSnapshot): RoomContext['answers'][number] | undefined {
	const { context } = snapshot;
	return phaseOf(snapshot) === 'question' && context.current >= 0
		? context.answers[context.current]
		: undefined;
}

/** One row of the host's player list. */
export function hostRow(
	context: RoomContext,
	id: string,
	answered: boolean,
	connected: boolean
): HostView['players'][number] {
	const player = getIn(context.players, id)!;
	return {
		playerId: id,
		nickname: player.nickname,
		connected,
		points: getIn(context.totals, id)!.points,
		answered,
		rejoinCode: player.rejoinCode
	};
}

/** The active players' ids in join order (cached per context). */
export const activePlayerIds = (context: RoomContext): readonly string[] => activeIds(context);

/** How many players are in the room (active: not left, not removed). */
export const activePlayerCount = (context: RoomContext): number => activeIds(context).length;

/**
 * The part of `playerViewKey` that is the same for every phone: phase, question, clock settings,
 * and (on the leaderboard and at the end, where ranks show) the player count. Not the player
 * count elsewhere: the server sends a count-only change to phones at a slower pace.
 */
export function playerRoomWideKey(snapshot: RoomSnapshot): string {
	const context = snapshot.context;
	const phase = phaseOf(snapshot);
	const ranked = phase === 'leaderboard' || phase === 'ended';
	return [
		phase,
		context.current,
		context.deadline,
		context.deadline === null ? context.remainingMs : '',
		context.durationMs,
		ranked ? activePlayerCount(context) : ''
	].join('|');
}

/**
 * A cheap fingerprint of everything `selectPlayerView` reads, minus the clock: equal keys mean an
 * equal view, so the server can skip a phone without building its view. (The spec checks this
 * against the views themselves.)
 */
export function playerViewKey(snapshot: RoomSnapshot, playerId: string): string {
	const context = snapshot.context;
	const player = getIn(context.players, playerId);
	if (!player) return '';
	const phase = phaseOf(snapshot);
	const record =
		context.current >= 0 ? getIn(context.answers[context.current], playerId) : undefined;
	const rank = phase === 'leaderboard' || phase === 'ended' ? rankOf(context).get(playerId) : null;
	return [
		playerRoomWideKey(snapshot),
		player.status,
		player.nickname,
		record ? record.at : '',
		getIn(context.totals, playerId)?.points,
		rank,
		activePlayerCount(context)
	].join('|');
}

export function selectPlayerView(
	snapshot: RoomSnapshot,
	playerId: string,
	now: number
): PlayerView | null {
	const context = snapshot.context;
	const player = getIn(context.players, playerId);
	if (!player) return null;
	const phase = phaseOf(snapshot);
	const revealed = isCurrentRevealed(phase);
	const record =
		context.current >= 0 ? getIn(context.answers[context.current], playerId) : undefined;
	const hidden = !revealed && record ? record.points : 0;
	const header = questionHeader(context, phase, now);
	const question =
		header && context.settings.order === 'shuffled'
			? { ...header, item: shuffledForPlayer(header.item, playerId, header.index) }
			: header;
	const showRank = phase === 'leaderboard' || phase === 'ended';
	const rank = showRank ? (rankOf(context).get(playerId) ?? null) : null;
	return {
		role: 'player',
		roomId: context.roomId,
		phase,
		serverNow: now,
		me: {
			playerId,
			nickname: player.nickname,
			points: (getIn(context.totals, playerId)?.points ?? 0) - hidden,
			rank
		},
		questionCount: context.questions.length,
		question,
		myAnswer: {
			answered: record !== undefined,
			correct: record && revealed ? record.score.correct : null,
			fraction: record && revealed ? record.score.fraction : null,
			points: record && revealed ? record.points : 0
		},
		reveal:
			revealed && phase !== 'ended' && context.current >= 0
				? { key: revealedKey(context.questions[context.current].item) }
				: null,
		playerCount: activeIds(context).length,
		status: player.status
	};
}
