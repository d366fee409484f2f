import { selectExamPaper, selectPractice, type PracticeFilter } from '$lib/bank/selection';
import type { DrillKind } from '$lib/bank/generators/kinds';
import type { Item } from '$lib/bank/types';
import { dueQueue, mistakes } from '$lib/progress/queues';
import { DEFAULT_SETTINGS, type ItemState } from '$lib/progress/types';
import { EXAM_MINUTES, valueOrDefault } from './setup-fields';
import type { QuestionSet } from '$lib/sets/set-store';
import type { SessionPlan } from './quiz.session';

// Pure builders: from the bank (a pool of items) and the learner's state to a session plan.

const unitsOf = (items: Item[]) => [...new Set(items.map((i) => i.unit))];
const planOf = (kind: SessionPlan['kind'], items: Item[], extra: Partial<SessionPlan> = {}) => ({
	kind,
	units: unitsOf(items),
	itemIds: items.map((i) => i.id),
	...extra
});

export function practicePlan(
	pool: Item[],
	filter: PracticeFilter,
	seed: number,
	states: Record<string, ItemState> = {}
): SessionPlan {
	// Least-practised first: an item never answered beats one answered yesterday.
	const seen = (id: string) => (states[id] ? 1 + states[id].streak : 0);
	return planOf('practice', selectPractice(pool, filter, seed, seen));
}

export function drillPlan(kind: DrillKind, seed: number, count = 20): SessionPlan {
	return { kind: 'practice', units: [], itemIds: [], drill: { kind, seed, count } };
}

/** Family concepts (not topics) an item is about, e.g. `mode.cross-border`. */
const familyConcepts = (item: Item) => item.concepts.filter((c) => !c.startsWith('topic.'));

/**
 * "My confusions": the concepts of the items the learner has in the mistakes notebook, and the
 * sibling concepts of the same family they are confused with (a wrong `mode.cross-border`
 * brings in the other modes), so the drill asks for the distinction, not the fact.
 */
export function confusionsPlan(
	pool: Item[],
	states: Record<string, ItemState>,
	seed: number,
	count = 20
): SessionPlan | null {
	const wrong = new Set(mistakes(states));
	if (wrong.size === 0) return null;
	const missed = new Set(pool.filter((i) => wrong.has(i.id)).flatMap(familyConcepts));
	const families = new Set([...missed].map((c) => c.slice(0, c.lastIndexOf('.'))));
	const related = pool.filter(
		(i) =>
			wrong.has(i.id) ||
			familyConcepts(i).some((c) => missed.has(c) || families.has(c.slice(0, c.lastIndexOf('.'))))
	);
	const filter = { units: [], types: [], concepts: [], count };
	return planOf(
		'practice',
		selectPractice(related, filter, seed, (id) => (wrong.has(id) ? 0 : 1))
	);
}

/**
 * A timed paper. `minutes` outside {@link EXAM_MINUTES} (empty, 0, NaN, negative) falls back to
 * the default in Settings, so no exam is over at birth.
 */
export function examPlan(pool: Item[], count: number, minutes: number, seed: number): SessionPlan {
	const usable = valueOrDefault(minutes, EXAM_MINUTES, DEFAULT_SETTINGS.exam.minutes);
	return planOf('exam', selectExamPaper(pool, count, seed), { timeLimitMs: usable * 60_000 });
}

/**
 * Practice or an exam on a question set: its askable entries copied into the plan (see
 * `SetSession`), in the order the instructor chose. An exam's `minutes` falls back like
 * {@link examPlan}'s. `seed` draws the shuffled order, `now` (epoch ms) is when it starts, for the results file (options are shuffled per attempt anyway).
 */
export function setPlan(
	kind: 'practice' | 'exam',
	set: Pick<QuestionSet, 'id' | 'name' | 'updatedAt' | 'entries' | 'order'>,
	{ seed, now, minutes }: { seed: number; now: number; minutes?: number }
): SessionPlan {
	const entries = set.entries.filter((e) => e.kind !== 'draft');
	const exam =
		kind === 'exam'
			? {
					timeLimitMs: valueOrDefault(minutes, EXAM_MINUTES, DEFAULT_SETTINGS.exam.minutes) * 60_000
				}
			: {};
	return {
		kind,
		units: [],
		itemIds: [],
		set: {
			id: set.id,
			name: set.name,
			version: set.updatedAt,
			entries: structuredClone(entries),
			order: set.order ?? 'fixed',
			seed,
			startedAt: now
		},
		...exam
	};
}

/** Most items one review session asks; the rest wait for the next session (the hub says so). */
export const REVIEW_SESSION_SIZE = 30;

/**
 * Today's review: items due before the end of the learner's local day (`dueBy`, from
 * `endOfLocalDay`), most overdue first, at most `limit`.
 */
export function reviewPlan(
	pool: Item[],
	states: Record<string, ItemState>,
	dueBy: number,
	limit = REVIEW_SESSION_SIZE
): SessionPlan {
	return reviewPlanOf(pool, dueQueue(states, dueBy), limit);
}

/**
 * Today's review from a due queue already in order (`dueQueue`, or `digestDueQueue` straight
 * from the store's columns): the first `limit` of its items still in the bank.
 */
export function reviewPlanOf(
	pool: Item[],
	queue: readonly string[],
	limit = REVIEW_SESSION_SIZE
): SessionPlan {
	const inBank = new Map(pool.map((i) => [i.id, i]));
	const due = queue.filter((id) => inBank.has(id)).slice(0, limit);
	return planOf(
		'review',
		due.map((id) => inBank.get(id)!)
	);
}

export function mistakesPlan(pool: Item[], states: Record<string, ItemState>): SessionPlan {
	return mistakesPlanOf(pool, mistakes(states));
}

/** The mistakes session from the notebook in order (`mistakes`, or `digestMistakes`). */
export function mistakesPlanOf(pool: Item[], notebook: readonly string[]): SessionPlan {
	const inBank = new Map(pool.map((i) => [i.id, i]));
	const ids = notebook.filter((id) => inBank.has(id));
	// Wrong answers come back in the same session until right: the notebook needs two in a row.
	return planOf(
		'mistakes',
		ids.map((id) => inBank.get(id)!),
		{ requeueWrong: true }
	);
}
