import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

// Every word a user sees comes from the locale files. This walks each component's markup and
// flags text nodes and user-facing attributes written as literals.
const USER_FACING_ATTRIBUTES = new Set(['aria-label', 'title', 'alt', 'placeholder', 'label']);
const HAS_WORDS = /[A-Za-z\u3400-\u9fff]/;
/** A colon written in markup: Chinese wants the full-width "：", so it belongs in the locale files. */
const HAS_COLON = /:/;

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? svelteFiles(path) : entry.name.endsWith('.svelte') ? [path] : [];
	});
}

type Node = { type: string; [key: string]: unknown };

export function findHardcodedText(source: string): string[] {
	const ast = parse(source, { modern: true });
	const found: string[] = [];
	const visit = (node: unknown, parentName?: string): void => {
		if (Array.isArray(node)) return node.forEach((n) => visit(n, parentName));
		if (typeof node !== 'object' || node === null) return;
		const n = node as Node;
		// <style> and <script> contents are not markup.
		if (n.type === 'StyleSheet' || n.type === 'Script') return;
		if (n.type === 'Text' && parentName !== 'title' && HAS_WORDS.test(String(n.data)))
			found.push(`text "${String(n.data).trim()}"`);
		else if (n.type === 'Text' && HAS_COLON.test(String(n.data)))
			found.push(`colon "${String(n.data).trim()}"`);
		if (n.type === 'Attribute') {
			// class, id, name… are code, not words; only user-facing attributes are read.
			const value = n.value;
			if (USER_FACING_ATTRIBUTES.has(String(n.name)) && Array.isArray(value))
				for (const part of value as Node[])
					if (
						part.type === 'Text' &&
						(HAS_WORDS.test(String(part.data)) || HAS_COLON.test(String(part.data)))
					)
						found.push(`${String(n.name)}="${String(part.data)}"`);
			return;
		}
		for (const [key, child] of Object.entries(n)) {
			if (key === 'parent') continue;
			visit(child, n.type === 'RegularElement' ? String(n.name) : parentName);
		}
	};
	visit(ast.fragment);
	return found;
}

describe('hard-coded UI text', () => {
	it('is caught by the checker', () => {
		expect(findHardcodedText('<p>Hello</p>')).toEqual(['text "Hello"']);
		expect(findHardcodedText('<button aria-label="关闭">x</button>')).toContain(
			'aria-label="关闭"'
		);
		expect(findHardcodedText('<p>{t("x")} · {n}</p><style>p{color:red}</style>')).toEqual([]);
		// "答案: …" in Chinese: the colon must come from the locale (full-width there).
		expect(findHardcodedText('<p>{t("key")}: {text}</p>')).toEqual(['colon ":"']);
		expect(findHardcodedText('<b aria-label="{n}: {s}"></b>')).toContain('aria-label=": "');
	});

	for (const file of svelteFiles('src')) {
		it(`${relative('src', file)} takes every visible word from the locale files`, () => {
			expect(findHardcodedText(readFileSync(file, 'utf8'))).toEqual([]);
		});
	}
});
