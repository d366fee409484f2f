/**
 * Secrets and identifiers. Host secrets and player tokens are 128+ bits from the OS CSPRNG;
 * only their SHA-256 hashes are kept (in memory and in the log), compared in constant time.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { REJOIN_CODE_ALPHABET, REJOIN_CODE_LENGTH } from '$lib/classroom/protocol';

export const newRoomId = (): string => randomBytes(9).toString('base64url');
export const newPlayerId = (): string => randomBytes(9).toString('base64url');
export const newSecret = (): string => randomBytes(24).toString('base64url');

export const hashSecret = (secret: string): string =>
	createHash('sha256').update(secret).digest('hex');

export function secretMatches(secret: string, expectedHash: string): boolean {
	const given = Buffer.from(hashSecret(secret), 'hex');
	const expected = Buffer.from(expectedHash, 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A rejoin code: REJOIN_CODE_LENGTH characters of REJOIN_CODE_ALPHABET, from the CSPRNG. */
export function newRejoinCode(): string {
	let code = '';
	for (let i = 0; i < REJOIN_CODE_LENGTH; i++)
		code += REJOIN_CODE_ALPHABET[randomInt(REJOIN_CODE_ALPHABET.length)];
	return code;
}

/** Constant-time comparison of two short codes. */
export function codesMatch(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A random 6-digit PIN. Leading digit 1–9 so it reads the same spoken or typed; with at most a few
 * hundred live rooms among 900 000 PINs a collision is rare, and the store refuses a PIN in use.
 */
export const randomPin = (): string => String(randomInt(100_000, 1_000_000));

/** A crypto-seeded uint32, for shuffles that must not be predictable from the PIN. */
export const randomSeed = (): number => randomBytes(4).readUInt32LE(0);
