/**
 * Body reading on both servers: an oversized body is refused with 413 without the request (and so
 * the socket) being destroyed before the answer is written. The over-the-wire cases run in
 * node-routes.spec.ts; these pin the mechanism, which a race on a loaded machine can hide there.
 */
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClassroomError } from './errors';
import { readBytes, type ApiRequest } from './http';
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
