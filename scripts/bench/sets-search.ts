/**
 * `npm run bench:sets`: prints figures, asserts nothing. The instructor's bank browser search
 * (src/lib/sets/search.ts) over 1,000 items (the whole built bank plus own items made by
 * repeating it with new ids) in Chromium, median and worst of 50 queries per rate, without and
 * with 4× CPU throttling (a phone-class CPU). The target is "well under 50 ms" per query.
 */
import { chromium } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromiumArgs, chromiumPath } from '../../tests/chromium';
import type { BankIndex, Item } from '../../src/lib/bank/types';

const TARGET_ITEMS = 1000;
const QUERIES = [
	'服务',
	'mode 4',
	'外包',
	'cross-border',
	'自然人',
	'data',
	'ito 软件',
	'zzzz-no-match',
	'境外消费',
	'consumption abroad'
];

const dir = 'src/lib/bank/generated';
const index = JSON.parse(readFileSync(`${dir}/index.json`, 'utf8')) as BankIndex;
const pairs: [Item, Item][] = [];
for (const file of readdirSync(`${dir}/units`).filter((f) => f.endsWith('.zh-CN.json'))) {
	const zh = JSON.parse(readFileSync(`${dir}/units/${file}`, 'utf8')).items as Item[];
	const en = JSON.parse(readFileSync(`${dir}/units/${file.replace('zh-CN', 'en')}`, 'utf8'))
		.items as Item[];
	zh.forEach((item, i) => pairs.push([item, en[i]]));
}
const bankCount = pairs.length;
for (let i = 0; pairs.length < TARGET_ITEMS; i++) {
	const [zh, en] = pairs[i % bankCount];
	pairs.push([
		{ ...zh, unit: 'own', id: `own-${i}` },
		{ ...en, unit: 'own', id: `own-${i}` }
	]);
}

// The real module, bundled for the page.
const bundle = await build({
	entryPoints: ['src/lib/sets/search.ts'],
	bundle: true,
	format: 'iife',
	globalName: 'search',
	write: false
});

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
	const page = await browser.newPage();
	await page.setContent('<!doctype html><title>bench</title>');
	await page.addScriptTag({ content: bundle.outputFiles[0].text });
	await page.evaluate(
		([data, families]) => {
			const w = window as unknown as {
				entries: unknown;
				search: { searchEntry: (...a: unknown[]) => unknown };
			};
			w.entries = (data as [Item, Item][]).map(([zh, en]) =>
				w.search.searchEntry(zh, en, families)
			);
		},
		[pairs, index.families] as const
	);
	const cdp = await page.context().newCDPSession(page);
	console.log(
		`bank items: ${bankCount}, own items: ${pairs.length - bankCount}, total: ${pairs.length}`
	);
	for (const rate of [1, 4]) {
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const times: number[] = await page.evaluate((queries) => {
			const w = window as unknown as {
				entries: unknown[];
				search: { searchItems: (e: unknown[], f: unknown) => unknown[] };
			};
			const out: number[] = [];
			// One untimed round: the first calls include compiling the search function.
			for (const query of queries) w.search.searchItems(w.entries, { query });
			for (let round = 0; round < 5; round++)
				for (const query of queries) {
					const t0 = performance.now();
					w.search.searchItems(w.entries, { query });
					out.push(performance.now() - t0);
				}
			return out;
		}, QUERIES);
		const sorted = [...times].sort((a, b) => a - b);
		console.log(
			`CPU ${rate}x: median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(2)} ms, worst ${sorted.at(-1)!.toFixed(2)} ms over ${times.length} queries`
		);
	}
} finally {
	await browser.close();
}
