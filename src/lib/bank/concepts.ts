import type { BankIndex, Locale } from './types';
import { pickText } from './text';

/**
 * A readable name for a concept tag: family tags (`category.ict`) take the family option's
 * label, topic tags (`topic.definitions`) a UI string supplied by the caller.
 */
export function conceptLabel(
	concept: string,
	index: BankIndex,
	locale: Locale,
	topicLabel: (topic: string) => string
): string {
	const dot = concept.indexOf('.');
	const family = concept.slice(0, dot);
	const id = concept.slice(dot + 1);
	if (family === 'topic') return topicLabel(id);
	const option = index.families.find((f) => f.id === family)?.options.find((o) => o.id === id);
	return option ? pickText(option.label, locale) : concept;
}

/** Every concept tag used in the given units, sorted: the choices of a concept filter. */
export function conceptsOfUnits(index: BankIndex, units: readonly string[]): string[] {
	return [
		...new Set(index.units.filter((u) => units.includes(u.id)).flatMap((u) => u.concepts))
	].sort();
}
