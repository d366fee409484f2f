import type { TranslationKey } from '$lib/i18n/resources';
import { CodeError, type CodeProblem } from '$lib/offline-room/code-error';

const KEYS: Record<CodeProblem, TranslationKey> = {
	'not-a-code': 'offline:errors.notACode',
	'wrong-kind': 'offline:errors.wrongKind',
	'newer-version': 'offline:errors.newerVersion',
	truncated: 'offline:errors.truncated',
	corrupt: 'offline:errors.corrupt',
	'other-session': 'offline:errors.otherSession',
	tampered: 'offline:errors.tampered',
	'bank-mismatch': 'offline:errors.bankMismatch',
	'unknown-items': 'offline:errors.unknownItems'
};

/** The message (a locale key) for a refused code or any other failure on these screens. */
export function problemKey(error: unknown): TranslationKey {
	if (error instanceof CodeError) return KEYS[error.problem];
	if (typeof error === 'string' && error in KEYS) return KEYS[error as CodeProblem];
	return 'offline:errors.unexpected';
}
