/**
 * Reads a `text/event-stream` body message by message, for the scripts and tests that talk to
 * the classroom server from Node (no EventSource there): the bench's host and phones, and the
 * classroom e2e tests. Enough of the SSE framing (WHATWG HTML, "Server-sent events") for the
 * classroom's messages: blocks end with a blank line; `id:` and `data:` fields are read, comments
 * (`: heartbeat`) and `retry:` are skipped.
 */

/** One SSE message: its `id:` (the room version) if any, and its `data:` text. */
export interface SseMessage {
	id: string | null;
	data: string;
}

/** Calls `onMessage` for each message until the stream ends (resolves) or fails (rejects). */
export async function readSse(
	body: ReadableStream<BufferSource>,
	onMessage: (message: SseMessage) => void
): Promise<void> {
	const reader = body.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return;
		buffer += value;
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			let id: string | null = null;
			let data: string | null = null;
			for (const line of block.split('\n')) {
				if (line.startsWith('id: ')) id = line.slice(4);
				else if (line.startsWith('data: ')) data = line.slice(6);
			}
			if (data !== null) onMessage({ id, data });
		}
	}
}
