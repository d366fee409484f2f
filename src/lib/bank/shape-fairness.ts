/**
 * Does an item's *shape* tell its key? (issue #8 §1, "no answer-position bias", the classify kind.)
 *
 * A classify item's shape is what a learner sees before reading it: which questions it asks
 * (the dimension families) and how many options each shows. If most items of one shape share a
 * key on some dimension, the shape gives the key away: "a scenario with no direction question is
 * commercial presence", "a four-question outsourcing case is offshore". One home for the measure,
 * used by the generated-drill fairness test (src/lib/bank/generators/fairness.spec.ts) and by the
 * authored bank's `bank:check` rule (scripts/bank/validate.ts, `checkShapeKeys`).
 */

/** One asked dimension of one item: its family id, its key (an option id), how many options it shows. */
export interface AskedDimension {
	family: string;
	answer: string;
	options: number;
}

/** An item as the measure sees it: a shape label and its asked dimensions. */
export interface ShapedItem {
	shape: string;
	dimensions: readonly AskedDimension[];
}

/** A dimension whose most common key, within one shape, stands out from guessing. */
export interface ShapeGiveaway {
	shape: string;
	family: string;
	/** The most common key (an option id). */
	key: string;
	/** Items of the shape with that key. */
	count: number;
	/** Items of the shape. */
	items: number;
	/** The largest share allowed: the mean of 1/options over the shape's items, plus the excess. */
	limit: number;
}

/**
 * Groups items by shape and, for every shape with at least `minItems` items and every family it
 * asks, reports the most common key when its share exceeds what guessing would give it (the mean
 * of 1/options) by more than `maxExcess`. Shares are fractions in [0, 1]. Pure; order of the
 * result follows first appearance of shapes, then of families.
 */
export function shapeGiveaways(
	items: readonly ShapedItem[],
	{ minItems, maxExcess }: { minItems: number; maxExcess: number }
): ShapeGiveaway[] {
	const byShape = new Map<string, ShapedItem[]>();
	for (const item of items) byShape.set(item.shape, [...(byShape.get(item.shape) ?? []), item]);
	const giveaways: ShapeGiveaway[] = [];
	for (const [shape, group] of byShape) {
		if (group.length < minItems) continue;
		const families = [...new Set(group.flatMap((item) => item.dimensions.map((d) => d.family)))];
		for (const family of families) {
			const asked = group.flatMap((item) => item.dimensions.filter((d) => d.family === family));
			const counts = new Map<string, number>();
			for (const d of asked) counts.set(d.answer, (counts.get(d.answer) ?? 0) + 1);
			const [key, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
			const guess = asked.reduce((sum, d) => sum + 1 / d.options, 0) / asked.length;
			const limit = guess + maxExcess;
			if (count / asked.length > limit)
				giveaways.push({ shape, family, key, count, items: asked.length, limit });
		}
	}
	return giveaways;
}
