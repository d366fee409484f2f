/**
 * Renders static/icons/icon.svg to the PNG sizes the manifest needs, with Debian's Chromium
 * (no ImageMagick on a new machine). Run after changing the SVG: `npx tsx scripts/icons.ts`.
 * The maskable variant keeps the artwork inside the 80% safe zone on a full-bleed background.
 */
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { chromiumArgs, chromiumPath } from '../tests/chromium';

const svg = await readFile('static/icons/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = await browser.newPage();

async function render(size: number, maskable: boolean, out: string) {
	await page.setViewportSize({ width: size, height: size });
	const art = maskable ? 80 : 100;
	await page.setContent(
		`<body style="margin:0;background:${maskable ? '#0f5c4d' : 'transparent'};display:grid;place-items:center;height:100vh">
		<div style="width:${art}%;height:${art}%">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body>`
	);
	await page.screenshot({ path: out, omitBackground: !maskable });
	console.log('wrote', out);
}

await render(192, false, 'static/icons/icon-192.png');
await render(512, false, 'static/icons/icon-512.png');
await render(192, true, 'static/icons/maskable-192.png');
await render(512, true, 'static/icons/maskable-512.png');
await browser.close();
