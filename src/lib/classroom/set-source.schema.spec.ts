import { describe, expect, it } from 'vitest';
import { createRoomSchema, parseRequest } from '$lib/server/classroom/requests';
import { MAX_OWN_ITEM_CHARS } from './set-source.schema';

/** A complete own single-choice item, as the sets editor saves it. */
export const ownSingle = {
	id: 'own-tariff',
	type: 'single',
	lang: 'both',
	part: '',
	concepts: [],
	difficulty: 1,
	stem: { zh: '跨境交付属于哪种模式？', en: 'Cross-border supply is which mode?' },
	explanation: { zh: '模式一。', en: 'Mode 1.' },
	options: [
		{ id: 'a', zh: '模式一', en: 'Mode 1' },
		{ id: 'b', zh: '模式二', en: 'Mode 2' },
		{ id: 'c', zh: '模式三', en: 'Mode 3' }
	],
	answer: 'a'
};

const source = (entries: unknown) => ({ kind: 'entries', entries });
/** Room creation as the server parses it, with `raw` as the source. */
const validateSetSource = (raw: unknown) =>
	parseRequest(createRoomSchema, { locale: 'en', source: raw });
const messageOf = (raw: unknown) => {
	const result = validateSetSource(raw);
	return result.ok ? null : result.error.message;
};

describe('set source (room from a saved set)', () => {
	it('accepts bank refs, drills and own items, in the set order', () => {
		const result = validateSetSource(
			source([
				{ kind: 'own', item: ownSingle },
				{ kind: 'bank', unit: 'ito', id: 'ito-01' },
				{ kind: 'drill', drill: 'mode', seed: 7, count: 2 }
			])
		);
		expect(result.ok).toBe(true);
		if (result.ok)
			expect(
				result.value.source.kind === 'entries' && result.value.source.entries.map((e) => e.kind)
			).toEqual(['own', 'bank', 'drill']);
	});

	it('names the entry and field of a malformed own item', () => {
		const noKey = { ...ownSingle, answer: undefined };
		expect(
			messageOf(
				source([
					{ kind: 'bank', unit: 'u', id: 'i' },
					{ kind: 'own', item: noKey }
				])
			)
		).toMatch(/^source\.entries\.1\.item\.answer: /);
		expect(messageOf(source([{ kind: 'own', item: { ...ownSingle, id: 'ito-01' } }]))).toMatch(
			/entries\.0\.item\.id: must look like own-xxxx/
		);
		expect(messageOf(source([{ kind: 'own', item: { ...ownSingle, options: [] } }]))).toMatch(
			/item\.options/
		);
	});

	it('refuses hostile input with a message, never a throw', () => {
		const hostile: unknown[] = [
			null,
			'entries',
			source([]),
			source('x'),
			source([null]),
			source([{ kind: 'own' }]),
			source([{ kind: 'own', item: 'x'.repeat(10) }]),
			source([
				{
					kind: 'own',
					item: { ...ownSingle, stem: { zh: 'x'.repeat(MAX_OWN_ITEM_CHARS), en: 'y' } }
				}
			]),
			source([{ kind: 'own', item: { ...ownSingle, concepts: Array(5000).fill('c') } }]),
			source([{ kind: 'own', item: JSON.parse('{"__proto__":{"admin":true}}') }]),
			source([{ kind: 'own', item: { ...ownSingle, extra: 1 } }]),
			source([{ kind: 'bank', unit: '../etc', id: 'x' }]),
			source([{ kind: 'drill', drill: 'mode', seed: -1, count: 1 }]),
			source([{ kind: 'drill', drill: 'essay', seed: 1, count: 1 }]),
			source(Array(101).fill({ kind: 'bank', unit: 'u', id: 'i' })),
			{ ...source([{ kind: 'bank', unit: 'u', id: 'i' }]), more: true }
		];
		for (const raw of hostile) {
			const result = validateSetSource(raw);
			expect(result.ok, JSON.stringify(raw)?.slice(0, 80)).toBe(false);
			if (!result.ok) {
				expect(result.error.error).toBe('malformed');
				expect(result.error.message).toMatch(/^source|__proto__/);
			}
		}
		expect(
			messageOf(source([{ kind: 'own', item: { ...ownSingle, concepts: Array(5000).fill('c') } }]))
		).toMatch(/larger than 8000 characters/);
	});

	it('names the entry and field of a bad own item', () => {
		const bad = validateSetSource(source([{ kind: 'own', item: { ...ownSingle, answer: 7 } }]));
		expect(bad.ok ? null : bad.error.message).toMatch(/entries\.0\.item\.answer/);
	});
});
