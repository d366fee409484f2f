/**
 * `npm run bench:bank`: prints figures, asserts nothing.
 *  1. bank build time: median of 5 in-process runs (read + validate + generate + write to a temp dir)
 *  2. gzip size of every unit chunk per locale against the 40 KB budget
 *  3. in Chromium: fetch + JSON.parse + id→item Map + concept→ids index for the largest unit,
 *     median of 20 runs, with 4× CPU throttling and without
 * The build step runs even when the bank still has errors, so figures exist while it is written.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildOutput, writeOutput } from '../bank/build';
import { readBankSource } from '../bank/load';
import { validate } from '../bank/validate';
import { chromiumArgs, chromiumPath } from '../../tests/chromium';

const BUDGET_BYTES = 40 * 1024;
const BUILD_RUNS = 5;
const BROWSER_RUNS = 20;

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function benchBuild(outDir: string) {
	const times: number[] = [];
	let last: ReturnType<typeof buildOutput> | undefined;
	let errorCount = 0;
	for (let i = 0; i < BUILD_RUNS; i++) {
		const t0 = performance.now();
		const read = readBankSource();
		const { bank, errors } = validate(read.source);
		last = buildOutput(bank);
		writeOutput(outDir, last.files);
		times.push(performance.now() - t0);
		errorCount = read.errors.length + errors.length;
	}
	return { times, output: last!, errorCount };
}

/** Serves the page and the unit JSON from one origin (no CORS), never cached. */
function serve(json: string): Promise<Server> {
	const server = createServer((req, res) => {
		const headers = { 'cache-control': 'no-store' };
		if (req.url?.startsWith('/unit.json'))
			res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(json);
		else
			res
				.writeHead(200, { ...headers, 'content-type': 'text/html' })
				.end('<!doctype html><title>bench</title>');
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs in the page: what loadUnit + the practice index do with one chunk. */
async function loadAndIndex(url: string) {
	const t0 = performance.now();
	const res = await fetch(url, { cache: 'no-store' });
	const text = await res.text();
	const t1 = performance.now();
	const unit = JSON.parse(text) as { items: { id: string; concepts: string[] }[] };
	const byId = new Map<string, unknown>();
	const byConcept = new Map<string, string[]>();
	for (const item of unit.items) {
		byId.set(item.id, item);
		for (const c of item.concepts) {
			const ids = byConcept.get(c);
			if (ids) ids.push(item.id);
			else byConcept.set(c, [item.id]);
		}
	}
	const t2 = performance.now();
	return {
		total: t2 - t0,
		fetch: t1 - t0,
		parseIndex: t2 - t1,
		items: byId.size,
		concepts: byConcept.size
	};
}

async function benchBrowser(json: string) {
	const server = await serve(json);
	const { port } = server.address() as AddressInfo;
	const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
	try {
		const page = await browser.newPage();
		await page.goto(`http://127.0.0.1:${port}/`);
		const cdp = await page.context().newCDPSession(page);
		const results: Record<string, { total: number; fetch: number; parseIndex: number }> = {};
		let shape = { items: 0, concepts: 0 };
		for (const rate of [1, 4]) {
			await cdp.send('Emulation.setCPUThrottlingRate', { rate });
			await page.evaluate(loadAndIndex, `/unit.json?warmup`);
			const runs = [];
			for (let i = 0; i < BROWSER_RUNS; i++)
				runs.push(await page.evaluate(loadAndIndex, `/unit.json?run=${rate}-${i}`));
			shape = { items: runs[0].items, concepts: runs[0].concepts };
			results[`${rate}x`] = {
				total: median(runs.map((r) => r.total)),
				fetch: median(runs.map((r) => r.fetch)),
				parseIndex: median(runs.map((r) => r.parseIndex))
			};
		}
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		return { results, shape };
	} finally {
		await browser.close();
		await new Promise((resolve) => server.close(resolve));
	}
}

async function main() {
	const outDir = mkdtempSync(join(tmpdir(), 'bench-bank-'));
	try {
		const { times, output, errorCount } = benchBuild(outDir);
		console.log(
			`bank build (in process, ${BUILD_RUNS} runs): median ${ms(median(times))}  [${times.map((t) => t.toFixed(0)).join(', ')}]`
		);
		if (errorCount)
			console.log(
				`  note: the bank currently has ${errorCount} check errors (incl. coverage); timed anyway`
			);

		console.log(`\nunit chunks, gzip (budget ${kb(BUDGET_BYTES)} each):`);
		let largest = { path: '', content: '' };
		for (const [path, content] of output.files) {
			if (!path.startsWith('units/')) continue;
			const raw = Buffer.byteLength(content);
			const gz = gzipSync(content).length;
			console.log(
				`  ${path.padEnd(40)} ${kb(raw).padStart(9)} raw  ${kb(gz).padStart(8)} gzip  ${gz <= BUDGET_BYTES ? 'OK' : 'OVER'}`
			);
			if (raw > Buffer.byteLength(largest.content)) largest = { path, content };
		}
		const index = output.files.get('index.json') ?? '';
		console.log(
			`  ${'index.json'.padEnd(40)} ${kb(Buffer.byteLength(index)).padStart(9)} raw  ${kb(gzipSync(index).length).padStart(8)} gzip`
		);

		if (!largest.path) {
			console.log('\nno unit chunk to load in the browser');
			return;
		}
		const { results, shape } = await benchBrowser(largest.content);
		console.log(
			`\nbrowser: load + index ${largest.path} (${shape.items} items, ${shape.concepts} concepts), median of ${BROWSER_RUNS}:`
		);
		for (const [rate, r] of Object.entries(results))
			console.log(
				`  CPU ${rate.padEnd(3)} total ${ms(r.total).padStart(9)}   fetch ${ms(r.fetch).padStart(9)}   parse+index ${ms(r.parseIndex).padStart(9)}`
			);
	} finally {
		rmSync(outDir, { recursive: true, force: true });
	}
}

await main();
