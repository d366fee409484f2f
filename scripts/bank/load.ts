/**
 * Reads `question-bank/` from disk. The only module here that touches the file system for input:
 * everything after it (schema, validate, build) is pure, so tests can run on in-memory banks.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { parseBankSource, type Bank, type BankError, type BankSource } from './schema';

/** The repository root, found from this file so scripts work from any cwd. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_BANK_ROOT = join(REPO_ROOT, 'question-bank');

const ITEMS_FILE = /^items.*\.ya?ml$/;

/** Reads and YAML-parses every file; YAML syntax errors are returned, never thrown. */
export function readBankSource(root: string = DEFAULT_BANK_ROOT): {
	source: BankSource;
	errors: BankError[];
} {
	const errors: BankError[] = [];
	const readYaml = (rel: string): unknown => {
		const abs = join(root, rel);
		if (!existsSync(abs)) {
			errors.push({ kind: 'yaml', file: rel, id: '', path: '', message: 'file is missing' });
			return undefined;
		}
		// parseDocument collects every syntax error instead of throwing at the first, so an author
		// fixes them in one round; a file with any is skipped (partial content would mislead).
		const doc = parseDocument(readFileSync(abs, 'utf8'), { prettyErrors: true });
		if (doc.errors.length) {
			for (const e of doc.errors)
				errors.push({
					kind: 'yaml',
					file: rel,
					id: '',
					path: '',
					message: `YAML syntax error: ${e.message.split('\n')[0].replace(/:$/, '')}`
				});
			return undefined;
		}
		return doc.toJS();
	};

	const seedPath = join(root, 'source/seed.txt');
	const seed = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : '';
	if (!seed)
		errors.push({
			kind: 'yaml',
			file: 'source/seed.txt',
			id: '',
			path: '',
			message: 'missing or empty'
		});

	const unitsDir = join(root, 'units');
	const folders = existsSync(unitsDir)
		? readdirSync(unitsDir)
				.filter((name) => statSync(join(unitsDir, name)).isDirectory())
				.sort()
		: [];
	const units = folders.map((folder) => {
		const dir = join(unitsDir, folder);
		const names = readdirSync(dir).sort();
		// A unit still being written may have items but no lesson yet; that is reported by validate.
		const hasLesson = names.includes('unit.yaml');
		const unit = hasLesson ? readYaml(`units/${folder}/unit.yaml`) : undefined;
		const itemFiles = names
			.filter((n) => ITEMS_FILE.test(n))
			.map((n) => {
				const file = `units/${folder}/${n}`;
				return { file, items: readYaml(file) };
			});
		return { folder, unit, unitUnreadable: hasLesson && unit === undefined, itemFiles };
	});

	return {
		source: {
			families: readYaml('families.yaml'),
			glossary: readYaml('glossary.yaml'),
			parts: readYaml('parts.yaml'),
			seed,
			units
		},
		errors
	};
}

/** Reads and applies the schemas: typed authored data plus every YAML and schema error. */
export function loadBank(root: string = DEFAULT_BANK_ROOT): { bank: Bank; errors: BankError[] } {
	const read = readBankSource(root);
	const parsed = parseBankSource(read.source);
	return { bank: parsed.bank, errors: [...read.errors, ...parsed.errors] };
}
