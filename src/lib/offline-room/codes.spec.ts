import { describe, expect, it } from 'vitest';
import { loadIndex, loadUnit } from '$lib/bank/loader';
import type { Item, Response } from '$lib/bank/types';
import { base32Decode, base32Encode, base45Decode, base45Encode, hash16 } from './bytes';
import { CodeError, type CodeProblem } from './code-error';
import { collect, emptyCollection, type Collection } from './collector';
import { offlineReport } from './offline-report';
import {
	decodeResultBytes,
	encodeResult,
	encodeResultBytes,
	PART_BYTES,
	type OfflineResult
} from './result-code';
import {
	bankTag,
	codeKind,
	decodeSession,
	decodeTypedCode,
	encodeSession,
	encodeTypedCode,
	recipeQuestions,
	RECIPE_VERSION,
	sessionFromRecipe,
	type SessionRecipe
} from './session-code';
import { generateDrill } from '$lib/bank/generators';
import { DRILL_KINDS } from '$lib/bank/generators/kinds';
import { SECONDS_PER_QUESTION } from '$lib/classroom/protocol';
import { presentItem } from '$lib/answering/option-order';
import { scoreItem } from '$lib/answering/scoring';
import { LOCALES } from '$lib/bank/types';
import {
	classOrderSeed,
	markingItems,
	resolveSessionItems,
	sessionFromCode
} from './session-items';

const KEY = Uint8Array.from([1, 2, 3, 4, 5, 6]);
const OTHER_KEY = Uint8Array.from([6, 5, 4, 3, 2, 1]);

async function recipe(bankCount: number, generatedCount = 0): Promise<SessionRecipe> {
	const index = await loadIndex();
	return {
		key: KEY,
		secondsPerQuestion: 20,
		scoring: 'speed',
		bank: bankTag(index),
		unitMask: (1 << index.units.length) - 1,
		bankCount,
		generatedCount
	};
}

async function sessionOf(bankCount: number, generatedCount = 0) {
	const index = await loadIndex();
	const session = sessionFromRecipe(await recipe(bankCount, generatedCount), index);
	return { session, items: await resolveSessionItems(session.questions, 'en', index) };
}

/** A plausible answer to each item: the key for even questions, something else for odd ones. */
function answerAll(items: readonly Item[]): OfflineResult['answers'] {
	return items.map((item, i) => {
		const right = i % 2 === 0;
		let response: Response;
		switch (item.type) {
			case 'single':
				response = {
					type: 'single',
					choice: right ? item.answer : item.options.find((o) => o.id !== item.answer)!.id
				};
				break;
			case 'multiple':
				// In option order: that is how a result decodes (the order of choices carries nothing).
				response = {
					type: 'multiple',
					choices: right
						? item.options.filter((o) => item.answer.includes(o.id)).map((o) => o.id)
						: [item.options[0].id]
				};
				break;
			case 'truefalse':
				response = { type: 'truefalse', value: right ? item.answer : !item.answer };
				break;
			case 'matching':
				response = {
					type: 'matching',
					rightFor: Object.fromEntries(
						item.pairs.map((_, p) => [p, right ? p : (p + 1) % item.pairs.length])
					)
				};
				break;
			case 'classify':
				response = {
					type: 'classify',
					values: Object.fromEntries(
						item.dimensions.map((d) => [
							d.family,
							right ? d.answer : d.options.find((o) => o.id !== d.answer)!.id
						])
					)
				};
				break;
			case 'cloze':
				response = { type: 'cloze', text: right ? item.accept[0] : '服务贸易 wrong' };
		}
		return i % 7 === 6 ? null : { response, ms: 1000 + i * 300 };
	});
}

const problemOf = async (run: () => unknown): Promise<CodeProblem | 'none'> => {
	try {
		await run();
		return 'none';
	} catch (error) {
		if (error instanceof CodeError) return error.problem;
		throw error;
	}
};

describe('Base45 (RFC 9285 examples) and Base32', () => {
	it('matches the RFC test vectors', () => {
		const text = (s: string) => new TextEncoder().encode(s);
		expect(base45Encode(text('AB'))).toBe('BB8');
		expect(base45Encode(text('Hello!!'))).toBe('%69 VD92EX0');
		expect(base45Encode(text('base-45'))).toBe('UJCLQE7W581');
		expect(new TextDecoder().decode(base45Decode('QED8WEX0'))).toBe('ietf!');
		expect(() => base45Decode('GGW')).toThrow(); // 65535 < value: out of range
	});

	it('round-trips every byte through Base32 and forgives typing slips', () => {
		const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
		expect([...base32Decode(base32Encode(bytes))]).toEqual([...bytes]);
		const code = base32Encode(Uint8Array.from([0, 1, 2, 250]));
		expect([...base32Decode(code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l'))]).toEqual([
			0, 1, 2, 250
		]);
	});
});

describe('session codes', () => {
	it('round-trips the QR and the typed code to the same questions', async () => {
		const index = await loadIndex();
		const r = await recipe(12, 3);
		const session = sessionFromRecipe(r, index);
		const text = encodeSession(session);
		expect(text).toMatch(/^STAS[0-9A-Z $%*+\-./:]+$/);
		expect(decodeSession(text)).toEqual(session);
		const typed = encodeTypedCode(r);
		expect(decodeTypedCode(typed)).toEqual({
			...r,
			version: RECIPE_VERSION,
			generator: 'supply-mode'
		});
		expect(sessionFromCode(typed, index)).toEqual(session);
		expect(sessionFromCode(text, index)).toEqual(session);
		expect(typed.replace(/-/g, '')).toHaveLength(29);
		expect(session.questions.at(-1)).toMatchObject({ generator: 'supply-mode', count: 3 });
	});

	it('a typed code asks the drill kind the instructor chose, as the QR does', async () => {
		const index = await loadIndex();
		for (const generator of DRILL_KINDS) {
			const r = { ...(await recipe(2, 5)), generator };
			const fromQr = decodeSession(encodeSession(sessionFromRecipe(r, index)));
			const fromTyped = sessionFromCode(encodeTypedCode(r), index);
			expect(fromTyped).toEqual(fromQr);
			expect(fromTyped.questions.at(-1)).toMatchObject({ kind: 'generated', generator, count: 5 });
		}
		// The longest code (two-byte seconds) still fits the typed-code shape.
		const long = encodeTypedCode({
			...(await recipe(2, 5)),
			secondsPerQuestion: SECONDS_PER_QUESTION.max
		});
		expect(codeKind(long)).toBe('typed');
	});

	it('reads a typed code of version 2 as it was made: its scenarios from supply-mode', async () => {
		const index = await loadIndex();
		const old = { ...(await recipe(2, 3)), version: 2 };
		const typed = encodeTypedCode(old);
		expect(typed.replace(/-/g, '')).toHaveLength(28);
		expect(decodeTypedCode(typed)).toEqual(old);
		expect(sessionFromCode(typed, index).questions.at(-1)).toMatchObject({
			generator: 'supply-mode'
		});
	});

	it('reads a typed code of version 1 as it was made: its scenarios from the retired mode drill', async () => {
		const index = await loadIndex();
		const old = { ...(await recipe(2, 3)), version: 1 };
		const typed = encodeTypedCode(old);
		expect(decodeTypedCode(typed)).toEqual(old);
		const session = sessionFromCode(typed, index);
		expect(session.questions.at(-1)).toMatchObject({ kind: 'generated', generator: 'mode' });
		const items = await resolveSessionItems(session.questions, 'en', index);
		// The retired drill's items, unchanged: two questions in one item where a direction exists.
		expect(items.slice(2).map((i) => i.id)).toEqual(
			generateDrill({
				kind: 'mode',
				seed: (session.questions.at(-1) as { seed: number }).seed,
				count: 3,
				locale: 'en'
			}).map((i) => i.id)
		);
		// A phone older than version 2 says so instead of asking other questions.
		expect(() => decodeTypedCode(encodeTypedCode({ ...old, version: RECIPE_VERSION + 1 }))).toThrow(
			expect.objectContaining({ problem: 'newer-version' })
		);
	});

	it(
		'resolves to the same items in both languages, with one option order for the class',
		{ timeout: 30_000 },
		async () => {
			const { session, items } = await sessionOf(8, 2);
			const zh = await resolveSessionItems(session.questions, 'zh-CN');
			expect(zh.map((i) => i.id)).toEqual(items.map((i) => i.id));
			expect(items).toHaveLength(10);
			// One option order for the class, from the key: the same on every screen, another
			// session's differs.
			const seed = classOrderSeed(session.key);
			expect(seed).toBe(classOrderSeed(Uint8Array.from(session.key)));
			expect(seed).not.toBe(classOrderSeed(OTHER_KEY));
			// Option ids in the order shown: identical whatever the phone's language.
			const ids = (item: Item) => {
				const shown = presentItem(item, seed).item;
				if (shown.type === 'single' || shown.type === 'multiple')
					return shown.options.map((o) => o.id);
				if (shown.type === 'classify')
					return shown.dimensions.flatMap((d) => d.options.map((o) => o.id));
				return [];
			};
			expect(zh.map(ids)).toEqual(items.map(ids));
		}
	);

	it('every item and unit id has its own tag within the bank (refs are unambiguous)', async () => {
		const index = await loadIndex();
		expect(new Set(index.units.map((u) => hash16(u.id))).size).toBe(index.units.length);
		for (const unit of index.units) {
			const tags = unit.items.map((i) => hash16(i.id));
			expect(new Set(tags).size, unit.id).toBe(tags.length);
		}
		const content = await loadUnit(index.units[0].id, 'en');
		expect(content.items.length).toBeGreaterThan(0);
	});

	it('refuses every kind of bad session code with its reason', async () => {
		const index = await loadIndex();
		const r = await recipe(5);
		const text = encodeSession(sessionFromRecipe(r, index));
		const typed = encodeTypedCode(r);
		const flip = (s: string, at: number) =>
			s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
		const cases: [string, () => unknown, CodeProblem][] = [
			['another app', () => decodeSession('https://example.com/'), 'not-a-code'],
			['a result code', () => decodeSession('STAR0000'), 'wrong-kind'],
			['truncated QR', () => decodeSession(text.slice(0, text.length - 6)), 'truncated'],
			['cut mid-pair', () => decodeSession(text.slice(0, 4 + 7)), 'truncated'],
			['tampered QR', () => decodeSession(flip(text, 20)), 'corrupt'],
			['typed typo', () => decodeTypedCode(flip(typed, 12)), 'corrupt'],
			['typed too short', () => decodeTypedCode(typed.slice(0, 10)), 'truncated'],
			['typed half', () => decodeTypedCode(typed.slice(0, 24)), 'truncated'],
			[
				'newer version',
				() => decodeSession('STAS' + base45Encode(Uint8Array.from([3, 0, 20]))),
				'newer-version'
			],
			[
				'other bank',
				() => recipeQuestions({ ...r, bank: (r.bank + 1) & 0xffff }, index),
				'bank-mismatch'
			],
			[
				'unknown item',
				() =>
					resolveSessionItems(
						[{ kind: 'bank', unit: hash16(index.units[0].id), item: hash16('no-such-item') }],
						'en'
					),
				'unknown-items'
			]
		];
		for (const [name, run, problem] of cases) expect(await problemOf(run), name).toBe(problem);
	});
});

describe('result codes', () => {
	it('round-trips a result, in any language of the items', { timeout: 30_000 }, async () => {
		const { session, items } = await sessionOf(20, 5);
		const result: OfflineResult = {
			studentId: '0a1b2c3d',
			nickname: '小明 Ming',
			answers: answerAll(items)
		};
		const bytes = await encodeResultBytes(result, session.key, items);
		const zh = await resolveSessionItems(session.questions, 'zh-CN');
		expect(await decodeResultBytes(bytes, session.key, zh)).toEqual(result);
	});

	it('splits a large result over several codes and joins them in any order', async () => {
		const { session, items } = await sessionOf(50, 30);
		const result: OfflineResult = {
			studentId: 'deadbeef',
			nickname: 'Ann',
			answers: answerAll(items)
		};
		const codes = await encodeResult(result, session.key, items);
		expect(codes.length).toBeGreaterThan(1);
		let state: Collection = emptyCollection();
		const outcomes = [];
		for (const code of [...codes].reverse()) {
			const step = await collect(state, code, session.key, items);
			state = step.state;
			outcomes.push(step.outcome.kind);
		}
		expect(outcomes.at(-1)).toBe('collected');
		expect(outcomes.slice(0, -1).every((k) => k === 'part')).toBe(true);
		expect(state.results).toEqual([result]);
	});

	it('prints the code sizes for 20- and 50-question quizzes', async () => {
		for (const n of [20, 50]) {
			const { session, items } = await sessionOf(n);
			const qr = encodeSession(session);
			const result = { studentId: '01234567', nickname: '王小明', answers: answerAll(items) };
			const bytes = await encodeResultBytes(result, session.key, items);
			const codes = await encodeResult(result, session.key, items);
			console.log(
				`${n} questions: session ${qr.length} QR chars (${Math.ceil(((qr.length - 4) * 2) / 3)} bytes), ` +
					`typed code ${encodeTypedCode(await recipe(n)).length} chars; ` +
					`result ${bytes.length} bytes in ${codes.length} QR code(s) of ${codes.map((c) => c.length).join('+')} chars`
			);
			expect(codes.length).toBe(Math.ceil(bytes.length / PART_BYTES));
		}
	});

	it('refuses other-session, tampered, truncated, duplicate and newer codes without changing anything', async () => {
		const { session, items } = await sessionOf(5);
		const ann: OfflineResult = {
			studentId: '11111111',
			nickname: 'Ann',
			answers: answerAll(items)
		};
		const [code] = await encodeResult(ann, session.key, items);
		const [foreign] = await encodeResult(ann, OTHER_KEY, items);
		let state = emptyCollection();
		const first = await collect(state, code, session.key, items);
		expect(first.outcome.kind).toBe('collected');
		state = first.state;

		// Another student's code with one answer byte changed.
		const bob: OfflineResult = {
			studentId: '22222222',
			nickname: 'Bob',
			answers: answerAll(items)
		};
		const bobBytes = await encodeResultBytes(bob, session.key, items);
		const frame = (bytes: Uint8Array, version = 1, length = bytes.length) =>
			'STAR' +
			base45Encode(Uint8Array.from([version, 0, 1, 0, length, 0x22, 0x22, 0x22, 0x22, ...bytes]));
		const altered = Uint8Array.from(bobBytes);
		altered[bobBytes.length - 12] ^= 1;
		const renamed = Uint8Array.from(bobBytes);
		renamed[8] ^= 0x20; // the first letter of the nickname: 'B' → 'b'

		const cases: [string, string, string][] = [
			['re-scan', code, 'duplicate'],
			['other session', foreign, 'other-session'],
			['tampered answer', frame(altered), 'tampered'],
			['tampered nickname', frame(renamed), 'tampered'],
			['truncated', 'STAR' + base45Encode(base45Decode(code.slice(4)).slice(0, -6)), 'truncated'],
			['cut in the check value', frame(bobBytes.slice(0, -3), 1, bobBytes.length), 'truncated'],
			['check value cut, length fixed', frame(bobBytes.slice(0, -3)), 'tampered'],
			['newer version', frame(bobBytes, 2), 'newer-version'],
			['a session code', encodeSession(session), 'wrong-kind'],
			['not ours', 'WIFI:S:guest;;', 'not-a-code']
		];
		for (const [name, text, expected] of cases) {
			const step = await collect(state, text, session.key, items);
			const got = step.outcome.kind === 'rejected' ? step.outcome.problem : step.outcome.kind;
			expect(got, name).toBe(expected);
			expect(step.state.results, name).toEqual(state.results);
		}
		expect((await collect(state, frame(bobBytes), session.key, items)).outcome.kind).toBe(
			'collected'
		);
	});

	it('reports what the phones answered, as the live classroom does', async () => {
		const { session, items } = await sessionOf(4, 1);
		const right = answerAll(items).map((a, i) => (i % 2 === 0 ? a : null));
		const results: OfflineResult[] = [
			{ studentId: '00000001', nickname: 'Ann', answers: right },
			{ studentId: '00000002', nickname: 'Bob', answers: items.map(() => null) }
		];
		const report = offlineReport({ ...session, scoring: 'accuracy' }, items, results, {
			true: 'True',
			false: 'False'
		});
		expect(
			report.students.map((s) => [s.nickname, s.correct, s.answered, s.points, s.rank])
		).toEqual([
			['Ann', 3, 3, 3000, 1],
			['Bob', 0, 0, 0, 2]
		]);
		expect(report.questions.map((q) => q.answered)).toEqual([1, 0, 1, 0, 1]);
	});

	it('marks a typed answer in whichever language the phone showed (cloze accepts both)', async () => {
		const index = await loadIndex();
		// Every cloze item in the bank, as one session.
		const refs = index.units.flatMap((unit) =>
			unit.items
				.filter((i) => i.type === 'cloze')
				.map((i) => ({ kind: 'bank' as const, unit: hash16(unit.id), item: hash16(i.id) }))
		);
		expect(refs.length).toBeGreaterThan(10);
		for (const phone of LOCALES)
			for (const reader of LOCALES) {
				const shownOnPhone = await resolveSessionItems(refs, phone, index);
				const marking = await markingItems(refs, reader, index);
				const typed = shownOnPhone.map((item) => (item.type === 'cloze' ? item.accept[0] : ''));
				const wrong = marking.filter(
					(item, i) => !scoreItem(item, { type: 'cloze', text: typed[i] }).correct
				);
				expect(
					wrong.map((i) => i.id),
					`${phone} phone, ${reader} report`
				).toEqual([]);
				// The key shown stays in the reader's language.
				const own = await resolveSessionItems(refs, reader, index);
				expect(marking.map((i) => (i.type === 'cloze' ? i.accept[0] : ''))).toEqual(
					own.map((i) => (i.type === 'cloze' ? i.accept[0] : ''))
				);
			}
	});
});
