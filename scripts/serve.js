// The production server: SvelteKit's adapter-node handler, behind one step of our own that serves
// each reader the prerendered file in their language (see src/lib/i18n/locale-url.js). A request
// for a page at its plain path (`/learn`) from an English reader is answered with `/en/learn`'s
// file, so the first text arrives in English with no script and no redirect. Everything else
// (assets, /api, the English paths themselves) passes through untouched.
//
// Ahead of both: the classroom's hot routes (a phone's answer), served from node:http by the
// same functions SvelteKit's routes call (src/lib/server/classroom/node-routes.ts), which the
// app hands over in its `init` hook when the handler loads.
//
// Environment: the adapter's own (PORT, HOST, ORIGIN, BODY_SIZE_LIMIT, SHUTDOWN_TIMEOUT in
// seconds (default 5 here), KEEP_ALIVE_TIMEOUT and HEADERS_TIMEOUT in seconds (defaults 65 and
// 66 here), …; see its docs), CLASSROOM_NODE_ROUTES=0 (above), and LISTEN_BACKLOG (connections
// waiting to be accepted, default 4096). See scripts/listen.js.
// Usage: `node scripts/serve.js` after `npm run build` (`npm start` does both).
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listenOptions, timeouts } from './listen.js';
import { localeOfPath, negotiateLocale, pathInLocale } from '../src/lib/i18n/locale-url.js';

const { handler } = await import(pathToFileURL(join(process.cwd(), 'build/handler.js')).href);
// CLASSROOM_NODE_ROUTES=0 leaves every request to SvelteKit (to compare the two paths).
const classroomRoutes =
	process.env.CLASSROOM_NODE_ROUTES === '0' ? null : globalThis.__classroomNodeRoutes;
if (classroomRoutes === undefined)
	console.warn('classroom: this build publishes no node routes; SvelteKit serves every request.');

/**
 * A page, or a page's data (`…/__data.json`, fetched on client-side navigation, which has a file
 * per language too): no other file extension, not the API, not a build asset.
 */
function isPageRequest(req, pathname) {
	if (req.method !== 'GET' && req.method !== 'HEAD') return false;
	if (pathname.startsWith('/api/') || pathname.startsWith('/_app/')) return false;
	return pathname.endsWith('/__data.json') || !/\.[a-z0-9]+$/i.test(pathname);
}

/**
 * Rewrites `req.url` in place to the reader's language file. Exported for tests.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
export function chooseLanguageFile(req, res) {
	const url = new URL(req.url ?? '/', 'http://localhost');
	if (!isPageRequest(req, url.pathname) || localeOfPath(url.pathname) === 'en') return;
	// Caches in front of us must keep the two files apart.
	res.setHeader('Vary', 'Cookie, Accept-Language');
	const locale = negotiateLocale(req.headers.cookie, req.headers['accept-language']);
	if (locale === 'en') req.url = pathInLocale(url.pathname, 'en') + url.search;
}

const { port, host, backlog } = listenOptions(process.env);
const server = http.createServer((req, res) => {
	if (classroomRoutes?.(req, res)) return;
	chooseLanguageFile(req, res);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
// Idle connections kept 65 s (KEEP_ALIVE_TIMEOUT): a phone's answers reuse its connection.
Object.assign(server, timeouts(process.env));
// CLASSROOM_TRACE: stamps each connection's accept time (node-routes.ts, traceConnections).
globalThis.__classroomTraceConnections?.(server);
server.listen({ port, host, backlog }, () => console.log(`Listening on http://${host}:${port}`));

// Let running requests (an answer being written) finish on a normal stop.
for (const signal of ['SIGINT', 'SIGTERM'])
	process.on(signal, () => {
		server.close(() => process.exit(0));
		server.closeIdleConnections?.();
		setTimeout(() => process.exit(0), 1000 * Number(process.env.SHUTDOWN_TIMEOUT ?? 5)).unref();
	});
