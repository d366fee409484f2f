/**
 * Request plumbing shared by the classroom endpoints: size-capped JSON bodies, bearer
 * credentials, and one wrapper that turns every failure into `{ error, message }` with the right
 * status (and an unexpected one into a logged 500), so no request can crash the process.
 *
 * The endpoints read an `ApiRequest` and answer a `JsonReply`, so one function serves a request
 * whichever server received it: a SvelteKit route (`kitRequest`, `toResponse`) or the lean
 * node:http routes ahead of SvelteKit in the production server (node-routes.ts).
 */
import { Readable } from 'node:stream';
import type { z } from 'zod';
import type { ErrorCode } from '$lib/classroom/protocol';
import { ClassroomError, fromBody } from './errors';
import { parseRequest, queryOf, roomIdSchema } from './requests';

/** A request as the classroom endpoints read it, whichever server received it. */
export interface ApiRequest {
	/** A header's value (name in lower case), or null. */
	header(name: string): string | null;
	/** The request URL; only its path and query are read. */
	readonly url: URL;
	/** The body's bytes as they arrive (stopping early cancels the upload), or null if none. */
	readonly body: AsyncIterable<Uint8Array> | null;
	/**
	 * CLASSROOM_TRACE, node:http route only: when the server accepted the request's connection
	 * (wall ms), for the `accepted` stamp; earlier than the request for a kept-alive connection.
	 */
	readonly acceptedAt?: number;
}

/** A JSON answer: status, body (serialised as JSON) and extra headers. */
export interface JsonReply {
	status: number;
	body: unknown;
	headers: Record<string, string>;
}

/** Headers of every JSON answer. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
	'content-type': 'application/json; charset=utf-8',
	'cache-control': 'no-store'
};

export const jsonReply = (
	body: unknown,
	status = 200,
	headers: Record<string, string> = {}
): JsonReply => ({ status, body, headers });

/** A known error as its JSON answer; anything else is logged and answered as a 500. */
export function errorReply(error: unknown): JsonReply {
	if (!(error instanceof ClassroomError)) {
		console.error('classroom: unexpected error', error);
		return errorReply(new ClassroomError('internal'));
	}
	const headers: Record<string, string> = {};
	if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
	return jsonReply(error.body, error.status, headers);
}

/** A reply as a web Response (SvelteKit routes). */
export const toResponse = (reply: JsonReply): Response =>
	new Response(JSON.stringify(reply.body), {
		status: reply.status,
		headers: { ...JSON_HEADERS, ...reply.headers }
	});

export const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
	toResponse(jsonReply(body, status, headers));

export const fail = (code: ErrorCode, message?: string): never => {
	throw new ClassroomError(code, message);
};

/** Runs a handler; known errors become their JSON answer, anything else a logged 500. */
export async function handle(run: () => Promise<Response> | Response): Promise<Response> {
	try {
		return await run();
	} catch (error) {
		return toResponse(errorReply(error));
	}
}

/** `handle` for endpoints that answer JSON: never rejects. */
export async function handleJson(run: () => Promise<JsonReply>): Promise<JsonReply> {
	try {
		return await run();
	} catch (error) {
		return errorReply(error);
	}
}

/** A SvelteKit route's request as an ApiRequest. */
export function kitRequest(request: Request, url: URL): ApiRequest {
	return {
		header: (name) => request.headers.get(name),
		url,
		body: request.body && webChunks(request.body)
	};
}

/** A web stream's chunks; stopping early cancels the stream. */
async function* webChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
	const reader = stream.getReader();
	let done = false;
	try {
		for (;;) {
			const next = await reader.read();
			if (next.done) {
				done = true;
				return;
			}
			yield next.value;
		}
	} finally {
		if (!done) await reader.cancel().catch(() => undefined);
	}
}

/**
 * Calls `take` with each chunk of a body until it ends or `take` returns false. Stopping a web
 * stream cancels it (adapter-node then ends the request itself); stopping a node:http request
 * leaves it flowing with nobody listening, so the rest of the body is read and thrown away and
 * the 413 reaches the client (destroying it would reset the socket first). Rejects if the stream
 * fails or closes before its end. A node:http request (the node routes) is read by its events:
 * `for await` over a Node stream builds an async iterator, an end-of-stream watcher and a few
 * promises per request, a measurable share of an answer's CPU in a room of 1,000.
 */
function eachChunk(
	body: AsyncIterable<Uint8Array>,
	take: (chunk: Uint8Array) => boolean
): Promise<void> {
	if (!(body instanceof Readable)) return eachIterated(body, take);
	return new Promise((resolve, reject) => {
		const settle = (error?: unknown) => {
			body.off('data', onData).off('end', onEnd).off('error', settle).off('close', onClose);
			if (error) reject(error);
			else resolve();
		};
		const onData = (chunk: Uint8Array) => {
			if (take(chunk)) return;
			settle();
			body.resume();
		};
		const onEnd = () => settle();
		const onClose = () => settle(new Error('The body ended before it was complete.'));
		body.on('data', onData).on('end', onEnd).on('error', settle).on('close', onClose);
	});
}

async function eachIterated(
	body: AsyncIterable<Uint8Array>,
	take: (chunk: Uint8Array) => boolean
): Promise<void> {
	for await (const chunk of body) if (!take(chunk)) break;
}

/** Bytes a refused body may still be read (and thrown away) so its 413 can be answered. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * Reads a body of at most `limit` bytes, or null when the request has none. The cap is enforced
 * while reading, so a client that lies about (or omits) Content-Length cannot make the server
 * buffer more than the limit.
 *
 * An oversized body (declared or chunked) is answered 413, never with a reset: cancelling the
 * request stream makes adapter-node destroy the socket before the answer is written, so the rest
 * of the body is read and discarded instead (up to DRAIN_LIMIT; adapter-node's own
 * BODY_SIZE_LIMIT, 512 KB by default, ends the stream with its own 413 error before that). A body
 * declared larger than that is refused before a byte of it is read: the server then discards the
 * unread body itself once the answer is written, and the connection survives.
 */
export async function readBytes(request: ApiRequest, limit: number): Promise<Uint8Array | null> {
	const declared = Number(request.header('content-length') ?? NaN);
	if (declared > limit + DRAIN_LIMIT) fail('too-large', `Body over ${limit} bytes.`);
	if (!request.body) return null;
	const chunks: Uint8Array[] = [];
	let size = declared > limit ? declared : 0;
	try {
		await eachChunk(request.body, (chunk) => {
			size += chunk.byteLength;
			// Past the limit, keep reading (and dropping) so the client finishes sending and can
			// read our answer; past the drain limit, stop.
			if (size > limit) return size <= limit + DRAIN_LIMIT;
			chunks.push(chunk);
			return true;
		});
	} catch (error) {
		// adapter-node ends the stream with a 413 error past BODY_SIZE_LIMIT.
		if ((error as { status?: number }).status === 413 || size > limit)
			fail('too-large', `Body over ${limit} bytes.`);
		return fail('malformed', 'The body could not be read.');
	}
	if (size > limit) fail('too-large', `Body over ${limit} bytes.`);
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** Reads a body of at most `limit` bytes (see `readBytes`) as text: 400 if empty or not UTF-8. */
async function readText(request: ApiRequest, limit: number): Promise<string> {
	const bytes = await readBytes(request, limit);
	if (!bytes) return fail('malformed', 'Body is empty: send JSON.');
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		return fail('malformed', 'Body is not valid UTF-8.');
	}
	if (text.trim() === '') fail('malformed', 'Body is empty: send JSON.');
	return text;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return fail('malformed', 'Body is not valid JSON.');
	}
}

/** Reads a JSON body of at most `limit` bytes (see `readBytes`): 400 if empty or not JSON. */
export async function readJson(request: ApiRequest, limit: number): Promise<unknown> {
	return parseJson(await readText(request, limit));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Accepted request bodies remembered by their exact text, with what the schema made of them, for
 * a route whose bodies repeat: a class of 1,000 answering one question sends a handful of
 * distinct answer bodies, and parsing each (JSON, the `__proto__` walk, the zod schema) cost as
 * much as the rest of reading the request. The same text always parses to the same value, so a
 * remembered one is exactly as strict as a fresh parse; it is deep-frozen, as requests share
 * it. Refused bodies are not remembered (each is parsed again, for its own message). At most
 * `size` entries, the oldest out first: a client sending ever-new bodies only causes misses.
 */
export class ParseCache {
	private readonly entries = new Map<string, unknown>();
	/** Bodies parsed (not found here) since this cache was made: what the tests count. */
	parses = 0;

	constructor(readonly size = 256) {}

	get(text: string): unknown {
		return this.entries.get(text);
	}

	set(text: string, value: unknown): void {
		if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
		this.entries.set(text, deepFreeze(value));
	}
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const item of Object.values(value)) deepFreeze(item);
	}
	return value;
}

/**
 * Reads a JSON body (at most `limit` bytes) and parses it with a request schema; a body that does
 * not fit becomes its 400 (or 403 for a wrong rejoin code) with the schema's message. With a
 * `cache` (one per route and schema), a body whose exact text was accepted before is not parsed
 * again: its remembered (frozen) value is returned.
 */
export async function readBody<S extends z.ZodType>(
	request: ApiRequest,
	limit: number,
	schema: S,
	cache?: ParseCache
): Promise<z.output<S>> {
	const text = await readText(request, limit);
	const known = cache?.get(text);
	if (known !== undefined) return known as z.output<S>;
	if (cache) cache.parses++;
	const parsed = parseRequest(schema, parseJson(text));
	if (!parsed.ok) throw fromBody(parsed.error);
	cache?.set(text, parsed.value);
	return parsed.value;
}

/** The query string parsed with a request schema (400 with the schema's message otherwise). */
export function readQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
	const parsed = parseRequest(schema, queryOf(url));
	if (!parsed.ok) throw fromBody(parsed.error);
	return parsed.value;
}

/** The `:roomId` path parameter; any other shape is an unknown room (404), never a lookup. */
export function roomIdOf(params: { roomId: string }): string {
	if (!roomIdSchema.safeParse(params.roomId).success) throw new ClassroomError('unknown-room');
	return params.roomId;
}

/**
 * The credential from `Authorization: Bearer …`, or from `?access_token=` for clients that cannot
 * set headers (a plain EventSource, a download link).
 */
export function credential(request: ApiRequest): string | null {
	const header = request.header('authorization');
	const match = header?.match(/^Bearer\s+([A-Za-z0-9_-]{8,128})\s*$/);
	if (match) return match[1];
	if (header) return null;
	const query = request.url.searchParams.get('access_token');
	return query && /^[A-Za-z0-9_-]{8,128}$/.test(query) ? query : null;
}

export function requireCredential(request: ApiRequest): string {
	const secret = credential(request);
	if (!secret) fail('unauthorised', 'Send `Authorization: Bearer <secret>`.');
	return secret!;
}

let warnedNoAddressHeader = false;

/**
 * The client's IP address, for rate limits. adapter-node throws for every request that lacks the
 * header named by `ADDRESS_HEADER` (so one direct request, a health check or a misconfigured
 * proxy turned every classroom call into a 500). We fall back to the socket's peer address
 * instead, and say so once in the log: the header is trusted when present, ignored when absent.
 */
export function clientAddress(event: {
	getClientAddress(): string;
	platform?: Readonly<object>;
}): string {
	try {
		return event.getClientAddress();
	} catch (error) {
		const req = (event.platform as { req?: { socket?: { remoteAddress?: string } } } | undefined)
			?.req;
		if (!warnedNoAddressHeader) {
			warnedNoAddressHeader = true;
			console.warn(
				`classroom: ${(error as Error).message}; using the connection's address for such requests.`
			);
		}
		return req?.socket?.remoteAddress ?? 'unknown';
	}
}
