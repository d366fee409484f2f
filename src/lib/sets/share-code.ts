/**
 * A question set shared as homework (issue 10, "Using a set"): one compact text that travels as a
 * link (`…/sets/open#STASET1.…`), a QR code of that link, or a small file holding the same text.
 *
 * Layout: `STASET` + version digit + `.` + base64url (RFC 4648 §5, no padding) of
 * `packJson({ id, name, entries })` (src/lib/sets/compact-json.ts): the set's id (so results
 * come back to the right set), its name, and its askable entries in order (drafts stay home).
 *
 * A link longer than MAX_LINK_CHARS is not offered (chat apps and QR scanners cut long links);
 * such a set travels as the file.
 */
import { PackError, packJson, unpackJson } from './compact-json';
import { isSetEntry, type SetEntry, type SetOrder, type QuestionSet } from './set-store';

export const SHARE_PREFIX = 'STASET';
export const SHARE_VERSION = 1;
/** Longest link offered: fits a QR code a phone scans from a screen, and WeChat keeps it whole. */
export const MAX_LINK_CHARS = 2000;
/** Bytes a shared set may unpack to (100 own items of bank size, and no "zip bomb"). */
export const MAX_SHARED_BYTES = 512 * 1024;

/** What a student receives: enough to ask the set and to label their results. */
export interface SharedSet {
	id: string;
	name: string;
	entries: Exclude<SetEntry, { kind: 'draft' }>[];
	/** The instructor's choice for practice and exams: the set's order, or shuffled per attempt. */
	order: SetOrder;
}

export type ShareProblem = 'not-a-set' | 'newer-version' | 'corrupt' | 'too-large' | 'empty';

export class ShareError extends Error {
	constructor(readonly problem: ShareProblem) {
		super(`Shared set: ${problem}.`);
		this.name = 'ShareError';
	}
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareError('corrupt');
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The set as share text. Throws ShareError `empty` when nothing in it can be asked. */
export function encodeSharedSet(
	set: Pick<QuestionSet, 'id' | 'name' | 'entries' | 'order'>
): string {
	const entries = set.entries.filter((e) => e.kind !== 'draft');
	if (entries.length === 0) throw new ShareError('empty');
	// `order` only when shuffled: a fixed-order set's code stays what it was before the choice existed.
	const order = set.order === 'shuffled' ? { order: 'shuffled' } : {};
	const packed = packJson({ id: set.id, name: set.name, entries, ...order });
	return `${SHARE_PREFIX}${SHARE_VERSION}.${toBase64Url(packed)}`;
}

/** The link a student opens (`origin` like `https://host`), or null when too long for a link. */
export function shareLink(origin: string, code: string): string | null {
	const link = `${origin}/sets/open#${code}`;
	return link.length <= MAX_LINK_CHARS ? link : null;
}

/**
 * A shared set from its text, a link holding it, or a file's contents (surrounding whitespace
 * ignored). Every entry is checked like a stored one (own items against the bank's schema).
 * Throws ShareError: `not-a-set`, `newer-version`, `corrupt`, `too-large` or `empty`.
 */
export function decodeSharedSet(text: string): SharedSet {
	const match = /STASET(\d+)\.([A-Za-z0-9_-]+)/.exec(text.trim());
	if (!match) throw new ShareError('not-a-set');
	if (Number(match[1]) > SHARE_VERSION) throw new ShareError('newer-version');
	if (Number(match[1]) < 1) throw new ShareError('corrupt');
	let value: unknown;
	try {
		value = unpackJson(fromBase64Url(match[2]), MAX_SHARED_BYTES);
	} catch (error) {
		if (error instanceof PackError) throw new ShareError(error.problem);
		throw new ShareError('corrupt');
	}
	const v = value as Partial<SharedSet> | null;
	if (
		typeof v !== 'object' ||
		v === null ||
		typeof v.id !== 'string' ||
		!/^set-[a-z0-9]{1,40}$/.test(v.id) ||
		typeof v.name !== 'string' ||
		v.name.length > 200 ||
		!Array.isArray(v.entries) ||
		(v.order !== undefined && v.order !== 'shuffled' && v.order !== 'fixed')
	)
		throw new ShareError('corrupt');
	if (!(v.entries as unknown[]).every((e) => isSetEntry(e) && e.kind !== 'draft'))
		throw new ShareError('corrupt');
	if (v.entries.length === 0) throw new ShareError('empty');
	return { id: v.id, name: v.name, entries: v.entries, order: v.order ?? 'fixed' };
}
