/**
 * `npm run bank:check` (second step): words every generator's whole space in both languages and
 * runs the text rules of `generator-text.ts` over each item. Prints the distinct items each
 * generator yields and every problem (first few per rule and generator), exits 1 on any.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	GENERATOR_SPACES,
	useGeneratorContent,
	type GeneratorSpace
} from '../../src/lib/bank/generators/index';
import { formatGeneratorError, loadGeneratorContent } from './generator-content';
import { DEFAULT_BANK_ROOT } from './load';
import { itemProblems, latinWords, type TextProblem } from './generator-text';

export interface GeneratorReport {
	kind: string;
	/**
	 * Distinct items (distinct ids; the questions are checked distinct too: a stem with what it
	 * asks, since the supply-mode drill asks the mode and the direction of one scenario apart).
	 */
	distinct: number;
	problems: (TextProblem & { id: string })[];
}

/** Runs every rule over one generator's space. */
export function checkSpace(
	space: GeneratorSpace,
	latinAllowed: ReadonlySet<string>
): GeneratorReport {
	const items = space.enumerate();
	const problems: GeneratorReport['problems'] = [];
	const questions = new Set<string>();
	for (const { zh, en } of items) {
		for (const p of itemProblems(zh, en, latinAllowed)) problems.push({ ...p, id: zh.id });
		const asks = zh.dimensions.map((d) => d.family).join(' ');
		questions.add(`${zh.stem}\u0000${en.stem}\u0000${asks}`);
	}
	const ids = new Set(items.map((i) => i.zh.id));
	if (ids.size !== items.length || questions.size !== items.length)
		problems.push({
			rule: 'doubled-word',
			id: space.kind,
			detail: `${items.length - ids.size} duplicate ids, ${items.length - questions.size} duplicate questions (stem and what it asks)`
		});
	return { kind: space.kind, distinct: ids.size, problems };
}

export function handoutLatin(root = DEFAULT_BANK_ROOT): Set<string> {
	return latinWords(readFileSync(join(root, 'source/seed.txt'), 'utf8'));
}

function main() {
	const verbose = process.argv.includes('--all');
	// tsx has no bundler to import generated/generators.json: validate the YAML and hand it over.
	const { content, errors } = loadGeneratorContent();
	for (const e of errors) console.log(formatGeneratorError(e));
	if (!content) {
		console.log(`generator content FAILED: ${errors.length} errors`);
		process.exit(1);
	}
	useGeneratorContent(content);
	const latin = handoutLatin();
	let failed = 0;
	for (const space of GENERATOR_SPACES) {
		const report = checkSpace(space, latin);
		console.log(
			`generator ${report.kind}: ${report.distinct} distinct items, ${report.problems.length} text problems`
		);
		const shown = new Map<string, number>();
		for (const p of report.problems) {
			const n = shown.get(p.rule) ?? 0;
			shown.set(p.rule, n + 1);
			if (n < 5 || verbose) console.log(`  ${p.rule} ${p.id}: ${p.detail}`);
		}
		for (const [rule, n] of shown) if (n > 5) console.log(`  … ${n - 5} more ${rule}`);
		failed += report.problems.length;
	}
	console.log(
		failed ? `generator text check FAILED: ${failed} problems` : 'generator text check OK'
	);
	process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
