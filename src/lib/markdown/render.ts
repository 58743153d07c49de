/**
 * Markdown to safe HTML, for Markdown cells and the `md` template: marked (GFM), KaTeX for $…$
 * and $$…$$, then DOMPurify. No CSS here: pages that show math load KaTeX's stylesheet.
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import katex from 'katex';
import { Marked, type TokenizerAndRendererExtension } from 'marked';

function math(name: string, level: 'block' | 'inline', opener: string, pattern: RegExp): TokenizerAndRendererExtension {
	return {
		name,
		level,
		// Where this token may start. A block rule that answered at every '$' would cut paragraphs
		// there and leave inline math split across lines, never rendered.
		start: (src) => (src.indexOf(opener) >= 0 ? src.indexOf(opener) : undefined),
		tokenizer(src) {
			const match = pattern.exec(src);
			if (match) return { type: name, raw: match[0], text: match[1].trim() };
		},
		renderer: (token) => katex.renderToString(token.text, { displayMode: level === 'block', throwOnError: false })
	};
}

const marked = new Marked({
	gfm: true,
	extensions: [
		math('blockMath', 'block', '$$', /^\$\$([\s\S]+?)\$\$(?:\n|$)/),
		// "$5 and $6" is money, not math: no space right inside the dollars, no digit after the closing one.
		math('inlineMath', 'inline', '$', /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/)
	]
});

// Made on first use: in Node the DOM is installed after this module loads.
let purifier: DOMPurify | undefined;

export function renderMarkdown(source: string): string {
	purifier ??= createDOMPurify(globalThis.window as unknown as Window & typeof globalThis);
	return purifier.sanitize(marked.parse(source, { async: false }), {
		// KaTeX emits MathML next to its HTML; keep both.
		USE_PROFILES: { html: true, mathMl: true, svg: true },
		// Markdown cells render in the workspace page itself: a <style> would restyle the workspace
		// (hide its toolbar, dress a fake dialog), and a form could post to its API from its own origin.
		FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'dialog', 'link', 'meta', 'base']
	});
}
