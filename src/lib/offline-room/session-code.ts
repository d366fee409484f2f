/**
 * The offline classroom's session code: everything a phone needs to run the quiz with no network,
 * in a hand-specified, versioned byte layout (all integers big-endian, `varint` = unsigned LEB128):
 *
 * QR text `STAS` + Base45 (RFC 9285, QR alphanumeric mode) of:
 *
 *   u8 version (1) · u8 flags (bit 0: speed bonus) · varint seconds per question · 6 bytes session key
 *   · u8 n units · n × u16 unit tag · varint m questions · m × question · u16 check
 *
 *   question: u8 unit slot (< 0xF0) · u16 item tag                 (an authored bank item)
 *          or u8 0xF0 · u8 generator (0 mode (retired), 1 any outsourcing, 2 ITO, 3 BPO, 4 KPO,
 *             5 outsourcing mode, 6 category, 7 exclusion, 8 supply mode) · u32 seed
 *             · varint count                                         (a run of generated items)
 *          or u8 0xF1 · varint k                 (version 2: the k-th of the instructor's own items)
 *
 * Version 2 (written only when a saved set has own items, so other sessions stay version 1 and
 * readable by older phones) adds, after the questions and before the check:
 *
 *   varint b · b bytes: the own items, as a JSON list packed by `packJson` (src/lib/sets/compact-json.ts)
 *
 * The phone checks each own item with the bank's schema before asking it (session-items.ts).
 *
 * Tags are `hash16` of the unit id and of the item id (ids are stable across bank rebuilds and
 * languages; positions are not), checked for collisions when the session is made. The check is
 * `hash16` of every byte before it: damage and typos, not an adversary (the session is public).
 *
 * The code typed by hand (phones whose camera fails) is the *recipe* instead, in Crockford Base32:
 *
 *   u8 version · u8 flags · varint seconds · 6 bytes key · u16 bank tag · u16 unit mask
 *   · u8 bank items · u8 generated scenarios · u8 drill kind · u16 check
 *                                                  (18–19 bytes → 29–31 characters)
 *
 * The drill kind is a GENERATORS code: the kind the instructor chose for the generated scenarios.
 * Versions 1 and 2 (still read) had no such byte: version 1 drew the scenarios from the retired
 * `mode` drill (src/lib/bank/generators/kinds.ts says why), version 2 from `supply-mode`, whatever
 * the instructor had chosen (so a phone typing the code got other questions than a phone scanning
 * the QR; version 3 carries the choice).
 *
 * Both sides turn a recipe into the same questions (`recipeQuestions`, seeds derived from the key),
 * so the typed code needs the same bank build (its tag says so); the QR needs only the same items.
 */
import { hash32, mulberry32, sample } from '$lib/bank/generators/random';
import type { BankIndex } from '$lib/bank/types';
import type { ScoringMode } from '$lib/classroom/protocol';
import { SECONDS_PER_QUESTION } from '$lib/classroom/protocol';
import {
	base32Decode,
	base32Encode,
	base45Decode,
	base45Encode,
	ByteReader,
	ByteWriter,
	hash16,
	MalformedError,
	TruncatedError
} from './bytes';
import { CodeError } from './code-error';
import { PackError, packJson, unpackJson } from '../sets/compact-json';

export const CODE_VERSION = 1;
/** Typed codes (recipes): 3 since they name the drill kind of their generated scenarios. */
export const RECIPE_VERSION = 3;
/**
 * The longest session QR text one code holds: QR version 40 at ECC level M (QrCode.svelte) takes
 * 3,391 alphanumeric characters. A set whose own questions do not fit is refused with a message.
 */
export const MAX_SESSION_QR_CHARS = 3391;
/** Sessions carrying own items; result codes stay at CODE_VERSION. */
export const OWN_ITEMS_VERSION = 2;
/** Bytes the own items may unpack to: 100 items of bank size, and no "zip bomb". */
export const MAX_OWN_ITEMS_BYTES = 256 * 1024;
export const SESSION_PREFIX = 'STAS';
export const RESULT_PREFIX = 'STAR';
export const KEY_BYTES = 6;
/** Authored items a session may carry, and generated scenarios per run: a lesson, not an exam. */
export const MAX_SESSION_QUESTIONS = 100;

const GENERATED_MARK = 0xf0;
const OWN_MARK = 0xf1;
/**
 * Generator codes by byte value. Only ever appended to, so an older code reads the same: 0–4 were
 * the first version's; 5–8 are the drill kinds added since (`$lib/bank/generators/kinds`; `mode` is
 * retired but still read).
 */
export const GENERATORS = [
	'mode',
	'outsourcing',
	'ito',
	'bpo',
	'kpo',
	'outsourcing-mode',
	'category',
	'exclusion',
	'supply-mode'
] as const;
export type GeneratorCode = (typeof GENERATORS)[number];

export type QuestionRef =
	/** An authored item, by `hash16` of its unit id and its item id. */
	| { kind: 'bank'; unit: number; item: number }
	/** `count` generated scenarios from `generator` with `seed`. */
	| { kind: 'generated'; generator: GeneratorCode; seed: number; count: number }
	/**
	 * One of the instructor's own items, carried whole (an OwnItem, src/lib/sets/own-item.ts).
	 * `unknown` until the phone has checked it with the bank's schema (session-items.ts).
	 */
	| { kind: 'own'; item: unknown };

export interface OfflineSession {
	/** 6 random bytes: the session's identity and the key of every result's check value. */
	key: Uint8Array;
	secondsPerQuestion: number;
	scoring: ScoringMode;
	questions: QuestionRef[];
}

/** What the instructor chose, in a form short enough to type (see the file comment). */
export interface SessionRecipe {
	key: Uint8Array;
	secondsPerQuestion: number;
	scoring: ScoringMode;
	/** `hash16` of the bank's build version: the recipe means the same items only on the same bank. */
	bank: number;
	/** Bit i set: `index.units[i]` is in the pool (at most 16 units). */
	unitMask: number;
	bankCount: number;
	generatedCount: number;
	/**
	 * The drill kind of the generated scenarios (absent: what the version implies, `supply-mode`
	 * for a recipe made now). Written from version 3.
	 */
	generator?: GeneratorCode;
	/**
	 * The typed code's layout version, when read from one (absent: a recipe made now, written as
	 * RECIPE_VERSION). Version 1 drew its generated scenarios from the retired `mode` drill.
	 */
	version?: number;
}

/** Runs a decoder, turning the reader's low-level errors into a CodeError. */
function guarded<T>(decode: () => T): T {
	try {
		return decode();
	} catch (error) {
		if (error instanceof CodeError) throw error;
		if (error instanceof TruncatedError) throw new CodeError('truncated', error.message);
		if (error instanceof MalformedError || error instanceof RangeError)
			throw new CodeError('corrupt', error.message);
		throw error;
	}
}

function readVersion(reader: ByteReader, newest = CODE_VERSION): number {
	const version = reader.u8();
	if (version > newest) throw new CodeError('newer-version');
	if (version < 1) throw new CodeError('corrupt', 'Unknown version 0.');
	return version;
}

function writeSettings(
	writer: ByteWriter,
	s: Omit<OfflineSession, 'questions'>,
	version = CODE_VERSION
): void {
	if (s.key.length !== KEY_BYTES) throw new RangeError('A session key is 6 bytes.');
	writer
		.u8(version)
		.u8(s.scoring === 'speed' ? 1 : 0)
		.varint(s.secondsPerQuestion)
		.raw(s.key);
}

function readSettings(
	reader: ByteReader,
	newest = CODE_VERSION
): Omit<OfflineSession, 'questions'> & { version: number } {
	const version = readVersion(reader, newest);
	const flags = reader.u8();
	if (flags > 1) throw new CodeError('corrupt', 'Unknown flags.');
	const secondsPerQuestion = reader.varint();
	if (
		secondsPerQuestion < SECONDS_PER_QUESTION.min ||
		secondsPerQuestion > SECONDS_PER_QUESTION.max
	)
		throw new CodeError('corrupt', 'Seconds per question out of range.');
	return {
		version,
		scoring: flags & 1 ? 'speed' : 'accuracy',
		secondsPerQuestion,
		key: reader.raw(KEY_BYTES)
	};
}

function readCheck(reader: ByteReader): void {
	const expected = hash16(String.fromCharCode(...reader.consumed()));
	if (reader.u16() !== expected) throw new CodeError('corrupt', 'The check does not match.');
	reader.end();
}

const withCheck = (writer: ByteWriter): Uint8Array => {
	const body = writer.finish();
	return writer.u16(hash16(String.fromCharCode(...body))).finish();
};

/** The number of questions a list of refs stands for. */
export const questionCount = (refs: readonly QuestionRef[]): number =>
	refs.reduce((n, ref) => n + (ref.kind === 'generated' ? ref.count : 1), 0);

/** The session as QR text (`STAS…`, QR alphanumeric). Throws RangeError on values out of range. */
export function encodeSession(session: OfflineSession): string {
	const writer = new ByteWriter();
	const own = session.questions.flatMap((ref) => (ref.kind === 'own' ? [ref.item] : []));
	writeSettings(writer, session, own.length > 0 ? OWN_ITEMS_VERSION : CODE_VERSION);
	const units: number[] = [];
	for (const ref of session.questions)
		if (ref.kind === 'bank' && !units.includes(ref.unit)) units.push(ref.unit);
	writer.u8(units.length);
	for (const unit of units) writer.u16(unit);
	writer.varint(session.questions.length);
	let ownIndex = 0;
	for (const ref of session.questions) {
		if (ref.kind === 'bank') writer.u8(units.indexOf(ref.unit)).u16(ref.item);
		else if (ref.kind === 'own') writer.u8(OWN_MARK).varint(ownIndex++);
		else
			writer
				.u8(GENERATED_MARK)
				.u8(GENERATORS.indexOf(ref.generator))
				.u32(ref.seed)
				.varint(ref.count);
	}
	if (own.length > 0) {
		const packed = packJson(own);
		writer.varint(packed.length).raw(packed);
	}
	return SESSION_PREFIX + base45Encode(withCheck(writer));
}

/** Tells a session QR, a result QR and anything else apart before decoding. */
export function codeKind(text: string): 'session' | 'result' | 'typed' | 'unknown' {
	const trimmed = text.trim();
	if (trimmed.startsWith(SESSION_PREFIX)) return 'session';
	if (trimmed.startsWith(RESULT_PREFIX)) return 'result';
	if (/^[0-9A-Za-z\s-]{20,40}$/.test(trimmed)) return 'typed';
	return 'unknown';
}

/**
 * A session QR text back to the session. Throws CodeError: `wrong-kind` for a result code,
 * `not-a-code`, `newer-version`, `truncated` or `corrupt`.
 */
export function decodeSession(text: string): OfflineSession {
	const kind = codeKind(text);
	if (kind === 'result') throw new CodeError('wrong-kind');
	if (kind !== 'session') throw new CodeError('not-a-code');
	return guarded(() => {
		const reader = new ByteReader(base45Decode(text.trim().slice(SESSION_PREFIX.length)));
		const { version, ...settings } = readSettings(reader, OWN_ITEMS_VERSION);
		const units = Array.from({ length: reader.u8() }, () => reader.u16());
		const count = reader.varint();
		if (count > MAX_SESSION_QUESTIONS) throw new CodeError('corrupt', 'Too many questions.');
		const questions: QuestionRef[] = [];
		/** [position in questions, index in the own-items list] */
		const ownSlots: [number, number][] = [];
		for (let i = 0; i < count; i++) {
			const slot = reader.u8();
			if (slot === GENERATED_MARK) {
				const generator = GENERATORS[reader.u8()];
				if (!generator) throw new CodeError('corrupt', 'Unknown generator.');
				const seed = reader.u32();
				const n = reader.varint();
				if (n < 1 || n > MAX_SESSION_QUESTIONS) throw new CodeError('corrupt', 'Bad count.');
				questions.push({ kind: 'generated', generator, seed, count: n });
			} else if (slot === OWN_MARK && version >= OWN_ITEMS_VERSION) {
				ownSlots.push([questions.length, reader.varint()]);
				questions.push({ kind: 'own', item: null });
			} else {
				if (slot >= units.length) throw new CodeError('corrupt', 'Unknown unit slot.');
				questions.push({ kind: 'bank', unit: units[slot], item: reader.u16() });
			}
		}
		if (questionCount(questions) > MAX_SESSION_QUESTIONS)
			throw new CodeError('corrupt', 'Too many questions.');
		if (version >= OWN_ITEMS_VERSION) {
			const own = readOwnItems(reader);
			for (const [position, k] of ownSlots) {
				if (k >= own.length) throw new CodeError('corrupt', 'Unknown own item.');
				questions[position] = { kind: 'own', item: own[k] };
			}
		}
		readCheck(reader);
		return { ...settings, questions };
	});
}

function readOwnItems(reader: ByteReader): unknown[] {
	const length = reader.varint();
	if (length > reader.remaining) throw new TruncatedError();
	try {
		const own = unpackJson(reader.raw(length), MAX_OWN_ITEMS_BYTES);
		if (!Array.isArray(own)) throw new CodeError('corrupt', 'The own items are not a list.');
		return own;
	} catch (error) {
		if (error instanceof PackError) throw new CodeError('corrupt', error.message);
		throw error;
	}
}

/** The recipe as a typed code: Crockford Base32 in groups of 4 (`ABCD-EFGH-…`). */
export function encodeTypedCode(recipe: SessionRecipe): string {
	const writer = new ByteWriter();
	const version = recipe.version ?? RECIPE_VERSION;
	writeSettings(writer, recipe, version);
	writer.u16(recipe.bank).u16(recipe.unitMask).u8(recipe.bankCount).u8(recipe.generatedCount);
	if (version >= 3) writer.u8(GENERATORS.indexOf(recipeGenerator(recipe)));
	return (
		base32Encode(withCheck(writer))
			.match(/.{1,4}/g)
			?.join('-') ?? ''
	);
}

/** A typed code back to its recipe; throws CodeError like `decodeSession`. */
export function decodeTypedCode(text: string): SessionRecipe {
	const kind = codeKind(text);
	if (kind === 'result') throw new CodeError('wrong-kind');
	if (kind === 'session') return recipeless();
	if (kind !== 'typed') throw new CodeError(text.trim().length < 20 ? 'truncated' : 'not-a-code');
	return guarded(() => {
		const reader = new ByteReader(base32Decode(text));
		const { key, secondsPerQuestion, scoring, version } = readSettings(reader, RECIPE_VERSION);
		const recipe = {
			version,
			key,
			secondsPerQuestion,
			scoring,
			bank: reader.u16(),
			unitMask: reader.u16(),
			bankCount: reader.u8(),
			generatedCount: reader.u8(),
			...(version >= 3 && { generator: readGenerator(reader) })
		};
		readCheck(reader);
		return recipe;
	});
}

function readGenerator(reader: ByteReader): GeneratorCode {
	const generator = GENERATORS[reader.u8()];
	if (!generator) throw new CodeError('corrupt', 'Unknown drill kind.');
	return generator;
}

/** The drill kind a recipe's generated scenarios come from (see the file comment). */
const recipeGenerator = (recipe: SessionRecipe): GeneratorCode =>
	recipe.generator ?? ((recipe.version ?? RECIPE_VERSION) >= 2 ? 'supply-mode' : 'mode');

function recipeless(): never {
	throw new CodeError('wrong-kind', 'A session QR text is not a typed code.');
}

/** Seeds for the recipe's draws, from the key, so the typed code need not carry them. */
const keySeed = (key: Uint8Array, purpose: string): number =>
	hash32(`${purpose}:${[...key].join('.')}`);

/** `hash16` of the bank build: what a typed code is bound to. */
export const bankTag = (index: BankIndex): number => hash16(index.version);

/**
 * The questions a recipe stands for, on this device's bank: `bankCount` authored items sampled
 * from the chosen units (in index order, seeded by the key), then `generatedCount` generated
 * scenarios of the recipe's drill kind. Throws CodeError `bank-mismatch` when the bank
 * differs from the instructor's.
 */
export function recipeQuestions(recipe: SessionRecipe, index: BankIndex): QuestionRef[] {
	if (recipe.bank !== bankTag(index)) throw new CodeError('bank-mismatch');
	const pool = index.units
		.filter((_, i) => i < 16 && recipe.unitMask & (1 << i))
		.flatMap((unit) => unit.items.map((item) => ({ unit: unit.id, id: item.id })));
	const picked = sample(mulberry32(keySeed(recipe.key, 'bank')), pool, recipe.bankCount);
	const refs: QuestionRef[] = picked.map((ref) => ({
		kind: 'bank',
		unit: hash16(ref.unit),
		item: hash16(ref.id)
	}));
	if (recipe.generatedCount > 0)
		refs.push({
			kind: 'generated',
			generator: recipeGenerator(recipe),
			seed: keySeed(recipe.key, 'generated'),
			count: recipe.generatedCount
		});
	return refs;
}

/** The session a recipe makes. */
export const sessionFromRecipe = (recipe: SessionRecipe, index: BankIndex): OfflineSession => ({
	key: recipe.key,
	secondsPerQuestion: recipe.secondsPerQuestion,
	scoring: recipe.scoring,
	questions: recipeQuestions(recipe, index)
});

/** A fresh random session key (WebCrypto). */
export const newSessionKey = (): Uint8Array => crypto.getRandomValues(new Uint8Array(KEY_BYTES));

/**
 * A short tag of the session (hash of the key) that every result carries, so a result from
 * another session is told apart from a tampered one. Not secret and not a check value.
 */
export function sessionTag(key: Uint8Array): number {
	return keySeed(key, 'tag') & 0xffffff;
}
