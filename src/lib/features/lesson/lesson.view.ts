/**
 * Snapshot → what the lesson screen shows. Pure; the status comes from state tags and every
 * button from `snapshot.can(...)`, as in `quiz.view.ts`.
 *
 * The first screen has its own way in, `firstLessonView`, from the machine's input alone: the
 * lesson page paints and hydrates from it, and loads xstate and the machine only after mount
 * (`lesson-session.ts`; issue #14). So this module imports from xstate and the machine types
 * only, and the rules it shares with the machine come from `lesson.rules.ts`.
 */
import type { SnapshotFrom } from 'xstate';
import { addToTally, emptyTally, firstAnswers } from '$lib/answering/tally';
import type { AnswerRecord } from '$lib/answering/types';
import type { LessonMachine } from './lesson.machine';
import { checkIndices, initialLessonContext, isSectionDone } from './lesson.rules';
import type {
	LessonContext,
	LessonInput,
	LessonSectionView,
	LessonStatus,
	LessonView
} from './lesson.types';

export type LessonSnapshot = SnapshotFrom<LessonMachine>;

const STATUSES: readonly LessonStatus[] = [
	'reading',
	'answering',
	'saving',
	'save-failed',
	'feedback',
	'summary',
	'quit'
];

export function lessonStatus(snapshot: LessonSnapshot): LessonStatus {
	return STATUSES.find((status) => snapshot.hasTag(status)) ?? 'reading';
}

export function selectLessonView(snapshot: LessonSnapshot): LessonView {
	const { context } = snapshot;
	const at = context.now;
	return lessonView(context, lessonStatus(snapshot), {
		check: snapshot.can({ type: 'lesson.check', at }),
		next: snapshot.can({ type: 'lesson.next', at }),
		// A placeholder response: the machine's guards never look at its content.
		submit: snapshot.can({
			type: 'answer.submit',
			response: { type: 'truefalse', value: true },
			at
		}),
		nextQuestion: snapshot.can({ type: 'question.next', at }),
		retrySave: snapshot.can({ type: 'save.retry', at })
	});
}

/**
 * The view a fresh actor of `input` would give (`selectLessonView` of its first snapshot),
 * computed without one: the lesson page's first paint and hydration need neither xstate nor the
 * machine. What the machine's first step does is repeated here, and `lesson.view.spec.ts` pins
 * the two together: the transient `starting` state opens a lesson without sections on its
 * summary (which marks it completed), any other at reading its first section, where
 * `lesson.check` always leads somewhere (the checks, or straight on when there are none) and
 * `lesson.next` needs the section done.
 */
export function firstLessonView(input: LessonInput): LessonView {
	const context = initialLessonContext(input);
	if (context.sections.length === 0)
		return lessonView({ ...context, completed: true }, 'summary', {
			check: false,
			next: false,
			submit: false,
			nextQuestion: false,
			retrySave: false
		});
	return lessonView(context, 'reading', {
		check: true,
		next: isSectionDone(context, 0),
		submit: false,
		nextQuestion: false,
		retrySave: false
	});
}

/** The view of `context` in `status`, with the moves `can` says are open. */
function lessonView(
	context: LessonContext,
	status: LessonStatus,
	can: LessonView['can']
): LessonView {
	const first = firstAnswers(context.answers);
	const sections = context.sections.map((_, index) => sectionView(context, index, first));
	const isChecking = ['answering', 'saving', 'save-failed', 'feedback'].includes(status);
	const answered = status !== 'answering' && isChecking ? (context.answers.at(-1) ?? null) : null;
	return {
		status,
		unit: context.unit,
		// A lesson saved before this field was finished exactly when it sits at its summary.
		completed: context.completed ?? status === 'summary',
		// A lesson saved before seeds existed has none: its start time is as good a seed.
		orderSeed: (context.orderSeed ?? context.startedAt) >>> 0,
		section: sections[context.sectionIndex] ?? emptySection(context.sectionIndex),
		sections,
		item: isChecking ? (context.items[context.checkQueue[context.checkPosition]] ?? null) : null,
		checkNumber: isChecking ? context.checkPosition + 1 : 0,
		checkTotal: isChecking ? context.checkQueue.length : 0,
		feedback: answered,
		saveError: context.saveError,
		can,
		summary: status === 'summary' ? summarize(context, first) : null
	};
}

function sectionView(
	context: LessonContext,
	index: number,
	first: Map<string, AnswerRecord>
): LessonSectionView {
	const section = context.sections[index];
	const checks = checkIndices(context, section.check)
		.map((itemIndex) => first.get(context.items[itemIndex].id))
		.filter((answer): answer is AnswerRecord => answer !== undefined)
		.reduce(addToTally, emptyTally());
	return {
		id: section.id,
		index,
		reachable: index <= context.furthest,
		current: index === context.sectionIndex,
		checked: isSectionDone(context, index),
		checks
	};
}

/** Only for a lesson with no sections, whose summary has no section to show. */
function emptySection(index: number): LessonSectionView {
	return { id: '', index, reachable: false, current: true, checked: true, checks: emptyTally() };
}

/** The index of the section whose checks include `itemId` (-1 if none does). */
function sectionChecking(context: LessonContext, itemId: string): number {
	return context.sections.findIndex((section) => section.check.includes(itemId));
}

/** Scores the first try at each check item; a wrong first try is on the review list. */
function summarize(
	context: LessonContext,
	first: Map<string, AnswerRecord>
): NonNullable<LessonView['summary']> {
	const answers = [...first.values()];
	return {
		sectionsCovered: context.sections.filter(
			(_, index) => index <= context.furthest && isSectionDone(context, index)
		).length,
		sectionsTotal: context.sections.length,
		checks: answers.reduce(addToTally, emptyTally()),
		review: answers
			.filter((answer) => !answer.score.correct)
			.map((answer) => ({
				itemId: answer.itemId,
				section: sectionChecking(context, answer.itemId),
				answer
			}))
	};
}
