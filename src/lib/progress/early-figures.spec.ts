import { describe, expect, it } from 'vitest';
import {
	EARLY_GATE,
	EARLY_GATE_CAP_MS,
	earlyFiguresScript,
	figuresTag,
	holdBootForEarlyFigures
} from './early-figures';
import { rememberFigures } from './known-figures';

// SvelteKit 2's inline boot script, as it renders it into every page (formatting included).
const BOOT = `<script>
	{
		__sveltekit_x = { base: new URL("..", location).pathname.slice(0, -1) };
		const element = document.currentScript.parentElement;
		Promise.all([
			import("../_app/immutable/entry/start.B-czbJjd.js"),
			import("../_app/immutable/entry/app.DDbw7cY0.js")
		]).then(([kit, app]) => {
			kit.start(app, element, { node_ids: [0, 13], data: [null,null], form: null, error: null });
		});
	}
</script>`;
const page = (head: string) => `<html><head>${head}</head><body><div>${BOOT}</div></body></html>`;

describe('holdBootForEarlyFigures', () => {
	it('makes the app start wait for the early script, importing the same two entries', () => {
		const html = holdBootForEarlyFigures(page(earlyFiguresScript(['review-due'], '1')));
		expect(html).toContain(
			`(window.${EARLY_GATE}||Promise.resolve()).then(function(){return Promise.all([`
		);
		// The imports now run inside the gate's callback, not at parse time.
		expect(html).not.toMatch(/[^n ]\s*Promise\.all\(\[\s*import/);
		expect(html.match(/import\("[^"]+"\)/g)).toEqual([
			'import("../_app/immutable/entry/start.B-czbJjd.js")',
			'import("../_app/immutable/entry/app.DDbw7cY0.js")'
		]);
		expect(html).toContain('])}).then(([kit, app]) => {');
	});

	it('leaves a page without early figures as it is', () => {
		const html = page('<title>x</title>');
		expect(holdBootForEarlyFigures(html)).toBe(html);
	});

	it('fails the build when SvelteKit renders its boot in a shape it does not know', () => {
		const html = page(earlyFiguresScript(['review-due'], '1')).replace(
			'Promise.all([\n',
			'Promise.allSettled([\n'
		);
		expect(html).toContain('Promise.allSettled([');
		expect(() => holdBootForEarlyFigures(html)).toThrow(/boot script not recognised/);
	});

	it('the early script leaves a gate that settles within the cap, even if IndexedDB never answers', async () => {
		const script = earlyFiguresScript(['review-due'], '1').replace(/^<script>|<\/script>$/g, '');
		// A remembered, current figure, so the script does ask IndexedDB for the stamp.
		const items = new Map<string, string>();
		const storage = {
			get length() {
				return items.size;
			},
			key: (i: number) => [...items.keys()][i] ?? null,
			getItem: (key: string) => items.get(key) ?? null,
			setItem: (key: string, value: string) => void items.set(key, value),
			removeItem: (key: string) => void items.delete(key)
		};
		rememberFigures(
			'review-due',
			{ html: '<p>1</p>' },
			{ generation: 0, stamp: 's', tag: figuresTag('1', 'en'), from: 0, until: Infinity },
			storage
		);
		let asked = 0;
		const never = () => (asked++, {}); // an open request whose events never come
		const w: Record<string, unknown> = {};
		const document = { documentElement: { getAttribute: () => 'en' } };
		const run = new Function('window', 'localStorage', 'indexedDB', 'document', script);
		const started = Date.now();
		run(w, storage, { open: never }, document);
		expect(asked).toBe(1);
		await w[EARLY_GATE];
		const waited = Date.now() - started;
		expect(waited).toBeGreaterThanOrEqual(EARLY_GATE_CAP_MS - 5);
		expect(waited).toBeLessThan(EARLY_GATE_CAP_MS + 2_000);
	});
});
