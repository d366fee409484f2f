import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMESPACES } from './resources';
import { NAMESPACES_BY_SECTION, namespacesFor } from './sections';

/**
 * A namespace a page uses but its section does not load shows raw keys ("quiz:check") until some
 * other page happens to load it. This follows every import from each route section's files,
 * collects the namespaces their `t('ns:key')` calls name, and checks the section registers them.
 */
const ROOT = resolve(__dirname, '../../..');
const ROUTES = join(ROOT, 'src/routes');
/** Carried by every page (SHARED_NAMESPACES in i18n.svelte.ts). */
const ALWAYS = new Set(['common', 'home']);

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory()
			? filesUnder(path)
			: /\.(svelte|ts)$/.test(name)
				? [path]
				: [];
	});
}

function resolveImport(from: string, spec: string): string | null {
	const base = spec.startsWith('$lib/')
		? join(ROOT, 'src/lib', spec.slice(5))
		: spec.startsWith('.')
			? resolve(dirname(from), spec)
			: null;
	if (!base) return null;
	for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts')])
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	return null;
}

const IMPORT = /(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g;
const NAMESPACED_KEY = /\bt\(\s*['"`]([a-zA-Z]+):/g;

/** Namespaces named by `t()` calls in these files and everything they import, transitively. */
function namespacesReachedFrom(entries: string[]): Set<string> {
	const seen = new Set<string>();
	const found = new Set<string>();
	const queue = [...entries];
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file) || !/\.(svelte|ts)$/.test(file) || file.endsWith('.spec.ts')) continue;
		seen.add(file);
		const source = readFileSync(file, 'utf8');
		for (const [, ns] of source.matchAll(NAMESPACED_KEY)) found.add(ns);
		for (const [, spec] of source.matchAll(IMPORT)) {
			const target = resolveImport(file, spec);
			if (target) queue.push(target);
		}
	}
	return found;
}

const sections = readdirSync(ROUTES).filter(
	(name) => statSync(join(ROUTES, name)).isDirectory() && name !== 'api'
);

describe('translation namespaces per route section', () => {
	it('gives a page its deepest listed section', () => {
		expect(namespacesFor('/classroom/join')).toEqual(NAMESPACES_BY_SECTION['classroom/join']);
		expect(namespacesFor('/classroom/projector')).toEqual(NAMESPACES_BY_SECTION.classroom);
		expect(namespacesFor('/learn/[unit]')).toEqual(NAMESPACES_BY_SECTION.learn);
		expect(namespacesFor('/')).toEqual([]);
	});

	it('finds the sections and the namespaces the scan relies on', () => {
		expect(sections).toContain('learn');
		expect(namespacesReachedFrom(filesUnder(join(ROUTES, 'learn')))).toContain('learn');
	});

	it('registers only namespaces that exist, for sections that exist', () => {
		for (const [section, namespaces] of Object.entries(NAMESPACES_BY_SECTION)) {
			expect(existsSync(join(ROUTES, section)), `section ${section}`).toBe(true);
			for (const ns of namespaces) expect(NAMESPACES, `${section} → ${ns}`).toContain(ns);
		}
	});

	const rootFiles = readdirSync(ROUTES)
		.map((name) => join(ROUTES, name))
		.filter((path) => statSync(path).isFile());
	const nested = Object.keys(NAMESPACES_BY_SECTION).filter((key) => key.includes('/'));
	for (const section of ['', ...sections, ...nested]) {
		it(`/${section} loads every namespace its pages use`, () => {
			const entries = section === '' ? rootFiles : filesUnder(join(ROUTES, section));
			const used = [...namespacesReachedFrom(entries)].filter((ns) => !ALWAYS.has(ns));
			const registered = NAMESPACES_BY_SECTION[section] ?? [];
			expect(used.filter((ns) => !registered.includes(ns as never)).sort()).toEqual([]);
		});
	}
});
