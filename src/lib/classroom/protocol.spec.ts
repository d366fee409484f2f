import { describe, expect, it } from 'vitest';
import { parseSse } from './client.svelte';
import {
	DEFAULT_SETTINGS,
	normaliseNickname,
	validateAnswer,
	validateCommand,
	validateCreateRoom,
	validateJoin
} from './protocol';

const errorOf = (result: { ok: boolean; error?: { error: string } }) =>
	result.ok ? null : result.error?.error;

describe('nicknames', () => {
	it('normalises width and spacing', () => {
		expect(normaliseNickname('  Ｌｉ   Ｌｅｉ ')).toEqual({ ok: true, value: 'Li Lei' });
		expect(normaliseNickname('小明')).toEqual({ ok: true, value: '小明' });
	});

	it('counts characters, not UTF-16 units, up to 20', () => {
		expect(normaliseNickname('😀'.repeat(20)).ok).toBe(true);
		expect(errorOf(normaliseNickname('a'.repeat(21)))).toBe('invalid-nickname');
		expect(errorOf(normaliseNickname('长'.repeat(21)))).toBe('invalid-nickname');
	});

	it('rejects empty, control and invisible characters', () => {
		for (const bad of ['', '   ', 'a\u0000b', 'a\nb', 'evil\u202Eman', 'zero\u200Bwidth', 42, null])
			expect(errorOf(normaliseNickname(bad))).toBe('invalid-nickname');
	});

	it('keeps HTML as plain text (rendering escapes it)', () => {
		expect(normaliseNickname('<b>x</b>')).toEqual({ ok: true, value: '<b>x</b>' });
	});
});

describe('create room', () => {
	it('fills default settings', () => {
		const result = validateCreateRoom({ locale: 'en', source: { kind: 'units', units: ['ito'] } });
		expect(result).toEqual({
			ok: true,
			value: { locale: 'en', source: { kind: 'units', units: ['ito'] }, settings: DEFAULT_SETTINGS }
		});
	});

	it('accepts a saved set with generated scenarios', () => {
		const result = validateCreateRoom({
			locale: 'zh-CN',
			source: {
				kind: 'set',
				items: [{ unit: 'ito', id: 'ito-01' }],
				generated: [{ kind: 'mode', seed: 7, count: 3 }]
			},
			settings: { secondsPerQuestion: 30, scoring: 'speed', order: 'shuffled' }
		});
		expect(result.ok).toBe(true);
	});

	it('rejects unknown fields, bad settings and odd ids', () => {
		const source = { kind: 'units', units: ['ito'] };
		for (const bad of [
			null,
			[],
			{ locale: 'fr', source },
			{ locale: 'en', source, extra: 1 },
			{ locale: 'en', source, settings: { secondsPerQuestion: 2 } },
			{ locale: 'en', source, settings: { scoring: 'luck' } },
			{ locale: 'en', source: { kind: 'units', units: ['../etc/passwd'] } },
			{ locale: 'en', source: { kind: 'units', units: [] } },
			{
				locale: 'en',
				source: { kind: 'generated', generated: [{ kind: 'mode', seed: -1, count: 1 }] }
			}
		])
			expect(errorOf(validateCreateRoom(bad))).toBe('malformed');
	});
});

describe('join, answer and command messages', () => {
	it('accepts a PIN with spaces and rejects a short one', () => {
		expect(validateJoin({ pin: '123 456', nickname: 'Ann' })).toEqual({
			ok: true,
			value: { pin: '123456', nickname: 'Ann' }
		});
		expect(errorOf(validateJoin({ pin: '12345', nickname: 'Ann' }))).toBe('malformed');
		expect(errorOf(validateJoin({ pin: '123456', nickname: '' }))).toBe('invalid-nickname');
	});

	it('checks every response shape', () => {
		const ok = [
			{ type: 'single', choice: 'b' },
			{ type: 'multiple', choices: ['a', 'c'] },
			{ type: 'truefalse', value: false },
			{ type: 'matching', rightFor: { 0: 1, 1: 0 } },
			{ type: 'classify', values: { mode: 'cross-border' } },
			{ type: 'cloze', text: 'RPO' }
		];
		for (const response of ok) expect(validateAnswer({ questionIndex: 0, response }).ok).toBe(true);
		const bad = [
			{ type: 'single' },
			{ type: 'single', choice: '<script>' },
			{ type: 'multiple', choices: ['a', 'a'] },
			{ type: 'truefalse', value: 'yes' },
			{ type: 'matching', rightFor: { x: 1 } },
			{ type: 'cloze', text: 'x'.repeat(201) },
			{ type: 'essay', text: 'hi' }
		];
		for (const response of bad)
			expect(errorOf(validateAnswer({ questionIndex: 0, response }))).toBe('malformed');
		expect(errorOf(validateAnswer({ questionIndex: -1, response: ok[0] }))).toBe('malformed');
	});

	it('checks host commands', () => {
		expect(validateCommand({ type: 'start' })).toEqual({ ok: true, value: { type: 'start' } });
		expect(validateCommand({ type: 'extend', seconds: 15 }).ok).toBe(true);
		expect(errorOf(validateCommand({ type: 'extend', seconds: 0 }))).toBe('malformed');
		expect(errorOf(validateCommand({ type: 'start', secret: 'x' }))).toBe('malformed');
		expect(errorOf(validateCommand({ type: 'explode' }))).toBe('malformed');
		expect(errorOf(validateCommand({ type: 'remove', playerId: '<img>' }))).toBe('malformed');
	});
});

describe('SSE parsing', () => {
	it('splits messages, skips heartbeats and keeps a partial tail', () => {
		const { messages, rest } = parseSse(
			'retry: 2000\n: connected\n\nid: 3\nevent: view\ndata: {"a":1}\n\n: heartbeat\n\nid: 4\nevent: vi'
		);
		expect(messages).toEqual([{ id: '3', event: 'view', data: '{"a":1}' }]);
		expect(rest).toBe('id: 4\nevent: vi');
	});
});
