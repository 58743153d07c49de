/**
 * `tape export <notebook.md> --out <file.html>`: the notebook as one HTML file that opens from
 * file:// with no network. The notebook runs once here, as the user's own program (happy-dom for
 * charts and inputs), so the data it loads is known and embedded, together with what reading its
 * code finds (every option of a symbol select). The workspace's Export never runs it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseNotebook } from '../lib/notebook/index';
import { collectData } from '../lib/present/collect-data';
import { exportHtml } from '../lib/present/export';
import { reachableData } from '../lib/present/reachable-data';
import { commonBuiltins } from '../lib/runtime/builtins';
import { runtimeCell } from '../lib/runtime/sql-cell';
import { createSql } from '../lib/runtime/sql';
import { recordingSql, sqlSummary } from '../lib/present/collect-sql';
import { serverSql } from '../lib/server/sql-runner';
import { createServerSource } from '../lib/server/data/index';
import { installDom } from './dom';
import { runAndRecord } from './record';

export async function exportCommand(args: string[]): Promise<number> {
	const outAt = args.indexOf('--out');
	const out = outAt >= 0 ? args[outAt + 1] : undefined;
	const files = args.filter((_, i) => i !== outAt && i !== outAt + 1);
	if (files.length !== 1 || !out) {
		console.error('usage: npm run tape -- export <notebook.md> --out <file.html>   (runs the notebook\'s code on this machine, as `tape run` does)');
		return 2;
	}
	const [file] = files;
	const name = basename(file);
	const text = await readFile(file, 'utf8');
	installDom();
	const Inputs = await import('@observablehq/inputs');
	const source = createServerSource();
	// The results of the queries the notebook ran are embedded as they were answered.
	const sql = recordingSql(serverSql());
	const loaded = await runAndRecord(text, name, { source, builtins: (recording) => commonBuiltins(recording, { Inputs, sql: createSql(sql.run) }) });
	const code = parseNotebook(text, name).cells.flatMap((cell) => (cell.kind === 'code' ? [runtimeCell(cell).source] : []));
	const collected = await collectData(reachableData(code), { named: source, local: createServerSource({ providers: [] }) }, loaded);
	const { html, data, tables } = await exportHtml(name, text, { ...collected, sql: sql.results, sqlLeftOut: sql.leftOut });
	await writeFile(out, html);
	const symbols = [...Object.entries(data), ...Object.entries(tables)];
	const dataBytes = symbols.reduce((sum, [, bytes]) => sum + bytes, 0);
	const results = sqlSummary(sql);
	console.log(
		`${out}: ${kb(Buffer.byteLength(html))} (data: ${symbols.length ? `${symbols.map(([s]) => s).join(', ')}, ${kb(dataBytes)}` : 'none'}${results ? `; ${results}` : ''})`
	);
	return 0;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
