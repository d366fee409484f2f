/**
 * `npm run bank:build [-- --allow-incomplete]`: validates the bank, then writes what the app loads:
 * `src/lib/bank/generated/index.json` (BankIndex), `units/<unit>.<locale>.json` (UnitContent) and
 * `glossary.json` (GlossaryTerm[], both languages in one file: the glossary page shows both).
 * Output is deterministic (objects are built field by field in a fixed order, items in file
 * order), so the same YAML always gives byte-identical JSON and the same `version`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
	BankIndex,
	Block,
	ClassifyDimension,
	Family,
	FamilyId,
	Item,
	Locale,
	Option,
	Span,
	UnitContent,
	UnitMeta
} from '../../src/lib/bank/types';
import { DEFAULT_BANK_ROOT, readBankSource, REPO_ROOT } from './load';
import {
	FAMILY_IDS,
	formatError,
	type AuthoredFamilies,
	type AuthoredItem,
	type AuthoredOption,
	type Bank,
	type BankError,
	type L10nText,
	type LoadedUnit
} from './schema';
import { writeGeneratorContent } from './generator-content';
import { buildGlossary } from './glossary';
import { splitRef, validate } from './validate';

export const DEFAULT_OUT_DIR = join(REPO_ROOT, 'src/lib/bank/generated');
const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

// ---------------------------------------------------------------- lesson markup

/** `**bold**` runs into spans; an unmatched `**` stays literal rather than swallowing the rest. */
export function parseSpans(text: string): Span[] {
	const spans: Span[] = [];
	const re = /\*\*(.+?)\*\*/g;
	let last = 0;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		if (m.index > last) spans.push({ text: text.slice(last, m.index) });
		spans.push({ text: m[1], bold: true });
		last = m.index + m[0].length;
	}
	if (last < text.length) spans.push({ text: text.slice(last) });
	return spans;
}

const CJK = /[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]/;

/**
 * Joins the hard-wrapped lines of one paragraph. Chinese has no spaces between words, so a
 * line break between two CJK characters disappears; anywhere else it becomes one space.
 */
export function joinLines(lines: string[]): string {
	let out = '';
	for (const raw of lines) {
		const line = raw.trim();
		if (!line) continue;
		if (!out) out = line;
		else out += CJK.test(out.at(-1)!) && CJK.test(line[0]) ? line : ` ${line}`;
	}
	return out;
}

/**
 * The authoring markup (README): paragraphs split on blank lines, consecutive `- ` lines form
 * one list (an indented line continues the item above), `**bold**` inside either.
 */
export function parseMarkup(body: string): Block[] {
	const blocks: Block[] = [];
	let paragraph: string[] = [];
	let list: string[][] | undefined;
	const flushParagraph = () => {
		if (paragraph.length) blocks.push({ kind: 'p', spans: parseSpans(joinLines(paragraph)) });
		paragraph = [];
	};
	const flushList = () => {
		if (list) blocks.push({ kind: 'ul', items: list.map((item) => parseSpans(joinLines(item))) });
		list = undefined;
	};
	for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
		if (line.trim() === '') {
			flushParagraph();
			flushList();
		} else if (/^\s*- /.test(line) && !/^\s{2,}- /.test(line)) {
			flushParagraph();
			(list ??= []).push([line.replace(/^\s*- /, '')]);
		} else if (list && /^\s/.test(line)) {
			list.at(-1)!.push(line);
		} else {
			flushList();
			paragraph.push(line);
		}
	}
	flushParagraph();
	flushList();
	return blocks;
}

// ---------------------------------------------------------------- localisation

const pick = (t: L10nText, locale: Locale) => (locale === 'zh-CN' ? t.zh : t.en);
const slugOf = (u: LoadedUnit) => u.unit?.id ?? u.folder.replace(/^\d+-/, '');

function familyOption(families: AuthoredFamilies, family: FamilyId, id: string) {
	return families[family]?.options.find((o) => o.id === id);
}

function localiseOption(o: AuthoredOption, families: AuthoredFamilies, locale: Locale): Option {
	if (o.ref === undefined) return { id: o.id!, label: locale === 'zh-CN' ? o.zh! : o.en! };
	const [family, id] = splitRef(o.ref);
	const option = familyOption(families, family as FamilyId, id);
	// Validation rejects unresolved refs; the fallback only keeps benchmarks of a broken bank running.
	return { id, label: option ? pick(option, locale) : o.ref };
}

/** A classify answer becomes one dimension per family, in the author's key order. */
function dimensions(
	item: Extract<AuthoredItem, { type: 'classify' }>,
	families: AuthoredFamilies,
	locale: Locale
): ClassifyDimension[] {
	return (Object.entries(item.answer) as [FamilyId, string][]).map(([family, answer]) => {
		const limit = item.choices?.[family];
		// Family order, not the order `choices` happens to list them in: options always read the same way.
		const options = families[family].options
			.filter((o) => !limit || limit.includes(o.id))
			.map((o) => ({ id: o.id, label: pick(o, locale) }));
		return { family, label: pick(families[family].label, locale), options, answer };
	});
}

export function localiseItem(
	item: AuthoredItem,
	unit: string,
	families: AuthoredFamilies,
	locale: Locale
): Item {
	const base = {
		id: item.id,
		unit,
		part: item.part,
		concepts: [...item.concepts],
		difficulty: item.difficulty,
		stem: pick(item.stem, locale),
		explanation: pick(item.explanation, locale),
		source: { part: item.part, quote: item.source.quote },
		...(item.seedCase ? { seedCase: true } : {})
	};
	switch (item.type) {
		case 'single':
			return {
				type: 'single',
				...base,
				options: item.options.map((o) => localiseOption(o, families, locale)),
				answer: item.answer
			};
		case 'multiple':
			return {
				type: 'multiple',
				...base,
				options: item.options.map((o) => localiseOption(o, families, locale)),
				answer: [...item.answer]
			};
		case 'truefalse':
			return { type: 'truefalse', ...base, answer: item.answer };
		case 'matching':
			return {
				type: 'matching',
				...base,
				pairs: item.pairs.map((p) => ({ left: pick(p.left, locale), right: pick(p.right, locale) }))
			};
		case 'classify':
			return { type: 'classify', ...base, dimensions: dimensions(item, families, locale) };
		case 'cloze':
			return {
				type: 'cloze',
				...base,
				accept: [...(locale === 'zh-CN' ? item.accept.zh : item.accept.en)]
			};
	}
}

export function localiseUnit(
	u: LoadedUnit,
	families: AuthoredFamilies,
	locale: Locale
): UnitContent {
	const unit = u.unit;
	const id = slugOf(u);
	return {
		id,
		locale,
		lesson: {
			title: unit ? pick(unit.title, locale) : id,
			summary: unit ? pick(unit.summary, locale) : '',
			objectives: unit ? unit.objectives.map((o) => pick(o, locale)) : [],
			sections: (unit?.sections ?? []).map((s) => ({
				id: s.id,
				title: pick(s.title, locale),
				blocks: parseMarkup(pick(s.body, locale)),
				check: [...s.check]
			}))
		},
		items: u.items.map((at) => localiseItem(at.item, id, families, locale))
	};
}

function unitMeta(u: LoadedUnit): UnitMeta {
	const unit = u.unit;
	const id = slugOf(u);
	const concepts = [...new Set(u.items.flatMap((at) => at.item.concepts))].sort();
	return {
		id,
		order: unit?.order ?? 0,
		parts: [...(unit?.parts ?? [])],
		title: { zh: unit?.title.zh ?? id, en: unit?.title.en ?? id },
		summary: { zh: unit?.summary.zh ?? '', en: unit?.summary.en ?? '' },
		itemCount: u.items.length,
		sectionCount: unit?.sections.length ?? 0,
		concepts,
		// Enough to filter and count without downloading the unit (practice setup, progress).
		items: u.items.map(({ item }) => ({
			id: item.id,
			type: item.type,
			concepts: item.concepts.map((c) => concepts.indexOf(c))
		}))
	};
}

function families(bank: Bank): Family[] {
	return FAMILY_IDS.map((id) => ({
		id,
		label: { zh: bank.families[id].label.zh, en: bank.families[id].label.en },
		options: bank.families[id].options.map((o) => ({
			id: o.id,
			label: { zh: o.zh, en: o.en },
			...(o.parent !== undefined ? { parent: o.parent } : {}),
			...(o.noCase ? { noCase: true } : {})
		}))
	}));
}

const toJson = (value: unknown) => `${JSON.stringify(value)}\n`;

export interface BuildOutput {
	index: BankIndex;
	/** Path relative to the output dir → file content. Sorted by path. */
	files: Map<string, string>;
}

/**
 * Pure: authored bank → JSON files. `version` hashes every unit file plus the index without its
 * version, so it changes exactly when anything the app can see changes.
 */
export function buildOutput(bank: Bank): BuildOutput {
	const units = [...bank.units].sort(
		(a, b) => (a.unit?.order ?? 0) - (b.unit?.order ?? 0) || a.folder.localeCompare(b.folder)
	);
	const unitFiles: [string, string][] = [];
	for (const u of units)
		for (const locale of LOCALES)
			unitFiles.push([
				`units/${slugOf(u)}.${locale}.json`,
				toJson(localiseUnit(u, bank.families, locale))
			]);
	unitFiles.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

	const unversioned: Omit<BankIndex, 'version'> = {
		units: units.map(unitMeta),
		parts: bank.parts.map((p) => ({ id: p.id, title: { zh: p.zh, en: p.en } })),
		families: families(bank)
	};
	const glossary = toJson(buildGlossary(bank, units));
	const hash = createHash('sha256');
	hash.update(toJson(unversioned));
	for (const [path, content] of unitFiles) hash.update(`\0${path}\0${content}`);
	hash.update(`\0glossary.json\0${glossary}`);
	const index: BankIndex = { version: hash.digest('hex').slice(0, 12), ...unversioned };
	return {
		index,
		files: new Map([['glossary.json', glossary], ['index.json', toJson(index)], ...unitFiles])
	};
}

/** Writes the files and removes unit JSON that no longer has a source (a renamed unit). */
export function writeOutput(outDir: string, files: Map<string, string>): void {
	mkdirSync(join(outDir, 'units'), { recursive: true });
	for (const [path, content] of files) {
		mkdirSync(dirname(join(outDir, path)), { recursive: true });
		writeFileSync(join(outDir, path), content);
	}
	for (const name of readdirSync(join(outDir, 'units')))
		if (name.endsWith('.json') && !files.has(`units/${name}`)) rmSync(join(outDir, 'units', name));
}

export interface BuildOptions {
	root?: string;
	outDir?: string;
	/** Coverage minimums become warnings (the bank is still being written); everything else still fails. */
	allowIncomplete?: boolean;
	/** Skip writing (benchmarks, tests that only want the output). */
	write?: boolean;
}

export interface BuildResult {
	ok: boolean;
	errors: BankError[];
	warnings: BankError[];
	output?: BuildOutput;
}

export function runBuild(options: BuildOptions = {}): BuildResult {
	const read = readBankSource(options.root ?? DEFAULT_BANK_ROOT);
	const { bank, errors: found } = validate(read.source);
	const all = [...read.errors, ...found];
	const isWarning = (e: BankError) => options.allowIncomplete === true && e.kind === 'coverage';
	const errors = all.filter((e) => !isWarning(e));
	const warnings = all.filter(isWarning);
	if (errors.length) return { ok: false, errors, warnings };
	const output = buildOutput(bank);
	if (options.write !== false) writeOutput(options.outDir ?? DEFAULT_OUT_DIR, output.files);
	// The generators' content (question-bank/generators/*.yaml): its own schema and file.
	const generatorErrors = writeGeneratorContent(
		options.outDir ?? DEFAULT_OUT_DIR,
		options.root,
		options.write !== false
	);
	if (generatorErrors.length)
		return {
			ok: false,
			errors: generatorErrors.map(
				(e) =>
					({ kind: 'schema', file: e.file, id: '', path: e.path, message: e.message }) as BankError
			),
			warnings
		};
	return { ok: true, errors, warnings, output };
}

function main() {
	const argv = process.argv.slice(2);
	const arg = (name: string) => {
		const i = argv.indexOf(name);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const known = new Set(['--allow-incomplete', '--root', '--out', arg('--root'), arg('--out')]);
	const unknown = argv.filter((a) => !known.has(a));
	if (unknown.length) {
		console.error(
			`unknown argument(s): ${unknown.join(' ')}\nusage: tsx scripts/bank/build.ts [--allow-incomplete] [--root <question-bank>] [--out <dir>]`
		);
		process.exit(2);
	}
	const started = performance.now();
	const result = runBuild({
		root: arg('--root'),
		outDir: arg('--out'),
		allowIncomplete: argv.includes('--allow-incomplete')
	});
	for (const w of result.warnings) console.warn(`warning: ${formatError(w)}`);
	if (!result.ok) {
		for (const e of result.errors) console.error(formatError(e));
		console.error(
			`\nbank:build FAILED: ${result.errors.length} errors (run npm run bank:check for a grouped list)${result.warnings.length ? `, ${result.warnings.length} coverage warnings` : ''}`
		);
		process.exit(1);
	}
	const { index, files } = result.output!;
	const items = index.units.reduce((n, u) => n + u.itemCount, 0);
	const ms = Math.round(performance.now() - started);
	console.log(
		`bank:build OK: version ${index.version}, ${index.units.length} units, ${items} items, ${files.size} files in ${ms} ms${result.warnings.length ? ` (${result.warnings.length} coverage warnings)` : ''}`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
