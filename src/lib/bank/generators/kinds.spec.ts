import { describe, expect, it } from 'vitest';
import en from '$lib/i18n/locales/en/quiz.json';
import zh from '$lib/i18n/locales/zh-CN/quiz.json';
import { DRILL_KINDS, isDrillKind } from './kinds';

describe('drill kinds: one list, worded in both languages', () => {
	it('every kind has its name, start button and hint in both locales, and no stray one', () => {
		for (const quiz of [en, zh])
			for (const group of [quiz.drill, quiz.drillStart, quiz.drillHint])
				expect(Object.keys(group).sort()).toEqual([...DRILL_KINDS].sort());
	});

	it('validates kinds from messages and saved sets', () => {
		expect(DRILL_KINDS.every(isDrillKind)).toBe(true);
		expect(isDrillKind('categories')).toBe(false);
		expect(isDrillKind(3)).toBe(false);
	});
});
