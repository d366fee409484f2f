import { describe, expect, it } from 'vitest';
import { blocksHtml, escapeHtml } from './rich-text';

describe('blocksHtml', () => {
	it('gives paragraphs and lists with bold spans, tagged with the language', () => {
		expect(
			blocksHtml(
				[
					{
						kind: 'p',
						spans: [{ text: '服务贸易有' }, { text: '四种', bold: true }, { text: '方式。' }]
					},
					{ kind: 'ul', items: [[{ text: '跨境交付' }], [{ text: '境外消费', bold: true }]] }
				],
				'zh-CN'
			)
		).toBe(
			'<p lang="zh-CN">服务贸易有<strong>四种</strong>方式。</p>' +
				'<ul lang="zh-CN"><li>跨境交付</li><li><strong>境外消费</strong></li></ul>'
		);
	});

	it('escapes every text and the language, so no text becomes markup', () => {
		const hostile = `<img src=x onerror="alert('x')"> & </p>`;
		const html = blocksHtml(
			[
				{ kind: 'ul', items: [[{ text: hostile, bold: true }]] },
				{ kind: 'p', spans: [{ text: hostile }] }
			],
			'en" onclick="x'
		);
		expect(html).not.toMatch(/<img|<\/p> &|" onclick/);
		// What the browser makes of it: the text, as text, and only the fixed tags.
		const host = document.createElement('div');
		host.innerHTML = html;
		expect(host.querySelector('strong')?.textContent).toBe(hostile);
		expect(host.querySelector('p')?.textContent).toBe(hostile);
		expect(host.querySelector('p')?.getAttribute('lang')).toBe('en" onclick="x');
		expect([...host.querySelectorAll('*')].map((el) => el.tagName)).toEqual([
			'UL',
			'LI',
			'STRONG',
			'P'
		]);
	});

	it('leaves out a missing block (an unmatched one in a bilingual pair) and a missing language', () => {
		expect(blocksHtml([undefined, { kind: 'p', spans: [{ text: 'a' }] }])).toBe('<p>a</p>');
	});
});

describe('escapeHtml', () => {
	it('escapes the five characters HTML gives meaning to, and nothing else', () => {
		expect(escapeHtml(`<a href="x">'&'</a> 中文`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; 中文'
		);
	});
});
