/**
 * `npm run static:check`: the classroom with no network works from the static build
 * (`npm run build:static` → build-static/), served as any static host serves files, no Node
 * server and no /api behind it.
 *
 * 1. The offline classroom pages are in the output, in both languages, and the service worker
 *    precaches them (so a phone that opened the app once has them with no network).
 * 2. In Debian's Chromium, over a plain static file server (this script's: a path is served from
 *    `path`, `path.html` or `path/index.html`, else the 200.html fallback, as nginx's
 *    `try_files $uri $uri.html $uri/ /200.html`): the instructor's page makes a session and
 *    shows its typed code; a phone caches the app, goes offline, reloads, types the code and
 *    reaches the nickname step. No request may reach /api.
 *
 * Exits 1 with the reasons on failure. Builds first unless `--no-build` (for a fresh build-static/).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/chromium';

const ROOT = 'build-static';
const PAGES = ['classroom/offline', 'classroom/offline/join'];
const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.txt': 'text/plain; charset=utf-8'
};

const problems: string[] = [];
const fail = (message: string) => problems.push(message);

/** The file a static host would answer `pathname` with. */
function fileFor(pathname: string): string {
	const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
		const file = join(ROOT, candidate);
		if (existsSync(file) && statSync(file).isFile()) return file;
	}
	return join(ROOT, '200.html');
}

function serve(): Promise<Server> {
	const server = createServer((req, res) => {
		const { pathname } = new URL(req.url ?? '/', 'http://x');
		if (pathname.startsWith('/api/')) fail(`a request reached the server: ${pathname}`);
		const file = fileFor(pathname);
		res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		res.end(readFileSync(file));
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

if (!process.argv.includes('--no-build')) execSync('npm run build:static', { stdio: 'inherit' });

const worker = readFileSync(join(ROOT, 'service-worker.js'), 'utf8');
for (const page of PAGES)
	for (const prefix of ['', 'en/']) {
		if (!existsSync(join(ROOT, `${prefix}${page}.html`))) fail(`missing ${prefix}${page}.html`);
		// The worker's list holds each path quoted (`/en/classroom/offline` …); quoted on both sides
		// so that /en/… does not count for the Chinese page.
		if (!new RegExp(`[\`"']/${prefix}${page}[\`"']`).test(worker))
			fail(`the service worker does not precache /${prefix}${page}`);
	}

const server = await serve();
const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
	const device = () => browser.newContext({ baseURL, locale: 'en', serviceWorkers: 'allow' });
	const hydrated = '[data-hydrated="true"]';

	const host = await (await device()).newPage();
	await host.goto('/classroom/offline');
	await host.waitForSelector(`html${hydrated}`, { state: 'attached' });
	await host.getByLabel('Questions from the units').selectOption('5');
	await host.getByRole('button', { name: 'Create the session' }).click();
	const typed = (await host.getByTestId('typed-code').textContent())?.trim() ?? '';
	if (!/^[A-Z0-9 -]{10,}$/.test(typed)) fail(`no typed code on the projector: "${typed}"`);

	const phoneContext = await device();
	const phone = await phoneContext.newPage();
	await phone.goto('/classroom/offline/join');
	await phone.waitForFunction(async () => {
		await navigator.serviceWorker.ready;
		return navigator.serviceWorker.controller?.state === 'activated';
	});
	await phoneContext.setOffline(true);
	await phone.reload();
	await phone.waitForSelector(`html${hydrated}`, { state: 'attached' });
	await phone.getByRole('textbox').fill(typed);
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await phone.getByLabel('Your nickname').waitFor({ timeout: 15_000 });
} catch (error) {
	fail(String(error));
} finally {
	await browser.close();
	server.close();
}

if (problems.length > 0) {
	console.error(`static:check failed:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(
	`static:check: ${PAGES.length * 2} offline classroom pages in ${ROOT}/ and precached; ` +
		'a session made and joined offline from a plain static server'
);
