import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { createActor } from 'xstate';
import type { SingleItem } from '$lib/bank/types';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import { saveAttemptsActor } from '../quiz.actors';
import { singleChoice } from '../quiz.fixtures';
import { quizMachine } from '../quiz.machine';
import type { QuizEvent } from '../quiz.types';
import { quizStatus, selectQuizView } from '../quiz.view';
import QuizScreen from './QuizScreen.svelte';

/**
 * Issue #14: the verdict of a keyboard answer is in the DOM before the next frame (the frame the
 * keypress is answered in), with the mark on the chosen option and in the live region; the
 * explanation, the next button and the focus move come a painted frame later. And the answer re-renders what it
 * changed, not the question: its options are not presented again.
 */
describe('QuizScreen answer → feedback', () => {
	beforeAll(async () => {
		initLocale('en');
		await ensureNamespaces(['quiz']);
	});

	let stop = () => {};
	afterEach(() => stop());

	/** Runs a practice session over `items` the way QuizSession does, with saves that succeed. */
	async function session(items: SingleItem[]) {
		const machine = quizMachine.provide({
			actors: { saveAttempts: saveAttemptsActor(async () => {}) }
		});
		const actor = createActor(machine, {
			input: { mode: 'practice', items, startedAt: 0, orderSeed: 0 }
		}).start();
		const send = (event: QuizEvent) => actor.send(event);
		const props = {
			view: selectQuizView(actor.getSnapshot()),
			send,
			partTitles: {},
			unitTitles: {},
			conceptTitle: (c: string) => c,
			now: () => 1_000
		};
		const screen = await render(QuizScreen, props);
		const subscription = actor.subscribe((snapshot) => {
			// As QuizSession: a save that lasts a few microtasks never shows "saving".
			if (quizStatus(snapshot) !== 'saving')
				void screen.rerender({ ...props, view: selectQuizView(snapshot) });
		});
		stop = () => {
			subscription.unsubscribe();
			actor.stop();
		};
		return screen;
	}

	const key = (k: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k }));
	const frame = () => new Promise((done) => requestAnimationFrame(done));

	it('shows the verdict in the frame of the keypress and the explanation a frame later', async () => {
		const item = { ...singleChoice('q-1', 'a'), explanation: 'Because mode 3 is presence.' };
		// Counts how often the question is read whole (presenting it spreads every field).
		let stemReads = 0;
		const watched = new Proxy(item, {
			get(target, field, receiver) {
				if (field === 'stem') stemReads++;
				return Reflect.get(target, field, receiver);
			}
		});
		const screen = await session([watched]);
		await expect.element(screen.getByRole('radio', { name: /^B/ })).toBeVisible();
		// Option 2 on screen is right or wrong depending on the order seed: either does.
		key('2');
		await frame();
		const chosenLabel = (
			screen.getByRole('radio', { checked: true }).element() as HTMLElement
		).closest('label')!;
		const right = chosenLabel.textContent!.includes('A');

		// What is in the DOM when the frame after the Enter starts (before that frame paints).
		let atFrame: {
			verdict: string | null;
			mark: string | null;
			explanation: boolean;
			live: string;
			focused: boolean;
		} = { verdict: null, mark: null, explanation: false, live: '', focused: false };
		const readsBefore = stemReads;
		let readsAtFrame = -1;
		const painted = new Promise<void>((done) =>
			requestAnimationFrame(() => {
				atFrame = {
					verdict: document.querySelector('section.feedback .verdict')?.textContent ?? null,
					mark: chosenLabel.querySelector('.mark')?.textContent ?? null,
					explanation: document.body.textContent!.includes('Because mode 3'),
					live: document.querySelector('[aria-live="polite"]')?.textContent ?? '',
					focused: document.activeElement?.matches('section.feedback') ?? false
				};
				readsAtFrame = stemReads;
				done();
			})
		);
		key('Enter');
		await painted;

		const verdict = right ? 'Correct' : 'Not quite';
		expect(atFrame.verdict).toContain(verdict);
		expect(atFrame.mark).toMatch(right ? /right/i : /wrong/i);
		expect(atFrame.live).toContain(verdict);
		expect(atFrame.explanation).toBe(false);
		// Moving focus lays the page out at once: not in the keypress's task, where that layout
		// would hold back the verdict's frame, but after it is painted.
		expect(atFrame.focused, 'focus moved in the keypress task').toBe(false);
		expect(readsAtFrame - readsBefore, 'the question was presented again').toBe(0);

		// The rest follows, below the verdict, and focus is on the verdict.
		await expect.element(screen.getByText('Because mode 3 is presence.')).toBeVisible();
		await expect
			.element(screen.getByRole('button', { name: /See results|Next question/ }))
			.toBeVisible();
		await expect.element(screen.getByRole('region', { name: verdict })).toHaveFocus();
	});
});
