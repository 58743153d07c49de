/**
 * Charts out of a notebook as files: the chart's SVG made standalone, a PNG at twice its size,
 * and file names that say where the chart came from (welcome-cell-4.svg).
 */

/** "welcome.md", 4 → "welcome-cell-4"; a second chart of the same cell gets "-2". */
export function chartFileBase(notebookName: string, cellNumber: number, chartIndex = 0): string {
	const base = notebookName.replace(/\.md$/i, '').replace(/[^\w.-]+/g, '-') || 'notebook';
	return `${base}-cell-${cellNumber}${chartIndex ? `-${chartIndex + 1}` : ''}`;
}

/** The chart in an output: the output itself when it is an <svg>, else its largest <svg> (a Plot figure also holds legend swatches). */
export function chartIn(value: unknown): SVGSVGElement | undefined {
	if (typeof Element === 'undefined' || !(value instanceof Element)) return undefined;
	if (value instanceof SVGSVGElement) return value;
	let best: SVGSVGElement | undefined;
	let bestArea = -1;
	for (const svg of value.querySelectorAll('svg')) {
		const area = svg.width.baseVal.value * svg.height.baseVal.value;
		if (area > bestArea) [best, bestArea] = [svg, area];
	}
	return best;
}

/** The SVG as a standalone file: namespaces, an explicit size, and the text color it inherited on the page. */
export function standaloneSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
	const box = svg.getBoundingClientRect();
	const width = svg.width.baseVal.value || box.width;
	const height = svg.height.baseVal.value || box.height;
	const copy = svg.cloneNode(true) as SVGSVGElement;
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
	copy.setAttribute('width', String(width));
	copy.setAttribute('height', String(height));
	// Plot draws text and axes in currentColor: pin the color the page gave it.
	copy.style.color = getComputedStyle(svg).color;
	return { text: new XMLSerializer().serializeToString(copy), width, height };
}

/** A PNG of the SVG at `scale`× on the given background (a transparent PNG of dark-mode text is unreadable elsewhere). */
export async function svgToPng(svg: { text: string; width: number; height: number }, background: string, scale = 2): Promise<Blob> {
	const image = new Image();
	image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
	await image.decode();
	const canvas = document.createElement('canvas');
	canvas.width = Math.ceil(svg.width * scale);
	canvas.height = Math.ceil(svg.height * scale);
	const context = canvas.getContext('2d')!;
	context.fillStyle = background;
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.scale(scale, scale);
	context.drawImage(image, 0, 0, svg.width, svg.height);
	return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}

export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
