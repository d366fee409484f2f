/**
 * Request plumbing shared by the classroom endpoints: size-capped JSON bodies, bearer
 * credentials, and one wrapper that turns every failure into `{ error, message }` with the right
 * status (and an unexpected one into a logged 500), so no request can crash the process.
 */
import type { ErrorCode } from '$lib/classroom/protocol';
import { ClassroomError } from './errors';

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

/**
 * Reads a JSON body of at most `limit` bytes. The cap is enforced while reading, so a client that
 * lies about (or omits) Content-Length cannot make the server buffer more than the limit.
 */
export async function readJson(request: Request, limit: number): Promise<unknown> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > limit) fail('too-large', `Body over ${limit} bytes.`);
	if (!request.body) fail('malformed', 'Body is empty: send JSON.');
	const reader = request.body!.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => undefined);
			fail('too-large', `Body over ${limit} bytes.`);
		}
		chunks.push(value);
	}
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
