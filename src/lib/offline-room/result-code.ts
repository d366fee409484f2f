/**
 * A phone's result as one or more QR codes, and back. Versioned, hand-specified layout
 * (big-endian, `varint` = unsigned LEB128):
 *
 *   body = u8 version (1) · u24 session tag · 4 bytes student id · string nickname
 *          · varint n questions · n × answer
 *   answer = varint t (0: not answered; else t − 1 = tenths of a second from the question opening
 *            to the answer) · response (when answered; its layout depends on the item type:
 *            single u8 option index · multiple varint bit mask · true/false u8 0|1
 *            · matching u8 pairs + per pair u8 (right index + 1, 0 = none)
 *            · classify per dimension u8 (option index + 1, 0 = none) · cloze string)
 *   result = body · 8 bytes HMAC-SHA-256(session key, body), truncated (RFC 2104; WebCrypto)
 *
 * Option indexes refer to the authored order, so the phone's language and the class's display
 * order do not matter. The result is cut into parts of at most PART_BYTES, each framed as QR text
 * `STAR` + Base45 of: u8 version · u8 part index · u8 part count · u16 result length in bytes
 * · 4 bytes student id · slice (the length tells a cut-off code from an altered one).
 *
 * Every student holds the session key (it is in the session QR), so the check value stops a
 * result being replayed into another session, altered, or claimed under another student id
 * without the key; it does not stop a student who extracts the key and forges on purpose.
 */
import type { Item, Response } from '$lib/bank/types';
import { CLOZE_MAX_LENGTH, NICKNAME_MAX_LENGTH } from '$lib/classroom/protocol';
import {
	base45Decode,
	base45Encode,
	ByteReader,
	ByteWriter,
	MalformedError,
	toHex,
	TruncatedError
} from './bytes';
import { CodeError } from './code-error';
import { CODE_VERSION, RESULT_PREFIX, codeKind, sessionTag } from './session-code';

export const STUDENT_ID_BYTES = 4;
export const MAC_BYTES = 8;
/** Bytes of result per QR code: a version-13-ish code at ECC M, easy for a laptop webcam. */
export const PART_BYTES = 240;
const MAX_PARTS = 15;

export interface OfflineAnswer {
	/** In key terms (option ids; matching by key index), as the answering components give it. */
	response: Response;
	/** From the question opening on the phone to the answer, ms (kept to 0.1 s). */
	ms: number;
}

export interface OfflineResult {
	/** 8 hex digits, random per phone and session: who this is, even if two share a nickname. */
	studentId: string;
	nickname: string;
	/** Per question, in session order; null when not answered in time. */
	answers: (OfflineAnswer | null)[];
}

export interface ResultPart {
	studentId: string;
	index: number;
	count: number;
	bytes: Uint8Array;
}

const optionIndex = (options: { id: string }[], id: string): number => {
	const at = options.findIndex((o) => o.id === id);
	if (at < 0) throw new RangeError(`Unknown option ${id}`);
	return at;
};

function writeResponse(writer: ByteWriter, item: Item, response: Response): void {
	if (response.type !== item.type) throw new RangeError('Response type differs from item type');
	switch (response.type) {
		case 'single':
			writer.u8(optionIndex((item as { options: { id: string }[] }).options, response.choice));
			return;
		case 'multiple': {
			const options = (item as { options: { id: string }[] }).options;
			writer.varint(response.choices.reduce((mask, id) => mask + 2 ** optionIndex(options, id), 0));
			return;
		}
		case 'truefalse':
			writer.u8(response.value ? 1 : 0);
			return;
		case 'matching': {
			const pairs = item.type === 'matching' ? item.pairs.length : 0;
			writer.u8(pairs);
			for (let i = 0; i < pairs; i++) {
				const right = response.rightFor[i];
				writer.u8(right === undefined ? 0 : right + 1);
			}
			return;
		}
		case 'classify':
			if (item.type !== 'classify') return;
			for (const d of item.dimensions) {
				const value = response.values[d.family];
				writer.u8(value === undefined ? 0 : optionIndex(d.options, value) + 1);
			}
			return;
		case 'cloze':
			writer.string(response.text.slice(0, CLOZE_MAX_LENGTH));
	}
}

function readResponse(reader: ByteReader, item: Item): Response {
	const bad = () => new MalformedError('An answer does not fit its question.');
	switch (item.type) {
		case 'single': {
			const option = item.options[reader.u8()];
			if (!option) throw bad();
			return { type: 'single', choice: option.id };
		}
		case 'multiple': {
			const mask = reader.varint();
			if (mask >= 2 ** item.options.length) throw bad();
			return {
				type: 'multiple',
				choices: item.options.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1).map((o) => o.id)
			};
		}
		case 'truefalse': {
			const value = reader.u8();
			if (value > 1) throw bad();
			return { type: 'truefalse', value: value === 1 };
		}
		case 'matching': {
			const pairs = reader.u8();
			if (pairs !== item.pairs.length) throw bad();
			const rightFor: Record<number, number> = {};
			for (let i = 0; i < pairs; i++) {
				const right = reader.u8();
				if (right > pairs) throw bad();
				if (right > 0) rightFor[i] = right - 1;
			}
			return { type: 'matching', rightFor };
		}
		case 'classify': {
			const values: Record<string, string> = {};
			for (const d of item.dimensions) {
				const at = reader.u8();
				if (at > d.options.length) throw bad();
				if (at > 0) values[d.family] = d.options[at - 1].id;
			}
			return { type: 'classify', values };
		}
		case 'cloze':
			return { type: 'cloze', text: reader.string(CLOZE_MAX_LENGTH * 4) };
	}
}

async function mac(key: Uint8Array, body: Uint8Array): Promise<Uint8Array> {
	const cryptoKey = await crypto.subtle.importKey(
		'raw',
		key as BufferSource,
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	const signature = await crypto.subtle.sign('HMAC', cryptoKey, body as BufferSource);
	return new Uint8Array(signature).slice(0, MAC_BYTES);
}

const fromHex = (hex: string): number[] => hex.match(/../g)!.map((h) => parseInt(h, 16));

/** A new random student id (8 hex digits). */
export const newStudentId = (): string =>
	toHex(crypto.getRandomValues(new Uint8Array(STUDENT_ID_BYTES)));

/** The whole result (body + check value), before cutting into parts. */
export async function encodeResultBytes(
	result: OfflineResult,
	key: Uint8Array,
	items: readonly Item[]
): Promise<Uint8Array> {
	if (result.answers.length !== items.length) throw new RangeError('One answer slot per question');
	const tag = sessionTag(key);
	const writer = new ByteWriter()
		.u8(CODE_VERSION)
		.u8(tag >>> 16)
		.u16(tag & 0xffff)
		.raw(fromHex(result.studentId))
		.string(result.nickname.slice(0, NICKNAME_MAX_LENGTH))
		.varint(items.length);
	result.answers.forEach((answer, i) => {
		if (!answer) {
			writer.varint(0);
			return;
		}
		writer.varint(1 + Math.max(0, Math.round(answer.ms / 100)));
		writeResponse(writer, items[i], answer.response);
	});
	const body = writer.finish();
	const check = await mac(key, body);
	return Uint8Array.from([...body, ...check]);
}

/** The result as QR texts (`STAR…`), one per part, to show in turn. */
export async function encodeResult(
	result: OfflineResult,
	key: Uint8Array,
	items: readonly Item[]
): Promise<string[]> {
	const bytes = await encodeResultBytes(result, key, items);
	const count = Math.ceil(bytes.length / PART_BYTES);
	if (count > MAX_PARTS) throw new RangeError('Result too large');
	return Array.from({ length: count }, (_, index) => {
		const frame = new ByteWriter()
			.u8(CODE_VERSION)
			.u8(index)
			.u8(count)
			.u16(bytes.length)
			.raw(fromHex(result.studentId))
			.raw(bytes.slice(index * PART_BYTES, (index + 1) * PART_BYTES))
			.finish();
		return RESULT_PREFIX + base45Encode(frame);
	});
}

function asCodeError(error: unknown): unknown {
	if (error instanceof TruncatedError) return new CodeError('truncated', error.message);
	if (error instanceof MalformedError || error instanceof RangeError)
		return new CodeError('corrupt', error.message);
	return error;
}

/**
 * One scanned result QR text → its part. Needs no session; throws CodeError `wrong-kind`
 * (a session code), `not-a-code`, `newer-version`, `truncated` or `corrupt`.
 */
export function decodeResultPart(text: string): ResultPart {
	const kind = codeKind(text);
	if (kind === 'session') throw new CodeError('wrong-kind');
	if (kind !== 'result') throw new CodeError('not-a-code');
	try {
		const reader = new ByteReader(base45Decode(text.trim().slice(RESULT_PREFIX.length)));
		if (reader.u8() > CODE_VERSION) throw new CodeError('newer-version');
		const index = reader.u8();
		const count = reader.u8();
		const total = reader.u16();
		if (count < 1 || count > MAX_PARTS || index >= count || count !== Math.ceil(total / PART_BYTES))
			throw new CodeError('corrupt', 'Bad part numbers.');
		const studentId = toHex(reader.raw(STUDENT_ID_BYTES));
		const expected = Math.min(PART_BYTES, total - index * PART_BYTES);
		const bytes = reader.raw(expected);
		reader.end();
		return { studentId, index, count, bytes };
	} catch (error) {
		throw asCodeError(error);
	}
}

/**
 * A whole result (all parts joined) checked against the session and read with its items (any
 * language: only ids and indexes are compared). Throws CodeError `newer-version`, `other-session`,
 * `tampered`, `truncated` or `corrupt`.
 */
export async function decodeResultBytes(
	bytes: Uint8Array,
	key: Uint8Array,
	items: readonly Item[]
): Promise<OfflineResult> {
	if (bytes.length <= MAC_BYTES + 8) throw new CodeError('truncated');
	const body = bytes.slice(0, bytes.length - MAC_BYTES);
	const check = bytes.slice(bytes.length - MAC_BYTES);
	try {
		const header = new ByteReader(body);
		const version = header.u8();
		if (version > CODE_VERSION) throw new CodeError('newer-version');
		const tag = (header.u8() << 16) | header.u16();
		if (tag !== sessionTag(key)) throw new CodeError('other-session');
		const expected = await mac(key, body);
		if (expected.some((b, i) => b !== check[i])) throw new CodeError('tampered');
		const studentId = toHex(header.raw(STUDENT_ID_BYTES));
		const nickname = header.string(NICKNAME_MAX_LENGTH * 4);
		const n = header.varint();
		if (n !== items.length) throw new CodeError('corrupt', 'Question count differs.');
		const answers = items.map((item) => {
			const t = header.varint();
			return t === 0 ? null : { ms: (t - 1) * 100, response: readResponse(header, item) };
		});
		header.end();
		return { studentId, nickname, answers };
	} catch (error) {
		throw asCodeError(error);
	}
}
