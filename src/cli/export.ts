/**
 * `tape export <notebook.md> --out <file.html>`: the notebook as one HTML file that opens from
 * file:// with no network. The notebook runs once here (happy-dom for charts and inputs) so the
 * data it loads is known and embedded.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { exportHtml } from '../lib/present/export';
import { commonBuiltins } from '../lib/runtime/builtins';
import { createServerSource } from '../lib/server/data/index';
import { installDom } from './dom';

export async function exportCommand(args: string[]): Promise<number> {
	const outAt = args.indexOf('--out');
	const out = outAt >= 0 ? args[outAt + 1] : undefined;
	const files = args.filter((_, i) => i !== outAt && i !== outAt + 1);
	if (files.length !== 1 || !out) {
		console.error('usage: npm run tape -- export <notebook.md> --out <file.html>');
		return 2;
	}
	const [file] = files;
	const text = await readFile(file, 'utf8');
	installDom();
	const Inputs = await import('@observablehq/inputs');
	const { html, data, tables } = await exportHtml(basename(file), text, {
		source: createServerSource(),
		builtins: (source) => commonBuiltins(source, { Inputs })
	});
	await writeFile(out, html);
	const symbols = [...Object.entries(data), ...Object.entries(tables)];
	const dataBytes = symbols.reduce((sum, [, bytes]) => sum + bytes, 0);
	console.log(
		`${out}: ${kb(Buffer.byteLength(html))} (data: ${symbols.length ? `${symbols.map(([s]) => s).join(', ')}, ${kb(dataBytes)}` : 'none'})`
	);
	return 0;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
