/**
 * Drills are fair and stable (issue #8).
 *
 * Fair: an item's *shape* (which questions it asks, how many options each has) must not tell its
 * key. Options of whole families keep their natural order (issue #8: the same set every time
 * carries no hint), so a learner who always presses the first one, or who learns that "a scenario
 * with no direction question is commercial presence", must score no better than guessing. For
 * every offered kind, over many seeds, no shape's most common key may stand out.
 *
 * Stable: a (kind, seed) names a list of items in saved practices, sets, rooms and offline codes,
 * so what it produces is pinned here for every readable kind, retired ones included.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES, type ClassifyItem } from '../types';
import { generateDrill } from './index';
import { DRILL_KINDS, READABLE_DRILL_KINDS } from './kinds';
import { hash32 } from './random';

const SEEDS = Array.from({ length: 60 }, (_, i) => i * 7919 + 1);
/** Shapes asked fewer times than this are too rare to judge (and to learn from). */
const MIN_ITEMS = 20;
/** How far the most common key may exceed the share guessing would give it. */
const MAX_EXCESS = 0.15;

const shapeOf = (item: ClassifyItem) =>
	item.dimensions.map((d) => `${d.family}/${d.options.length}`).join(' ');

describe('drill fairness: the shape of an item never tells its key', () => {
	it.each(DRILL_KINDS.map((kind) => [kind]))('%s', (kind) => {
		const byShape = new Map<string, ClassifyItem[]>();
		for (const seed of SEEDS)
			for (const item of generateDrill({ kind, seed, count: 20, locale: 'en' }) as ClassifyItem[])
				byShape.set(shapeOf(item), [...(byShape.get(shapeOf(item)) ?? []), item]);
		const giveaways: string[] = [];
		for (const [shape, items] of byShape) {
			if (items.length < MIN_ITEMS) continue;
			items[0].dimensions.forEach((dimension, i) => {
				const counts = new Map<string, number>();
				for (const item of items) {
					const key = item.dimensions[i].answer;
					counts.set(key, (counts.get(key) ?? 0) + 1);
				}
				const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
				const share = n / items.length;
				if (share > 1 / dimension.options.length + MAX_EXCESS)
					giveaways.push(`${shape}: ${dimension.family} is "${top}" in ${n} of ${items.length}`);
			});
		}
		expect(giveaways).toEqual([]);
	});
});

/** `hash32` of the JSON of 30 items, per kind/seed/locale, as generated when each kind was made. */
const PINNED: Record<string, string> = {
	'supply-mode/1/zh-CN': '16kuwz',
	'supply-mode/1/en': '108or0w',
	'supply-mode/12/zh-CN': '1pdzynb',
	'supply-mode/12/en': '19wot3',
	'supply-mode/4242424242/zh-CN': '1lby3fn',
	'supply-mode/4242424242/en': 'crmcyz',
	'mode/1/zh-CN': '17jd898',
	'mode/1/en': 'ez06v0',
	'mode/12/zh-CN': '1qo4rg3',
	'mode/12/en': 'hz9cft',
	'mode/4242424242/zh-CN': 'ocs80j',
	'mode/4242424242/en': '1kf705r',
	'outsourcing/1/zh-CN': '1xjp9xw',
	'outsourcing/1/en': 'jhnipu',
	'outsourcing/12/zh-CN': '1osgn11',
	'outsourcing/12/en': 'j7tscy',
	'outsourcing/4242424242/zh-CN': '73dqvv',
	'outsourcing/4242424242/en': '92w4k9',
	'outsourcing-mode/1/zh-CN': '1idnn0l',
	'outsourcing-mode/1/en': 'opudbh',
	'outsourcing-mode/12/zh-CN': 'o2qq4z',
	'outsourcing-mode/12/en': '1t4y6t1',
	'outsourcing-mode/4242424242/zh-CN': 'boawrm',
	'outsourcing-mode/4242424242/en': '1ls7wtb',
	'category/1/zh-CN': 'bjgmnc',
	'category/1/en': '1qgvktq',
	'category/12/zh-CN': '17w0v7u',
	'category/12/en': 'b5av9q',
	'category/4242424242/zh-CN': 'fd6x8i',
	'category/4242424242/en': '1qs4kdi',
	'exclusion/1/zh-CN': 'x5y7aj',
	'exclusion/1/en': '1i3u8dl',
	'exclusion/12/zh-CN': '1rzd789',
	'exclusion/12/en': 'i292xv',
	'exclusion/4242424242/zh-CN': '1vg2xb8',
	'exclusion/4242424242/en': 'd0i9nw'
};

describe('drill stability: a (kind, seed) always produces the same items', () => {
	it('every readable kind, retired ones included, matches its pinned fingerprint', () => {
		const now: Record<string, string> = {};
		for (const key of Object.keys(PINNED)) {
			const [kind, seed, locale] = key.split('/');
			now[key] = hash32(
				JSON.stringify(
					generateDrill({
						kind: kind as (typeof READABLE_DRILL_KINDS)[number],
						seed: Number(seed),
						count: 30,
						locale: locale as (typeof LOCALES)[number]
					})
				)
			).toString(36);
		}
		expect(now).toEqual(PINNED);
		// Every readable kind is pinned, in both locales.
		for (const kind of READABLE_DRILL_KINDS)
			for (const locale of LOCALES)
				expect(
					Object.keys(PINNED).some((k) => k.startsWith(`${kind}/`) && k.endsWith(locale))
				).toBe(true);
	});
});
