import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

export interface Cell {
	index: number;
	defines: string[];
	status: 'ok' | 'error';
	value?: any;
	error?: string;
}

/** Runs notebooks/<name>.md through the CLI on a data folder; every cell must succeed. */
export function runNotebook(name: string, dataDir: string): Cell[] {
	const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(root, 'src/cli/tape.ts'), 'run', `notebooks/${name}.md`, '--json'], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, TAPE_DATA_DIR: dataDir }
	});
	const cells = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Cell);
	const failed = cells.filter((c) => c.status !== 'ok').map((c) => `cell ${c.index + 1}: ${c.error}`);
	expect(failed, `${name} should run clean`).toEqual([]);
	expect(r.status).toBe(0);
	return cells;
}

/** The value of the cell defining `findings` (every research notebook computes its conclusion from it). */
export function findingsOf(cells: Cell[]): any {
	const cell = cells.find((c) => c.defines.includes('findings'));
	expect(cell, 'a cell defines findings').toBeDefined();
	return cell!.value;
}
