/**
 * The lesson player as a pure state machine: reading → checking (answer → saving → feedback) →
 * next section → summary.
 *
 * Why not invoke the quiz machine for the checks: a child actor would need its own `.provide()`
 * (the route would have to inject `saveAttempts` twice, into two machines) and its persisted
 * snapshot would nest inside this one. Instead the check loop is the same four states as quiz
 * practice built from the same pure rules (`markAnswer`, `relocalizeItems`, `describeError`) and
 * the same `saveAttempts` actor logic, so marking, storing and failure handling cannot drift,
 * and one flat snapshot restores the whole lesson, mid-question included.
 *
 * Time arrives only in events (`at`), as in the quiz machine.
 */
import { and, assertEvent, assign, setup } from 'xstate';
import { saveAttemptsNotProvided } from '../quiz/quiz.actors';
import { markAnswer } from '$lib/answering/marking';
import { describeError, relocalizeItems } from '../quiz/quiz.logic';
import { checkIndices, initialLessonContext, isSectionDone } from './lesson.rules';
import type { LessonContext, LessonEvent, LessonInput, LessonStatus } from './lesson.types';

type TimedEvent = Extract<LessonEvent, { at: number }>;

const hasTime = (event: LessonEvent): event is TimedEvent => 'at' in event;

const isReachable = (context: LessonContext, index: number) =>
	Number.isInteger(index) && index >= 0 && index <= context.furthest;

const currentSection = (context: LessonContext) => context.sections[context.sectionIndex];

export const lessonMachine = setup({
	types: {
		context: {} as LessonContext,
		events: {} as LessonEvent,
		input: {} as LessonInput,
		tags: {} as LessonStatus
	},
	actors: {
		saveAttempts: saveAttemptsNotProvided
	},
	guards: {
		hasNoSections: ({ context }) => context.sections.length === 0,
		isLastSection: ({ context }) => context.sectionIndex + 1 >= context.sections.length,
		isSectionDone: ({ context }) => isSectionDone(context, context.sectionIndex),
		hasPendingChecks: ({ context }) => !isSectionDone(context, context.sectionIndex),
		hasMoreChecks: ({ context }) => context.checkPosition + 1 < context.checkQueue.length,
		isLastCheck: ({ context }) => context.checkPosition + 1 >= context.checkQueue.length,
		isReachedSection: ({ context, event }) => {
			assertEvent(event, 'lesson.goto');
			return isReachable(context, event.index) && event.index !== context.sectionIndex;
		},
		isAnyReachedSection: ({ context, event }) => {
			assertEvent(event, 'lesson.goto');
			return isReachable(context, event.index);
		}
	},
	actions: {
		noteTime: assign({
			now: ({ context, event }) => (hasTime(event) ? Math.max(context.now, event.at) : context.now)
		}),
		startChecks: assign({
			checkQueue: ({ context }) => checkIndices(context, currentSection(context).check),
			checkPosition: 0,
			shownAt: ({ context, event }) => (hasTime(event) ? event.at : context.now)
		}),
		recordAnswer: assign({
			answers: ({ context, event }) => {
				assertEvent(event, 'answer.submit');
				const item = context.items[context.checkQueue[context.checkPosition]];
				const record = markAnswer(item, event.response, event.at, event.at - context.shownAt);
				return [...context.answers, record];
			}
		}),
		nextCheck: assign({
			checkPosition: ({ context }) => context.checkPosition + 1,
			shownAt: ({ context, event }) => (hasTime(event) ? event.at : context.now)
		}),
		markSectionChecked: assign({
			checkedSections: ({ context }) => {
				const { id } = currentSection(context);
				return context.checkedSections.includes(id)
					? context.checkedSections
					: [...context.checkedSections, id];
			},
			checkQueue: [],
			checkPosition: 0
		}),
		goToNextSection: assign({
			sectionIndex: ({ context }) => context.sectionIndex + 1,
			furthest: ({ context }) => Math.max(context.furthest, context.sectionIndex + 1)
		}),
		goToSection: assign({
			sectionIndex: ({ event }) => {
				assertEvent(event, 'lesson.goto');
				return event.index;
			}
		}),
		markCompleted: assign({ completed: true }),
		clearSaveError: assign({ saveError: null }),
		rememberSaveError: assign({
			saveError: ({ event }) => describeError((event as { error?: unknown }).error)
		}),
		relocalize: assign({
			items: ({ context, event }) => {
				assertEvent(event, 'items.relocalize');
				return relocalizeItems(context.items, event.items);
			}
		})
	}
}).createMachine({
	id: 'lesson',
	context: ({ input }) => initialLessonContext(input),
	initial: 'starting',
	on: {
		'items.relocalize': { actions: 'relocalize' },
		'lesson.quit': { target: '.quit' }
	},
	states: {
		/** Transient: a lesson without sections goes straight to its (empty) summary. */
		starting: {
			always: [{ guard: 'hasNoSections', target: 'summary' }, { target: 'reading' }]
		},
		reading: {
			tags: 'reading',
			on: {
				'lesson.check': [
					{ guard: 'hasPendingChecks', target: 'checking', actions: ['noteTime', 'startChecks'] },
					// Nothing to check: "if none, go straight on".
					...leaveSection()
				],
				// Only past a section whose checks are done: the checks are the point of the lesson.
				'lesson.next': leaveSection('isSectionDone'),
				'lesson.goto': { guard: 'isReachedSection', actions: 'goToSection' }
			}
		},
		/** The practice loop of the quiz machine, one section's questions at a time. */
		checking: {
			initial: 'answering',
			states: {
				answering: {
					tags: 'answering',
					on: {
						'answer.submit': { target: 'saving', actions: ['noteTime', 'recordAnswer'] }
					}
				},
				/** Stored before moving on (the verdict shows meanwhile), as in practice. */
				saving: {
					tags: 'saving',
					entry: 'clearSaveError',
					invoke: {
						id: 'saveAttempts',
						src: 'saveAttempts',
						input: ({ context }) => ({
							mode: 'lesson' as const,
							answers: context.answers.slice(-1)
						}),
						onDone: { target: 'feedback' },
						onError: { target: 'saveFailed', actions: 'rememberSaveError' }
					}
				},
				saveFailed: {
					tags: 'save-failed',
					on: { 'save.retry': { target: 'saving', actions: 'noteTime' } }
				},
				feedback: {
					tags: 'feedback',
					on: {
						'question.next': {
							guard: 'hasMoreChecks',
							target: 'answering',
							actions: ['noteTime', 'nextCheck']
						},
						// Only after the section's last question: the remaining ones come first.
						'lesson.next': leaveSection('isLastCheck')
					}
				}
			}
		},
		/**
		 * Not final: a finished lesson stays open for re-reading. Every section was checked on
		 * the way here, so a section opened from the summary offers no checks (read-only) and
		 * nothing is scored again.
		 */
		summary: {
			tags: 'summary',
			entry: 'markCompleted',
			on: {
				'lesson.goto': {
					guard: 'isAnyReachedSection',
					target: 'reading',
					actions: 'goToSection'
				}
			}
		},
		quit: { tags: 'quit', type: 'final' }
	}
});

/**
 * Leaving the current section: mark it checked, then the next section or, after the last,
 * the summary. `when` is an extra condition for the whole move.
 */
function leaveSection(when?: 'isSectionDone' | 'isLastCheck') {
	const actions = ['noteTime', 'markSectionChecked'] as const;
	return [
		{
			guard: when ? and([when, 'isLastSection']) : 'isLastSection',
			target: '#lesson.summary',
			actions
		},
		{
			...(when ? { guard: when } : {}),
			target: '#lesson.reading',
			actions: [...actions, 'goToNextSection'] as const
		}
	] as const;
}

export type LessonMachine = typeof lessonMachine;
