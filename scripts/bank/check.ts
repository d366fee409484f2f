/**
 * `npm run bank:check [-- --unit <folder>] [--root <dir>]`: every rule, errors grouped by file,
 * a one-line summary, exit 1 on any error. Authors run it with `--unit` while writing a unit.
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_BANK_ROOT, readBankSource } from './load';
import { formatError, type BankError, type ErrorKind } from './schema';
import { validate, type ValidateOptions } from './validate';

export interface CheckArgs {
	root: string;
	unit?: string;
}

export function parseArgs(argv: string[]): CheckArgs {
	const args: CheckArgs = { root: DEFAULT_BANK_ROOT };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--unit')
			args.unit = value()
				.replace(/\/+$/, '')
				.replace(/^.*units\//, '');
		else if (a.startsWith('--unit=')) args.unit = a.slice('--unit='.length);
		else if (a === '--root') args.root = value();
		else if (a === '--help' || a === '-h') {
			console.log(
				'usage: tsx scripts/bank/check.ts [--unit <folder>] [--root <question-bank dir>]'
			);
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	return args;
}

/** Reads, parses and validates; YAML errors come first as they hide everything in their file. */
export function runCheck(root: string, options: ValidateOptions = {}) {
	const read = readBankSource(root);
	const result = validate(read.source, options);
	const prefix = options.unit === undefined ? undefined : `units/${options.unit}/`;
	const readErrors = read.errors.filter(
		(e) => !prefix || e.file.startsWith(prefix) || !e.file.startsWith('units/')
	);
	return { bank: result.bank, errors: [...readErrors, ...result.errors] };
}

/** Errors grouped by file, files sorted by path so the output is stable. */
export function groupByFile(errors: BankError[]): Map<string, BankError[]> {
	const groups = new Map<string, BankError[]>();
	for (const e of errors) {
		const list = groups.get(e.file) ?? [];
		list.push(e);
		groups.set(e.file, list);
	}
	// Within a file, keep each item's errors together (in the order the items first appear).
	for (const [file, list] of groups) {
		const firstSeen = new Map<string, number>();
		list.forEach((e, i) => firstSeen.has(e.id) || firstSeen.set(e.id, i));
		groups.set(
			file,
			list
				.map((e, i) => ({ e, i }))
				.sort((a, b) => firstSeen.get(a.e.id)! - firstSeen.get(b.e.id)! || a.i - b.i)
				.map(({ e }) => e)
		);
	}
	return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export function countByKind(errors: BankError[]): Partial<Record<ErrorKind, number>> {
	const counts: Partial<Record<ErrorKind, number>> = {};
	for (const e of errors) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
	return counts;
}

export function summaryLine(
	errors: BankError[],
	itemCount: number,
	unitCount: number,
	unit?: string
): string {
	const scope = unit ? `unit ${unit}` : `${unitCount} units`;
	if (errors.length === 0) return `bank:check OK: ${itemCount} items, ${scope}, no errors`;
	const kinds = Object.entries(countByKind(errors))
		.map(([k, n]) => `${k} ${n}`)
		.join(', ');
	const files = new Set(errors.map((e) => e.file)).size;
	return `bank:check FAILED: ${errors.length} errors in ${files} files (${kinds}); ${itemCount} valid items, ${scope}`;
}

function main() {
	let args: CheckArgs;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(String((e as Error).message));
		process.exit(2);
	}
	const { bank, errors } = runCheck(args.root, { unit: args.unit });
	for (const [file, list] of groupByFile(errors)) {
		console.log(`\n${file} (${list.length})`);
		for (const e of list) console.log(`  ${formatError(e)}`);
	}
	const units = args.unit ? bank.units.filter((u) => u.folder === args.unit) : bank.units;
	const itemCount = units.reduce((n, u) => n + u.items.length, 0);
	console.log(
		`${errors.length ? '\n' : ''}${summaryLine(errors, itemCount, units.length, args.unit)}`
	);
	process.exit(errors.length ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
