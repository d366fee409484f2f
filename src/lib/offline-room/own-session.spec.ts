import { describe, expect, it } from 'vitest';
import { loadIndex, loadUnit } from '$lib/bank/loader';
import { packJson } from '$lib/sets/compact-json';
import type { OwnItem } from '$lib/sets/own-item';
import { base45Decode, base45Encode, ByteWriter, hash16 } from './bytes';
import { CodeError, type CodeProblem } from './code-error';
import {
	decodeSession,
	encodeSession,
	OWN_ITEMS_VERSION,
	type OfflineSession,
	type QuestionRef
} from './session-code';
import { resolveSessionItems, setQuestionRefs } from './session-items';

const KEY = Uint8Array.from([9, 8, 7, 6, 5, 4]);

/** An own item of each language mode, as the sets editor saves them. */
function ownItem(n: number, lang: 'zh' | 'en' | 'both'): OwnItem {
	const zh = `第${n}题：外包服务提供商把客户的呼叫中心设在菲律宾，这属于哪种服务贸易提供方式？`;
	const en = `Question ${n}: an outsourcing provider runs a client's call centre from the Philippines. Which mode of supply is it?`;
	const text = (z: string, e: string) =>
		lang === 'both' ? { zh: z, en: e } : lang === 'zh' ? { zh: z, en: z } : { zh: e, en: e };
	return {
		id: `own-q${n}`,
		type: 'single',
		lang,
		part: '',
		concepts: [],
		difficulty: 2,
		stem: text(zh, en),
		explanation: text('跨境交付：服务从一国境内向另一国境内提供。', 'Cross-border supply.'),
		options: [
			{ id: 'a', ...text('跨境交付', 'Cross-border supply') },
			{ id: 'b', ...text('境外消费', 'Consumption abroad') },
			{ id: 'c', ...text('商业存在', 'Commercial presence') },
			{ id: 'd', ...text('自然人移动', 'Movement of natural persons') }
		],
		answer: 'a'
	};
}

async function twentyWithFiveOwn(lang: 'zh' | 'en' | 'both'): Promise<OfflineSession> {
	const index = await loadIndex();
	const unit = await loadUnit(index.units[1].id, 'en');
	const bank = unit.items
		.slice(0, 13)
		.map((i) => ({ kind: 'bank' as const, unit: i.unit, id: i.id }));
	const own = [1, 2, 3, 4, 5].map((n) => ({ kind: 'own' as const, item: ownItem(n, lang) }));
	return {
		key: KEY,
		secondsPerQuestion: 30,
		scoring: 'accuracy',
		questions: setQuestionRefs([
			...bank.slice(0, 6),
			...own.slice(0, 2),
			{ kind: 'drill', drill: 'mode', seed: 42, count: 2 },
			...bank.slice(6),
			...own.slice(2)
		])
	};
}

async function problemOf(run: () => unknown): Promise<CodeProblem | null> {
	try {
		await run();
		return null;
	} catch (error) {
		return error instanceof CodeError ? error.problem : null;
	}
}

/** A version-2 session code around hand-made own-item bytes (for the bad cases). */
function withOwnBlock(block: Uint8Array, slot = 0): string {
	const w = new ByteWriter().u8(OWN_ITEMS_VERSION).u8(0).varint(20).raw(KEY);
	w.u8(0).varint(1).u8(0xf1).varint(slot).varint(block.length).raw(block);
	const body = w.finish();
	w.u16(hash16(String.fromCharCode(...body)));
	return 'STAS' + base45Encode(w.finish());
}

describe('offline session with the instructor’s own items', () => {
	it('round-trips a set in its order, own items whole, and the phone asks them', async () => {
		const session = await twentyWithFiveOwn('both');
		const decoded = decodeSession(encodeSession(session));
		expect(decoded.questions).toEqual(session.questions);
		const zh = await resolveSessionItems(decoded.questions, 'zh-CN');
		expect(zh).toHaveLength(20);
		expect(zh[6].id).toBe('own-q1');
		expect(zh[6].stem).toMatch(/^第1题/);
		const en = await resolveSessionItems(decoded.questions, 'en');
		expect(en[19].stem).toMatch(/^Question 5/);
		expect(en[19].type === 'single' && en[19].answer).toBe('a');
	});

	it('keeps sessions without own items at version 1 (older phones still read them)', async () => {
		const session = await twentyWithFiveOwn('zh');
		const bankOnly = { ...session, questions: session.questions.filter((q) => q.kind !== 'own') };
		expect(base45Decode(encodeSession(bankOnly).slice(4))[0]).toBe(1);
		expect(base45Decode(encodeSession(session).slice(4))[0]).toBe(OWN_ITEMS_VERSION);
	});

	it('prints the session size for 20 questions with 5 own items', async () => {
		for (const lang of ['zh', 'en', 'both'] as const) {
			const session = await twentyWithFiveOwn(lang);
			const qr = encodeSession(session);
			const none = encodeSession({
				...session,
				questions: session.questions.filter((q) => q.kind !== 'own')
			});
			const json = JSON.stringify(
				session.questions.flatMap((q: QuestionRef) => (q.kind === 'own' ? [q.item] : []))
			);
			console.log(
				`20 questions, 5 own (${lang}): session QR ${qr.length} chars (${none.length} without the own ` +
					`items; their JSON is ${new TextEncoder().encode(json).length} bytes)`
			);
			// QR version 40-L holds 4,296 alphanumeric characters.
			expect(qr.length).toBeLessThan(4296);
		}
	});

	it('refuses damaged or hostile own items with a clear reason', async () => {
		const good = encodeSession(await twentyWithFiveOwn('zh'));
		const bomb = (await import('fflate')).deflateSync(new Uint8Array(2_000_000).fill(32));
		const cases: [string, () => unknown, CodeProblem][] = [
			['cut short', () => decodeSession(good.slice(0, good.length - 30)), 'truncated'],
			[
				'not deflate',
				() => decodeSession(withOwnBlock(Uint8Array.from([0xff, 0xff, 0xff]))),
				'corrupt'
			],
			['a zip bomb', () => decodeSession(withOwnBlock(bomb)), 'corrupt'],
			[
				'slot past the list',
				() => decodeSession(withOwnBlock(packJson([ownItem(1, 'en')]), 3)),
				'corrupt'
			],
			['not a list', () => decodeSession(withOwnBlock(packJson({ a: 1 }))), 'corrupt'],
			[
				'an item the schema refuses',
				() =>
					resolveSessionItems(
						decodeSession(withOwnBlock(packJson([{ ...ownItem(1, 'en'), answer: 'z' }]))).questions,
						'en'
					),
				'corrupt'
			],
			[
				'a hostile object',
				() =>
					resolveSessionItems(
						decodeSession(withOwnBlock(packJson([JSON.parse('{"__proto__":{"x":1}}')]))).questions,
						'en'
					),
				'corrupt'
			]
		];
		for (const [name, run, problem] of cases) expect(await problemOf(run), name).toBe(problem);
	});
});
