/**
 * Every classroom request body and query, as zod schemas (server only: `$lib/server` never
 * reaches a phone's bundle, so zod costs the join page nothing). The request types in
 * `$lib/classroom/protocol` are inferred from these schemas.
 *
 * `parseRequest` never throws: whatever arrives (wrong types, extra or prototype keys, numbers
 * JSON turns into Infinity, strings past their limits, invisible characters in nicknames) becomes
 * `{ ok: false, error: { error, message } }`, which the endpoints answer with its status (400 for
 * `malformed` and `invalid-nickname`, 403 for `invalid-rejoin-code`). The `error` code is what
 * the screens translate (`features/classroom/errors.ts` maps it to a key in both languages); the
 * `message` is English for logs and API users, and names the field: `settings.scoring: must be
 * "accuracy" or "speed".`
 */
import { z } from 'zod';
import type { Response as ItemResponse } from '$lib/bank/types';
import { READABLE_DRILL_KINDS } from '$lib/bank/generators/kinds';
import { nicknameSchema } from '$lib/classroom/nickname.schema';
import { setSourceSchema } from '$lib/classroom/set-source.schema';
import {
	CLOZE_MAX_LENGTH,
	DEFAULT_SETTINGS,
	EXTEND_SECONDS,
	HOST_COMMANDS,
	ID_PATTERN,
	MAX_QUESTIONS,
	OPTION_ORDERS,
	PIN_PATTERN,
	REJOIN_CODE_LENGTH,
	REJOIN_CODE_PATTERN,
	SCORING_MODES,
	SECONDS_PER_QUESTION,
	type ErrorCode,
	type SimpleHostCommandType,
	type Validated
} from '$lib/classroom/protocol';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const UINT32_MAX = 2 ** 32 - 1;
/** Unit, concept and item ids of the bank: lower-case slugs (no paths, no dots first). */
const SLUG = /^[a-z0-9][a-z0-9.-]{0,63}$/;
/** Option and family ids as the bank writes them. */
const OPTION_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Names of Object.prototype members: never accepted as keys, whatever the pattern allows. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A whole number in [min, max]; NaN, ±Infinity (e.g. JSON's 1e999), fractions and text fail. */
const whole = (min: number, max: number) => {
	const error = `must be a whole number ${min}–${max}`;
	return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const slug = z
	.string({ error: 'must be an id (text)' })
	.regex(SLUG, { error: 'must be an id (a-z, 0-9, "-", ".")' });

const optionId = z
	.string({ error: 'must be an option id (text)' })
	.regex(OPTION_ID, { error: 'must be an option id' })
	.refine((id) => !PROTOTYPE_KEYS.has(id), { error: 'must be an option id' });

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: `must be one of ${values.map((v) => `"${v}"`).join(', ')}` });

// Nicknames: one schema for the classroom server and the homework results an instructor imports.
export { nicknameSchema } from '$lib/classroom/nickname.schema';

// ---------------------------------------------------------------------------------------------
// Create room
// ---------------------------------------------------------------------------------------------

const settingsSchema = z
	.strictObject({
		secondsPerQuestion: whole(SECONDS_PER_QUESTION.min, SECONDS_PER_QUESTION.max).default(
			DEFAULT_SETTINGS.secondsPerQuestion
		),
		scoring: oneOf(SCORING_MODES).default(DEFAULT_SETTINGS.scoring),
		order: oneOf(OPTION_ORDERS).default(DEFAULT_SETTINGS.order)
	})
	.default(() => ({ ...DEFAULT_SETTINGS }));

/** One spec of generated scenarios (drill kind, seed, how many). */
const generatedSpecSchema = z.strictObject({
	kind: oneOf(READABLE_DRILL_KINDS),
	seed: whole(0, UINT32_MAX),
	count: whole(1, MAX_QUESTIONS),
	outsourcingType: oneOf(['ito', 'bpo', 'kpo']).optional()
});
const generatedList = z
	.array(generatedSpecSchema, { error: 'must be a list of specs' })
	.max(10, { error: 'at most 10 specs' });

/** A bank item by unit and id. */
const itemRefSchema = z.strictObject({ unit: slug, id: slug });

const idList = z
	.array(slug, { error: 'must be a list of ids' })
	.min(1, { error: 'must not be empty' })
	.max(50, { error: 'at most 50 ids' });
const sampling = {
	limit: whole(1, MAX_QUESTIONS).optional(),
	seed: whole(0, UINT32_MAX).optional()
};

/** Where a room's questions come from; the server resolves it to items once, at creation. */
const sourceSchema = z.discriminatedUnion(
	'kind',
	[
		/** Every authored item of these units (optionally capped, sampled with `seed`). */
		z.strictObject({ kind: z.literal('units'), units: idList, ...sampling }),
		/** Authored items tagged with any of these concepts. */
		z.strictObject({ kind: z.literal('concepts'), concepts: idList, ...sampling }),
		/** A saved quiz set: authored items in this order, plus optional generated scenarios. */
		z
			.strictObject({
				kind: z.literal('set'),
				items: z
					.array(itemRefSchema, { error: 'must be a list of { unit, id }' })
					.max(MAX_QUESTIONS, { error: `at most ${MAX_QUESTIONS} items` }),
				generated: generatedList.default([])
			})
			.refine((set) => set.items.length + set.generated.length > 0, {
				error: 'the set is empty'
			}),
		/** Generated scenarios only. */
		z.strictObject({
			kind: z.literal('generated'),
			generated: generatedList.min(1, { error: 'must not be empty' })
		}),
		/** An instructor's saved set in its order, own items carried whole (set-source.schema.ts). */
		setSourceSchema
	],
	{ error: 'kind must be "units", "concepts", "set", "generated" or "entries"' }
);

/**
 * POST /api/classroom/rooms. The one place the create-room body is defined: a field added here is
 * parsed, typed (`CreateRoomRequest`) and refused when malformed with no other change to this
 * module.
 */
export const createRoomSchema = z.strictObject({
	locale: oneOf(['zh-CN', 'en']),
	source: sourceSchema,
	settings: settingsSchema
});

// ---------------------------------------------------------------------------------------------
// Join, answer, host commands
// ---------------------------------------------------------------------------------------------

/**
 * Spaces anywhere are ignored (a PIN read out as "123 456"), and full-width digits (a Chinese
 * input method in full-width mode types "１２３４５６") count as the digits they are (NFKC).
 */
const pinSchema = z
	.string({ error: 'must be 6 digits' })
	.max(64, { error: 'must be 6 digits' })
	.transform((pin) => pin.normalize('NFKC').replace(/\s+/g, ''))
	.pipe(z.string().regex(PIN_PATTERN, { error: 'must be 6 digits' }));

/** Case, spaces and full-width forms do not matter; an empty code means none. */
const rejoinCodeSchema = z
	.string({ error: `must be ${REJOIN_CODE_LENGTH} letters/digits` })
	.max(64, { error: `must be ${REJOIN_CODE_LENGTH} letters/digits` })
	.transform((code) => code.normalize('NFKC').replace(/\s+/g, '').toUpperCase())
	.pipe(
		z.union([z.literal(''), z.string().regex(REJOIN_CODE_PATTERN)], {
			error: `must be ${REJOIN_CODE_LENGTH} letters/digits`
		})
	)
	.transform((code) => code || undefined);

/** POST /api/classroom/join: a PIN, a nickname and, to reclaim a place, its rejoin code. */
export const joinSchema = z.strictObject({
	pin: pinSchema,
	nickname: nicknameSchema,
	/**
	 * To reclaim a place (same player, same score) from a phone that lost its token: the code the
	 * player was shown at join (the host's list shows it too).
	 */
	rejoinCode: rejoinCodeSchema.optional()
});

/**
 * A response's shape only; whether it fits the current item is the room's business. Matching
 * keys are left-hand indexes, values indexes into the shuffled right-hand list the player saw.
 */
export const responseSchema = z.discriminatedUnion(
	'type',
	[
		z.strictObject({ type: z.literal('single'), choice: optionId }),
		z.strictObject({
			type: z.literal('multiple'),
			choices: z
				.array(optionId, { error: 'must be a list of option ids' })
				.max(20, { error: 'at most 20 choices' })
				.refine((c) => new Set(c).size === c.length, { error: 'must not repeat a choice' })
		}),
		z.strictObject({
			type: z.literal('truefalse'),
			value: z.boolean({ error: 'must be true or false' })
		}),
		z.strictObject({
			type: z.literal('matching'),
			rightFor: z
				.record(z.string().regex(/^\d{1,2}$/, { error: 'keys must be indexes' }), whole(0, 19), {
					error: 'must map left indexes to right indexes'
				})
				.refine((r) => Object.keys(r).length <= 20, { error: 'at most 20 pairs' })
				.transform((r) => {
					const rightFor: Record<number, number> = {};
					for (const [left, right] of Object.entries(r)) rightFor[Number(left)] = right;
					return rightFor;
				})
		}),
		z.strictObject({
			type: z.literal('classify'),
			values: z
				.record(optionId, optionId, { error: 'must map family ids to option ids' })
				.refine((v) => Object.keys(v).length <= 10, { error: 'at most 10 dimensions' })
		}),
		z.strictObject({
			type: z.literal('cloze'),
			text: z
				.string({ error: 'must be text' })
				.max(CLOZE_MAX_LENGTH, { error: `at most ${CLOZE_MAX_LENGTH} characters` })
		})
	],
	{ error: 'type must be single, multiple, truefalse, matching, classify or cloze' }
);

/**
 * POST /api/classroom/rooms/:roomId/answer. For matching items `rightFor[i]` indexes the
 * *shuffled* right-hand list the player was shown (`PublicItem.right`), never the key order, so
 * the list cannot leak the key.
 */
export const answerSchema = z.strictObject({
	questionIndex: whole(0, MAX_QUESTIONS - 1),
	response: responseSchema
});

const SIMPLE_COMMANDS = HOST_COMMANDS.filter(
	(c): c is SimpleHostCommandType => c !== 'extend' && c !== 'remove'
) as [SimpleHostCommandType, ...SimpleHostCommandType[]];

/** POST /api/classroom/rooms/:roomId/command: a command name from HOST_COMMANDS and its fields. */
export const commandSchema = z.discriminatedUnion(
	'type',
	[
		z.strictObject({ type: z.enum(SIMPLE_COMMANDS) }),
		z.strictObject({
			type: z.literal('extend'),
			seconds: whole(EXTEND_SECONDS.min, EXTEND_SECONDS.max)
		}),
		z.strictObject({
			type: z.literal('remove'),
			playerId: z.string({ error: 'must be a player id' }).regex(ID_PATTERN, {
				error: 'must be a player id'
			})
		})
	],
	{ error: `type must be one of ${HOST_COMMANDS.join(', ')}` }
);

// ---------------------------------------------------------------------------------------------
// Queries and path parameters
// ---------------------------------------------------------------------------------------------

/** Room ids in paths: anything else is an unknown room (404), never a lookup. */
export const roomIdSchema = z.string().regex(ID_PATTERN);

/** GET …/events?role=host|projector|player (default player). */
export const eventsQuerySchema = z.object({
	role: oneOf(['host', 'projector', 'player']).default('player')
});

/** GET …/report.csv?sheet=students|questions|answers (default students). */
export const reportQuerySchema = z.object({
	sheet: oneOf(['students', 'questions', 'answers']).default('students')
});

/** The SSE `Last-Event-ID` header: a room version; anything else is ignored (a fresh view). */
export const lastEventIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/**
 * Fields whose problems have an error code of their own, for the screens to say what to fix
 * (anything else is `malformed`).
 */
const FIELD_CODES: Partial<Record<string, ErrorCode>> = {
	nickname: 'invalid-nickname',
	rejoinCode: 'invalid-rejoin-code'
};

/** The first issue as one English sentence naming its field (`source.items.0.id: …`). */
function describe(issue: z.core.$ZodIssue): string {
	if (issue.code === 'unrecognized_keys') {
		const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
		return `${where}unexpected field "${issue.keys[0]}".`;
	}
	if (issue.path.length === 0)
		return issue.code === 'invalid_type' ? 'Body must be a JSON object.' : `${issue.message}.`;
	// Nickname messages are whole sentences already.
	if (issue.path[0] === 'nickname') return issue.message;
	return `${issue.path.join('.')}: ${issue.message}.`;
}

/**
 * Parses a request (a JSON body, or a query as an object) with one of the schemas above. Never
 * throws; the error is the first issue found, with the code of its field.
 */
export function parseRequest<S extends z.ZodType>(schema: S, raw: unknown): Validated<z.output<S>> {
	// zod's records skip an own `__proto__` key silently; a message carrying one is refused.
	if (hasPrototypeKey(raw))
		return { ok: false, error: { error: 'malformed', message: 'unexpected field "__proto__".' } };
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, value: result.data };
	const issue = result.error.issues[0];
	const field = issue.code === 'unrecognized_keys' ? undefined : issue.path[0];
	const code = (typeof field === 'string' && FIELD_CODES[field]) || 'malformed';
	return { ok: false, error: { error: code, message: describe(issue) } };
}

/** An own `__proto__` key anywhere in a parsed JSON value (bodies are capped by BODY_LIMITS). */
function hasPrototypeKey(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) return false;
	if (Array.isArray(value)) return value.some(hasPrototypeKey);
	return Object.hasOwn(value, '__proto__') || Object.values(value).some(hasPrototypeKey);
}

/** The query string as an object, first value per name, for `parseRequest`. */
export const queryOf = (url: URL): Record<string, string> =>
	Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.get(k)!]));

// ---------------------------------------------------------------------------------------------
// Types (re-exported by the protocol for the clients, as types only)
// ---------------------------------------------------------------------------------------------

/**
 * What a host sends to create a room (settings optional, filled with DEFAULT_SETTINGS). A parsed
 * request (`z.output`, settings complete) is one of these too, so the registry takes this type.
 */
export type CreateRoomRequest = z.input<typeof createRoomSchema>;
export type QuestionSource = z.input<typeof sourceSchema>;
export type GeneratedSpec = z.output<typeof generatedSpecSchema>;
export type ItemRef = z.output<typeof itemRefSchema>;
export type RoomSettings = z.output<typeof settingsSchema>;
export type ScoringMode = RoomSettings['scoring'];
export type OptionOrder = RoomSettings['order'];
export type JoinRequest = z.input<typeof joinSchema>;
export type AnswerRequest = z.output<typeof answerSchema>;
export type HostCommand = z.output<typeof commandSchema>;

// The schema and the bank's response type describe one thing: a drift fails the type check.
const _responseMatches: (r: z.output<typeof responseSchema>) => ItemResponse = (r) => r;
void _responseMatches;
