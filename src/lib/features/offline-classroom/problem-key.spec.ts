import { describe, expect, it } from 'vitest';
import en from '$lib/i18n/locales/en/offline.json';
import zh from '$lib/i18n/locales/zh-CN/offline.json';
import { CodeError, type CodeProblem } from '$lib/offline-room/code-error';
import { problemKey } from './problem-key';

// Every kind of bad code, checked complete by the compiler: a new kind fails to compile here
// until it is listed, and then fails below until it has its own message in both languages.
const PROBLEMS = {
	'not-a-code': true,
	'wrong-kind': true,
	'newer-version': true,
	truncated: true,
	corrupt: true,
	'other-session': true,
	tampered: true,
	'bank-mismatch': true,
	'unknown-items': true
} satisfies Record<CodeProblem, true>;

/** The text of an `offline:a.b` key in one locale's namespace file. */
function text(messages: Record<string, unknown>, key: string): unknown {
	return key
		.replace(/^offline:/, '')
		.split('.')
		.reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
}

describe('messages for refused codes', () => {
	it('gives every kind of bad code its own message in Chinese and English', () => {
		const seen = { en: new Set<unknown>(), zh: new Set<unknown>() };
		for (const problem of Object.keys(PROBLEMS) as CodeProblem[]) {
			const key = problemKey(new CodeError(problem));
			expect(key, problem).not.toBe('offline:errors.unexpected');
			const english = text(en, key);
			const chinese = text(zh, key);
			expect(english, `${problem} en`).toMatch(/\w{3}/);
			expect(chinese, `${problem} zh-CN`).toMatch(/[\u4e00-\u9fff]/);
			seen.en.add(english);
			seen.zh.add(chinese);
		}
		const count = Object.keys(PROBLEMS).length;
		expect(seen.en.size).toBe(count);
		expect(seen.zh.size).toBe(count);
	});
});
