import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { createActor } from 'xstate';
import type { SingleItem } from '$lib/bank/types';
import type { SaveAttemptsInput } from '$lib/answering/types';
import { ensureNamespaces, initLocale } from '$lib/i18n/i18n.svelte';
import { saveAttemptsActor } from '../quiz.actors';
import { singleChoice } from '../quiz.fixtures';
import { quizMachine } from '../quiz.machine';
import type { QuizEvent } from '../quiz.types';
import { selectQuizView } from '../quiz.view';
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

	/**
	 * Runs a practice session over `items` the way QuizSession does (every snapshot shown, the
	 * 'saving' one too), with saves that succeed at once unless `save` says otherwise.
	 */
	async function session(
		items: SingleItem[],
		save: (input: SaveAttemptsInput) => Promise<void> = async () => {}
	) {
		const machine = quizMachine.provide({
			actors: { saveAttempts: saveAttemptsActor(save) }
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
					focused: document.activeElement?.closest('section.feedback') != null
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

		// The rest follows, below the verdict, and focus is on the explanation below it.
		await expect.element(screen.getByText('Because mode 3 is presence.')).toBeVisible();
		await expect
			.element(screen.getByRole('button', { name: /See results|Next question/ }))
			.toBeVisible();
		await expect.element(screen.getByRole('group', { name: 'Why' })).toHaveFocus();
	});

	/** A save the test settles by hand, and the answers it was given. */
	function heldSave() {
		const calls: SaveAttemptsInput[] = [];
		let settle: { resolve: () => void; reject: (error: Error) => void } | null = null;
		const save = (input: SaveAttemptsInput) =>
			new Promise<void>((resolve, reject) => {
				calls.push(input);
				settle = { resolve, reject };
			});
		return {
			save,
			calls,
			resolve: () => settle?.resolve(),
			reject: (error: Error) => settle?.reject(error)
		};
	}

	it('paints the verdict without waiting for the save; moving on waits for it', async () => {
		const held = heldSave();
		const screen = await session([singleChoice('q-1', 'a'), singleChoice('q-2', 'a')], held.save);
		await expect.element(screen.getByRole('radio', { name: /^B/ })).toBeVisible();
		key('2');
		await frame();
		const painted = new Promise<{ verdict: boolean; mark: boolean }>((done) =>
			requestAnimationFrame(() =>
				done({
					verdict: document.querySelector('section.feedback .verdict') !== null,
					mark: document.querySelector('label .mark') !== null
				})
			)
		);
		key('Enter');
		// The save was asked for in the keypress's task, and is still pending.
		expect(held.calls).toHaveLength(1);
		expect(held.calls[0].answers.map((a) => a.itemId)).toEqual(['q-1']);
		expect(await painted, 'verdict and marks in the frame of the keypress').toEqual({
			verdict: true,
			mark: true
		});
		await frame();
		await frame();
		// Still storing: no way on yet, "saving" shows past the verdict's paint, and Enter moves
		// on only once the answer is stored.
		await expect.element(screen.getByText('Saving your answer…')).toBeVisible();
		expect(document.querySelector('button.button:not([type=submit])')).toBeNull();
		key('Enter');
		await frame();
		await frame();
		expect(document.querySelector('[data-item-id]')?.getAttribute('data-item-id')).toBe('q-1');
		expect(held.calls).toHaveLength(1);

		held.resolve();
		await expect.element(screen.getByRole('heading', { name: /^Question 2/ })).toBeInTheDocument();
		expect(document.querySelector('[data-item-id]')?.getAttribute('data-item-id')).toBe('q-2');
		await expect.element(screen.getByText('Saving your answer…')).not.toBeInTheDocument();
	});

	it('keeps the verdict and says so when the save fails; retry stores it before moving on', async () => {
		const held = heldSave();
		const screen = await session([singleChoice('q-1', 'a'), singleChoice('q-2', 'a')], held.save);
		await expect.element(screen.getByRole('radio', { name: /^B/ })).toBeVisible();
		key('1');
		await frame();
		key('Enter');
		await expect.element(screen.getByRole('region', { name: /Correct|Not quite/ })).toBeVisible();
		held.reject(new Error('disk full'));
		const alert = screen.getByRole('alert');
		await expect.element(alert).toHaveTextContent(/could not be saved: disk full/);
		await expect.element(screen.getByRole('region', { name: /Correct|Not quite/ })).toBeVisible();
		expect(screen.getByRole('button', { name: 'Next question' }).query()).toBeNull();
		key('Enter');
		await frame();
		expect(held.calls).toHaveLength(1);

		await screen.getByRole('button', { name: 'Try again' }).click();
		expect(held.calls).toHaveLength(2);
		held.resolve();
		await expect.element(screen.getByRole('button', { name: 'Next question' })).toBeVisible();
		await expect.element(alert).not.toBeInTheDocument();
	});

	/**
	 * What a screen reader says, modelled: text that appears or changes in a live region
	 * (nearest aria-live / role=alert / role=status ancestor, not aria-live="off"; aria-hidden
	 * text skipped; aria-relevant's default "additions text"), collected once per frame as the
	 * browser's accessibility tree is, and the name of whatever receives focus
	 * (aria-labelledby, else aria-label, else its text).
	 */
	function listen() {
		const heard: string[] = [];
		const liveTexts = () => {
			const texts = new Map<Node, string>();
			const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const el = node.parentElement;
				if (!el || el.closest('[aria-hidden="true"]') || !node.textContent?.trim()) continue;
				const live = el.closest('[aria-live], [role="alert"], [role="status"]');
				if (live && live.getAttribute('aria-live') !== 'off') texts.set(node, node.textContent);
			}
			return texts;
		};
		let last = liveTexts();
		let loop = 0;
		const read = () => {
			const now = liveTexts();
			const added = [...now].filter(([node, text]) => last.get(node) !== text);
			if (added.length) heard.push(added.map(([, text]) => text.trim()).join(' '));
			last = now;
			loop = requestAnimationFrame(read);
		};
		loop = requestAnimationFrame(read);
		const onfocus = (event: FocusEvent) => {
			const el = event.target as HTMLElement;
			const ids = el.getAttribute('aria-labelledby');
			heard.push(
				ids
					? ids
							.split(' ')
							.map((id) => document.getElementById(id)?.textContent ?? '')
							.join(' ')
					: (el.getAttribute('aria-label') ?? el.textContent ?? '')
			);
		};
		document.addEventListener('focusin', onfocus);
		return {
			heard,
			stop: () => {
				cancelAnimationFrame(loop);
				document.removeEventListener('focusin', onfocus);
			}
		};
	}

	it('announces the verdict exactly once', async () => {
		const item = { ...singleChoice('q-1', 'a'), explanation: 'Because mode 3 is presence.' };
		const screen = await session([item]);
		await expect.element(screen.getByRole('radio', { name: /^B/ })).toBeVisible();
		key('1');
		await frame();
		const right = (screen.getByRole('radio', { checked: true }).element() as HTMLElement)
			.closest('label')!
			.textContent!.includes('A');
		const verdict = right ? 'Correct' : 'Not quite';
		const listener = listen();
		key('Enter');
		// Everything that follows the verdict: explanation, next button, focus (moved into the
		// feedback, wherever in it).
		await expect.element(screen.getByRole('button', { name: 'See results' })).toBeVisible();
		await expect.poll(() => document.activeElement?.closest('section.feedback') != null).toBe(true);
		await frame();
		await frame();
		listener.stop();
		const times = listener.heard.filter((said) => said.includes(verdict)).length;
		expect(times, `heard: ${JSON.stringify(listener.heard)}`).toBe(1);
	});
});
