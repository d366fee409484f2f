/**
 * The collected results as the live classroom's report: the results are laid out as the room
 * machine's context (players, scored answers, totals) and handed to the same `buildReport` and
 * `standings`, so the offline report, its CSV and its leaderboard follow the same rules (points,
 * partial credit, speed bonus, ties) as a live session.
 */
import { scoreItem } from '$lib/answering/scoring';
import type { Item } from '$lib/bank/types';
import { emptyMap, setIn, type BucketMap } from '$lib/classroom/room/bucket-map';
import { nicknameKey, type LeaderboardRow, type RoomReport } from '$lib/classroom/protocol';
import { pointsFor } from '$lib/classroom/room/room.machine';
import type {
	AnswerRecord,
	PlayerTotals,
	RoomContext,
	RoomPlayer
} from '$lib/classroom/room/room.types';
import { buildReport, standings } from '$lib/classroom/room/room.view';
import type { TrueFalseWords } from '$lib/features/classroom/public-item';
import { toHex } from './bytes';
import type { OfflineResult } from './result-code';
import type { OfflineSession } from './session-code';

/** The room context the results amount to: every question asked, every student still in. */
export function resultsContext(
	session: OfflineSession,
	items: readonly Item[],
	results: readonly OfflineResult[]
): RoomContext {
	const durationMs = session.secondsPerQuestion * 1000;
	let players: BucketMap<RoomPlayer> = emptyMap();
	let nicknames: BucketMap<string> = emptyMap();
	let totals: BucketMap<PlayerTotals> = emptyMap();
	let answers: BucketMap<AnswerRecord>[] = items.map(() => emptyMap());
	results.forEach((result, order) => {
		const id = result.studentId;
		players = setIn(players, id, {
			id,
			nickname: result.nickname,
			joinedAt: order,
			status: 'active',
			// Nobody rejoins an offline session: each phone's result is scanned once.
			rejoinCode: ''
		});
		nicknames = setIn(nicknames, nicknameKey(result.nickname), id);
		const total = { points: 0, correct: 0, answered: 0 };
		answers = answers.map((byPlayer, i) => {
			const answer = result.answers[i];
			if (!answer) return byPlayer;
			const score = scoreItem(items[i], answer.response);
			const points = pointsFor(score.fraction, session.scoring, 1 - answer.ms / durationMs);
			total.points += points;
			total.correct += score.correct ? 1 : 0;
			total.answered += 1;
			return setIn(byPlayer, id, {
				response: answer.response,
				score,
				points,
				at: 0,
				ms: answer.ms
			});
		});
		totals = setIn(totals, id, total);
	});
	return {
		roomId: toHex(session.key),
		pin: '',
		maxPlayers: results.length,
		locked: false,
		settings: {
			secondsPerQuestion: session.secondsPerQuestion,
			scoring: session.scoring,
			order: 'fixed'
		},
		questions: items.map((item) => ({ item })),
		players,
		nicknames,
		playerOrder: results.map((r) => r.studentId),
		activeCount: results.length,
		current: items.length - 1,
		deadline: null,
		remainingMs: 0,
		durationMs,
		questionStartedAt: null,
		answers,
		skipped: items.map(() => false),
		totals,
		createdAt: 0,
		lastEventAt: 0
	};
}

/**
 * The per-student and per-question report, as the live classroom builds it; `words` are the
 * true/false words in the language the session's items are shown in (for the keys in words).
 */
export const offlineReport = (
	session: OfflineSession,
	items: readonly Item[],
	results: readonly OfflineResult[],
	words: TrueFalseWords
): RoomReport => buildReport(resultsContext(session, items, results), words);

/** The leaderboard, as the live classroom ranks it. */
export const offlineStandings = (
	session: OfflineSession,
	items: readonly Item[],
	results: readonly OfflineResult[]
): LeaderboardRow[] => standings(resultsContext(session, items, results));
