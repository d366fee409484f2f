/**
 * Zod schemas for everything authored under `question-bank/`, and the pure step that applies them.
 * One definition serves the build, the checker and the tests, so "what the README allows" lives in
 * exactly one place. Every object is strict: a misspelt field is an error, not silently dropped.
 */
import { z } from 'zod';

export const FAMILY_IDS = [
	'mode',
	'direction',
	'category',
	'digital',
	'outsourcing-mode',
	'outsourcing-type',
	'outsourcing-class',
	'outsourcing-subclass',
	'trade-enterprise',
	'outsourcing-enterprise',
	'oecd-wto-part',
	'dingtao-category',
	'mofcom-2019-class',
	'mofcom-2020-domain',
	'ustr-class'
] as const;
export type AuthoredFamilyId = (typeof FAMILY_IDS)[number];

export const TOPICS = [
	'topic.definitions',
	'topic.relations',
	'topic.enterprise-criteria',
	'topic.mode-scenario',
	'topic.digital-trade',
	'topic.new-models',
	'topic.outsourcing-modes',
	'topic.outsourcing-types',
	'topic.representative-firms',
	'topic.exclusions',
	'topic.resources'
] as const;

export const ITEM_TYPES = [
	'single',
	'multiple',
	'truefalse',
	'matching',
	'classify',
	'cloze'
] as const;

/** The cloze gap marker: exactly one per language. */
export const CLOZE_BLANK = '____';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Family option ids may be dotted (`ito-rd.testing`) because sub-classes are named under their class. */
const OPTION_ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

// Trimmed emptiness: a string of spaces is as useless to a learner as a missing one.
const text = z.string().refine((s) => s.trim().length > 0, { message: 'must not be empty' });
const kebabId = z
	.string()
	.regex(KEBAB, { message: 'must be lowercase kebab-case (e.g. modes-scn-01)' });
const optionId = z.string().regex(OPTION_ID, { message: 'must be lowercase kebab-case' });

export const l10nSchema = z.strictObject({ zh: text, en: text });

// ---------------------------------------------------------------- families, glossary, parts

export const familyOptionSchema = z.strictObject({
	id: optionId,
	zh: text,
	en: text,
	zhAlt: z.array(text).optional(),
	enAlt: z.array(text).optional(),
	parent: optionId.optional(),
	noCase: z.boolean().optional()
});

export const familySchema = z.strictObject({
	label: l10nSchema,
	options: z.array(familyOptionSchema).min(2)
});

// Keys are checked strictly: a family the app does not know about could never be rendered.
export const familiesSchema = z.strictObject(
	Object.fromEntries(FAMILY_IDS.map((id) => [id, familySchema])) as Record<
		AuthoredFamilyId,
		typeof familySchema
	>
);

export const glossaryEntrySchema = z.strictObject({
	id: kebabId,
	zh: text,
	en: text,
	zhAlt: z.array(text).optional(),
	enAlt: z.array(text).optional()
});
export const glossarySchema = z.array(glossaryEntrySchema);

export const partSchema = z.strictObject({
	id: z.string().regex(/^\d+(?:\.\d+)*$/, { message: "must look like '2.3'" }),
	zh: text,
	en: text
});
export const partsSchema = z.array(partSchema).min(1);

// ---------------------------------------------------------------- unit.yaml

export const sectionSchema = z.strictObject({
	id: kebabId,
	title: l10nSchema,
	body: l10nSchema,
	check: z.array(kebabId).min(1).max(3)
});

export const unitSchema = z.strictObject({
	id: kebabId,
	order: z.int().positive(),
	parts: z.array(z.string()).min(1),
	title: l10nSchema,
	summary: l10nSchema,
	objectives: z.array(l10nSchema).min(2).max(5),
	sections: z.array(sectionSchema).min(1)
});

// ---------------------------------------------------------------- items

/**
 * An option is either `{ ref: family.option }` or written out as `{ id, zh, en }`. One object with a
 * refinement (rather than a union) so the author gets "needs id, zh and en" instead of zod's
 * generic "invalid input" for a union miss.
 */
export const optionSchema = z
	.strictObject({
		ref: z.string().optional(),
		id: optionId.optional(),
		zh: text.optional(),
		en: text.optional()
	})
	.superRefine((o, ctx) => {
		if (o.ref !== undefined) {
			if (o.id !== undefined || o.zh !== undefined || o.en !== undefined)
				ctx.addIssue({ code: 'custom', message: 'a ref option takes no id, zh or en' });
			return;
		}
		for (const key of ['id', 'zh', 'en'] as const)
			if (o[key] === undefined)
				ctx.addIssue({
					code: 'custom',
					path: [key],
					message: 'required (or write the option as { ref: family.option })'
				});
	});

const itemBase = {
	id: kebabId,
	part: z.string(),
	concepts: z.array(z.string()).min(1),
	difficulty: z.literal([1, 2, 3]),
	stem: l10nSchema,
	explanation: l10nSchema,
	source: z.strictObject({ quote: text }),
	seedCase: z.boolean().optional()
};

const options = z.array(optionSchema).min(3).max(6);
const pair = z.strictObject({ left: l10nSchema, right: l10nSchema });

export const singleSchema = z.strictObject({
	...itemBase,
	type: z.literal('single'),
	options,
	answer: optionId
});
export const multipleSchema = z.strictObject({
	...itemBase,
	type: z.literal('multiple'),
	options,
	answer: z.array(optionId)
});
export const trueFalseSchema = z.strictObject({
	...itemBase,
	type: z.literal('truefalse'),
	answer: z.boolean()
});
export const matchingSchema = z.strictObject({
	...itemBase,
	type: z.literal('matching'),
	pairs: z.array(pair).min(3).max(6)
});
export const classifySchema = z.strictObject({
	...itemBase,
	type: z.literal('classify'),
	// Key order is the order the dimensions are shown in; zod keeps the input's key order.
	answer: z
		.partialRecord(z.enum(FAMILY_IDS), optionId)
		.refine((a) => Object.keys(a).length > 0, { message: 'needs at least one family' }),
	choices: z.partialRecord(z.enum(FAMILY_IDS), z.array(optionId)).optional()
});
export const clozeSchema = z.strictObject({
	...itemBase,
	type: z.literal('cloze'),
	accept: z.strictObject({ zh: z.array(text).min(1), en: z.array(text).min(1) })
});

export const itemSchema = z.discriminatedUnion('type', [
	singleSchema,
	multipleSchema,
	trueFalseSchema,
	matchingSchema,
	classifySchema,
	clozeSchema
]);
export const itemsFileSchema = z.array(z.unknown());

export type L10nText = z.infer<typeof l10nSchema>;
export type AuthoredFamilyOption = z.infer<typeof familyOptionSchema>;
export type AuthoredFamily = z.infer<typeof familySchema>;
export type AuthoredFamilies = z.infer<typeof familiesSchema>;
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;
export type AuthoredPart = z.infer<typeof partSchema>;
export type AuthoredUnit = z.infer<typeof unitSchema>;
export type AuthoredSection = z.infer<typeof sectionSchema>;
export type AuthoredOption = z.infer<typeof optionSchema>;
export type AuthoredItem = z.infer<typeof itemSchema>;
export type AuthoredClassify = z.infer<typeof classifySchema>;

// ---------------------------------------------------------------- errors

/** What kind of rule an error breaks: check.ts counts errors by kind. */
export type ErrorKind =
	| 'yaml'
	| 'schema'
	| 'duplicate-id'
	| 'answer'
	| 'ref'
	| 'classify'
	| 'cloze'
	| 'concept'
	| 'duplicate-stem'
	| 'glossary'
	| 'explanation'
	| 'quote'
	| 'part'
	| 'lesson'
	| 'coverage'
	| 'balance'
	| 'option-reference'
	| 'typography';

export interface BankError {
	kind: ErrorKind;
	/** Relative to question-bank/, with forward slashes. */
	file: string;
	/** Item id, section id, unit id or coverage key; '' when nothing narrower applies. */
	id: string;
	/** Dotted field path inside the item (`answer.direction`, `options[2].ref`); '' for the whole. */
	path: string;
	message: string;
}

/** `<file>#<id> <path>: <message>`, the one format authors grep for. */
export function formatError(e: BankError): string {
	return `${e.file}#${e.id}${e.path ? ` ${e.path}` : ''}: ${e.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out ? `.${String(key)}` : String(key);
	}
	return out;
}

/**
 * Turns zod issues into bank errors. Unknown keys become one error per key with the key in the
 * path, which is where the author has to look; union misses show the most specific branch.
 */
export function zodIssuesToErrors(
	issues: readonly z.core.$ZodIssue[],
	file: string,
	id: string,
	prefix: readonly PropertyKey[] = []
): BankError[] {
	const errors: BankError[] = [];
	for (const issue of issues) {
		const path = [...prefix, ...issue.path];
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys)
				errors.push({
					kind: 'schema',
					file,
					id,
					path: formatPath([...path, key]),
					message: 'unknown field'
				});
		} else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
			// Report the branch that got furthest (fewest issues) rather than the unhelpful union summary.
			const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
			errors.push(...zodIssuesToErrors(best, file, id, path));
		} else if (issue.code === 'invalid_union' && issue.path.length === 0 && prefix.length === 0) {
			errors.push({
				kind: 'schema',
				file,
				id,
				path: 'type',
				message: `must be one of ${ITEM_TYPES.join(', ')}`
			});
		} else {
			errors.push({
				kind: 'schema',
				file,
				id,
				path: formatPath(path),
				message: friendlier(issue.message)
			});
		}
	}
	return errors;
}

/** zod's wording is for programmers; authors need to know what to type in the YAML. */
function friendlier(message: string): string {
	if (/received undefined$/.test(message)) return 'required';
	if (/expected string, received (number|boolean)$/.test(message))
		return `${message} (put it in quotes: YAML reads bare 12 or yes as a number or boolean)`;
	return message;
}

// ---------------------------------------------------------------- applying the schemas

/** What load.ts reads from disk, before any schema: parsed YAML documents by file. */
export interface BankSource {
	families: unknown;
	glossary: unknown;
	parts: unknown;
	/** source/seed.txt verbatim. */
	seed: string;
	units: UnitSource[];
}

export interface UnitSource {
	/** Folder name, e.g. `02-modes-of-supply`. */
	folder: string;
	/** Parsed unit.yaml; undefined when the file is missing (reported) or unreadable. */
	unit: unknown;
	/** Set by load.ts when unit.yaml exists but is not valid YAML (already reported there). */
	unitUnreadable?: boolean;
	itemFiles: { file: string; items: unknown }[];
}

export interface LoadedItem {
	item: AuthoredItem;
	/** Relative to question-bank/. */
	file: string;
	/** Unit folder. */
	folder: string;
}

export interface LoadedUnit {
	folder: string;
	file: string;
	unit: AuthoredUnit | undefined;
	items: LoadedItem[];
	/**
	 * Ids of items that failed the schema, and the parts of a unit.yaml that failed it: kept so
	 * one schema error doesn't cascade into "no such item" or "part not taught" errors.
	 */
	rejectedIds: string[];
	rejectedParts: string[];
}

/** Authored data that passed the schema. Items that failed it are left out (and reported). */
export interface Bank {
	families: AuthoredFamilies;
	glossary: GlossaryEntry[];
	parts: AuthoredPart[];
	seed: string;
	units: LoadedUnit[];
}

export const EMPTY_FAMILIES = Object.fromEntries(
	FAMILY_IDS.map((id) => [id, { label: { zh: id, en: id }, options: [] }])
) as unknown as AuthoredFamilies;

export const unitFile = (folder: string) => `units/${folder}/unit.yaml`;

/**
 * Applies the schemas to raw YAML. Pure, so tests can hand it broken documents. A file that
 * fails at the top level contributes nothing; an items file keeps its valid items so one bad item
 * doesn't hide every other error in the unit.
 */
export function parseBankSource(source: BankSource): { bank: Bank; errors: BankError[] } {
	const errors: BankError[] = [];
	/**
	 * Parses one top-level document. Each error is filed under the nearest authored id on its
	 * path (a glossary entry, a family option, a lesson section), which is what authors search for.
	 */
	const top = <T>(
		schema: z.ZodType<T>,
		value: unknown,
		file: string,
		idOf: (path: readonly PropertyKey[]) => string
	): T | undefined => {
		const r = schema.safeParse(value);
		if (r.success) return r.data;
		for (const issue of r.error.issues)
			errors.push(...zodIssuesToErrors([issue], file, idOf(issue.path)));
		return undefined;
	};
	const rawId = (v: unknown): string | undefined => {
		const id = (v as { id?: unknown } | null | undefined)?.id;
		return typeof id === 'string' ? id : undefined;
	};
	const entryId = (raw: unknown) => (path: readonly PropertyKey[]) =>
		typeof path[0] === 'number' && Array.isArray(raw)
			? (rawId(raw[path[0]]) ?? `[${path[0]}]`)
			: '';
	const familyOptionId = (path: readonly PropertyKey[]) => {
		const [family, key, index] = path;
		const options = (source.families as Record<string, { options?: unknown[] }> | null)?.[
			String(family)
		]?.options;
		const option = key === 'options' && typeof index === 'number' ? rawId(options?.[index]) : '';
		return family === undefined ? '' : option ? `${String(family)}.${option}` : String(family);
	};

	const families =
		top(familiesSchema, source.families, 'families.yaml', familyOptionId) ?? EMPTY_FAMILIES;
	const glossary =
		top(glossarySchema, source.glossary, 'glossary.yaml', entryId(source.glossary)) ?? [];
	const parts = top(partsSchema, source.parts, 'parts.yaml', entryId(source.parts)) ?? [];

	const units: LoadedUnit[] = source.units.map((u) => {
		const file = unitFile(u.folder);
		const slug = u.folder.replace(/^\d+-/, '');
		if (u.unit === undefined && !u.unitUnreadable)
			errors.push({
				kind: 'lesson',
				file,
				id: slug,
				path: '',
				message: 'missing unit.yaml (the lesson)'
			});
		const sections = (u.unit as { sections?: unknown } | null | undefined)?.sections;
		// Section errors name the section; everything else names the unit.
		const unitErrorId = (path: readonly PropertyKey[]) =>
			(path[0] === 'sections' && typeof path[1] === 'number' && Array.isArray(sections)
				? rawId(sections[path[1]])
				: undefined) ??
			rawId(u.unit) ??
			slug;
		const unit = u.unit === undefined ? undefined : top(unitSchema, u.unit, file, unitErrorId);
		const rawParts = (u.unit as { parts?: unknown } | null | undefined)?.parts;
		const rejectedParts =
			!unit && Array.isArray(rawParts)
				? rawParts.filter((p): p is string => typeof p === 'string')
				: [];
		const rejectedIds: string[] = [];
		const items: LoadedItem[] = [];
		for (const f of u.itemFiles) {
			if (!Array.isArray(f.items)) {
				if (f.items !== undefined && f.items !== null)
					errors.push({
						kind: 'schema',
						file: f.file,
						id: '',
						path: '',
						message: 'an items file must be a YAML list of items'
					});
				continue;
			}
			f.items.forEach((raw, index) => {
				const authoredId = rawId(raw);
				const r = itemSchema.safeParse(raw);
				if (r.success) items.push({ item: r.data, file: f.file, folder: u.folder });
				else {
					errors.push(...zodIssuesToErrors(r.error.issues, f.file, authoredId ?? `[${index}]`));
					if (authoredId !== undefined) rejectedIds.push(authoredId);
				}
			});
		}
		return { folder: u.folder, file, unit, items, rejectedIds, rejectedParts };
	});
	return { bank: { families, glossary, parts, seed: source.seed, units }, errors };
}
