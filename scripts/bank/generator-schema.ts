/**
 * Schema of the generators' content, `question-bank/generators/*.yaml` (zod), and the checks that
 * tie it to the rest of the bank: every id a family option of families.yaml, every quote and cell
 * a contiguous run of the handout, every template placeholder one its generator fills. Pure: the
 * reading and writing live in `generator-content.ts`.
 */
import { z } from 'zod';
import type { Family } from '../../src/lib/bank/types';
import {
	GENERATOR_FAMILY_IDS,
	type GeneratorContent,
	type GeneratorFamilyId
} from '../../src/lib/bank/generators/content';
import type { AuthoredFamilies } from './schema';

const text = z.string().trim().min(1);
const l10n = z.strictObject({ zh: text, en: text });

/** A sentence pattern whose {placeholders} must all be among `allowed`, in both languages. */
const template = (allowed: readonly string[]) =>
	l10n.superRefine((t, ctx) => {
		for (const lang of ['zh', 'en'] as const)
			for (const m of t[lang].matchAll(/\{([^}]*)\}/g))
				if (!allowed.includes(m[1]))
					ctx.addIssue({
						code: 'custom',
						path: [lang],
						message: `unknown placeholder {${m[1]}} (known: ${allowed.join(', ')})`
					});
	});

const business = z.strictObject({ seed: text, zh: text.optional(), en: text });

export const outsourcingSchema = z.strictObject({
	vendors: z.array(l10n).min(1),
	clients: z.array(l10n).min(1),
	stems: z.array(template(['vendor', 'client', 'business'])).min(1),
	explanation: z.strictObject({
		listedAsIs: template(['seed', 'business']),
		listedCompleted: template(['seed', 'business']),
		key: template(['table', 'subclass', 'listed', 'class', 'type']),
		sibling: template(['class', 'sibling', 'examples']),
		other: template(['other', 'otherType'])
	}),
	rows: z
		.array(
			z.strictObject({
				subclass: text,
				note: text.optional(),
				name: text,
				cell: text,
				nameJoinsCell: z.boolean(),
				businesses: z.array(business).min(1)
			})
		)
		.min(1),
	confusable: z.array(z.tuple([text, text]))
});

const place = z.strictObject({
	zh: text,
	en: text,
	enAdj: text,
	side: z.enum(['cn', 'foreign']),
	country: text,
	region: z.literal(true).optional()
});
const rule = z.strictObject({ text: l10n, quote: text });

export const supplyModeSchema = z.strictObject({
	places: z.record(z.string().regex(/^[a-z]+$/), place),
	chineseCities: z.array(text).min(1),
	foreignCountries: z.array(text).min(1),
	rules: z.strictObject({
		'cross-border': rule,
		'consumption-abroad': rule,
		'commercial-presence': rule,
		'natural-persons': rule
	})
});

/** One problem, located by file and path, worded like bank:check's messages. */
export interface GeneratorContentError {
	file: string;
	path: string;
	message: string;
}

export interface GeneratorSources {
	/** Parsed YAML of question-bank/generators/<name>.yaml, by name. */
	files: Record<string, unknown>;
	families: AuthoredFamilies;
	/** seed.txt with all whitespace removed. */
	seedNoSpace: string;
}

const zodErrors = (file: string, error: z.ZodError): GeneratorContentError[] =>
	error.issues.map((i) => ({ file, path: i.path.join('.'), message: i.message }));

function toFamily(id: GeneratorFamilyId, families: AuthoredFamilies): Family {
	const f = families[id];
	return {
		id,
		label: { zh: f.label.zh, en: f.label.en },
		options: f.options.map((o) => ({
			id: o.id,
			label: { zh: o.zh, en: o.en },
			...(o.parent !== undefined ? { parent: o.parent } : {}),
			...(o.noCase ? { noCase: true } : {})
		}))
	};
}

/**
 * Validates the sources and assembles the content the generators read; `content` is undefined
 * when there is any error (a generator must never run on half-valid content).
 */
export function parseGeneratorContent(sources: GeneratorSources): {
	content?: GeneratorContent;
	errors: GeneratorContentError[];
} {
	const errors: GeneratorContentError[] = [];
	const outsourcing = outsourcingSchema.safeParse(sources.files.outsourcing);
	if (!outsourcing.success)
		errors.push(...zodErrors('generators/outsourcing.yaml', outsourcing.error));
	const supply = supplyModeSchema.safeParse(sources.files['supply-mode']);
	if (!supply.success) errors.push(...zodErrors('generators/supply-mode.yaml', supply.error));
	const missingFamilies = GENERATOR_FAMILY_IDS.filter((id) => !sources.families[id]);
	for (const id of missingFamilies)
		errors.push({
			file: 'families.yaml',
			path: id,
			message: 'family the generators need is missing'
		});
	if (!outsourcing.success || !supply.success || missingFamilies.length) return { errors };

	const inSeed = (s: string) => sources.seedNoSpace.includes(s.replace(/\s+/g, ''));
	const subclasses = new Set(sources.families['outsourcing-subclass'].options.map((o) => o.id));
	const o = outsourcing.data;
	const oFile = 'generators/outsourcing.yaml';
	o.rows.forEach((row, i) => {
		const at = `rows.${i}`;
		if (!subclasses.has(row.subclass))
			errors.push({
				file: oFile,
				path: `${at}.subclass`,
				message: `'${row.subclass}' is not an outsourcing-subclass option`
			});
		if (!inSeed(row.nameJoinsCell ? row.name + row.cell : row.cell))
			errors.push({
				file: oFile,
				path: `${at}.cell`,
				message: 'is not a contiguous run of the handout'
			});
		row.businesses.forEach((b, j) => {
			if (!row.cell.includes(b.seed))
				errors.push({
					file: oFile,
					path: `${at}.businesses.${j}.seed`,
					message: `'${b.seed}' is not in the row's cell`
				});
		});
	});
	o.confusable.forEach((pair, i) =>
		pair.forEach((id, j) => {
			if (!subclasses.has(id))
				errors.push({
					file: oFile,
					path: `confusable.${i}.${j}`,
					message: `'${id}' is not an outsourcing-subclass option`
				});
		})
	);

	const s = supply.data;
	const sFile = 'generators/supply-mode.yaml';
	for (const [list, ids] of [
		['chineseCities', s.chineseCities],
		['foreignCountries', s.foreignCountries]
	] as const)
		ids.forEach((id, i) => {
			const p = s.places[id];
			const side = list === 'chineseCities' ? 'cn' : 'foreign';
			if (!p || p.side !== side || p.region)
				errors.push({
					file: sFile,
					path: `${list}.${i}`,
					message: `'${id}' is not a ${side === 'cn' ? 'Chinese city' : 'foreign country'} of places`
				});
		});
	for (const [mode, r] of Object.entries(s.rules))
		if (!inSeed(r.quote))
			errors.push({
				file: sFile,
				path: `rules.${mode}.quote`,
				message: 'is not a contiguous run of the handout'
			});

	if (errors.length) return { errors };
	const families = Object.fromEntries(
		GENERATOR_FAMILY_IDS.map((id) => [id, toFamily(id, sources.families)])
	) as Record<GeneratorFamilyId, Family>;
	return {
		errors,
		content: {
			families,
			outsourcing: {
				...o,
				rows: o.rows.map(({ note: _note, ...row }) => ({
					...row,
					businesses: row.businesses.map((b) => ({ seed: b.seed, zh: b.zh ?? b.seed, en: b.en }))
				}))
			},
			supplyMode: s
		}
	};
}
