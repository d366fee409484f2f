/**
 * The quiz machine: every question flow (practice, review, mistakes, lesson checks, exam) as one
 * pure state machine. Rules per mode are in `quiz.types.ts`.
 *
 * Purity: the machine imports xstate, types and the pure scorer only. Storage arrives as the
 * `saveAttempts` actor via `.provide()` (see `quiz.actors.ts`), and time arrives only in events
 * (`at`): there are no `after` delays or invoked timers. The exam page sends `clock.tick` every
 * second (`startClock`), and every other event carries `at` too, so the deadline is checked on
 * whatever the learner does: a tab that slept through the deadline is caught by its first event.
 * That keeps tests free of fake timers.
 *
 * Time you can trust: within a page, `at` comes from the steady clock (`$lib/flows/clock`), so
 * time left falls with elapsed time whatever the wall clock does. Across a reload the new page's
 * clock may disagree with the old one; `clock.resume` re-bases the deadline without ever giving
 * back more time than was left at the last save.
 *
 * State tags carry the screen status (`QuizStatus`), so the view selector never matches paths.
 */
import { and, assertEvent, assign, setup } from 'xstate';
import { saveAttemptsNotProvided } from './quiz.actors';
import { markAnswer } from '$lib/answering/marking';
import { describeError, relocalizeItems } from './quiz.logic';
import type { AnswerRecord } from '$lib/answering/types';
import type { QuizContext, QuizEvent, QuizInput, QuizStatus } from './quiz.types';

/** Events that say what time it is. */
type TimedEvent = Extract<QuizEvent, { at: number }>;

const hasTime = (event: QuizEvent): event is TimedEvent => 'at' in event;

/** The item index at the current queue position (assumes position is in range). */
const currentItem = (context: QuizContext) => context.items[context.queue[context.position]];

/** `at` capped at the deadline: an exam that expired unnoticed is taken at the deadline. */
const atOrDeadline = (context: QuizContext, at: number) =>
	context.deadline === null ? at : Math.min(at, context.deadline);

/** Builds the starting context from input; exported so view specs can build any snapshot. */
export function initialQuizContext(input: QuizInput): QuizContext {
	const isExam = input.mode === 'exam';
	return {
		mode: input.mode,
		items: input.items,
		queue: input.items.map((_, index) => index),
		position: 0,
		drafts: {},
		answers: [],
		startedAt: input.startedAt,
		deadline:
			isExam && input.timeLimitMs != null ? input.startedAt + Math.max(0, input.timeLimitMs) : null,
		now: input.startedAt,
		shownAt: input.startedAt,
		timeOnItem: {},
		reviewIndex: 0,
		// Requeueing only makes sense one question at a time; an exam has no second chances.
		requeueWrong: !isExam && (input.requeueWrong ?? false),
		orderSeed: (input.orderSeed ?? input.startedAt) >>> 0,
		saveError: null
	};
}

export const quizMachine = setup({
	types: {
		context: {} as QuizContext,
		events: {} as QuizEvent,
		input: {} as QuizInput,
		tags: {} as QuizStatus
	},
	actors: {
		saveAttempts: saveAttemptsNotProvided
	},
	guards: {
		isExam: ({ context }) => context.mode === 'exam',
		hasNoItems: ({ context }) => context.items.length === 0,
		hasNextInQueue: ({ context }) => context.position + 1 < context.queue.length,
		hasDrafts: ({ context }) => Object.keys(context.drafts).length > 0,
		/** Any event with `at` can reveal that the exam's time is up. */
		isPastDeadline: ({ context, event }) =>
			context.deadline !== null && hasTime(event) && event.at >= context.deadline,
		isOtherQuestion: ({ context, event }) => {
			assertEvent(event, 'question.goto');
			return (
				Number.isInteger(event.index) &&
				event.index >= 0 &&
				event.index < context.queue.length &&
				event.index !== context.position
			);
		},
		isReviewIndex: ({ context, event }) => {
			assertEvent(event, 'review.goto');
			return (
				Number.isInteger(event.index) && event.index >= 0 && event.index < context.items.length
			);
		}
	},
	actions: {
		/** Keeps `now` current for time-left; the clock never goes backwards in context. */
		noteTime: assign({
			now: ({ context, event }) => (hasTime(event) ? Math.max(context.now, event.at) : context.now)
		}),
		/** Practice-like: score the answer and keep it at its queue position. */
		recordAnswer: assign({
			answers: ({ context, event }) => {
				assertEvent(event, 'answer.submit');
				const record = markAnswer(
					currentItem(context),
					event.response,
					event.at,
					event.at - context.shownAt
				);
				return [...context.answers.slice(0, context.position), record];
			}
		}),
		/** Mistakes mode: a wrong item goes to the back of the queue until it is answered right. */
		requeueIfWrong: assign({
			queue: ({ context }) => {
				const last = context.answers[context.position];
				if (!context.requeueWrong || !last || last.score.correct) return context.queue;
				return [...context.queue, context.queue[context.position]];
			}
		}),
		advance: assign({
			position: ({ context }) => context.position + 1,
			shownAt: ({ context, event }) => (hasTime(event) ? event.at : context.now)
		}),
		storeDraft: assign({
			drafts: ({ context, event }) => {
				assertEvent(event, 'answer.draft');
				return { ...context.drafts, [currentItem(context).id]: event.response };
			}
		}),
		/** Exam: bank the time spent on the item being left. */
		leaveQuestion: assign({
			timeOnItem: ({ context, event }) => {
				const at = hasTime(event) ? atOrDeadline(context, event.at) : context.now;
				const id = currentItem(context).id;
				const spent = Math.max(0, at - context.shownAt);
				return { ...context.timeOnItem, [id]: (context.timeOnItem[id] ?? 0) + spent };
			}
		}),
		goToQuestion: assign({
			position: ({ event }) => {
				assertEvent(event, 'question.goto');
				return event.index;
			},
			shownAt: ({ event }) => {
				assertEvent(event, 'question.goto');
				return event.at;
			}
		}),
		/**
		 * Exam: score every drafted answer at once, in paper order. An item without a draft gets no
		 * record: the summary counts it as wrong (fraction 0) and nothing is stored for it.
		 */
		scoreExam: assign(({ context, event }) => {
			const at = hasTime(event) ? atOrDeadline(context, event.at) : context.now;
			const current = currentItem(context);
			const timeOnItem = {
				...context.timeOnItem,
				[current.id]: (context.timeOnItem[current.id] ?? 0) + Math.max(0, at - context.shownAt)
			};
			const answers: AnswerRecord[] = context.items.flatMap((item) => {
				const draft = context.drafts[item.id];
				return draft ? [markAnswer(item, draft, at, timeOnItem[item.id] ?? 0)] : [];
			});
			return { answers, timeOnItem, shownAt: at };
		}),
		clearSaveError: assign({ saveError: null }),
		rememberSaveError: assign({
			saveError: ({ event }) => describeError((event as { error?: unknown }).error)
		}),
		relocalize: assign({
			items: ({ context, event }) => {
				assertEvent(event, 'items.relocalize');
				return relocalizeItems(context.items, event.items);
			}
		}),
		/** See `clock.resume` in `QuizEvent`. */
		resumeClock: assign(({ context, event }) => {
			assertEvent(event, 'clock.resume');
			if (context.deadline === null) return {};
			const leftAtSave = Math.max(0, context.deadline - context.now);
			const left = Math.min(leftAtSave, Math.max(0, context.deadline - event.at));
			const shift = event.at - context.now;
			return {
				deadline: event.at + left,
				now: event.at,
				// The item on screen is timed from the resume, not from the old page's clock.
				shownAt: Math.min(event.at, context.shownAt + shift)
			};
		}),
		focusReview: assign({
			reviewIndex: ({ event }) => {
				assertEvent(event, 'review.goto');
				return event.index;
			}
		})
	}
}).createMachine({
	id: 'quiz',
	context: ({ input }) => initialQuizContext(input),
	initial: 'starting',
	on: {
		'items.relocalize': { actions: 'relocalize' },
		'quiz.quit': { target: '.quit' }
	},
	states: {
		/** Transient: picks the rules for the mode; a snapshot never rests here. */
		starting: {
			always: [
				{ guard: 'hasNoItems', target: 'finished' },
				{ guard: 'isExam', target: 'exam' },
				{ target: 'practice' }
			]
		},
		/** Practice, review, mistakes and lesson checks: answer, store, feedback, next. */
		practice: {
			initial: 'answering',
			states: {
				answering: {
					tags: 'answering',
					on: {
						'answer.submit': {
							target: 'saving',
							actions: ['noteTime', 'recordAnswer', 'requeueIfWrong']
						}
					}
				},
				/**
				 * The attempt is stored before the learner can move on. Screens show the verdict
				 * from here on (it needs only the score): the store's journal takes the attempt
				 * synchronously when this actor starts, in the answer's own task, so the verdict's
				 * frame is never painted ahead of it (without a journal, as when localStorage is
				 * blocked, IndexedDB takes it a moment later); a failed store is told beside the
				 * verdict, the answer kept for a retry.
				 */
				saving: {
					tags: 'saving',
					entry: 'clearSaveError',
					invoke: {
						id: 'saveAttempts',
						src: 'saveAttempts',
						input: ({ context }) => ({
							mode: context.mode,
							answers: [context.answers[context.position]]
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
						'question.next': [
							{ guard: 'hasNextInQueue', target: 'answering', actions: ['noteTime', 'advance'] },
							{ target: '#quiz.finished', actions: 'noteTime' }
						]
					}
				}
			}
		},
		/** Free navigation and drafts against an absolute deadline; everything is scored at the end. */
		exam: {
			initial: 'answering',
			states: {
				answering: {
					tags: 'answering',
					on: {
						'answer.draft': [...endExam('isPastDeadline'), { actions: ['noteTime', 'storeDraft'] }],
						// An exam takes drafts, not submissions; a stray submit still tells the time.
						'answer.submit': endExam('isPastDeadline'),
						'question.goto': [
							...endExam('isPastDeadline'),
							{ guard: 'isOtherQuestion', actions: ['noteTime', 'leaveQuestion', 'goToQuestion'] }
						],
						'question.next': [
							...endExam('isPastDeadline'),
							{ guard: 'hasNextInQueue', actions: ['noteTime', 'leaveQuestion', 'advance'] }
						],
						// Allowed at any time: the screen asks "submit with 3 unanswered?" before sending.
						'exam.submit': endExam(),
						'clock.tick': [...endExam('isPastDeadline'), { actions: 'noteTime' }],
						'clock.resume': { actions: 'resumeClock' },
						'save.retry': endExam('isPastDeadline')
					}
				},
				/** One call with the whole paper: the exam is stored as one sitting or not at all. */
				saving: {
					tags: 'saving',
					entry: 'clearSaveError',
					invoke: {
						id: 'saveAttempts',
						src: 'saveAttempts',
						input: ({ context }) => ({ mode: context.mode, answers: context.answers }),
						onDone: { target: '#quiz.finished' },
						onError: { target: 'saveFailed', actions: 'rememberSaveError' }
					}
				},
				saveFailed: {
					tags: 'save-failed',
					on: { 'save.retry': { target: 'saving', actions: 'noteTime' } }
				}
			}
		},
		/** Summary and review; stays open (not final) so `review.goto` can walk the items. */
		finished: {
			tags: 'finished',
			on: { 'review.goto': { guard: 'isReviewIndex', actions: 'focusReview' } }
		},
		/** Left on purpose: the route clears the saved flow. */
		quit: { type: 'final' }
	}
});

/**
 * The transitions that end an exam: score everything, then store it, or go straight to the
 * summary when nothing was answered (there is nothing to store). `when` is the extra condition
 * (the deadline); without it the exam ends unconditionally (`exam.submit`).
 */
function endExam(when?: 'isPastDeadline') {
	const actions = ['noteTime', 'scoreExam'] as const;
	return [
		{
			guard: when ? and([when, 'hasDrafts']) : 'hasDrafts',
			target: '#quiz.exam.saving',
			actions
		},
		when
			? { guard: when, target: '#quiz.finished', actions }
			: { target: '#quiz.finished', actions }
	] as const;
}

export type QuizMachine = typeof quizMachine;
