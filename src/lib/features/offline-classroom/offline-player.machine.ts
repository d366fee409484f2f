/**
 * A phone in an offline classroom session, as a pure XState 5 machine:
 * naming → answering (one question at a time, in session order) → finished.
 *
 * There is no server to pace or time the class, so each question opens on the phone when the
 * student reaches it and closes `secondsPerQuestion` later on the phone's own clock. Until then
 * the answer can change (the last one counts, timed from the opening); after it, and once the
 * student has moved on, it is locked. Time arrives only in events (`at`, ms since epoch), so a
 * restored snapshot keeps its deadlines across a reload or a sleeping phone, and tests write
 * the clock as numbers.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import type { Response } from '$lib/bank/types';
import { NICKNAME_MAX_LENGTH } from '$lib/classroom/protocol';
import type { OfflineAnswer } from '$lib/offline-room/result-code';

export interface OfflinePlayerInput {
	/** The session as scanned (QR text) or typed; kept so a reload can rebuild the items. */
	sessionCode: string;
	questionCount: number;
	secondsPerQuestion: number;
	/** 8 hex digits, random per phone and session (see result-code.ts). */
	studentId: string;
}

export interface OfflinePlayerContext extends OfflinePlayerInput {
	nickname: string;
	/** Index of the open question; -1 before the first. */
	current: number;
	/** When the open question opened, ms since epoch (phone clock). */
	openedAt: number;
	answers: (OfflineAnswer | null)[];
}

export type OfflinePlayerEvent =
	| { type: 'nickname.submit'; nickname: string; at: number }
	| { type: 'answer.change'; response: Response; at: number }
	| { type: 'question.next'; at: number };

/** When the open question's time is up, ms since epoch. */
export const deadlineOf = (context: OfflinePlayerContext): number =>
	context.openedAt + context.secondsPerQuestion * 1000;

export const isOpen = (context: OfflinePlayerContext, at: number): boolean =>
	at <= deadlineOf(context);

export const cleanNickname = (name: string): string =>
	name.replace(/\s+/g, ' ').trim().slice(0, NICKNAME_MAX_LENGTH);

export const offlinePlayerMachine = setup({
	types: {
		input: {} as OfflinePlayerInput,
		context: {} as OfflinePlayerContext,
		events: {} as OfflinePlayerEvent
	},
	guards: {
		hasNickname: ({ event }) =>
			event.type === 'nickname.submit' && cleanNickname(event.nickname).length > 0,
		isOpen: ({ context, event }) => isOpen(context, event.at),
		hasNextQuestion: ({ context }) => context.current + 1 < context.questionCount
	},
	actions: {
		setNickname: assign({
			nickname: ({ event }) =>
				event.type === 'nickname.submit' ? cleanNickname(event.nickname) : ''
		}),
		openNextQuestion: assign({
			current: ({ context }) => context.current + 1,
			openedAt: ({ event }) => event.at
		}),
		recordAnswer: assign({
			answers: ({ context, event }) => {
				if (event.type !== 'answer.change') return context.answers;
				const answers = [...context.answers];
				answers[context.current] = {
					response: event.response,
					ms: Math.max(0, event.at - context.openedAt)
				};
				return answers;
			}
		})
	}
}).createMachine({
	id: 'offlinePlayer',
	context: ({ input }) => ({
		...input,
		nickname: '',
		current: -1,
		openedAt: 0,
		answers: Array.from({ length: input.questionCount }, () => null)
	}),
	initial: 'naming',
	states: {
		naming: {
			on: {
				'nickname.submit': {
					guard: 'hasNickname',
					target: 'answering',
					actions: ['setNickname', 'openNextQuestion']
				}
			}
		},
		answering: {
			on: {
				'answer.change': { guard: 'isOpen', actions: 'recordAnswer' },
				'question.next': [
					{ guard: 'hasNextQuestion', actions: 'openNextQuestion' },
					{ target: 'finished' }
				]
			}
		},
		finished: { type: 'final' }
	}
});

export type OfflinePlayerSnapshot = SnapshotFrom<typeof offlinePlayerMachine>;

/** Bumped when the context's shape changes, so an older saved phone says so instead of breaking. */
export const OFFLINE_PLAYER_VERSION = 1;
