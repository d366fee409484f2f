/**
 * Body reading on both servers: an oversized body is refused with 413 without the request (and so
 * the socket) being destroyed before the answer is written. The over-the-wire cases run in
 * node-routes.spec.ts; these pin the mechanism, which a race on a loaded machine can hide there.
 */
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClassroomError } from './errors';
import { ParseCache, readBody, readBytes, type ApiRequest } from './http';
import { answerSchema } from './requests';
import { nodeRequest } from './node-routes';

/** A request whose body counts the chunks read from it. */
function counted(declared: number | null, chunks: number, chunkBytes = 16 * 1024) {
	const seen = { reads: 0 };
	const request: ApiRequest = {
		header: (name) => (name === 'content-length' && declared !== null ? String(declared) : null),
		url: new URL('http://localhost/'),
		body: (async function* () {
			for (let i = 0; i < chunks; i++) {
				seen.reads++;
				yield new Uint8Array(chunkBytes);
			}
		})()
	};
	return { request, seen };
}

const code = (error: unknown) => (error as ClassroomError).code;

describe('readBytes', () => {
	it('refuses a body declared far past the limit before reading a byte of it', async () => {
		const { request, seen } = counted(3 * 1024 * 1024, 192);
		await expect(readBytes(request, 4096).catch(code)).resolves.toBe('too-large');
		expect(seen.reads).toBe(0);
	});

	it('reads and throws away a body a little over the limit, then refuses it', async () => {
		const { request, seen } = counted(null, 8);
		await expect(readBytes(request, 4096).catch(code)).resolves.toBe('too-large');
		expect(seen.reads).toBe(8);
	});

	it('returns a body within the limit, and null for none', async () => {
		const { request } = counted(null, 1, 100);
		expect((await readBytes(request, 4096))?.byteLength).toBe(100);
		expect(await readBytes({ ...request, body: null }, 4096)).toBeNull();
	});
});

describe('a node:http request body', () => {
	it('past the drain limit: 413, the request left alive and its rest discarded', async () => {
		const client = new PassThrough();
		const req = Object.assign(client, {
			headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
			httpVersionMajor: 1,
			url: '/'
		}) as unknown as IncomingMessage;
		const reading = readBytes(nodeRequest(req), 4096).catch(code);
		const chunk = Buffer.alloc(64 * 1024);
		for (let i = 0; i < 24; i++) client.write(chunk);
		await expect(reading).resolves.toBe('too-large');
		expect(req.destroyed).toBe(false);
		// The rest is read and thrown away as it comes, so the client can finish and read the 413.
		client.write(chunk);
		client.end();
		await new Promise((resolve) => req.once('end', resolve));
	});
});

describe('readBody with a ParseCache (the answer route)', () => {
	const bodyOf = (text: string): ApiRequest => ({
		header: () => null,
		url: new URL('http://localhost/'),
		body: (async function* () {
			yield new TextEncoder().encode(text);
		})()
	});
	const single = JSON.stringify({ questionIndex: 0, response: { type: 'single', choice: 'b' } });

	it('parses each distinct body once, and hands out the value a fresh parse gives, frozen', async () => {
		const cache = new ParseCache();
		const fresh = await readBody(bodyOf(single), 4096, answerSchema);
		const values = [];
		for (let i = 0; i < 50; i++)
			values.push(await readBody(bodyOf(single), 4096, answerSchema, cache));
		expect(cache.parses).toBe(1);
		for (const value of values) expect(value).toEqual(fresh);
		expect(Object.isFrozen(values[0]) && Object.isFrozen(values[0].response)).toBe(true);
		// Another body (even the same value spelled otherwise) is another entry.
		await readBody(bodyOf(` ${single}`), 4096, answerSchema, cache);
		expect(cache.parses).toBe(2);
	});

	it('stays exactly as strict: a refused body is refused every time, next to an accepted one', async () => {
		const cache = new ParseCache();
		await readBody(bodyOf(single), 4096, answerSchema, cache);
		const hostile = [
			single.replace('}}', '},"extra":1}'),
			single.replace('"b"', '1'),
			single.replace('"questionIndex"', '"__proto__":{},"questionIndex"'),
			single.replace('"questionIndex"', '"\\u005f_proto__":{},"questionIndex"'),
			single.slice(0, -1)
		];
		for (let round = 0; round < 2; round++)
			for (const text of hostile)
				await expect(
					readBody(bodyOf(text), 4096, answerSchema, cache).catch(code),
					text
				).resolves.toBe('malformed');
		expect(cache.parses).toBe(1 + 2 * hostile.length);
	});

	it('keeps at most `size` bodies, the oldest out first', async () => {
		const cache = new ParseCache(2);
		const texts = ['a', 'b', 'c'].map((choice) =>
			JSON.stringify({ questionIndex: 0, response: { type: 'single', choice } })
		);
		for (const text of [...texts, texts[2], texts[1], texts[0]])
			await readBody(bodyOf(text), 4096, answerSchema, cache);
		// a, b, c parsed; c and b remembered; a had gone.
		expect(cache.parses).toBe(4);
	});
});
