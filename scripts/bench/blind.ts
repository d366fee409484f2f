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
 * One run over ≥1,000 items still moves by a point or two with the draw, so each flow is played
 * once per bench seed (`BLIND_SEEDS`, default five) and the table gives the mean of the per-seed
 * gaps with their spread (standard deviation and range): a gap is real only when it is larger than
 * its spread.
 *
 * Items come from `question-bank/` built in memory (both the bank and the generators), so the
 * figure is for the bank as it is now. Run twice: the seeds are fixed, so the figures repeat.
 *
 *   npm run bench:blind                       # seeds 1,2,3,4,5
 *   BLIND_SEEDS=11,12,13 npm run bench:blind  # other seeds
 */
import { createActor, waitFor, type AnyActorRef } from 'xstate';
import { buildOutput } from '../bank/build';
import { loadBank } from '../bank/load';
import { presentItem } from '../../src/lib/answering/option-order';
import { scoreItem } from '../../src/lib/answering/scoring';
import { firstAnswers } from '../../src/lib/answering/marking';
import type { AnswerRecord } from '../../src/lib/answering/types';
import { DRILL_KINDS, generateDrill, useGeneratorContent } from '../../src/lib/bank/generators';
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
const GUESS_SAMPLES = 100;
const BENCH_SEEDS = (process.env.BLIND_SEEDS ?? '1,2,3,4,5')
	.split(',')
	.map((s) => Number(s.trim()));
if (BENCH_SEEDS.some((s) => !Number.isInteger(s) || s < 0))
	throw new Error('BLIND_SEEDS: a comma-separated list of whole numbers');
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

/** One attempt of a flow: `attempt` counts from 1 within a bench seed, `seed` is that bench seed. */
type Flow = (
	attempt: number,
	random: Random,
	seed: number
) => Promise<{ answers: AnswerRecord[]; items: Item[] }>;

const seedOf = (flow: string, seed: number, attempt: number) =>
	hash32(`blind:${flow}:${seed}:${attempt}`);
const itemsOf = (ids: string[]) => ids.map((id) => byId.get(id)!);

/** Every offered drill kind, 20 items an attempt, as the practice setup starts one. */
const drillFlows: Record<string, Flow> = Object.fromEntries(
	DRILL_KINDS.map((kind): [string, Flow] => [
		`drill: ${kind}`,
		async (n, _random, seed) => {
			const items = generateDrill({
				kind,
				seed: seedOf(`${kind}-items`, seed, n),
				count: 20,
				locale: 'zh-CN'
			});
			return { items, answers: await playQuiz('practice', items, seedOf(kind, seed, n)) };
		}
	])
);

const flows: Record<string, Flow> = {
	practice: async (n, _random, seed) => {
		const plan = practicePlan(
			pool,
			{ units: [], types: [], concepts: [], count: 20 },
			seedOf('practice-plan', seed, n)
		);
		const items = itemsOf(plan.itemIds);
		return { items, answers: await playQuiz('practice', items, seedOf('practice', seed, n)) };
	},
	...drillFlows,
	exam: async (n, _random, seed) => {
		const items = itemsOf(examPlan(pool, 30, 30, seedOf('exam-plan', seed, n)).itemIds);
		return {
			items,
			answers: await playQuiz('exam', items, seedOf('exam', seed, n), 30 * 60_000)
		};
	},
	review: async (n, random, seed) => {
		const items = itemsOf(reviewPlan(pool, statesFor(random), T0).itemIds);
		return { items, answers: await playQuiz('review', items, seedOf('review', seed, n)) };
	},
	mistakes: async (n, random, seed) => {
		const items = itemsOf(mistakesPlan(pool, statesFor(random)).itemIds).slice(0, 30);
		return { items, answers: await playQuiz('mistakes', items, seedOf('mistakes', seed, n)) };
	},
	'lesson checks': async (n, _random, seed) => {
		const unit = units[(n + seed) % units.length];
		const answers = await playLesson(unit, seedOf('lesson', seed, n));
		return { items: unit.items.filter((i) => answers.some((a) => a.itemId === i.id)), answers };
	}
};

const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
const fmt = (n: number, width = 6) => n.toFixed(1).padStart(width);
const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
/** Sample standard deviation (0 for one seed). */
const sd = (list: number[]) =>
	list.length < 2
		? 0
		: Math.sqrt(list.reduce((a, x) => a + (x - mean(list)) ** 2, 0) / (list.length - 1));

/** One flow over one bench seed: attempts until at least TARGET_ITEMS items were answered. */
async function playFlow(name: string, play: Flow, seed: number): Promise<Figures> {
	const figures = empty();
	const random = mulberry32(hash32(`${name}:${seed}`));
	for (let attempt = 1; figures.items < TARGET_ITEMS; attempt++) {
		const { answers, items } = await play(attempt, random, seed);
		tally(figures, answers, items, random);
	}
	return figures;
}

const header = `${'flow'.padEnd(24)} ${'items'.padStart(7)}  ${'blind'.padStart(6)}  ${'guess'.padStart(6)}  ${'gap'.padStart(6)}  ${'sd'.padStart(5)}  ${'gap range'.padStart(13)} | ${'blind right'.padStart(11)}  ${'guess right'.padStart(11)}`;

/** A table row: mean figures over the seeds, the gap's spread over the seeds. */
function row(name: string, perSeed: Figures[]) {
	const gaps = perSeed.map((f) => pct(f.blindScore - f.guessScore, f.items));
	const of = (key: keyof Figures) => mean(perSeed.map((f) => pct(f[key], f.items)));
	const items = perSeed.reduce((n, f) => n + f.items, 0);
	// One figure set (the by-type rows pool every seed) has no spread to show.
	const spread =
		perSeed.length < 2
			? `${'–'.padStart(5)}  ${'–'.padStart(13)}`
			: `${fmt(sd(gaps), 5)}  ${fmt(Math.min(...gaps))} … ${fmt(Math.max(...gaps), 5)}`;
	return {
		gap: mean(gaps),
		spread: sd(gaps),
		text: `${name.padEnd(24)} ${String(items).padStart(7)}  ${fmt(of('blindScore'))}  ${fmt(of('guessScore'))}  ${fmt(mean(gaps))}  ${spread} | ${fmt(of('blindRight'), 10)}%  ${fmt(of('guessRight'), 10)}%`
	};
}

async function main() {
	console.log(
		`bench:blind: "first option / first two / false" vs pure guessing, ≥${TARGET_ITEMS} items per flow per seed`
	);
	console.log(`bench seeds: ${BENCH_SEEDS.join(', ')} (BLIND_SEEDS to change)`);
	console.log('scores in % (partial credit); gap = blind − guess, mean over the seeds\n');
	console.log(header);
	const totals = BENCH_SEEDS.map(() => empty());
	let worst = { name: '', gap: 0, spread: 0 };
	for (const [name, play] of Object.entries(flows)) {
		const perSeed: Figures[] = [];
		for (const [i, seed] of BENCH_SEEDS.entries()) {
			const figures = await playFlow(name, play, seed);
			perSeed.push(figures);
			for (const key of Object.keys(figures) as (keyof Figures)[]) totals[i][key] += figures[key];
		}
		const line = row(name, perSeed);
		if (Math.abs(line.gap) > Math.abs(worst.gap)) worst = { name, ...line };
		console.log(line.text);
	}
	console.log(row('all flows', totals).text);
	console.log(
		'\nby item type, all flows and seeds (true/false "false" depends on the bank\'s true/false balance):'
	);
	for (const [type, figures] of Object.entries(byType))
		console.log(row(`  ${type}`, [figures]).text);
	console.log(
		`\nlargest mean gap: ${worst.gap.toFixed(1)} points (${worst.name}, sd ${worst.spread.toFixed(1)}); goal: every flow within 3 points of guessing`
	);
}

await main();
