/**
 * `npm run bank:stats`: ONE JSON object on stdout with the bank's counts (for the report and for
 * tracking progress against the README minimums). Counts schema-valid items only; run bank:check
 * for what is wrong.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadGeneratorContent } from './generator-content';
import { DEFAULT_BANK_ROOT, loadBank, REPO_ROOT } from './load';
import { ITEM_TYPES, TOPICS, type AuthoredItem, type Bank } from './schema';
import {
	classifyShape,
	indexFamilies,
	isPrefixKey,
	itemFamilyOptions,
	keyPositions,
	SHAPE_KEY_TOLERANCE
} from './validate';

const GENERATORS = join(REPO_ROOT, 'src/lib/bank/generators/index.ts');

/** Sorted-key object from a counter, so the output diffs cleanly between runs. */
function sortedCounts(
	keys: Iterable<string>,
	count: (key: string) => number
): Record<string, number> {
	return Object.fromEntries([...keys].sort().map((k) => [k, count(k)]));
}

/**
 * Where the keys sit (issue #8): single keys per 1-based option position next to the uniform
 * expectation, multiple items whose keys are a prefix of the options, true/false split.
 */
function answerBalance(items: AuthoredItem[]) {
	const { observed, expected } = keyPositions(items);
	const tf = items.filter((it) => it.type === 'truefalse');
	return {
		singleKeyPosition: Object.fromEntries(
			expected.map((e, p) => [p + 1, { items: observed[p] ?? 0, uniform: Math.round(e * 10) / 10 }])
		),
		multiplePrefixKeys: items.filter(isPrefixKey).length,
		trueFalse: {
			true: tf.filter((it) => it.answer === true).length,
			false: tf.filter((it) => it.answer === false).length
		}
	};
}

/**
 * Classify shapes (issue #8): for each set of asked families with at least
 * `SHAPE_KEY_TOLERANCE.minItems` items, its item count and, per family, its most common key as
 * "key n/N" — the figure `checkShapeKeys` judges.
 */
function classifyShapeKeys(bank: Bank) {
	const families = indexFamilies(bank.families);
	const shaped = bank.units
		.flatMap((u) => u.items.map((at) => at.item))
		.flatMap((it) => (it.type === 'classify' ? [classifyShape(it, families)] : []));
	const shapes = [...new Set(shaped.map((s) => s.shape))].sort();
	return Object.fromEntries(
		shapes.flatMap((shape) => {
			const group = shaped.filter((s) => s.shape === shape);
			if (group.length < SHAPE_KEY_TOLERANCE.minItems) return [];
			const top = Object.fromEntries(
				group[0].dimensions.map(({ family }) => {
					const keys = group.flatMap((s) =>
						s.dimensions.filter((d) => d.family === family).map((d) => d.answer)
					);
					const [key, n] = [...new Set(keys)]
						.map((k) => [k, keys.filter((x) => x === k).length] as const)
						.sort((a, b) => b[1] - a[1])[0];
					return [family, `${key} ${n}/${keys.length}`];
				})
			);
			return [[shape, { items: group.length, topKey: top }]];
		})
	);
}

export function bankStats(bank: Bank) {
	const loaded = bank.units.flatMap((u) => u.items.map((at) => ({ ...at, unit: u.folder })));
	const items = loaded.map((at) => at.item);
	const about = items.map(itemFamilyOptions);
	const familyCounts = (family: 'category' | 'outsourcing-subclass') =>
		Object.fromEntries(
			(bank.families[family]?.options ?? []).map((o) => {
				const key = `${family}.${o.id}`;
				const idx = about.flatMap((s, i) => (s.has(key) ? [i] : []));
				return [
					o.id,
					family === 'category'
						? idx.length
						: { items: idx.length, seedCase: idx.filter((i) => items[i].seedCase).length }
				];
			})
		);
	return {
		totalItems: items.length,
		byType: Object.fromEntries(
			ITEM_TYPES.map((t) => [t, items.filter((it) => it.type === t).length])
		),
		byUnit: sortedCounts(
			bank.units.map((u) => u.folder),
			(f) => loaded.filter((at) => at.unit === f).length
		),
		byPart: Object.fromEntries(
			bank.parts.map((p) => [p.id, items.filter((it) => it.part === p.id).length])
		),
		byTopic: Object.fromEntries(
			TOPICS.map((t) => [t, items.filter((it) => it.concepts.includes(t)).length])
		),
		modeScenarioClassify: items.filter(
			(it) => it.type === 'classify' && it.concepts.includes('topic.mode-scenario')
		).length,
		byDifficulty: Object.fromEntries(
			[1, 2, 3].map((d) => [d, items.filter((it) => it.difficulty === d).length])
		),
		seedCase: items.filter((it) => it.seedCase).length,
		answerBalance: answerBalance(items),
		classifyShapeKeys: classifyShapeKeys(bank),
		perCategory: familyCounts('category'),
		perOutsourcingSubclass: familyCounts('outsourcing-subclass')
	};
}

/**
 * Each generator's yield: distinct items (distinct ids) per drill kind, from the generators'
 * whole spaces (`GENERATOR_SPACES`). Its absence (or failure to import while it is being
 * written) is null, not an error.
 */
async function generatedDistinctItems(): Promise<Record<string, number> | null> {
	if (!existsSync(GENERATORS)) return null;
	try {
		const mod = (await import(pathToFileURL(GENERATORS).href)) as {
			GENERATOR_SPACES?: readonly { kind: string; enumerate(): { zh: { id: string } }[] }[];
			useGeneratorContent?: (content: unknown) => void;
		};
		const { content } = loadGeneratorContent();
		if (!mod.GENERATOR_SPACES || !mod.useGeneratorContent || !content) return null;
		mod.useGeneratorContent(content);
		return Object.fromEntries(
			mod.GENERATOR_SPACES.map((g) => [g.kind, new Set(g.enumerate().map((i) => i.zh.id)).size])
		);
	} catch (e) {
		console.error(`bank:stats: could not enumerate the generators: ${(e as Error).message}`);
		return null;
	}
}

async function main() {
	const rootArg = process.argv.indexOf('--root');
	const { bank } = loadBank(rootArg >= 0 ? process.argv[rootArg + 1] : DEFAULT_BANK_ROOT);
	const stats = bankStats(bank);
	console.log(
		JSON.stringify({ ...stats, generatedDistinctItems: await generatedDistinctItems() }, null, 2)
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
