// @vitest-environment jsdom
// jsdom, as a browser parses HTML: DOMPurify is only as good as the DOM it runs on.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/lib/markdown/render';

describe('renderMarkdown', () => {
	it('renders GFM and math', () => {
		const html = renderMarkdown('# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nInline $x^2$ and **bold**.');
		expect(html).toContain('<h1>Title</h1>');
		expect(html).toContain('<td>1</td>');
		expect(html).toContain('class="katex"');
		expect(html).toContain('<strong>bold</strong>');
	});

	it('renders inline and display math, and leaves money alone', () => {
		const inline = renderMarkdown('The slope is $\\beta = 0.39$ a year.');
		expect(inline).toMatch(/^<p>The slope is <span class="katex">/);
		expect(inline).toContain('a year.</p>');
		const display = renderMarkdown('Before\n\n$$\nr_t = \\ln(P_t / P_{t-1})\n$$\n\nAfter');
		expect(display).toContain('class="katex-display"');
		expect(display).toContain('<p>After</p>');
		const money = renderMarkdown('IWM cost $5 and QQQ $6 then.');
		expect(money).toBe('<p>IWM cost $5 and QQQ $6 then.</p>\n');
	});

	it('drops what could act on the workspace page: scripts, handlers, styles, forms and their controls', () => {
		const html = renderMarkdown(
			[
				'<script>alert(1)</script>',
				'<img src="x.png" onerror="alert(2)">',
				'<a href="javascript:alert(3)">link</a>',
				'<style>.toolbar { display: none }</style>',
				'<form action="/api/notebooks" method="post" enctype="text/plain"><input name="x" value="y"><textarea>t</textarea><select><option>o</option></select><button>Go</button></form>',
				'<dialog open>fake prompt</dialog>',
				'<link rel="stylesheet" href="/evil.css"><meta http-equiv="refresh" content="0;url=/"><base href="http://evil.example/">',
				'<iframe src="/api/notebooks"></iframe>'
			].join('\n\n')
		);
		for (const forbidden of ['<script', 'onerror', 'javascript:', '<style', '<form', '<input', '<textarea', '<select', '<option', '<button', '<dialog', '<link', '<meta', '<base', '<iframe']) {
			expect(html, forbidden).not.toContain(forbidden);
		}
		// The harmless parts stay.
		expect(html).toContain('<img src="x.png">');
		expect(html).toContain('link</a>');
	});
});
