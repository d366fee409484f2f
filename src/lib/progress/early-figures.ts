/**
 * The learner's figures on screen before the app starts (issue #14: at 4x CPU the page hydrates
 * after ~700 ms; the goal is figures within 300 ms). The prerendered page carries a small inline
 * script (`earlyFiguresScript`) that, while the app's JavaScript downloads:
 * 1. reads what the page last showed (`known-figures.ts`: HTML of the figures, remembered with
 *    the data's stamp, generation, time window and tag) from localStorage;
 * 2. reads the data's stamp: from localStorage when the last commit left its stamp there for the
 *    generation now (`figuresChanged`), else from IndexedDB (one small record: `STAMP_KEY`);
 * 3. only if the two stamps are the same, puts that HTML into the page's empty
 *    `[data-early="<name>"]` element (Svelte never touches its children: it is static in the
 *    component), and marks `sta:early-figures`. A figure shown on localStorage's word is still
 *    checked against IndexedDB's stamp, and taken back if it differs (a change that moved no
 *    generation: an older build's tab, the database edited by hand).
 * A stale entry (any change since, in any tab; a backup import; another day) shows nothing: the
 * page waits for its own read as before. When the app has read the figures itself it empties the
 * element and shows its own (`claimEarly`), in the same frame; the same figures, so nothing moves,
 * and the element is not a live region, so nothing is announced twice. An early figure that comes
 * too late (after the app's own) is dropped.
 *
 * The functions that run in the page are self-contained (no imports, no closures, no syntax that
 * needs a helper): the script is built from their source text.
 */
import { FIGURES_KEYS, heldFigures, rememberFigures, type FiguresValidity } from './known-figures';
import { DB_NAME, STAMP_KEY } from './tables';

/** What the early script needs to know, written into the page as JSON. */
export interface EarlyConfig {
	/** Remembered entries to show, each into `[data-early="<name>"]`. */
	names: string[];
	/** The app build: figures remembered by another build are not shown (markup, bank). */
	version: string;
	keys: typeof FIGURES_KEYS;
	/** Where the stamp lives: IndexedDB database, object store, key. */
	db: string;
	store: string;
	stampKey: string;
}

/** What the early script reads and touches, passed in so tests can give fakes. */
export interface EarlyEnv {
	storage: Pick<Storage, 'getItem' | 'key' | 'length'>;
	now: number;
	/** The language the page was rendered in (`data-rendered-lang`). */
	lang: string | null;
	/** `Date.prototype.getTimezoneOffset()` now. */
	zone: number;
	readStamp(): Promise<string | null>;
	/** Put `html` into the page's element for `name`; false if the app has shown its own. */
	show(name: string, html: string): Promise<boolean>;
	/** Take back what `show` put into the element for `name`, unless the app has shown its own. */
	hide(name: string): void;
}

/**
 * The tag a page remembers its figures under (see `FiguresValidity.tag`): the same string must
 * come out here and in the early script (`showEarlyFigures` builds it the same way).
 */
export function figuresTag(version: string, lang: string, zone = new Date().getTimezoneOffset()) {
	return version + ' ' + lang + ' ' + zone;
}

/**
 * Show every entry of `c.names` that still holds, once its stamp is confirmed: at once when
 * localStorage's mirror of the last landed commit vouches for it (then IndexedDB is still asked,
 * and a figure it disowns is taken back), else once IndexedDB answers. Resolves to the names
 * shown and confirmed by IndexedDB. Self-contained: inlined into the page by `earlyFiguresScript`.
 */
export function showEarlyFigures(
	c: EarlyConfig,
	held: typeof heldFigures,
	env: EarlyEnv
): Promise<string[]> {
	const storage = env.storage;
	let journaled = false;
	let generation: number;
	let mirrored: string | null = null;
	const found: { name: string; html: string; stamp: string }[] = [];
	try {
		for (let i = 0; i < storage.length; i++)
			if (String(storage.key(i)).indexOf(c.keys.journal) === 0) journaled = true;
		if (storage.getItem(c.keys.legacyJournal) !== null) journaled = true;
		const g = Number(storage.getItem(c.keys.generation) || 0);
		generation = Number.isSafeInteger(g) ? g : 0;
		const tag = c.version + ' ' + env.lang + ' ' + env.zone;
		for (let i = 0; i < c.names.length; i++) {
			const entry = held(storage.getItem(c.keys.prefix + c.names[i]), {
				format: c.keys.format,
				generation,
				tag,
				now: env.now,
				journaled
			});
			const html = entry && (entry.value as { html?: unknown } | null);
			if (entry && html && typeof html.html === 'string')
				found.push({ name: c.names[i], html: html.html, stamp: entry.stamp });
		}
	} catch {
		return Promise.resolve([]);
	}
	if (found.length === 0) return Promise.resolve([]);
	try {
		// Only the mirror of the commit that moved the generation to where it is now.
		const mirror = JSON.parse(storage.getItem(c.keys.stampMirror) || 'null') as {
			stamp?: unknown;
			generation?: unknown;
		} | null;
		if (mirror && mirror.generation === generation && typeof mirror.stamp === 'string')
			mirrored = mirror.stamp;
	} catch {
		// Unreadable mirror: ask IndexedDB.
	}
	const early: Promise<boolean>[] = [];
	for (let i = 0; i < found.length; i++)
		early.push(
			found[i].stamp === mirrored ? env.show(found[i].name, found[i].html) : Promise.resolve(false)
		);
	return env.readStamp().then(function (stamp) {
		const shown: Promise<string | null>[] = [];
		for (let i = 0; i < found.length; i++) {
			const f = found[i];
			const confirmed = stamp !== null && f.stamp === stamp;
			shown.push(
				early[i].then(function (before) {
					if (before && !confirmed) env.hide(f.name);
					if (!confirmed) return null;
					return (before ? Promise.resolve(true) : env.show(f.name, f.html)).then(function (done) {
						return done ? f.name : null;
					});
				})
			);
		}
		return Promise.all(shown).then(function (names) {
			return names.filter(function (n): n is string {
				return n !== null;
			});
		});
	});
}

/**
 * The page's side of the early script: localStorage, the stamp from IndexedDB (never creating
 * the database, never holding it open), the page's elements. Self-contained.
 */
export function browserEarlyEnv(c: EarlyConfig): EarlyEnv {
	const root = document.documentElement;
	return {
		storage: localStorage,
		now: Date.now(),
		lang: root.getAttribute('data-rendered-lang'),
		zone: new Date().getTimezoneOffset(),
		readStamp: function () {
			return new Promise<string | null>(function (resolve) {
				try {
					const open = indexedDB.open(c.db);
					// No database yet (a first visit): abort, so none is created here.
					open.onupgradeneeded = function () {
						open.transaction!.abort();
					};
					open.onerror = function () {
						resolve(null);
					};
					open.onblocked = function () {
						resolve(null);
					};
					open.onsuccess = function () {
						const db = open.result;
						// Never stand in the way of the app's own upgrade.
						db.onversionchange = function () {
							db.close();
						};
						try {
							if (!db.objectStoreNames.contains(c.store)) {
								db.close();
								resolve(null);
								return;
							}
							const get = db.transaction(c.store, 'readonly').objectStore(c.store).get(c.stampKey);
							get.onsuccess = function () {
								db.close();
								resolve(typeof get.result === 'string' ? get.result : null);
							};
							get.onerror = function () {
								db.close();
								resolve(null);
							};
						} catch {
							db.close();
							resolve(null);
						}
					};
				} catch {
					resolve(null);
				}
			});
		},
		hide: function (name) {
			const slot = document.querySelector('[data-early="' + name + '"]');
			if (slot && !slot.hasAttribute('data-live')) slot.replaceChildren();
		},
		show: function (name, html) {
			return new Promise<boolean>(function (resolve) {
				const selector = '[data-early="' + name + '"]';
				let done = false;
				function put() {
					if (done) return;
					done = true;
					watch.disconnect();
					const slot = document.querySelector(selector);
					// Gone, or the app has shown its own figures: they are at least as new.
					if (!slot || slot.hasAttribute('data-live')) return resolve(false);
					slot.innerHTML = html;
					performance.mark('sta:early-figures');
					resolve(true);
				}
				// Still parsing: fill the element the moment the parser has inserted it, not at the
				// end of the document (at 4x CPU, DOMContentLoaded came ~400 ms after the HTML,
				// behind the app's module scripts arriving; issue #14).
				const watch = new MutationObserver(function () {
					if (document.querySelector(selector)) put();
				});
				if (document.readyState !== 'loading' || document.querySelector(selector)) put();
				else {
					watch.observe(document, { childList: true, subtree: true });
					document.addEventListener('DOMContentLoaded', put);
				}
			});
		}
	};
}

/**
 * The inline `<script>` that shows the remembered figures `names` (see the top), for a page's
 * `<svelte:head>`. `version` is the app build (`$app/environment`).
 */
export function earlyFiguresScript(names: string[], version: string): string {
	const config: EarlyConfig = {
		names,
		version,
		keys: FIGURES_KEYS,
		db: DB_NAME,
		store: 'meta',
		stampKey: STAMP_KEY
	};
	// `<` escaped: nothing in the JSON can end the script element.
	const json = JSON.stringify(config).replace(/</g, '\\u003c');
	// The try: where site data is blocked (WeChat, Chrome's cookie setting) merely reading
	// `localStorage` or `indexedDB` throws; then there is nothing early to show, and no error.
	// The app's start waits on `EARLY_GATE` (see `holdBootForEarlyFigures`), never longer than
	// `EARLY_GATE_CAP_MS`, and not at all when there is nothing to show (the promise is settled).
	return (
		'<script>(function(){var w=window;try{var c=' +
		json +
		';w.' +
		EARLY_GATE +
		'=Promise.race([(' +
		showEarlyFigures.toString() +
		')(c,' +
		heldFigures.toString() +
		',(' +
		browserEarlyEnv.toString() +
		')(c)).catch(function(){}),new Promise(function(r){setTimeout(r,' +
		EARLY_GATE_CAP_MS +
		')})])}catch(e){}})()</script>'
	);
}

/**
 * Name of the global promise the early script leaves for the app's start: it settles once the
 * remembered figures are shown, or found stale or absent (at once when nothing is remembered).
 */
export const EARLY_GATE = '__staEarlyFigures';

/**
 * Longest wait (milliseconds, wall clock) of the app's start for IndexedDB's answer to the early
 * script. IndexedDB answers in a few milliseconds of the browser's own time; the cap only bounds
 * a database held up by another tab's upgrade.
 */
export const EARLY_GATE_CAP_MS = 150;

/** SvelteKit's boot: `Promise.all([import(start), import(app)])`, in its inline script. */
const BOOT_IMPORTS = /Promise\.all\(\[(\s*import\([^()]*\),\s*import\([^()]*\)\s*)\]\)/;

/**
 * A rendered page (`html`, whole) whose app start waits for its early figures script: the app's
 * modules are evaluated, and the page hydrated, only once `EARLY_GATE` settles. Why: at 4x CPU,
 * evaluating the app's modules and hydrating is one task of a few hundred milliseconds, and
 * IndexedDB's answer to the early script was queued behind it, so remembered figures showed only
 * after it (issue #14: /review and /progress within 300 ms). The scripts still download (and are
 * compiled) meanwhile: `<link rel="modulepreload">` asks for them while the page is parsed; only
 * their evaluation waits, for IndexedDB's few milliseconds, at most `EARLY_GATE_CAP_MS`.
 * Pages without the early script are returned unchanged.
 * @throws Error when the page has the early script but SvelteKit's boot is not the shape this
 *   knows (a SvelteKit upgrade changed it): the build fails rather than quietly losing the gain.
 */
export function holdBootForEarlyFigures(html: string): string {
	if (!html.includes('w.' + EARLY_GATE + '=')) return html;
	if (!BOOT_IMPORTS.test(html))
		throw new Error('early figures: SvelteKit boot script not recognised; see early-figures.ts');
	return html.replace(
		BOOT_IMPORTS,
		'(window.' + EARLY_GATE + '||Promise.resolve()).then(function(){return Promise.all([$1])})'
	);
}

/**
 * The app has read the figures itself: empty the early element (in the same frame as its own
 * figures render) and keep a late early script from filling it.
 */
export function claimEarly(slot: HTMLElement | undefined): void {
	if (!slot) return;
	slot.setAttribute('data-live', '');
	slot.replaceChildren();
}

/**
 * Remember what `shown` (the app's own figures) holds now, for the next visit's early script,
 * under `name`, if `validity` (from the reads they come from) allows. Its buttons are remembered
 * disabled: before the app starts they could do nothing, and a press must not be lost silently
 * (the app's own, enabled, replace them). Links work without the app and stay as they are.
 */
export function rememberShown(
	name: string,
	shown: HTMLElement | undefined,
	validity: Omit<FiguresValidity, 'tag'>,
	tag: string
): void {
	if (!shown) return;
	const copy = shown.cloneNode(true) as HTMLElement;
	for (const button of copy.querySelectorAll('button')) button.disabled = true;
	rememberFigures(name, { html: copy.innerHTML }, { ...validity, tag });
}
