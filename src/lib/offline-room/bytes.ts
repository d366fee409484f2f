/**
 * The byte-level tools of the offline classroom codes: a writer and a reader for a small
 * hand-specified layout (unsigned LEB128 varints, fixed-width big-endian integers, UTF-8 strings),
 * Base45 (RFC 9285) for QR codes and Crockford's Base32 for the code typed by hand.
 *
 * Why Base45: its 45 characters are exactly QR's alphanumeric mode, which packs 2 characters in
 * 11 bits, so 2 bytes cost 16.5 bits in a QR code instead of 24 with base64 in byte mode.
 * Why Crockford Base32 for typing: no I, L, O or U, case-insensitive, and the decoder reads
 * I/L as 1 and O as 0, so the usual typing slips still decode.
 */

/** A code that ends before its layout says it should (a cut-off scan or a partly typed code). */
export class TruncatedError extends Error {
	constructor() {
		super('The code ends too early.');
	}
}

/** A code whose bytes do not fit the layout (a value out of range, stray bytes at the end…). */
export class MalformedError extends Error {}

export class ByteWriter {
	private bytes: number[] = [];

	u8(value: number): this {
		if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`u8 ${value}`);
		this.bytes.push(value);
		return this;
	}

	u16(value: number): this {
		return this.u8((value >>> 8) & 0xff).u8(value & 0xff);
	}

	u32(value: number): this {
		return this.u16((value >>> 16) & 0xffff).u16(value & 0xffff);
	}

	/** Unsigned LEB128: 7 bits a byte, high bit set on every byte but the last. Up to 2^53. */
	varint(value: number): this {
		if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint ${value}`);
		let rest = value;
		while (rest >= 0x80) {
			this.bytes.push((rest % 0x80) | 0x80);
			rest = Math.floor(rest / 0x80);
		}
		this.bytes.push(rest);
		return this;
	}

	raw(bytes: ArrayLike<number>): this {
		for (let i = 0; i < bytes.length; i++) this.u8(bytes[i]);
		return this;
	}

	/** Varint byte length, then the UTF-8 bytes. */
	string(text: string): this {
		const bytes = new TextEncoder().encode(text);
		return this.varint(bytes.length).raw(bytes);
	}

	get length(): number {
		return this.bytes.length;
	}

	finish(): Uint8Array {
		return Uint8Array.from(this.bytes);
	}
}

export class ByteReader {
	private offset = 0;
	constructor(private readonly bytes: Uint8Array) {}

	u8(): number {
		if (this.offset >= this.bytes.length) throw new TruncatedError();
		return this.bytes[this.offset++];
	}

	u16(): number {
		return (this.u8() << 8) | this.u8();
	}

	u32(): number {
		return ((this.u16() << 16) >>> 0) + this.u16();
	}

	varint(): number {
		let value = 0;
		let scale = 1;
		for (;;) {
			const byte = this.u8();
			value += (byte & 0x7f) * scale;
			if (!Number.isSafeInteger(value)) throw new MalformedError('A number is too large.');
			if ((byte & 0x80) === 0) return value;
			scale *= 0x80;
		}
	}

	raw(length: number): Uint8Array {
		if (this.offset + length > this.bytes.length) throw new TruncatedError();
		const slice = this.bytes.slice(this.offset, this.offset + length);
		this.offset += length;
		return slice;
	}

	/** `maxBytes` caps what a hostile code can make us allocate. */
	string(maxBytes: number): string {
		const length = this.varint();
		if (length > maxBytes) throw new MalformedError('A text is too long.');
		try {
			return new TextDecoder('utf-8', { fatal: true }).decode(this.raw(length));
		} catch (error) {
			if (error instanceof TruncatedError) throw error;
			throw new MalformedError('A text is not valid UTF-8.');
		}
	}

	get remaining(): number {
		return this.bytes.length - this.offset;
	}

	/** Everything read so far: what a check value covers. */
	consumed(): Uint8Array {
		return this.bytes.slice(0, this.offset);
	}

	/** A layout ends exactly where the bytes end; anything after it is damage, not data. */
	end(): void {
		if (this.remaining !== 0) throw new MalformedError('Unexpected bytes at the end.');
	}
}

// ---------------------------------------------------------------------------------------------
// Base45, RFC 9285 §4: each 2 bytes → 3 characters (least significant first), a last odd byte → 2
// ---------------------------------------------------------------------------------------------

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const BASE45_INDEX = new Map([...BASE45].map((c, i) => [c, i]));

export function base45Encode(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i + 1 < bytes.length; i += 2) {
		let n = bytes[i] * 256 + bytes[i + 1];
		for (let k = 0; k < 3; k++) {
			out += BASE45[n % 45];
			n = Math.floor(n / 45);
		}
	}
	if (bytes.length % 2 === 1) {
		const n = bytes[bytes.length - 1];
		out += BASE45[n % 45] + BASE45[Math.floor(n / 45)];
	}
	return out;
}

/** Throws MalformedError on a character outside the alphabet, a length of 3k+1 or an overflow. */
export function base45Decode(text: string): Uint8Array {
	if (text.length % 3 === 1) throw new TruncatedError();
	const out: number[] = [];
	const digit = (c: string) => {
		const d = BASE45_INDEX.get(c);
		if (d === undefined) throw new MalformedError('Not a Base45 character.');
		return d;
	};
	for (let i = 0; i < text.length; i += 3) {
		const chunk = text.slice(i, i + 3);
		let n = 0;
		for (let k = chunk.length - 1; k >= 0; k--) n = n * 45 + digit(chunk[k]);
		if (chunk.length === 3) {
			if (n > 0xffff) throw new MalformedError('Base45 value out of range.');
			out.push(n >> 8, n & 0xff);
		} else {
			if (n > 0xff) throw new MalformedError('Base45 value out of range.');
			out.push(n);
		}
	}
	return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// Crockford Base32 (https://www.crockford.com/base32.html), without the optional check symbol
// ---------------------------------------------------------------------------------------------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function base32Encode(bytes: Uint8Array): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
		buffer &= (1 << bits) - 1;
	}
	if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
	return out;
}

/** Ignores spaces and dashes, folds case, reads I/L as 1 and O as 0 (Crockford's rules). */
export function base32Decode(text: string): Uint8Array {
	const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
	const out: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (const c of clean) {
		const d = CROCKFORD.indexOf(c);
		if (d < 0) throw new MalformedError('Not a code character.');
		buffer = (buffer << 5) | d;
		bits += 5;
		if (bits >= 8) {
			out.push((buffer >>> (bits - 8)) & 0xff);
			bits -= 8;
			buffer &= (1 << bits) - 1;
		}
	}
	return Uint8Array.from(out);
}

/** A stable 16-bit hash (FNV-1a folded): compact references to bank ids and the bank version. */
export function hash16(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return ((h >>> 16) ^ h) & 0xffff;
}

export const toHex = (bytes: Uint8Array): string =>
	[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
