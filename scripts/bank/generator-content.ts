/**
 * Reads `question-bank/generators/*.yaml` (and families.yaml, seed.txt), validates them with
 * `generator-schema.ts` and writes what the generators import, `generated/generators.json`.
 * bank:build calls `writeGeneratorContent`; bank:check and bank:stats call `loadGeneratorContent`
 * and hand the result to the generators (tsx has no bundler to import the JSON with).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { GeneratorContent } from '../../src/lib/bank/generators/content';
import { parseGeneratorContent, type GeneratorContentError } from './generator-schema';
import { DEFAULT_BANK_ROOT } from './load';
import { familiesSchema } from './schema';

export const GENERATOR_JSON = 'generators.json';

/** Loads and validates; errors (YAML syntax included) are returned, never thrown. */
export function loadGeneratorContent(root: string = DEFAULT_BANK_ROOT): {
	content?: GeneratorContent;
	errors: GeneratorContentError[];
} {
	const errors: GeneratorContentError[] = [];
	const read = (rel: string): unknown => {
		try {
			return parse(readFileSync(join(root, rel), 'utf8'));
		} catch (e) {
			errors.push({ file: rel, path: '', message: (e as Error).message.split('\n')[0] });
			return undefined;
		}
	};
	const dir = join(root, 'generators');
	const files = Object.fromEntries(
		(existsSync(dir) ? readdirSync(dir) : [])
			.filter((name) => name.endsWith('.yaml'))
			.map((name) => [name.replace(/\.yaml$/, ''), read(`generators/${name}`)])
	);
	const families = familiesSchema.safeParse(read('families.yaml'));
	if (!families.success) {
		errors.push({
			file: 'families.yaml',
			path: '',
			message: 'invalid (run bank:check for details)'
		});
		return { errors };
	}
	const seedNoSpace = readFileSync(join(root, 'source/seed.txt'), 'utf8').replace(/\s+/g, '');
	if (errors.length) return { errors };
	return parseGeneratorContent({ files, families: families.data, seedNoSpace });
}

/** `file path: message` lines, as bank:check prints its own errors. */
export const formatGeneratorError = (e: GeneratorContentError) =>
	`${e.file}${e.path ? ` ${e.path}` : ''}: ${e.message}`;

/**
 * Validates and writes `<outDir>/generators.json` (only validates when `write` is false); returns
 * the errors (nothing written on any). Skipped when the bank has no `generators/` folder.
 */
export function writeGeneratorContent(
	outDir: string,
	root?: string,
	write = true
): GeneratorContentError[] {
	// A bank without generator content (a test fixture) builds without generators.json;
	// bank:check's generator step still fails on the missing content.
	if (!existsSync(join(root ?? DEFAULT_BANK_ROOT, 'generators'))) return [];
	const { content, errors } = loadGeneratorContent(root);
	if (!content) return errors;
	if (!write) return [];
	mkdirSync(outDir, { recursive: true });
	writeFileSync(join(outDir, GENERATOR_JSON), `${JSON.stringify(content)}\n`);
	return [];
}
