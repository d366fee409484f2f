/**
 * `npm run bench:blind`: how much a learner scores without reading (issue #8).
 *
 * A blind learner presses the first option on every single-choice item, the first two on every
 * multiple-choice item, "false" on every true/false item, the first option of every classify
 * dimension and the first entry of every matching list; on a cloze item they type "?". They play
 * each flow (practice, the two drills, exam, review, mistakes, lesson checks) through the real
 * quiz and lesson machines, with a new option-order seed per attempt exactly as the routes draw
 * one, over at least 1,000 asked items per flow. The figure is the mean score (partial credit)
 * and the share answered right, next to pure guessing (a uniformly random complete response to
 * the same items, scored by the same scorer). Goal: blind within 3 points of guessing.
 *
 * Items come from `question-bank/` built in memory (both the bank and the generators), so the
 * figure is for the bank as it is now. Run twice: the seeds are fixed, so the figures repeat.
 */
import { createActor, waitFor, type AnyActorRef } from 'xstate';
import { buildOutput } from '../bank/build';
import { loadBank } from '../bank/load';
import { presentItem } from '../../src/lib/answering/option-order';
import { scoreItem } from '../../src/lib/answering/scoring';
import { firstAnswers } from '../../src/lib/answering/marking';
import type { AnswerRecord } from '../../src/lib/answering/types';
import { generateDrill, useGeneratorContent } from '../../src/lib/bank/generators';
import { loadGeneratorContent } from '../bank/generator-content';
import { mulberry32, hash32, type Random } from '../../src/lib/bank/generators/random';
import type { Item, Response, UnitContent } from '../../src/lib/bank/types';
import { saveAttemptsActor } from '../../src/lib/features/quiz/quiz.actors';
import { quizMachine } from '../../src/lib/features/quiz/quiz.machine';
import type { QuizMode } from '../../src/lib/features/quiz/quiz.types';
import { selectQuizView } from '../../src/lib/features/quiz/quiz.view';
import {
	examPlan,
	mistakesPlan,
	practicePlan,
	reviewPlan
} from '../../src/lib/features/quiz/plans';
import { lessonMachine } from '../../src/lib/features/lesson/lesson.machine';
import { selectLessonView } from '../../src/lib/features/lesson/lesson.view';
import type { ItemState } from '../../src/lib/progress/types';

const TARGET_ITEMS = 1000;
const GUESS_SAMPLES = 200;
const T0 = Date.UTC(2026, 0, 5, 9);

// tsx has no bundler to import generated/generators.json: load the YAML and hand it over.
const generatorContent = loadGeneratorContent().content;
if (!generatorContent) throw new Error('generator content invalid: run `npm run bank:check`');
useGeneratorContent(generatorContent);

const units: UnitContent[] = [...buildOutput(loadBank().bank).files]
	.filter(([path]) => path.endsWith('.zh-CN.json'))
	.map(([, json]) => JSON.parse(json) as UnitContent);
const pool = units.flatMap((u) => u.items);
const byId = new Map(pool.map((item) => [item.id, item]));

/** The blind learner's response to an item as this attempt shows it. */
function blindResponse(item: Item, orderSeed: number): Response {
	const { item: shown, rightOrder } = presentItem(item, orderSeed);
	switch (shown.type) {
		case 'single':
			return { type: 'single', choice: shown.options[0].id };
		case 'multiple':
			return { type: 'multiple', choices: shown.options.slice(0, 2).map((o) => o.id) };
		case 'truefalse':
			return { type: 'truefalse', value: false };
		case 'classify':
			return {
				type: 'classify',
				values: Object.fromEntries(shown.dimensions.map((d) => [d.family, d.options[0].id]))
			};
		case 'matching':
			return {
				type: 'matching',
				rightFor: Object.fromEntries(shown.pairs.map((_, i) => [i, rightOrder[0]]))
			};
		case 'cloze':
			return { type: 'cloze', text: '?' };
	}
}

/** A uniformly random complete response: what "pure guessing" means for each type. */
function guessResponse(item: Item, random: Random): Response {
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	switch (item.type) {
		case 'single':
			return { type: 'single', choice: pick(item.options).id };
		case 'multiple': {
			// A random non-empty subset.
			let choices: string[] = [];
			while (choices.length === 0)
				choices = item.options.filter(() => random() < 0.5).map((o) => o.id);
			return { type: 'multiple', choices };
		}
		case 'truefalse':
			return { type: 'truefalse', value: random() < 0.5 };
		case 'classify':
			return {
				type: 'classify',
				values: Object.fromEntries(item.dimensions.map((d) => [d.family, pick(d.options).id]))
			};
		case 'matching':
			return {
				type: 'matching',
				rightFor: Object.fromEntries(
					item.pairs.map((_, i) => [i, pick(item.pairs.map((_, j) => j))])
				)
			};
		case 'cloze':
			return { type: 'cloze', text: '?' };
	}
}

interface Figures {
	items: number;
	blindScore: number;
	blindRight: number;
	guessScore: number;
	guessRight: number;
}

const empty = (): Figures => ({
	items: 0,
	blindScore: 0,
	blindRight: 0,
	guessScore: 0,
	guessRight: 0
});

/** Every flow's figures by item type: shows which type a gap comes from. */
const byType: Record<string, Figures> = {};

/** Adds one attempt's first answers (what a summary scores) and guessing on the same items. */
function tally(into: Figures, answers: AnswerRecord[], items: Item[], random: Random) {
	const first = firstAnswers(answers);
	for (const item of items) {
		const answer = first.get(item.id);
		if (!answer) continue;
		for (const figures of [into, (byType[item.type] ??= empty())]) {
			figures.items++;
			figures.blindScore += answer.score.fraction;
			figures.blindRight += answer.score.correct ? 1 : 0;
		}
		for (let n = 0; n < GUESS_SAMPLES; n++) {
			const score = scoreItem(item, guessResponse(item, random));
			for (const figures of [into, byType[item.type]]) {
				figures.guessScore += score.fraction / GUESS_SAMPLES;
				figures.guessRight += (score.correct ? 1 : 0) / GUESS_SAMPLES;
			}
		}
	}
}

const noSave = saveAttemptsActor(async () => {});

/** One attempt through the quiz machine, blind. Mistakes mode: each item's first ask only. */
async function playQuiz(mode: QuizMode, items: Item[], orderSeed: number, timeLimitMs?: number) {
	const machine = quizMachine.provide({ actors: { saveAttempts: noSave } });
	const actor = createActor(machine, {
		input: { mode, items, startedAt: T0, orderSeed, timeLimitMs, requeueWrong: mode === 'mistakes' }
	}).start();
	let at = T0;
	const settled = () =>
		waitFor(actor as AnyActorRef, (s) => !s.hasTag('saving'), { timeout: 5000 });
	for (let asked = 0; asked < items.length; asked++) {
		const view = selectQuizView(actor.getSnapshot());
		if (!view.item) break;
		const response = blindResponse(view.item, view.orderSeed);
		if (mode === 'exam') {
			actor.send({ type: 'answer.draft', response, at: (at += 1000) });
			actor.send({ type: 'question.next', at: (at += 10) });
		} else {
			actor.send({ type: 'answer.submit', response, at: (at += 1000) });
			await settled();
			actor.send({ type: 'question.next', at: (at += 10) });
		}
	}
	if (mode === 'exam') {
		actor.send({ type: 'exam.submit', at: at + 10 });
		await settled();
	}
	const answers = actor.getSnapshot().context.answers;
	actor.stop();
	return answers;
}

/** One reading of a unit's lesson, answering every check blind. */
async function playLesson(unit: UnitContent, orderSeed: number) {
	const machine = lessonMachine.provide({ actors: { saveAttempts: noSave } });
	const actor = createActor(machine, {
		input: {
			unit: unit.id,
			sections: unit.lesson.sections.map((s) => ({ id: s.id, check: s.check })),
			items: unit.items,
			startedAt: T0,
			orderSeed
		}
	}).start();
	let at = T0;
	for (let guard = 0; guard < 1000; guard++) {
		const view = selectLessonView(actor.getSnapshot());
		if (view.status === 'summary') break;
		if (view.status === 'reading') actor.send({ type: 'lesson.check', at: (at += 10) });
		else if (view.status === 'answering' && view.item) {
			actor.send({
				type: 'answer.submit',
				response: blindResponse(view.item, view.orderSeed),
				at: (at += 1000)
			});
			await waitFor(actor as AnyActorRef, (s) => !s.hasTag('saving'), { timeout: 5000 });
		} else if (view.status === 'feedback')
			actor.send({
				type: view.can.nextQuestion ? 'question.next' : 'lesson.next',
				at: (at += 10)
			});
		else throw new Error(`lesson stuck in ${view.status}`);
	}
	const answers = actor.getSnapshot().context.answers;
	actor.stop();
	return answers;
}

/** A learner's states: every item seen, half of them wrong last time, all due now. */
function statesFor(random: Random): Record<string, ItemState> {
	return Object.fromEntries(
		pool.map((item, i) => {
			const wrong = random() < 0.5;
			return [
				item.id,
				{
					itemId: item.id,
					streak: wrong ? 0 : 1,
					lastCorrect: !wrong,
					lastAt: T0 - 86_400_000 - i,
					due: T0 - random() * 86_400_000 * 7,
					inMistakes: wrong
				} satisfies ItemState
			];
		})
	);
}

type Flow = (
	attempt: number,
	random: Random
) => Promise<{ answers: AnswerRecord[]; items: Item[] }>;

const seedOf = (flow: string, attempt: number) => hash32(`blind:${flow}:${attempt}`);
const itemsOf = (ids: string[]) => ids.map((id) => byId.get(id)!);

const flows: Record<string, Flow> = {
	practice: async (n) => {
		const plan = practicePlan(pool, { units: [], types: [], concepts: [], count: 20 }, n);
		const items = itemsOf(plan.itemIds);
		return { items, answers: await playQuiz('practice', items, seedOf('practice', n)) };
	},
	'drill: modes of supply': async (n) => {
		const items = generateDrill({ kind: 'mode', seed: n, count: 20, locale: 'zh-CN' });
		return { items, answers: await playQuiz('practice', items, seedOf('mode', n)) };
	},
	'drill: ITO/BPO/KPO': async (n) => {
		const items = generateDrill({ kind: 'outsourcing', seed: n, count: 20, locale: 'zh-CN' });
		return { items, answers: await playQuiz('practice', items, seedOf('outsourcing', n)) };
	},
	exam: async (n) => {
		const items = itemsOf(examPlan(pool, 30, 30, n).itemIds);
		return { items, answers: await playQuiz('exam', items, seedOf('exam', n), 30 * 60_000) };
	},
	review: async (n, random) => {
		const items = itemsOf(reviewPlan(pool, statesFor(random), T0).itemIds);
		return { items, answers: await playQuiz('review', items, seedOf('review', n)) };
	},
	mistakes: async (n, random) => {
		const items = itemsOf(mistakesPlan(pool, statesFor(random)).itemIds).slice(0, 30);
		return { items, answers: await playQuiz('mistakes', items, seedOf('mistakes', n)) };
	},
	'lesson checks': async (n) => {
		const unit = units[n % units.length];
		const answers = await playLesson(unit, seedOf('lesson', n));
		return { items: unit.items.filter((i) => answers.some((a) => a.itemId === i.id)), answers };
	}
};

const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
const fmt = (n: number) => n.toFixed(1).padStart(6);
const row = (name: string, f: Figures) =>
	`${name.padEnd(24)} ${String(f.items).padStart(6)}  ${fmt(pct(f.blindScore, f.items))} %  ${fmt(pct(f.guessScore, f.items))} %  ${fmt(pct(f.blindScore - f.guessScore, f.items))} | ${fmt(pct(f.blindRight, f.items))} %  ${fmt(pct(f.guessRight, f.items))} %`;

async function main() {
	console.log(
		`bench:blind: "first option / first two / false" vs pure guessing, ≥${TARGET_ITEMS} items per flow\n`
	);
	console.log(
		'flow                      items  blind score  guess score   diff | blind right  guess right'
	);
	const total = empty();
	let worst = 0;
	for (const [name, play] of Object.entries(flows)) {
		const figures = empty();
		const random = mulberry32(hash32(name));
		for (let attempt = 1; figures.items < TARGET_ITEMS; attempt++) {
			const { answers, items } = await play(attempt, random);
			tally(figures, answers, items, random);
		}
		for (const key of Object.keys(total) as (keyof Figures)[]) total[key] += figures[key];
		const diff = pct(figures.blindScore - figures.guessScore, figures.items);
		worst = Math.max(worst, Math.abs(diff));
		console.log(row(name, figures));
	}
	console.log(row('all flows', total));
	console.log(
		'\nby item type, all flows (true/false "false" depends on the bank\'s true/false balance):'
	);
	for (const [type, figures] of Object.entries(byType)) console.log(row(`  ${type}`, figures));
	console.log(
		`\nlargest gap in one flow: ${worst.toFixed(1)} points (goal: within 3 points of guessing)`
	);
}

await main();
