import type { Block, Span } from '$lib/bank/types';

/**
 * Lesson text as HTML, for `RichText.svelte`. Why a string instead of Svelte markup: a section of
 * the handout is dozens of paragraphs and list items of a few spans each, and hydrating them as
 * `{#each}` / `{#if}` blocks made an effect per span, a share of the lesson page's hydration task
 * (issue #14); `{@html}` hydrates by adopting the prerendered nodes as they are.
 *
 * Safe by construction: the blocks are data (no authored markup), every text is escaped here and
 * the only tags are the fixed `p`, `ul`, `li` and `strong`; `lang` is escaped as an attribute.
 */
export function blocksHtml(blocks: readonly (Block | undefined)[], lang?: string): string {
	const attr = lang ? ` lang="${escapeHtml(lang)}"` : '';
	return blocks
		.map((block) => {
			if (!block) return '';
			if (block.kind === 'p') return `<p${attr}>${spansHtml(block.spans)}</p>`;
			const items = block.items.map((item) => `<li>${spansHtml(item)}</li>`).join('');
			return `<ul${attr}>${items}</ul>`;
		})
		.join('');
}

function spansHtml(spans: readonly Span[]): string {
	return spans
		.map(({ text, bold }) => (bold ? `<strong>${escapeHtml(text)}</strong>` : escapeHtml(text)))
		.join('');
}

const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** `text` with the five characters HTML gives meaning to (in text and in quoted attributes) escaped. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
