import { describe, expect, it } from 'vitest';
import { buildPresentDocument, escapeScript, jsonForScript, servedPolicy } from '../../../src/lib/present/document';
import { readEmbeddedData, readEmbeddedNotebook } from '../../../src/lib/present/embedded';

const hostile = '# Title\n\n</script><script>alert(1)</script> <!-- x --> \u2028';

describe('buildPresentDocument', () => {
	it('links the frame bundle for served reports and embeds the notebook as inert JSON', () => {
		const html = buildPresentDocument({ mode: 'report', notebook: { name: 'a.md', text: hostile }, title: 'A <b>', assets: { kind: 'linked' } });
		expect(html).toContain('<body data-mode="report">');
		expect(html).toContain('<script src="/sandbox/frame.js"></script>');
		expect(html).toContain('<link rel="stylesheet" href="/sandbox/frame.css">');
		expect(html).toContain('<title>A &#60;b&#62;</title>');
		// One closing tag per script element: the notebook text cannot end its element early.
		expect(html.match(/<\/script>/g)).toHaveLength(2);
		expect(readEmbeddedNotebook(html)).toEqual({ name: 'a.md', text: hostile });
	});

	it('inlines bundle, styles and data for the export, under a policy that allows no network', () => {
		const js = 'const a = "</script><!-- <script>"; console.log(a)';
		const html = buildPresentDocument({
			mode: 'report',
			notebook: { name: 'a.md', text: '# A' },
			title: 'A',
			assets: { kind: 'inline', js, css: 'body{color:red}' },
			data: { IWM: 'date,close\n2024-01-02,1\n' }
		});
		expect(html).not.toContain('src="/sandbox');
		expect(html).toContain("connect-src 'none'");
		expect(html).toContain('<style>body{color:red}</style>');
		expect(html.match(/<\/script>/g)).toHaveLength(3);
		expect(readEmbeddedData(html)).toEqual({ IWM: 'date,close\n2024-01-02,1\n' });
		// The escaped bundle still means the same JavaScript.
		expect(new Function(`${escapeScript(js).replace('console.log(a)', 'return a')}`)()).toBe('</script><!-- <script>');
	});

	it('says when a file is not a Tape export', () => {
		expect(readEmbeddedNotebook('<html><body>hello</body></html>')).toBeUndefined();
		expect(readEmbeddedData('<html></html>')).toEqual({});
	});

	it('JSON for scripts has no "<" and parses back', () => {
		const value = { text: '<\u2028>' };
		expect(jsonForScript(value)).not.toContain('<');
		expect(JSON.parse(jsonForScript(value))).toEqual(value);
	});

	it('served policy sandboxes the document: no same origin, no downloads, no requests for data, not framed by other sites', () => {
		const policy = servedPolicy('127.0.0.1:5173');
		expect(policy).toMatch(/^sandbox allow-scripts allow-popups allow-modals;/);
		expect(policy).not.toContain('allow-same-origin');
		expect(policy).not.toContain('allow-downloads');
		expect(policy).toContain("connect-src 'none';");
		expect(policy).toContain("frame-ancestors 'self';");
	});
});
