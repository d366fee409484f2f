/**
 * Request plumbing shared by the classroom endpoints: size-capped JSON bodies, bearer
 * credentials, and one wrapper that turns every failure into `{ error, message }` with the right
 * status (and an unexpected one into a logged 500), so no request can crash the process.
 */
import type { z } from 'zod';
import type { ErrorCode } from '$lib/classroom/protocol';
import { ClassroomError, fromBody } from './errors';
import { parseRequest, queryOf, roomIdSchema } from './requests';

export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			...headers
		}
	});
}

export function errorResponse(error: ClassroomError): Response {
	const headers: Record<string, string> = {};
	if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
	return jsonResponse(error.body, error.status, headers);
}

export const fail = (code: ErrorCode, message?: string): never => {
	throw new ClassroomError(code, message);
};

/** Runs a handler; known errors become their JSON answer, anything else a logged 500. */
export async function handle(run: () => Promise<Response> | Response): Promise<Response> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof ClassroomError) return errorResponse(error);
		console.error('classroom: unexpected error', error);
		return errorResponse(new ClassroomError('internal'));
	}
}

/** Bytes a refused body may still be read (and thrown away) so its 413 can be answered. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * Reads a JSON body of at most `limit` bytes. The cap is enforced while reading, so a client that
 * lies about (or omits) Content-Length cannot make the server buffer more than the limit.
 *
 * An oversized body (declared or chunked) is answered 413, never with a reset: cancelling the
 * request stream makes adapter-node destroy the socket before the answer is written, so the rest
 * of the body is read and discarded instead (up to DRAIN_LIMIT; adapter-node's own
 * BODY_SIZE_LIMIT, 512 KB by default, ends the stream with its own 413 error before that).
 */
export async function readJson(request: Request, limit: number): Promise<unknown> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (!request.body) fail('malformed', 'Body is empty: send JSON.');
	const reader = request.body!.getReader();
	const chunks: Uint8Array[] = [];
	let size = declared > limit ? declared : 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) {
				// Keep reading so the client finishes sending and can read our answer.
				if (size > limit + DRAIN_LIMIT) await reader.cancel().catch(() => undefined);
				continue;
			}
			chunks.push(value);
		}
	} catch (error) {
		// adapter-node ends the stream with a 413 error past BODY_SIZE_LIMIT.
		if ((error as { status?: number }).status === 413 || size > limit)
			fail('too-large', `Body over ${limit} bytes.`);
		return fail('malformed', 'The body could not be read.');
	}
	if (size > limit) fail('too-large', `Body over ${limit} bytes.`);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
	} catch {
		return fail('malformed', 'Body is not valid UTF-8.');
	}
	if (text.trim() === '') fail('malformed', 'Body is empty: send JSON.');
	try {
		return JSON.parse(text);
	} catch {
		return fail('malformed', 'Body is not valid JSON.');
	}
}

/**
 * Reads a JSON body (at most `limit` bytes) and parses it with a request schema; a body that does
 * not fit becomes its 400 (or 403 for a wrong rejoin code) with the schema's message.
 */
export async function readBody<S extends z.ZodType>(
	request: Request,
	limit: number,
	schema: S
): Promise<z.output<S>> {
	const parsed = parseRequest(schema, await readJson(request, limit));
	if (!parsed.ok) throw fromBody(parsed.error);
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
export function credential(request: Request, url: URL): string | null {
	const header = request.headers.get('authorization');
	const match = header?.match(/^Bearer\s+([A-Za-z0-9_-]{8,128})\s*$/);
	if (match) return match[1];
	if (header) return null;
	const query = url.searchParams.get('access_token');
	return query && /^[A-Za-z0-9_-]{8,128}$/.test(query) ? query : null;
}

export function requireCredential(request: Request, url: URL): string {
	const secret = credential(request, url);
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
