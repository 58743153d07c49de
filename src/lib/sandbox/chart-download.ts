/**
 * The workspace's side of a chart's SVG/PNG button. The frame may not download (a notebook could
 * start one as it opens), so it hands the file over; once host.ts has seen the reader's click in
 * the frame behind it, the workspace saves it as the type it expects, with content that is what
 * it claims, under a name it chose.
 */
import { downloadBlob, svgToPng } from '../present/chart-file';
import type { ChartFormat } from './protocol';

/** Charts are a few hundred KB; a PNG at 2× of a very large chart a few MB. */
export const MAX_CHART_BYTES = 20 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The file to save, or why not. `notebook` is the notebook's file name (its name prefixes every chart file). */
export function chartFile(notebook: string, format: ChartFormat, content: string | ArrayBuffer, fileBase: string): { blob: Blob; name: string } | Error {
	const size = typeof content === 'string' ? content.length : content.byteLength;
	if (size > MAX_CHART_BYTES) return new Error(`chart file of ${size} bytes is over ${MAX_CHART_BYTES}`);
	if (format === 'png') {
		if (typeof content === 'string' || !PNG_SIGNATURE.every((byte, i) => new Uint8Array(content, 0, Math.min(8, content.byteLength))[i] === byte)) {
			return new Error('not a PNG image');
		}
		return { blob: new Blob([content], { type: 'image/png' }), name: `${chartName(notebook, fileBase)}.png` };
	}
	if (typeof content !== 'string') return new Error('not an SVG image');
	const problem = svgProblem(content);
	if (problem) return new Error(problem);
	return { blob: new Blob([content], { type: 'image/svg+xml' }), name: `${chartName(notebook, fileBase)}.svg` };
}

/** "welcome-cell-4-2" when the frame suggests it for welcome.md; anything else becomes "welcome-chart". */
function chartName(notebook: string, suggested: string): string {
	const base = notebook.replace(/\.md$/i, '').replace(/[^\w.-]+/g, '-') || 'notebook';
	return new RegExp(`^${escapeRegExp(base)}-cell-\\d{1,5}(-\\d{1,3})?$`).test(suggested) ? suggested : `${base}-chart`;
}

/** An SVG file opened in a browser runs its scripts: only a drawing is saved. */
function svgProblem(text: string): string | undefined {
	const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
	const root = doc.documentElement;
	if (root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) return 'not an SVG image';
	for (const element of doc.getElementsByTagName('*')) {
		if (['script', 'foreignObject', 'iframe', 'object', 'embed'].includes(element.localName)) return `an SVG chart may not contain <${element.localName}>`;
		for (const attribute of element.attributes) {
			if (/^on/i.test(attribute.name)) return `an SVG chart may not carry event handlers (${attribute.name})`;
			if (/href$/i.test(attribute.name) && /^\s*javascript:/i.test(attribute.value)) return 'an SVG chart may not link to javascript:';
		}
	}
	return undefined;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Saves the chart, or says why not (shown nowhere: the frame's code may have asked). Whether the
 * reader's click is behind the request is host.ts's call (sandbox/gesture.ts), made as the message
 * arrives. The SVG is checked to be a drawing before anything is made of it; a PNG is drawn here
 * from that SVG, so what is saved as PNG is always an image the workspace made.
 */
export async function saveChartFile(notebook: string, format: ChartFormat, chart: { svg: { text: string; width: number; height: number }; background: string }, fileBase: string): Promise<Error | undefined> {
	const svg = chartFile(notebook, 'svg', chart.svg.text, fileBase);
	if (svg instanceof Error) return svg;
	if (format === 'svg') {
		downloadBlob(svg.blob, svg.name);
		return undefined;
	}
	const background = CSS.supports('color', chart.background) ? chart.background : '#ffffff';
	const png = chartFile(notebook, 'png', await (await svgToPng(chart.svg, background)).arrayBuffer(), fileBase);
	if (png instanceof Error) return png;
	downloadBlob(png.blob, png.name);
	return undefined;
}
