/**
 * `tape run`: runs notebooks headlessly with the same runtime as the browser and reports each
 * code cell, as JSON lines (--json) or as a readable log.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseNotebook, NotebookParseError } from '../lib/notebook/index';
import { createRuntime } from '../lib/runtime/index';
import { runtimeCell } from '../lib/runtime/sql-cell';
import { summarize } from '../lib/runtime/summarize';
import type { CellState } from '../lib/runtime/types';
import { originLabel } from '../lib/data/index';
import type { LoadedSeries } from './builtins';

export interface CellReport {
	index: number;
	defines: string[];
	status: 'ok' | 'error';
	value?: unknown;
	displays?: unknown[];
	error?: string;
	line?: number;
	column?: number;
	ms?: number;
}

export interface NotebookReport {
	file: string;
	ok: boolean;
	cells: CellReport[];
	error?: string;
}

export async function runNotebookFile(file: string, builtins: Record<string, unknown>): Promise<NotebookReport> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (e) {
		return { file, ok: false, cells: [], error: `cannot read ${file}: ${(e as Error).message}` };
	}
	let notebook;
	try {
		notebook = parseNotebook(text, basename(file));
	} catch (e) {
		if (e instanceof NotebookParseError) return { file, ok: false, cells: [], error: e.message };
		throw e;
	}
	const code = notebook.cells.filter((c) => c.kind === 'code');
	const runtime = createRuntime({ builtins });
	runtime.update(code.map(runtimeCell));
	await runtime.run();
	const cells = code.map((cell, i) => report(i, runtime.state(cell.id)!));
	runtime.dispose();
	return { file, ok: cells.every((c) => c.status === 'ok'), cells };
}

function report(index: number, state: CellState): CellReport {
	const base = { index, defines: state.defines };
	if (state.status === 'error') {
		const e = state.error!;
		return { ...base, status: 'error', error: e.message, line: e.line, column: e.column, ms: state.duration };
	}
	const out: CellReport = { ...base, status: 'ok', value: summarize(state.value) };
	if (state.displays.length) out.displays = state.displays.map(summarize);
	out.ms = state.duration;
	return out;
}

/** "  data: IWM: Tape's sample, 2000-05-26 → 2024-09-12; …", so sample data is never taken for live data; empty when nothing was loaded. */
export function formatLoaded(loaded: LoadedSeries[]): string {
	if (!loaded.length) return '';
	return `  data: ${loaded.map((l) => originLabel(l.symbol, l.from, l.span)).join('; ')}`;
}

export function formatReport(r: NotebookReport): string {
	if (r.error) return `✗ ${r.file}: ${r.error}`;
	const lines = [`${r.ok ? '✓' : '✗'} ${r.file}: ${r.cells.length} code cells`];
	for (const c of r.cells) {
		const name = c.defines.length ? ` (${c.defines.join(', ')})` : '';
		if (c.status === 'error') {
			const at = c.line ? `${c.line}:${c.column ?? 1}: ` : '';
			lines.push(`  ✗ cell ${c.index + 1}${name}: ${at}${c.error}`);
		} else {
			const shown = c.value === null ? '' : `: ${JSON.stringify(c.value).slice(0, 120)}`;
			lines.push(`  ✓ cell ${c.index + 1}${name} ${c.ms ?? 0} ms${shown}`);
		}
	}
	return lines.join('\n');
}
