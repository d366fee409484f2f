import type { Rng } from './random';

/**
 * Mutated and malformed backup files for figure 3: each is a byte string as a learner might pick
 * it in the file chooser, with the kind of damage named. Pure: the same seed gives the same files.
 */
export interface MutatedFile {
	kind: MutationKind;
	bytes: Uint8Array;
}

export const MUTATION_KINDS = [
	'truncated',
	'wrong type',
	'missing field',
	'huge',
	'deeply nested',
	'other app',
	'other encoding',
	'random bytes',
	'byte flips',
	'evil keys',
	'evil values'
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Files other software writes that a learner could pick by mistake. */
export const OTHER_APPS: readonly string[] = [
	'{"name":"my-app","version":"1.0.0","dependencies":{}}',
	'{"notes":[{"guid":"x","fields":["front","back"]}],"deck":"Anki"}',
	'{"set":{"title":"Quizlet"},"terms":[{"term":"a","definition":"b"}]}',
	'{"kahoot":{"title":"Trade","questions":[{"question":"?","choices":[]}]}}',
	'{"format":"kahoot","version":1,"questions":[]}',
	'{"format":"services-trade-academy-set","version":1,"items":[]}',
	'{"format":"services-trade-academy-progress"}',
	'[1,2,3]',
	'null',
	'42',
	'true',
	'"services-trade-academy-progress"',
	'',
	'{}'
];

/** Values of every JSON type and a few that guards often miss (empty, huge, negative, NaN-ish). */
const ODD_VALUES: readonly unknown[] = [
	null,
	0,
	-1,
	1e308,
	-1e308,
	8.64e15 + 1,
	1.5,
	'',
	'x',
	'NaN',
	'Infinity',
	'2026-11-01',
	true,
	false,
	[],
	[null],
	{},
	{ a: 1 }
];

/** A path to one value inside `value`, chosen uniformly among all nodes (root excluded). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
	if (typeof value !== 'object' || value === null) return [];
	const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
	return keys.flatMap((k) => {
		const child = (value as Record<string | number, unknown>)[k];
		return [[...prefix, k], ...paths(child, [...prefix, k])];
	});
}

/** `value` with the node at `path` replaced (`replace` returns the new node) or removed. */
function edit(
	value: unknown,
	path: readonly (string | number)[],
	replace: ((old: unknown) => unknown) | 'remove'
): unknown {
	if (path.length === 0) return replace === 'remove' ? undefined : replace(value);
	const [head, ...rest] = path;
	if (Array.isArray(value)) {
		const copy = [...value];
		if (rest.length === 0 && replace === 'remove') copy.splice(head as number, 1);
		else copy[head as number] = edit(copy[head as number], rest, replace);
		return copy;
	}
	const copy = { ...(value as Record<string, unknown>) };
	if (rest.length === 0 && replace === 'remove') delete copy[head as string];
	else copy[head as string] = edit(copy[head as string], rest, replace);
	return copy;
}

/** JSON text with `key` spliced in as an own member of the object at `path` ("__proto__" too). */
function withRawKey(
	valid: string,
	data: unknown,
	path: (string | number)[],
	key: string,
	member: string
) {
	// JSON.stringify cannot write an own "__proto__" member (assignment sets the prototype), so the
	// member is written into the text: the object at `path` is re-serialised with it first.
	const target = path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], data);
	if (typeof target !== 'object' || target === null || Array.isArray(target)) return valid;
	const marked = edit(data, path, (old) => ({ fuzzmarker7f3a: 0, ...(old as object) }));
	return JSON.stringify(marked).replace('"fuzzmarker7f3a":0', `${JSON.stringify(key)}:${member}`);
}

const EVIL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/**
 * One damaged file made from `valid` (a serialised backup of this app with at least one attempt,
 * one item state and one saved flow). Each kind is equally likely. `scale` shrinks the huge and
 * deeply nested files (1: megabytes and up to 200,000 levels; unit tests use less).
 */
export function mutateBackup(valid: string, rng: Rng, scale = 1): MutatedFile {
	const kind = rng.pick(MUTATION_KINDS);
	return { kind, bytes: MUTATORS[kind](valid, rng, scale) };
}

const MUTATORS: Record<MutationKind, (valid: string, rng: Rng, scale: number) => Uint8Array> = {
	truncated: (v, rng) => utf8(v.slice(0, rng.int(v.length))),
	'wrong type': (v, rng) => {
		const data = JSON.parse(v) as unknown;
		const all = paths(data);
		const path = rng.pick(all);
		return utf8(
			JSON.stringify(edit(data, path, (old) => rng.pick(ODD_VALUES.filter((o) => o !== old))))
		);
	},
	'missing field': (v, rng) => {
		const data = JSON.parse(v) as unknown;
		return utf8(JSON.stringify(edit(data, rng.pick(paths(data)), 'remove')));
	},
	huge: (v, rng, scale) => {
		const data = JSON.parse(v) as Record<string, unknown>;
		const which = rng.int(3);
		if (which === 0)
			return utf8(JSON.stringify({ ...data, settings: 'x'.repeat(Math.ceil(4_000_000 * scale)) }));
		if (which === 1)
			return utf8(
				JSON.stringify({
					...data,
					attempts: Array.from({ length: Math.ceil(50_000 * scale) }, (_, i) => ({
						id: `h${i}`,
						at: i
					}))
				})
			);
		// A valid-looking id of a few megabytes on an otherwise valid attempt.
		const attempts = data.attempts as Record<string, unknown>[];
		return utf8(
			JSON.stringify({
				...data,
				attempts: [{ ...attempts[0], id: 'i'.repeat(Math.ceil(3_000_000 * scale)) }]
			})
		);
	},
	'deeply nested': (v, rng, scale) => {
		const depth = 1000 + rng.int(Math.ceil(200_000 * scale));
		const at = rng.pick(['settings', 'itemStates', 'flows']);
		const data = JSON.parse(v) as Record<string, unknown>;
		const text = JSON.stringify({ ...data, [at]: 0 });
		return utf8(text.replace(`"${at}":0`, `"${at}":${'['.repeat(depth)}${']'.repeat(depth)}`));
	},
	'other app': (_, rng) => utf8(rng.pick(OTHER_APPS)),
	'other encoding': (v, rng) => {
		const which = rng.int(4);
		if (which === 0 || which === 1) {
			// UTF-16 with its BOM, little or big endian (Windows "Unicode" save).
			const out = new Uint8Array(2 + v.length * 2);
			const le = which === 0;
			out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
			for (let i = 0; i < v.length; i++) {
				const unit = v.charCodeAt(i);
				out[2 + i * 2 + (le ? 0 : 1)] = unit & 0xff;
				out[2 + i * 2 + (le ? 1 : 0)] = unit >> 8;
			}
			return out;
		}
		if (which === 2) {
			// GBK-like double bytes where Chinese text was (a file re-saved by an old editor).
			const bytes = utf8(v.replace(/"unit":"/, '"unit":"服务贸易'));
			return bytes.map((b) => (b >= 0x80 ? 0xb0 + (b & 0x3f) : b));
		}
		// Latin-1 bytes of a UTF-8 file decoded the wrong way and saved again (mojibake).
		const mojibake = [...utf8(v.replace(/"unit":"/, '"unit":"贸易'))]
			.map((b) => String.fromCharCode(b))
			.join('');
		return utf8(mojibake);
	},
	'random bytes': (_, rng) => Uint8Array.from({ length: 1 + rng.int(4000) }, () => rng.int(256)),
	'byte flips': (v, rng) => {
		const bytes = utf8(v);
		for (let n = 1 + rng.int(6); n > 0; n--) bytes[rng.int(bytes.length)] = rng.int(256);
		return bytes;
	},
	'evil keys': (v, rng) => {
		const data = JSON.parse(v) as Record<string, unknown>;
		const objects = [[] as (string | number)[], ...paths(data)].filter((p) => {
			const node = p.reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], data);
			return typeof node === 'object' && node !== null && !Array.isArray(node);
		});
		const path = rng.pick(objects);
		const key = rng.pick(EVIL_KEYS);
		// The member: a copy of a sibling (so it passes shallow checks) or a polluting object.
		const states = data.itemStates as Record<string, Record<string, unknown>>;
		const firstUnit = Object.values(states)[0] ?? {};
		const firstState = Object.values(firstUnit)[0] ?? {};
		const members = [
			'{"polluted":true}',
			JSON.stringify(firstUnit),
			JSON.stringify({ ...firstState, itemId: key }),
			'null'
		];
		// Item states keyed by an evil unit id are the case a shallow check misses most.
		if (rng.next() < 0.4)
			return utf8(withRawKey(v, data, ['itemStates'], key, JSON.stringify(firstUnit)));
		return utf8(withRawKey(v, data, path, key, rng.pick(members)));
	},
	'evil values': (v, rng) => {
		const data = JSON.parse(v) as Record<string, unknown[]>;
		const attempt = data.attempts[0] as Record<string, unknown>;
		const field = rng.pick(['id', 'itemId', 'unit', 'at', 'ms', 'tz', 'fraction', 'flow']);
		const value = rng.pick([
			'__proto__',
			'constructor',
			'a'.repeat(100_000),
			'\ud800',
			'<img src=x onerror=alert(1)>',
			'../../etc/passwd',
			8.64e15 + 1,
			-8.64e15 - 1,
			Number.MAX_SAFE_INTEGER,
			-0,
			1e-300,
			841,
			'\u0000',
			'lesson:__proto__'
		]);
		return utf8(
			JSON.stringify({
				...data,
				attempts: [{ ...attempt, [field]: value }, ...data.attempts.slice(1)]
			})
		);
	}
};

/**
 * Bytes → text as the app's file chooser reads them (`File.text()`: UTF-8 decode, a leading BOM
 * dropped, invalid sequences replaced by U+FFFD), so the Node run sees what the page would.
 */
export const decodeAsBrowser = (bytes: Uint8Array): string =>
	new TextDecoder('utf-8').decode(bytes);
