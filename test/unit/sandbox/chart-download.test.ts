// @vitest-environment jsdom
// jsdom's DOMParser, as the workspace page parses the SVG a frame hands over.
import { describe, expect, it } from 'vitest';
import { chartFile } from '../../../src/lib/sandbox/chart-download';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0L10 10"/></svg>';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).buffer;

describe('chart files the frame hands to the workspace', () => {
	it('saves a chart as the type asked, under the name the frame suggests when it is a chart name of this notebook', () => {
		const svg = chartFile('welcome.md', 'svg', SVG, 'welcome-cell-4-2');
		expect(svg).not.toBeInstanceOf(Error);
		expect(svg).toMatchObject({ name: 'welcome-cell-4-2.svg' });
		expect((svg as { blob: Blob }).blob.type).toBe('image/svg+xml');
		expect(chartFile('welcome.md', 'png', PNG, 'welcome-cell-4')).toMatchObject({ name: 'welcome-cell-4.png' });
	});

	it('names any other suggestion itself: no path, no other extension', () => {
		for (const suggested of ['../../evil.exe', 'invoice.pdf.exe', 'other-cell-1', 'welcome-cell-1.exe', '']) {
			expect(chartFile('welcome.md', 'svg', SVG, suggested), suggested).toMatchObject({ name: 'welcome-chart.svg' });
		}
	});

	it('refuses content that is not what it claims: a PNG without its signature, an SVG that is not a drawing', () => {
		expect(chartFile('w.md', 'png', new TextEncoder().encode('MZ fake').buffer as ArrayBuffer, 'w-cell-1')).toBeInstanceOf(Error);
		expect(chartFile('w.md', 'png', 'not bytes', 'w-cell-1')).toBeInstanceOf(Error);
		const refused = [
			'MZ fake',
			'<html><body>hi</body></html>',
			'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
			'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>',
			'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect/></a></svg>'
		];
		for (const content of refused) expect(chartFile('w.md', 'svg', content, 'w-cell-1'), content).toBeInstanceOf(Error);
	});
});
