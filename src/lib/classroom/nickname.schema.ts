/**
 * The nickname rule of the classroom, as a zod schema: what a student types to join a live room
 * (parsed on the server, `$lib/server/classroom/requests.ts`) and what a homework results file
 * carries (checked on the instructor's device, `$lib/sets/homework-results.ts`). Its own module
 * so both use one rule; zod-based, so it never ships in a phone's first load (`protocol.ts`
 * stays zod-free).
 */
import { z } from 'zod';
import { NICKNAME_MAX_LENGTH } from './protocol';

/** Whole emoji sequences (ZWJ families, flags, skin tones, keycaps): kept as they are. */
const EMOJI = new RegExp('\\p{RGI_Emoji}', 'gv');
/**
 * Outside emoji: control (Cc), format (Cf: bidi overrides, zero-width spaces and joiners, soft
 * hyphen, tag characters), surrogate halves (Cs), private use (Co), variation selectors, and the
 * blank-looking Hangul fillers and braille blank: each can make a name render as someone else's,
 * or as nothing.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\uFE00-\uFE0F\u115F\u1160\u3164\uFFA0\u2800]/u;
/** What a name must show at least one of: a letter, digit, symbol or punctuation mark. */
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

const hasInvisible = (text: string) => INVISIBLE.test(text.replace(EMOJI, ''));

/**
 * A nickname: NFKC (full-width letters become ASCII), trimmed, inner whitespace runs collapsed
 * to one space; then 1–20 characters (code points) with at least one visible one and no invisible
 * or formatting character outside an emoji. HTML stays plain text (screens render text).
 */
export const nicknameSchema = z
	.string({ error: 'Nickname must be text.' })
	// Bounds the work below before any normalising (the join body is at most 1 KB anyway).
	.max(200, { error: `Nickname is too long (${NICKNAME_MAX_LENGTH} characters).` })
	.refine((raw) => !hasInvisible(raw), {
		error: 'Nickname contains control or invisible characters.',
		abort: true
	})
	.transform((raw) => raw.normalize('NFKC').trim().replace(/\s+/gu, ' '))
	.refine((name) => name.length > 0, { error: 'Nickname is empty.', abort: true })
	.refine((name) => VISIBLE.test(name), { error: 'Nickname has no visible character.' })
	.refine((name) => [...name].length <= NICKNAME_MAX_LENGTH, {
		error: `Nickname is too long (${NICKNAME_MAX_LENGTH} characters).`
	})
	// NFKC can compose new characters: check the result again.
	.refine((name) => !hasInvisible(name), {
		error: 'Nickname contains control or invisible characters.'
	});
