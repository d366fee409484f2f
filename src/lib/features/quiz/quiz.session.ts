import { loadUnit } from '$lib/bank/loader';
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
}

export function isSessionKind(value: string): value is SessionKind {
	return (SESSION_KINDS as readonly string[]).includes(value);
}

/** The plan's items, in plan order, in the given language. */
export async function loadPlanItems(plan: SessionPlan, locale: Locale): Promise<Item[]> {
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
