/**
 * Reads a `text/event-stream` body message by message, for the scripts and tests that talk to
 * the classroom server from Node (no EventSource there): the bench's host and phones, and the
 * classroom e2e tests. Enough of the SSE framing (WHATWG HTML, "Server-sent events") for the
 * classroom's messages: blocks end with a blank line; `id:`, `event:` and `data:` fields are
 * read, comments (`: heartbeat`) and `retry:` are skipped. The host's and projector's views come
 * as a whole view then patches: feed `event` and `data` to a `ViewAssembler` (view-patch.ts).
 */
import { request } from 'node:http';

/** One SSE message: its `id:` (the room version) if any, its `event:` name and `data:` text. */
export interface SseMessage {
	id: string | null;
	event: string;
	data: string;
}

/** Splits decoded stream text into messages, whatever the chunks' boundaries. */
class SseSplitter {
	private buffer = '';

	constructor(private readonly onMessage: (message: SseMessage) => void) {}

	push(text: string): void {
		this.buffer += text;
		let end: number;
		while ((end = this.buffer.indexOf('\n\n')) >= 0) {
			const block = this.buffer.slice(0, end);
			this.buffer = this.buffer.slice(end + 2);
			let id: string | null = null;
			let event = 'message';
			let data: string | null = null;
			for (const line of block.split('\n')) {
				if (line.startsWith('id: ')) id = line.slice(4);
				else if (line.startsWith('event: ')) event = line.slice(7);
				else if (line.startsWith('data: ')) data = line.slice(6);
			}
			if (data !== null) this.onMessage({ id, event, data });
		}
	}
}

/** Calls `onMessage` for each message until the stream ends (resolves) or fails (rejects). */
export async function readSse(
	body: ReadableStream<BufferSource>,
	onMessage: (message: SseMessage) => void
): Promise<void> {
	const reader = body.pipeThrough(new TextDecoderStream()).getReader();
	const splitter = new SseSplitter(onMessage);
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return;
		splitter.push(value);
	}
}

/**
 * GETs an SSE stream over node:http on a connection of its own, and calls `onMessage` for each
 * message: for the bench's simulated phones, thousands of streams in one process that shares
 * the cores with the servers, where fetch and web streams cost several times the CPU per
 * message. Resolves once the response's head came, with its status and `done`, which resolves
 * when the stream ends (or `signal` aborts it) and rejects when it fails. A status other than
 * 200 has no body read: `done` is then resolved.
 */
export function getSse(
	url: URL,
	headers: Record<string, string>,
	signal: AbortSignal,
	onMessage: (message: SseMessage) => void
): Promise<{ status: number; done: Promise<void> }> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				agent: false,
				headers: { accept: 'text/event-stream', ...headers },
				signal
			},
			(res) => {
				const status = res.statusCode ?? 500;
				if (status !== 200) {
					res.resume();
					resolve({ status, done: Promise.resolve() });
					return;
				}
				const splitter = new SseSplitter(onMessage);
				res.setEncoding('utf8');
				const done = new Promise<void>((ended, failed) => {
					res.on('data', (text: string) => splitter.push(text));
					res.on('end', () => ended());
					res.on('close', () => ended());
					res.on('error', (error) => (signal.aborted ? ended() : failed(error)));
				});
				resolve({ status, done });
			}
		);
		req.on('error', reject);
		req.end();
	});
}
