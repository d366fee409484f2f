/**
 * The classroom's hottest request served straight from node:http, ahead of SvelteKit, in the
 * production server (scripts/serve.js): POST …/rooms/:roomId/answer. A room of 1,000 sends
 * 1,000 of them within a second; SvelteKit's per-request work (a web Request and Response per
 * call, routing, hooks) cost about as much CPU as the answer itself. The route calls the very
 * function the SvelteKit route calls (endpoints.ts), so validation, limits, credentials and error
 * messages are the same by construction; only the reading of the request and the writing of the
 * reply differ, and those follow adapter-node's own rules (see `nodeRequest`).
 *
 * Anything this does not match exactly is left to SvelteKit, which answers it as before: other
 * methods and paths, percent-encoded paths (SvelteKit decodes them), and the form content types
 * SvelteKit's CSRF check guards (so a cross-site form post is still refused there).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { postAnswer } from './endpoints';
import { JSON_HEADERS, type ApiRequest, type JsonReply } from './http';
import { traceNow, TRACING } from './trace';

/** A route: its method, its path pattern (captures are its parameters) and its endpoint. */
interface NodeRoute {
	method: string;
	path: RegExp;
	run(request: ApiRequest, captures: string[]): Promise<JsonReply>;
}

const ROUTES: NodeRoute[] = [
	{
		method: 'POST',
		path: /^\/api\/classroom\/rooms\/([^/%]+)\/answer$/,
		run: (request, [roomId]) => postAnswer(request, { roomId })
	}
];

/** Content types SvelteKit's CSRF check guards (kit/src/utils/http.js, is_form_content_type). */
const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain'
]);

const headerOf = (req: IncomingMessage, name: string): string | null => {
	const value = req.headers[name];
	return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
};

/**
 * A node request as an ApiRequest. Its body is null exactly when adapter-node's would be
 * (kit/src/exports/node/index.js, get_raw_body): no Content-Type, Content-Length 0, or HTTP/1
 * with neither a length nor chunked encoding.
 */
export function nodeRequest(req: IncomingMessage): ApiRequest {
	let url: URL | undefined;
	const length = Number(req.headers['content-length']);
	const hasLength = req.headers['content-length'] !== undefined && Number.isFinite(length);
	const noBody =
		!req.headers['content-type'] ||
		(req.httpVersionMajor === 1 && !hasLength && req.headers['transfer-encoding'] === undefined) ||
		(hasLength && length === 0);
	return {
		header: (name) => headerOf(req, name),
		get url() {
			return (url ??= new URL(req.url ?? '/', 'http://localhost'));
		},
		body: noBody ? null : req,
		acceptedAt: TRACING ? (req.socket as { acceptedAt?: number }).acceptedAt : undefined
	};
}

/** Writes a JSON reply with the headers the SvelteKit route's Response carries. */
export function sendReply(res: ServerResponse, reply: JsonReply): void {
	const body = JSON.stringify(reply.body);
	res.writeHead(reply.status, {
		...JSON_HEADERS,
		...reply.headers,
		'content-length': Buffer.byteLength(body)
	});
	res.end(body);
}

/**
 * Serves the request if it is one of ours; returns false (having touched nothing) otherwise,
 * for the caller to hand it to SvelteKit.
 */
export function serveClassroomRoute(req: IncomingMessage, res: ServerResponse): boolean {
	const target = req.url ?? '';
	const query = target.indexOf('?');
	const path = query === -1 ? target : target.slice(0, query);
	for (const route of ROUTES) {
		if (req.method !== route.method) continue;
		const match = route.path.exec(path);
		if (!match) continue;
		const type = headerOf(req, 'content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
		if (FORM_TYPES.has(type)) return false;
		route.run(nodeRequest(req), match.slice(1)).then(
			(reply) => sendReply(res, reply),
			(error) => {
				// Endpoints answer every failure themselves; this is a last resort.
				console.error('classroom: unexpected error', error);
				if (!res.headersSent) res.writeHead(500).end();
			}
		);
		return true;
	}
	return false;
}

/**
 * CLASSROOM_TRACE: marks each connection `server` accepts with the time (`socket.acceptedAt`,
 * wall ms), for the `accepted` stamp of the answers it carries. Off, nothing is added.
 */
export function traceConnections(server: {
	on(event: 'connection', listener: (socket: object) => void): unknown;
}): void {
	if (!TRACING) return;
	server.on('connection', (socket) => {
		(socket as { acceptedAt?: number }).acceptedAt = traceNow();
	});
}

/** The hook scripts/serve.js calls before SvelteKit (published by `publishNodeRoutes`). */
export type ClassroomRoutes = typeof serveClassroomRoute;

declare global {
	var __classroomNodeRoutes: ClassroomRoutes | undefined;
	var __classroomTraceConnections: typeof traceConnections | undefined;
}

/**
 * Makes the routes reachable from the production server, which loads SvelteKit's bundle and so
 * cannot import this module itself (it runs in SvelteKit's `init` hook).
 */
export function publishNodeRoutes(): void {
	globalThis.__classroomNodeRoutes = serveClassroomRoute;
	globalThis.__classroomTraceConnections = traceConnections;
}
