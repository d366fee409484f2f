/**
 * App-side access to the generated bank. On the first-load path, so it stays tiny: each unit and
 * locale is its own lazy chunk (import.meta.glob), the index is one more, and promises are cached
 * so concurrent callers share one fetch. A failed load is forgotten so the next call can retry.
 */
import type { BankIndex, GlossaryTerm, Locale, UnitContent } from './types';

// Globs rather than static imports: they resolve to nothing (not a build error) before the first
// `npm run bank:build`, and the bundler emits one chunk per file.
const indexChunk = import.meta.glob<BankIndex>('./generated/index.json', { import: 'default' });
const glossaryChunk = import.meta.glob<GlossaryTerm[]>('./generated/glossary.json', {
	import: 'default'
});
const unitChunks = import.meta.glob<UnitContent>('./generated/units/*.json', { import: 'default' });

let index: Promise<BankIndex> | undefined;
let glossary: Promise<GlossaryTerm[]> | undefined;
const units = new Map<string, Promise<UnitContent>>();

function cached<T>(promise: Promise<T>, forget: () => void): Promise<T> {
	promise.catch(forget);
	return promise;
}

export function loadIndex(): Promise<BankIndex> {
	const load = indexChunk['./generated/index.json'];
	if (!load)
		return Promise.reject(new Error('The question bank is not built: run `npm run bank:build`.'));
	return (index ??= cached(load(), () => (index = undefined)));
}

/** Rejects with a clear Error for a unit (or locale) the build did not produce. */
export function loadUnit(unit: string, locale: Locale): Promise<UnitContent> {
	const key = `./generated/units/${unit}.${locale}.json`;
	const hit = units.get(key);
	if (hit) return hit;
	const load = unitChunks[key];
	if (!load) return Promise.reject(new Error(`Unknown bank unit "${unit}" (locale ${locale}).`));
	const promise = cached(load(), () => units.delete(key));
	units.set(key, promise);
	return promise;
}

/** The glossary page's terms (glossary.yaml and families.yaml, both languages): its own chunk. */
export function loadGlossary(): Promise<GlossaryTerm[]> {
	const load = glossaryChunk['./generated/glossary.json'];
	if (!load)
		return Promise.reject(new Error('The question bank is not built: run `npm run bank:build`.'));
	return (glossary ??= cached(load(), () => (glossary = undefined)));
}
