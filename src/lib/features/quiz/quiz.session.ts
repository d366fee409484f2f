import { loadIndex, loadUnit } from '$lib/bank/loader';
import type { AskableEntry } from '$lib/sets/set-items';
import type { DrillKind } from '$lib/bank/generators/kinds';
import type { Item, Locale } from '$lib/bank/types';
import type { FlowKind } from '$lib/progress/types';

export type SessionKind = Exclude<FlowKind, 'lesson' | 'offline-classroom'>;
export const SESSION_KINDS: readonly SessionKind[] = ['practice', 'exam', 'review', 'mistakes'];

/**
 * What a quiz session is made of, stored with the flow so it can be rebuilt in either language
 * after a reload: bank items by id (with the units that hold them) and, for drills, the
 * generator's seed (generated items are not stored, they are regenerated identically).
 */
export interface SessionPlan {
	kind: SessionKind;
	units: string[];
	itemIds: string[];
	drill?: { kind: DrillKind; seed: number; count: number };
	timeLimitMs?: number | null;
	requeueWrong?: boolean;
	/** A session on a question set: its questions replace `itemIds` and `drill`. */
	set?: SetSession;
}

/**
 * A practice or exam session on a question set (one shared as homework, or the instructor's
 * own). The set's askable entries are copied into the plan, own questions whole, so a reload
 * finds every question even if the set is deleted or replaced meanwhile (the session then says
 * so, see `setChange`); bank entries stay ids (bank fixes reach them) and drills stay
 * kind + seed + count (regenerated identically).
 */
export interface SetSession {
	id: string;
	name: string;
	/** The set's `updatedAt` when the session started: a different one means it was replaced. */
	version: number;
	entries: AskableEntry[];
	/** `fixed`: asked in the set's order; `shuffled`: in an order drawn from `seed`. */
	order: 'fixed' | 'shuffled';
	seed: number;
	/** Epoch ms when the session started (the results file says so). */
	startedAt: number;
}

export function isSessionKind(value: string): value is SessionKind {
	return (SESSION_KINDS as readonly string[]).includes(value);
}

/** The plan's items, in plan order, in the given language. */
export async function loadPlanItems(plan: SessionPlan, locale: Locale): Promise<Item[]> {
	if (plan.set) {
		const items = await loadSetItems(plan.set, locale);
		if (plan.set.order === 'fixed') return items;
		const { mulberry32, shuffle } = await import('$lib/bank/generators/random');
		return shuffle(mulberry32(plan.set.seed), items);
	}
	const contents = await Promise.all(plan.units.map((unit) => loadUnit(unit, locale)));
	const byId = new Map(contents.flatMap((c) => c.items).map((item) => [item.id, item]));
	const bankItems = plan.itemIds.flatMap((id) => byId.get(id) ?? []);
	// The generators (tables of businesses, sentence patterns) load only when a drill needs them.
	const drillItems = plan.drill
		? (await import('$lib/bank/generators')).generateDrill({ ...plan.drill, locale })
		: [];
	return [...bankItems, ...drillItems];
}

/** Every item of the given units, in one language. */
export async function loadPool(units: string[], locale: Locale): Promise<Item[]> {
	const contents = await Promise.all(units.map((unit) => loadUnit(unit, locale)));
	return contents.flatMap((c) => c.items);
}

/**
 * A set session's items in the set's own order (the order results files use), in one language.
 * Entries that are not well-formed (a damaged save) are skipped, never thrown at the screen.
 */
export async function loadSetItems(set: SetSession, locale: Locale): Promise<Item[]> {
	// The own-item schema and the generators load only for a set session.
	const [{ resolveSetEntries }, { isSetEntry }] = await Promise.all([
		import('$lib/sets/set-items'),
		import('$lib/sets/set-store')
	]);
	const entries = (Array.isArray(set.entries) ? (set.entries as unknown[]) : []).filter(
		(e): e is AskableEntry => isSetEntry(e) && e.kind !== 'draft'
	);
	const units = [...new Set(entries.flatMap((e) => (e.kind === 'bank' ? [e.unit] : [])))];
	const [index, contents, generators] = await Promise.all([
		loadIndex(),
		Promise.all(units.map((unit) => loadUnit(unit, locale).catch(() => null))),
		entries.some((e) => e.kind === 'drill') ? import('$lib/bank/generators') : null
	]);
	const byKey = new Map(
		contents.flatMap((c) => c?.items ?? []).map((item) => [`${item.unit}/${item.id}`, item])
	);
	return resolveSetEntries(
		entries,
		{
			bankItem: (unit, id) => byKey.get(`${unit}/${id}`),
			families: index.families,
			generateDrill: (options) => generators?.generateDrill(options) ?? []
		},
		locale
	);
}
