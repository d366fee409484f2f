/**
 * Secrets and identifiers. Host secrets and player tokens are 128+ bits from the OS CSPRNG;
 * only their SHA-256 hashes are kept (in memory and in the log), compared in constant time.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

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

/**
 * A 6-digit PIN not in use. Leading digit 1–9 so it reads the same spoken or typed; with at most
 * a few hundred live rooms among 900 000 PINs a collision is rare, and a retry settles it.
 */
export function allocatePin(inUse: (pin: string) => boolean): string {
	for (let attempt = 0; attempt < 1000; attempt++) {
		const pin = String(randomInt(100_000, 1_000_000));
		if (!inUse(pin)) return pin;
	}
	throw new Error('No free PIN after 1000 attempts');
}

/** A crypto-seeded uint32, for shuffles that must not be predictable from the PIN. */
export const randomSeed = (): number => randomBytes(4).readUInt32LE(0);
