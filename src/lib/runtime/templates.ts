/**
 * Tagged templates for prose computed by cells: md`…` renders Markdown (sanitized), html`…` and
 * svg`…` are Hypertext Literal's, which escape interpolated strings and keep interpolated nodes.
 */
import { html, svg } from 'htl';
import { renderMarkdown } from '../markdown/render';

/**
 * Markdown with interpolated values, as an element.
 * @example
 * md`IWM gained **${change.toFixed(1)}%** in ${n} sessions.`
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement {
	const text = strings.reduce((out, s, i) => out + s + (i < values.length ? formatValue(values[i]) : ''), '');
	const element = document.createElement('div');
	element.className = 'tape-md';
	element.innerHTML = renderMarkdown(text);
	return element;
}

function formatValue(value: unknown): string {
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (Array.isArray(value)) return value.map(formatValue).join(', ');
	return String(value);
}

export { html, svg };
