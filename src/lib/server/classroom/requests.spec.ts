import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '$lib/classroom/protocol';
import {
	answerSchema,
	commandSchema,
	createRoomSchema,
	eventsQuerySchema,
	joinSchema,
	lastEventIdSchema,
	nicknameSchema,
	parseRequest,
	queryOf,
	reportQuerySchema
} from './requests';

type Parsed = ReturnType<typeof parseRequest>;
const errorOf = (result: Parsed) => (result.ok ? null : result.error.error);
const messageOf = (result: Parsed) => (result.ok ? null : result.error.message);
/** What a hostile JSON body becomes after JSON.parse (own `__proto__` keys, 1e999 → Infinity). */
const json = (text: string): unknown => JSON.parse(text);

/** Values of the wrong type for any field. */
const WRONG_TYPES: unknown[] = [null, true, 0, -1, 1.5, 'x', [], {}, [1, 2], { a: 1 }];

describe('nicknames', () => {
	const nickname = (raw: unknown) => parseRequest(nicknameSchema, raw);

	it('normalises width and spacing', () => {
		expect(nickname('  Ｌｉ   Ｌｅｉ ')).toEqual({ ok: true, value: 'Li Lei' });
		expect(nickname('小明')).toEqual({ ok: true, value: '小明' });
	});

	it('counts characters, not UTF-16 units, up to 20; keeps emoji sequences whole', () => {
		expect(nickname('😀'.repeat(20)).ok).toBe(true);
		expect(nickname('👩‍💻 Ann 🇨🇳 👍🏽').ok).toBe(true);
		expect(nickname('a'.repeat(21)).ok).toBe(false);
		expect(nickname('长'.repeat(21)).ok).toBe(false);
		expect(nickname('a'.repeat(100_000)).ok).toBe(false);
	});

	it('refuses empty, blank, control, invisible and bidi tricks', () => {
		for (const bad of [
			'',
			'   ',
			'a\u0000b',
			'a\nb',
			'evil\u202Eman',
			'zero\u200Bwidth',
			'A\u200Dnn', // a joiner outside an emoji: looks like "Ann"
			'Ann\uFE0F', // a variation selector after a letter
			'soft\u00ADhyphen',
			'\u3164', // Hangul filler: looks blank
			'\u2800', // braille blank
			'\u0301\u0301', // combining marks only
			'lone\uD800surrogate',
			'tag\u{E0041}',
			'private\uE000use'
		])
			expect([bad, errorOf(nickname(bad))]).toEqual([bad, 'malformed']);
	});

	it('refuses non-text', () => {
		for (const bad of WRONG_TYPES.filter((v) => typeof v !== 'string'))
			expect(nickname(bad).ok).toBe(false);
	});

	it('keeps HTML as plain text (rendering escapes it)', () => {
		expect(nickname('<b>x</b>')).toEqual({ ok: true, value: '<b>x</b>' });
	});
});

describe('create room', () => {
	const create = (raw: unknown) => parseRequest(createRoomSchema, raw);
	const source = { kind: 'units', units: ['ito'] };

	it('fills default settings', () => {
		expect(create({ locale: 'en', source })).toEqual({
			ok: true,
			value: { locale: 'en', source, settings: DEFAULT_SETTINGS }
		});
		expect(create({ locale: 'en', source, settings: { scoring: 'speed' } })).toMatchObject({
			ok: true,
			value: { settings: { ...DEFAULT_SETTINGS, scoring: 'speed' } }
		});
	});

	it('accepts a saved set with generated scenarios', () => {
		const result = create({
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

	it('refuses unknown fields, bad settings, odd ids and hostile values with a 400', () => {
		for (const bad of [
			null,
			[],
			'x',
			{ locale: 'fr', source },
			{ locale: 'en', source, extra: 1 },
			json('{"locale":"en","source":{"kind":"units","units":["ito"]},"__proto__":{"admin":true}}'),
			json('{"locale":"en","source":{"kind":"units","units":["ito"],"__proto__":1}}'),
			{ locale: 'en', source, settings: { secondsPerQuestion: 2 } },
			{ locale: 'en', source, settings: { secondsPerQuestion: 20.5 } },
			json(
				'{"locale":"en","source":{"kind":"units","units":["ito"]},"settings":{"secondsPerQuestion":1e999}}'
			),
			{ locale: 'en', source, settings: { secondsPerQuestion: NaN } },
			{ locale: 'en', source, settings: { secondsPerQuestion: '20' } },
			{ locale: 'en', source, settings: { scoring: 'luck' } },
			{ locale: 'en', source, settings: [] },
			{ locale: 'en', source: { kind: 'units', units: ['../etc/passwd'] } },
			{ locale: 'en', source: { kind: 'units', units: ['x'.repeat(10_000)] } },
			{ locale: 'en', source: { kind: 'units', units: [] } },
			{ locale: 'en', source: { kind: 'units', units: Array(51).fill('ito') } },
			{ locale: 'en', source: { kind: 'units', units: ['ito'], limit: 0 } },
			{ locale: 'en', source: { kind: 'units', units: ['ito'], seed: 2 ** 32 } },
			{ locale: 'en', source: { kind: 'concepts', units: ['ito'] } },
			{ locale: 'en', source: { kind: 'set', items: [] } },
			{ locale: 'en', source: { kind: 'set', items: [{ unit: 'ito', id: 'x', extra: 1 }] } },
			{ locale: 'en', source: { kind: 'set', items: Array(101).fill({ unit: 'ito', id: 'a' }) } },
			{ locale: 'en', source: { kind: 'generated', generated: [] } },
			{
				locale: 'en',
				source: { kind: 'generated', generated: [{ kind: 'mode', seed: -1, count: 1 }] }
			},
			{
				locale: 'en',
				source: { kind: 'generated', generated: [{ kind: 'exec', seed: 1, count: 1 }] }
			},
			{ locale: 'en', source: { kind: 'eval' } },
			...WRONG_TYPES.map((v) => ({ locale: 'en', source: v })),
			...WRONG_TYPES.map((v) => ({ locale: v, source }))
		])
			expect([bad, errorOf(create(bad))]).toEqual([bad, 'malformed']);
	});

	it('names the field in a clear message', () => {
		expect(messageOf(create({ locale: 'en', source, settings: { scoring: 'luck' } }))).toBe(
			'settings.scoring: must be one of "accuracy", "speed".'
		);
		expect(messageOf(create({ locale: 'en', source, extra: 1 }))).toBe('unexpected field "extra".');
		expect(messageOf(create(null))).toBe('Body must be a JSON object.');
		expect(messageOf(create({ locale: 'en', source: { kind: 'units', units: ['A B'] } }))).toBe(
			'source.units.0: must be an id (a-z, 0-9, "-", ".").'
		);
	});
});

describe('join', () => {
	const join = (raw: unknown) => parseRequest(joinSchema, raw);

	it('accepts a PIN with spaces, a rejoin code in any case, an empty code as none', () => {
		// Full-width digits and letters, as a Chinese input method in full-width mode types them.
		expect(join({ pin: '１２３　４５６', nickname: 'Ann', rejoinCode: 'ａｂ３ｃｄ' })).toEqual({
			ok: true,
			value: { pin: '123456', nickname: 'Ann', rejoinCode: 'AB3CD' }
		});
		expect(join({ pin: '123 456', nickname: 'Ann' })).toEqual({
			ok: true,
			value: { pin: '123456', nickname: 'Ann' }
		});
		expect(join({ pin: '123456', nickname: 'Ann', rejoinCode: ' ab3 cd ' })).toEqual({
			ok: true,
			value: { pin: '123456', nickname: 'Ann', rejoinCode: 'AB3CD' }
		});
		expect(join({ pin: '123456', nickname: 'Ann', rejoinCode: '' })).toMatchObject({
			ok: true,
			value: { rejoinCode: undefined }
		});
	});

	it('keys each problem to the field the screens can explain', () => {
		expect(errorOf(join({ pin: '12345', nickname: 'Ann' }))).toBe('malformed');
		expect(errorOf(join({ pin: 123456, nickname: 'Ann' }))).toBe('malformed');
		expect(errorOf(join({ pin: '1'.repeat(100_000), nickname: 'Ann' }))).toBe('malformed');
		expect(errorOf(join({ pin: '123456', nickname: '' }))).toBe('invalid-nickname');
		expect(errorOf(join({ pin: '123456', nickname: 42 }))).toBe('invalid-nickname');
		expect(errorOf(join({ pin: '123456', nickname: 'evil\u202Eman' }))).toBe('invalid-nickname');
		expect(messageOf(join({ pin: '123456', nickname: 'a'.repeat(21) }))).toBe(
			'Nickname is too long (20 characters).'
		);
		for (const code of ['ABC', 'O0O0O', 7, ['ABCDE'], 'ABCDE!'])
			expect(errorOf(join({ pin: '123456', nickname: 'Ann', rejoinCode: code }))).toBe(
				'invalid-rejoin-code'
			);
		expect(errorOf(join({ pin: '123456', nickname: 'Ann', admin: true }))).toBe('malformed');
		expect(errorOf(join(json('{"pin":"123456","nickname":"Ann","__proto__":{}}')))).toBe(
			'malformed'
		);
	});
});

describe('answers', () => {
	const answer = (response: unknown, questionIndex: unknown = 0) =>
		parseRequest(answerSchema, { questionIndex, response });

	it('accepts every response shape', () => {
		for (const response of [
			{ type: 'single', choice: 'b' },
			{ type: 'multiple', choices: ['a', 'c'] },
			{ type: 'truefalse', value: false },
			{ type: 'matching', rightFor: { 0: 1, 1: 0 } },
			{ type: 'classify', values: { mode: 'cross-border' } },
			{ type: 'cloze', text: 'RPO' }
		])
			expect(answer(response).ok).toBe(true);
		expect(answer({ type: 'matching', rightFor: { 0: 1, 3: 2 } })).toEqual({
			ok: true,
			value: { questionIndex: 0, response: { type: 'matching', rightFor: { 0: 1, 3: 2 } } }
		});
	});

	it('refuses wrong shapes, hostile keys and out-of-range numbers', () => {
		for (const response of [
			{ type: 'single' },
			{ type: 'single', choice: '<script>' },
			{ type: 'single', choice: 'b', extra: 1 },
			{ type: 'multiple', choices: ['a', 'a'] },
			{ type: 'multiple', choices: Array.from({ length: 21 }, (_, i) => `o${i}`) },
			{ type: 'truefalse', value: 'yes' },
			{ type: 'matching', rightFor: { x: 1 } },
			{ type: 'matching', rightFor: { 0: 20 } },
			{ type: 'matching', rightFor: { 0: 1.5 } },
			{ type: 'matching', rightFor: [1, 0] },
			json('{"type":"matching","rightFor":{"0":1e999}}'),
			json('{"type":"classify","values":{"__proto__":"x"}}'),
			{ type: 'classify', values: { constructor: 'x' } },
			{ type: 'classify', values: { mode: 'prototype' } },
			{
				type: 'classify',
				values: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'a']))
			},
			{ type: 'cloze', text: 'x'.repeat(201) },
			{ type: 'cloze', text: 42 },
			{ type: 'essay', text: 'hi' },
			{ type: '__proto__' },
			...WRONG_TYPES
		])
			expect([response, errorOf(answer(response))]).toEqual([response, 'malformed']);
		for (const index of [-1, 100, 0.5, '0', null, NaN, Infinity])
			expect(errorOf(answer({ type: 'single', choice: 'b' }, index))).toBe('malformed');
	});
});

describe('host commands', () => {
	const command = (raw: unknown) => parseRequest(commandSchema, raw);

	it('accepts every command name with its fields', () => {
		expect(command({ type: 'start' })).toEqual({ ok: true, value: { type: 'start' } });
		expect(command({ type: 'lock' }).ok).toBe(true);
		expect(command({ type: 'extend', seconds: 15 }).ok).toBe(true);
		expect(command({ type: 'remove', playerId: 'abcdefgh12' }).ok).toBe(true);
	});

	it('refuses unknown names, extra fields and bad values', () => {
		for (const bad of [
			{ type: 'extend', seconds: 0 },
			{ type: 'extend', seconds: 301 },
			{ type: 'extend', seconds: '15' },
			{ type: 'extend' },
			{ type: 'start', secret: 'x' },
			{ type: 'start', seconds: 5 },
			{ type: 'explode' },
			{ type: 'toString' },
			{ type: 'remove', playerId: '<img>' },
			{ type: 'remove', playerId: 'a'.repeat(65) },
			json('{"type":"start","__proto__":{"type":"end"}}'),
			...WRONG_TYPES
		])
			expect([bad, errorOf(command(bad))]).toEqual([bad, 'malformed']);
	});
});

describe('queries', () => {
	const query = (search: string) => queryOf(new URL(`http://x/y${search}`));

	it('parses the events role and the report sheet with their defaults', () => {
		expect(parseRequest(eventsQuerySchema, query(''))).toEqual({
			ok: true,
			value: { role: 'player' }
		});
		expect(parseRequest(eventsQuerySchema, query('?role=host&access_token=x'))).toEqual({
			ok: true,
			value: { role: 'host' }
		});
		expect(errorOf(parseRequest(eventsQuerySchema, query('?role=admin')))).toBe('malformed');
		expect(errorOf(parseRequest(eventsQuerySchema, query('?role=__proto__')))).toBe('malformed');
		expect(parseRequest(reportQuerySchema, query('?sheet=answers'))).toEqual({
			ok: true,
			value: { sheet: 'answers' }
		});
		expect(errorOf(parseRequest(reportQuerySchema, query('?sheet=../../etc')))).toBe('malformed');
	});

	it('takes a Last-Event-ID only when it is a room version', () => {
		expect(lastEventIdSchema.safeParse('42').data).toBe(42);
		for (const bad of ['', '0', '-3', '1.5', 'abc', '1e999', 'NaN', '9'.repeat(30)])
			expect([bad, lastEventIdSchema.safeParse(bad).success]).toEqual([bad, false]);
	});
});
