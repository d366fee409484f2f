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

const PLACE_WORDS = ['sup', 'supAdj', 'con', 'conAdj', 'a'];
const SCENE_WORDS = [...PLACE_WORDS, 'supplier', 'object', 'consumer', 'extra', 'noDirection'];
const MODES = [
	'cross-border',
	'consumption-abroad',
	'commercial-presence',
	'natural-persons'
] as const;
const phrases = z.record(z.string().regex(/^[a-z][A-Za-z]*$/), template(PLACE_WORDS));

/** Which placeholders a scene's patterns may use: the shared words and its own phrase names. */
export const sceneSchema = z
	.strictObject({
		mode: z.enum(MODES),
		side: z.enum(['export', 'import']),
		quote: text.optional(),
		difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
		services: z
			.array(
				z.strictObject({
					id: text,
					supplier: l10n,
					object: l10n,
					consumers: z.array(text).min(1),
					alsoSupplierHomes: z.array(text).optional(),
					phrases: phrases.optional()
				})
			)
			.min(1),
		consumers: z.array(z.strictObject({ id: text, words: template(PLACE_WORDS) })).min(1),
		extras: z
			.array(z.strictObject({ id: text, words: l10n, phrases: phrases.optional() }))
			.optional(),
		extrasFor: z.record(z.string(), z.array(text)).optional(),
		templates: z.array(l10n).min(1),
		explanation: l10n
	})
	.superRefine((scene, ctx) => {
		const own = [
			...scene.services.flatMap((s) => Object.keys(s.phrases ?? {})),
			...(scene.extras ?? []).flatMap((e) => Object.keys(e.phrases ?? {}))
		];
		const allowed = template([...SCENE_WORDS, ...own]);
		scene.templates.forEach((t, i) => {
			const r = allowed.safeParse(t);
			if (!r.success)
				for (const issue of r.error.issues)
					ctx.addIssue({
						code: 'custom',
						path: ['templates', i, ...issue.path],
						message: issue.message
					});
		});
		const r = allowed.safeParse(scene.explanation);
		if (!r.success)
			for (const issue of r.error.issues)
				ctx.addIssue({
					code: 'custom',
					path: ['explanation', ...issue.path],
					message: issue.message
				});
		const consumerIds = new Set(scene.consumers.map((c) => c.id));
		scene.services.forEach((s, i) =>
			s.consumers.forEach((id, j) => {
				if (!consumerIds.has(id))
					ctx.addIssue({
						code: 'custom',
						path: ['services', i, 'consumers', j],
						message: `'${id}' is not one of the scene's consumers`
					});
			})
		);
		const extraIds = new Set((scene.extras ?? []).map((e) => e.id));
		for (const [service, ids] of Object.entries(scene.extrasFor ?? {}))
			ids.forEach((id, j) => {
				if (!extraIds.has(id))
					ctx.addIssue({
						code: 'custom',
						path: ['extrasFor', service, j],
						message: `'${id}' is not one of the scene's extras`
					});
			});
	});

const example = z.strictObject({
	id: text,
	part: z.enum(['2.3', '2.4']),
	text: l10n,
	quote: text,
	side: z.enum(['export', 'import']),
	input: z.strictObject({
		service: text,
		supplierHome: text,
		consumerHome: text,
		consumer: text,
		extra: text.optional()
	}),
	expected: z.strictObject({
		mode: z.enum(MODES),
		direction: z.enum(['export', 'import']).nullable()
	})
});

export const supplyModeSchema = z.strictObject({
	places: z.record(z.string().regex(/^[a-z]+$/), place),
	chineseCities: z.array(text).min(1),
	foreignCountries: z.array(text).min(1),
	rules: z.strictObject({
		'cross-border': rule,
		'consumption-abroad': rule,
		'commercial-presence': rule,
		'natural-persons': rule
	}),
	noDirection: l10n,
	scenes: z.array(sceneSchema).length(8),
	examples: z.array(example).min(1)
});

const OS_MODE_WORDS = ['vendorHome', 'clientHome', 'business', 'stake'];
const byOsMode = <T extends z.ZodType>(schema: T) =>
	z.strictObject({ offshore: schema, onshore: schema, overseas: schema });

export const outsourcingModeSchema = z.strictObject({
	rules: byOsMode(z.strictObject({ quote: text })),
	stakes: z
		.array(l10n)
		.min(1)
		.refine((stakes) => stakes.every((s) => Number.parseFloat(s.en) > 50), {
			message: 'every stake must be over 50 % (the overseas rule)'
		}),
	templates: byOsMode(z.array(template(OS_MODE_WORDS)).min(1)),
	explanation: byOsMode(template([...OS_MODE_WORDS, 'type', 'table']))
});

/** Placeholders a varied pattern may use besides its own `vary` lists (see content.ts). */
const VARIED_WORDS = ['city', 'country', 'countryAdj'];

const VARIED_SHAPE = {
	templates: z.array(l10n).min(1),
	vary: z.record(z.string().regex(/^[a-z][A-Za-z]*$/), z.array(l10n).min(1)).optional(),
	businesses: text.optional()
};

/**
 * Patterns with their lists: every placeholder is a shared word, {business} (only with
 * `businesses`) or one of the pattern's own `vary` lists, in both languages.
 */
function checkVaried(
	v: {
		templates: { zh: string; en: string }[];
		vary?: Record<string, unknown>;
		businesses?: string;
	},
	ctx: z.RefinementCtx
): void {
	const allowed = [
		...VARIED_WORDS,
		...(v.businesses ? ['business'] : []),
		...Object.keys(v.vary ?? {})
	];
	v.templates.forEach((t, i) => {
		const r = template(allowed).safeParse(t);
		if (!r.success)
			for (const issue of r.error.issues)
				ctx.addIssue({
					code: 'custom',
					path: ['templates', i, ...issue.path],
					message: issue.message
				});
	});
}

export const categorySchema = z.strictObject({
	digital: z.strictObject({ quote: text, categories: z.array(text).length(6) }),
	explanation: z.strictObject({
		key: template(['rule', 'category']),
		deliverable: template(['category']),
		notDeliverable: template(['category'])
	}),
	scenes: z
		.array(
			z
				.strictObject({ ...VARIED_SHAPE, id: text, category: text, quote: text, rule: l10n })
				.superRefine(checkVaried)
		)
		.min(12)
		.refine((scenes) => new Set(scenes.map((s) => s.id)).size === scenes.length, {
			message: 'scene ids must be unique'
		})
});

const exclusionSide = z
	.strictObject({ ...VARIED_SHAPE, quote: text.optional(), explanation: template(['class']) })
	.superRefine(checkVaried);

export const exclusionsSchema = z.strictObject({
	cases: z
		.array(
			z.strictObject({
				id: text,
				asks: z.union([
					z.strictObject({
						family: z.enum(['category', 'outsourcing-class']),
						option: text
					}),
					z.strictObject({ family: z.literal('outsourcing-enterprise') })
				]),
				question: template(['class']).optional(),
				inside: exclusionSide,
				outside: exclusionSide
			})
		)
		.min(1)
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
	const osMode = outsourcingModeSchema.safeParse(sources.files['outsourcing-mode']);
	if (!osMode.success) errors.push(...zodErrors('generators/outsourcing-mode.yaml', osMode.error));
	const category = categorySchema.safeParse(sources.files.category);
	if (!category.success) errors.push(...zodErrors('generators/category.yaml', category.error));
	const exclusions = exclusionsSchema.safeParse(sources.files.exclusions);
	if (!exclusions.success)
		errors.push(...zodErrors('generators/exclusions.yaml', exclusions.error));
	const missingFamilies = GENERATOR_FAMILY_IDS.filter((id) => !sources.families[id]);
	for (const id of missingFamilies)
		errors.push({
			file: 'families.yaml',
			path: id,
			message: 'family the generators need is missing'
		});
	if (
		!outsourcing.success ||
		!supply.success ||
		!osMode.success ||
		!category.success ||
		!exclusions.success ||
		missingFamilies.length
	)
		return { errors };

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
	s.scenes.forEach((scene, i) => {
		if (scene.quote && !inSeed(scene.quote))
			errors.push({
				file: sFile,
				path: `scenes.${i}.quote`,
				message: 'is not a contiguous run of the handout'
			});
		if (s.scenes.findIndex((o) => o.mode === scene.mode && o.side === scene.side) !== i)
			errors.push({
				file: sFile,
				path: `scenes.${i}`,
				message: `a second ${scene.mode}/${scene.side} scene`
			});
	});
	s.examples.forEach((e, i) => {
		if (!inSeed(e.quote))
			errors.push({
				file: sFile,
				path: `examples.${i}.quote`,
				message: 'is not a contiguous run of the handout'
			});
		for (const key of ['supplierHome', 'consumerHome'] as const)
			if (!s.places[e.input[key]])
				errors.push({
					file: sFile,
					path: `examples.${i}.input.${key}`,
					message: `'${e.input[key]}' is not one of places`
				});
		if ((e.expected.mode === 'commercial-presence') !== (e.expected.direction === null))
			errors.push({
				file: sFile,
				path: `examples.${i}.expected.direction`,
				message: 'commercial presence (and only it) has no direction in the handout'
			});
	});
	for (const [mode, r] of Object.entries(s.rules))
		if (!inSeed(r.quote))
			errors.push({
				file: sFile,
				path: `rules.${mode}.quote`,
				message: 'is not a contiguous run of the handout'
			});

	for (const [mode, r] of Object.entries(osMode.data.rules))
		if (!inSeed(r.quote))
			errors.push({
				file: 'generators/outsourcing-mode.yaml',
				path: `rules.${mode}.quote`,
				message: 'is not a contiguous run of the handout'
			});

	errors.push(...categoryErrors(category.data, sources, inSeed));
	errors.push(...exclusionErrors(exclusions.data, sources, inSeed));

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
			outsourcingMode: osMode.data,
			supplyMode: s,
			category: category.data,
			exclusions: exclusions.data
		}
	};
}

const optionIds = (sources: GeneratorSources, family: keyof AuthoredFamilies) =>
	new Set(sources.families[family]?.options.map((o) => o.id) ?? []);

/** The category scenes' ties to families.yaml and the handout. */
function categoryErrors(
	c: z.infer<typeof categorySchema>,
	sources: GeneratorSources,
	inSeed: (s: string) => boolean
): GeneratorContentError[] {
	const file = 'generators/category.yaml';
	const errors: GeneratorContentError[] = [];
	const categories = optionIds(sources, 'category');
	if (!inSeed(c.digital.quote))
		errors.push({ file, path: 'digital.quote', message: 'is not a contiguous run of the handout' });
	c.digital.categories.forEach((id, i) => {
		if (!categories.has(id))
			errors.push({ file, path: `digital.categories.${i}`, message: `'${id}' is not a category` });
	});
	c.scenes.forEach((scene, i) => {
		if (!categories.has(scene.category))
			errors.push({
				file,
				path: `scenes.${i}.category`,
				message: `'${scene.category}' is not a category option`
			});
		if (!inSeed(scene.quote))
			errors.push({
				file,
				path: `scenes.${i}.quote`,
				message: 'is not a contiguous run of the handout'
			});
		if (scene.businesses)
			errors.push({
				file,
				path: `scenes.${i}.businesses`,
				message: 'categories draw no businesses'
			});
	});
	for (const id of categories)
		if (!c.scenes.some((scene) => scene.category === id))
			errors.push({ file, path: 'scenes', message: `no scene for the category '${id}'` });
	return errors;
}

/** The exclusion cases' ties to families.yaml and the handout. */
function exclusionErrors(
	c: z.infer<typeof exclusionsSchema>,
	sources: GeneratorSources,
	inSeed: (s: string) => boolean
): GeneratorContentError[] {
	const file = 'generators/exclusions.yaml';
	const errors: GeneratorContentError[] = [];
	const classesAndTypes = new Set([
		...optionIds(sources, 'outsourcing-class'),
		...optionIds(sources, 'outsourcing-type')
	]);
	c.cases.forEach((x, i) => {
		const at = `cases.${i}`;
		if ('option' in x.asks && !optionIds(sources, x.asks.family).has(x.asks.option))
			errors.push({
				file,
				path: `${at}.asks.option`,
				message: `'${x.asks.option}' is not a ${x.asks.family} option`
			});
		if ((x.asks.family === 'outsourcing-enterprise') !== (x.question === undefined))
			errors.push({
				file,
				path: `${at}.question`,
				message: 'a class needs a question naming it; the enterprise criteria have their own label'
			});
		for (const side of ['inside', 'outside'] as const) {
			const s = x[side];
			if (s.quote !== undefined && !inSeed(s.quote))
				errors.push({
					file,
					path: `${at}.${side}.quote`,
					message: 'is not a contiguous run of the handout'
				});
			if (s.quote === undefined && !(side === 'inside' && s.businesses))
				errors.push({
					file,
					path: `${at}.${side}.quote`,
					message: 'needs a quote (only an inside side drawn from the tables quotes its row)'
				});
			if (s.businesses && !classesAndTypes.has(s.businesses))
				errors.push({
					file,
					path: `${at}.${side}.businesses`,
					message: `'${s.businesses}' is not an outsourcing class or type`
				});
		}
	});
	return errors;
}
