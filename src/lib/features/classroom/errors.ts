import type { TranslationKey } from '$lib/i18n/resources';

/**
 * The locale key that explains an API failure to a person. The server's own message is English
 * only, so the screens use the error code and never show the message.
 */
export function errorKey(error: unknown): TranslationKey {
	// A thrown ClassroomApiError, or a subscription's `error` ({ code }) after a refused stream.
	// Read by shape, not `instanceof`: this module must not pull the API client into a page.
	const code =
		typeof error === 'object' && error !== null && 'code' in error
			? String(error.code)
			: 'internal';
	switch (code) {
		case 'network':
			return 'classroom:errors.network';
		case 'unknown-pin':
			return 'classroom:errors.unknownPin';
		case 'unknown-room':
		case 'unauthorised':
			return 'classroom:errors.unknownRoom';
		case 'signed-in-elsewhere':
			return 'classroom:errors.signedInElsewhere';
		case 'invalid-nickname':
			return 'classroom:errors.invalidNickname';
		case 'duplicate-nickname':
			return 'classroom:errors.duplicateNickname';
		case 'rate-limited':
			return 'classroom:errors.rateLimited';
		case 'room-full':
			return 'classroom:errors.roomFull';
		case 'room-locked':
			return 'classroom:errors.roomLocked';
		// The server's name for a code that does not match the nickname (see round-two.ts).
		case 'wrong-rejoin-code':
		case 'invalid-rejoin-code':
			return 'classroom:errors.rejoinCode';
		case 'room-closed':
			return 'classroom:errors.roomClosed';
		case 'removed':
			return 'classroom:errors.removed';
		case 'malformed':
			return 'classroom:errors.malformed';
		case 'unknown-source':
			return 'classroom:errors.unknownSource';
		case 'not-accepting':
		case 'wrong-question':
		case 'too-late':
			return 'classroom:errors.tooLate';
		case 'not-allowed':
			return 'classroom:errors.notAllowed';
		case 'server-busy':
			return 'classroom:errors.serverBusy';
		default:
			return 'classroom:errors.internal';
	}
}
