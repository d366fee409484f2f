/**
 * Compact bytes for a set's questions wherever they travel in a code (the offline classroom's
 * session QR, the homework link and QR): UTF-8 JSON, DEFLATE-compressed (RFC 1951, raw, via
 * fflate) with a preset dictionary of the own-item field names (RFC 1950 §2.2's FDICT idea),
 * because the payloads are small and their keys would otherwise be most of the bytes.
 *
 * The dictionary is part of the format: changing it changes every code, so it is versioned with
 * the codes that use it (session code v2, share link v1) and must never be edited in place.
 */
import { deflateSync, Inflate } from 'fflate';

/** Field names and values every own item repeats, most frequent last (DEFLATE favours near matches). */
const DICTIONARY_V1 = new TextEncoder().encode(
	'{"kind":"bank","unit":"","kind":"drill","drill":"mode","seed":,"count":,"kind":"own","item":' +
		'{"id":"own-","type":"single","type":"multiple","type":"truefalse","type":"matching",' +
		'"type":"classify","type":"cloze","lang":"zh","lang":"en","lang":"both","part":"",' +
		'"concepts":[],"difficulty":1,"difficulty":2,"difficulty":3,"source":{"quote":""},' +
		'"accept":{"zh":[""],"en":[""]},"pairs":[{"left":{"zh":"","en":""},"right":{"zh":"","en":""}},' +
		'"answer":true,"answer":false,"answer":["a","b"],"answer":{"mode":"","direction":""},' +
		'"explanation":{"zh":"","en":""},"stem":{"zh":"","en":""},' +
		'"options":[{"id":"a","zh":"","en":""},{"id":"b","zh":"","en":""},{"id":"c","zh":"","en":""},' +
		'{"id":"d","zh":"","en":""}],"answer":"a"}}'
);

/** A payload whose bytes or unpacked size are out of bounds, or that is not JSON. */
export class PackError extends Error {
	constructor(readonly problem: 'corrupt' | 'too-large') {
		super(problem === 'too-large' ? 'The payload is too large.' : 'The payload is damaged.');
		this.name = 'PackError';
	}
}

/** `value` as dictionary-DEFLATEd UTF-8 JSON. */
export function packJson(value: unknown): Uint8Array {
	return deflateSync(new TextEncoder().encode(JSON.stringify(value)), {
		level: 9,
		dictionary: DICTIONARY_V1
	});
}

/** Compressed bytes fed to the inflater at a time: each step can grow at most ~1,000-fold. */
const STEP = 64;

/**
 * The JSON value back. Inflation runs in small steps and stops as soon as more than `maxBytes`
 * come out, so a "zip bomb" cannot make us allocate more than about that. Throws PackError
 * `too-large` past it, `corrupt` for anything that is not a whole DEFLATE stream of UTF-8 JSON.
 */
export function unpackJson(bytes: Uint8Array, maxBytes: number): unknown {
	const chunks: Uint8Array[] = [];
	let size = 0;
	let ended = false;
	const inflater = new Inflate({ dictionary: DICTIONARY_V1 }, (chunk, final) => {
		size += chunk.length;
		if (size > maxBytes) throw new PackError('too-large');
		chunks.push(chunk);
		ended ||= final;
	});
	try {
		if (bytes.length === 0) throw new PackError('corrupt');
		for (let at = 0; at < bytes.length; at += STEP)
			inflater.push(bytes.subarray(at, at + STEP), at + STEP >= bytes.length);
	} catch (error) {
		throw error instanceof PackError ? error : new PackError('corrupt');
	}
	if (!ended) throw new PackError('corrupt');
	const inflated = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		inflated.set(chunk, offset);
		offset += chunk.length;
	}
	try {
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
	} catch {
		throw new PackError('corrupt');
	}
}
