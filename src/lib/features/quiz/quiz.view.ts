/**
 * Snapshot → what the quiz screen shows. Pure; components read only this, never state paths.
 * The status comes from state tags and every button's availability from `snapshot.can(...)`,
 * so the machine stays the single source of what is allowed.
 */
import type { SnapshotFrom } from 'xstate';
import type { Item } from '$lib/bank/types';
import { addToTally, emptyTally, firstAnswers, lastAnswers } from '$lib/answering/marking';
import type { QuizMachine } from './quiz.machine';
import type { AnswerRecord, Tally } from '$lib/answering/types';
import type { QuizContext, QuizEvent, QuizStatus, QuizView } from './quiz.types';

export type QuizSnapshot = SnapshotFrom<QuizMachine>;

/** Tag order matters only for the impossible case of two tags; `finished` also covers `quit`. */
const STATUSES: readonly QuizStatus[] = ['answering', 'saving', 'save-failed', 'feedback'];

export function quizStatus(snapshot: QuizSnapshot): QuizStatus {
	return STATUSES.find((status) => snapshot.hasTag(status)) ?? 'finished';
}

export function selectQuizView(snapshot: QuizSnapshot): QuizView {
	const { context } = snapshot;
	const status = quizStatus(snapshot);
	const isExam = context.mode === 'exam';
	const inProgress = status !== 'finished';
	const item = inProgress ? (context.items[context.queue[context.position]] ?? null) : null;
	const answered = context.answers[context.position];
	return {
		status,
		mode: context.mode,
		// A session saved before seeds existed has none: its start time is as good a seed.
		orderSeed: (context.orderSeed ?? context.startedAt) >>> 0,
		item,
		position: Math.min(context.position + 1, context.queue.length),
		total: context.queue.length,
		draft: isExam && item ? (context.drafts[item.id] ?? null) : null,
		// Practice-like: the answer at this position, from submit on (saving and a failed save
		// show it too, so the form does not go blank while the attempt is stored).
		feedback: !isExam && inProgress && answered ? answered : null,
		timeLeftMs: context.deadline === null ? null : Math.max(0, context.deadline - context.now),
		timeUp: context.deadline !== null && context.now >= context.deadline,
		navigator: isExam ? examNavigator(context) : [],
		can: lazyCan(snapshot, context.now),
		saveError: context.saveError,
		summary: status === 'finished' ? summarize(context) : null
	};
}

/**
 * What the learner can do now, each answer computed on first read and kept: `snapshot.can`
 * resolves a whole transition, and the screen reads only some of them (the verdict's frame
 * none), so computing all four for every snapshot would add four transitions to each answer.
 */
function lazyCan(snapshot: QuizSnapshot, at: number): QuizView['can'] {
	const events: Record<keyof QuizView['can'], QuizEvent> = {
		// A placeholder response: the machine's guards never look at its content, only its presence.
		submit: { type: 'answer.submit', response: { type: 'truefalse', value: true }, at },
		next: { type: 'question.next', at },
		submitExam: { type: 'exam.submit', at },
		retrySave: { type: 'save.retry', at }
	};
	const known: Partial<QuizView['can']> = {};
	const can = {} as QuizView['can'];
	for (const name of Object.keys(events) as (keyof QuizView['can'])[])
		Object.defineProperty(can, name, {
			enumerable: true,
			get: () => (known[name] ??= snapshot.can(events[name]))
		});
	return can;
}

function examNavigator(context: QuizContext): QuizView['navigator'] {
	return context.queue.map((itemIndex, index) => {
		const id = context.items[itemIndex]?.id;
		return {
			index,
			answered: id !== undefined && id in context.drafts,
			current: index === context.position
		};
	});
}

/**
 * Scores by the first answer to each item (see `firstAnswers`); the review shows the last one.
 * Every item of the paper counts, so an unanswered exam question is a wrong one.
 */
export function summarize(context: QuizContext): NonNullable<QuizView['summary']> {
	const first = firstAnswers(context.answers);
	const last = lastAnswers(context.answers);
	const scored = context.items.map((item) => ({ item, answer: first.get(item.id) ?? null }));
	return {
		overall: scored.reduce((tally, { answer }) => addToTally(tally, answer), emptyTally()),
		byUnit: tallyBy(scored, (item) => [item.unit]),
		byConcept: tallyBy(scored, (item) => item.concepts),
		review: context.items.map((item) => ({ item, answer: last.get(item.id) ?? null })),
		reviewIndex: context.reviewIndex
	};
}

function tallyBy(
	scored: readonly { item: Item; answer: AnswerRecord | null }[],
	keysOf: (item: Item) => readonly string[]
): Record<string, Tally> {
	const tallies: Record<string, Tally> = {};
	for (const { item, answer } of scored) {
		for (const key of new Set(keysOf(item))) {
			tallies[key] = addToTally(tallies[key] ?? emptyTally(), answer);
		}
	}
	return tallies;
}
