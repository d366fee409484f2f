import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getSse, readSse, type SseMessage } from './sse-reader.ts';

/** The stream the specs' server sends, cut mid-message and mid-character on purpose. */
const CHUNKS = [
	'retry: 2000\n: connected\n\nid: 3\nevent: view\nda',
	'ta: {"name":"Zoë"}\n\n: heartbeat\n\nid: 4\nevent: patch\ndata: {"n":1',
	'}\n\n'
];
const EXPECTED: SseMessage[] = [
	{ id: '3', event: 'view', data: '{"name":"Zoë"}' },
	{ id: '4', event: 'patch', data: '{"n":1}' }
];

let server: Server | null = null;
afterEach(
	() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
);

/** A server that answers `status` and, for 200, sends CHUNKS (split bytes and all), then ends. */
async function serve(status: number): Promise<URL> {
	server = createServer(async (_req, res) => {
		res.writeHead(status, { 'content-type': 'text/event-stream' });
		const bytes = Buffer.from(CHUNKS.join(''));
		// Split inside "ë" (two bytes in UTF-8) as well as between the text chunks.
		const cut = bytes.indexOf(Buffer.from('ë')) + 1;
		if (status === 200) {
			res.write(bytes.subarray(0, cut));
			await new Promise((r) => setTimeout(r, 5));
			res.write(bytes.subarray(cut));
		}
		res.end();
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return new URL(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/events`);
}

describe('SSE readers', () => {
	it('getSse (node:http) and readSse (web streams) read the same messages', async () => {
		const url = await serve(200);
		const viaHttp: SseMessage[] = [];
		const { status, done } = await getSse(url, {}, new AbortController().signal, (m) =>
			viaHttp.push(m)
		);
		await done;
		const viaFetch: SseMessage[] = [];
		await readSse((await fetch(url)).body!, (m) => viaFetch.push(m));
		expect(status).toBe(200);
		expect(viaHttp).toEqual(EXPECTED);
		expect(viaFetch).toEqual(EXPECTED);
	});

	it('getSse gives a refusal its status and reads no body', async () => {
		const url = await serve(403);
		const messages: SseMessage[] = [];
		const { status, done } = await getSse(url, {}, new AbortController().signal, (m) =>
			messages.push(m)
		);
		await done;
		expect([status, messages]).toEqual([403, []]);
	});
});
