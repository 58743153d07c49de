/** Markdown cells to safe HTML: marked (GFM), KaTeX for $…$ and $$…$$, then DOMPurify. */
import DOMPurify from 'dompurify';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { Marked, type TokenizerAndRendererExtension } from 'marked';

function math(name: string, level: 'block' | 'inline', pattern: RegExp): TokenizerAndRendererExtension {
	return {
		name,
		level,
		start: (src) => src.indexOf('$') >= 0 ? src.indexOf('$') : undefined,
		tokenizer(src) {
			const match = pattern.exec(src);
			if (match) return { type: name, raw: match[0], text: match[1].trim() };
		},
		renderer: (token) =>
			katex.renderToString(token.text, { displayMode: level === 'block', throwOnError: false })
	};
}

const marked = new Marked({
	gfm: true,
	extensions: [
		math('blockMath', 'block', /^\$\$([\s\S]+?)\$\$(?:\n|$)/),
		// "$5 and $6" is money, not math: no space right inside the dollars, no digit after the closing one.
		math('inlineMath', 'inline', /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/)
	]
});

export function renderMarkdown(source: string): string {
	return DOMPurify.sanitize(marked.parse(source, { async: false }), {
		// KaTeX emits MathML next to its HTML; keep both.
		USE_PROFILES: { html: true, mathMl: true, svg: true }
	});
}
