import { describe, expect, it } from 'vitest';
import en from '$lib/i18n/locales/en/quiz.json';
import zh from '$lib/i18n/locales/zh-CN/quiz.json';
import { DRILL_KINDS, drillWordsKind, isDrillKind, READABLE_DRILL_KINDS } from './kinds';

describe('drill kinds: one list, worded in both languages', () => {
	it('every kind has its name, start button and hint in both locales, and no stray one', () => {
		for (const quiz of [en, zh])
			for (const group of [quiz.drill, quiz.drillStart, quiz.drillHint])
				expect(Object.keys(group).sort()).toEqual([...DRILL_KINDS].sort());
	});

	it('validates kinds from messages and saved sets', () => {
		expect(READABLE_DRILL_KINDS.every(isDrillKind)).toBe(true);
		// The retired kind is still read (saved practices, sets, rooms and codes name it)…
		expect(isDrillKind('mode')).toBe(true);
		expect(isDrillKind('categories')).toBe(false);
		expect(isDrillKind(3)).toBe(false);
	});

	it('offers no retired kind, and names a retired one with its successor’s words', () => {
		expect(DRILL_KINDS).not.toContain('mode');
		expect(drillWordsKind('mode')).toBe('supply-mode');
		for (const kind of DRILL_KINDS) expect(drillWordsKind(kind)).toBe(kind);
	});
});
