import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

function tape(...args: string[]) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(root, 'src/cli/tape.ts'), ...args], {
		cwd: root,
		encoding: 'utf8'
	});
	return { status: r.status, lines: r.stdout.trim().split('\n').filter(Boolean), stderr: r.stderr };
}

describe('tape run --json', () => {
	it('prints one JSON object per code cell: values, tables, SVG, and errors with exit status 1', () => {
		const dir = mkdtempSync(join(tmpdir(), 'tape-cli-'));
		const file = join(dir, 'probe.md');
		writeFileSync(
			file,
			[
				'# Probe',
				'',
				'```ts',
				'const t = aq.table({ x: [1, 2, 3] })',
				't',
				'```',
				'',
				'```ts',
				'Plot.dot([1, 2], { x: (d: number) => d, y: (d: number) => d }).plot()',
				'```',
				'',
				'```ts',
				'const n: number = t.numRows() * 2;',
				'({ n, list: [1, "a", null], when: new Date(Date.UTC(2013, 6, 8)) })',
				'```',
				'',
				'```ts',
				'const broken = (null as any).x',
				'```',
				''
			].join('\n')
		);
		const { status, lines } = tape('run', file, '--json');
		expect(status).toBe(1);
		const cells = lines.map((l) => JSON.parse(l));
		expect(cells).toHaveLength(4);
		expect(cells[0]).toMatchObject({ index: 0, defines: ['t'], status: 'ok', value: { table: { columns: ['x'], numRows: 3, rows: [{ x: 1 }, { x: 2 }, { x: 3 }] } } });
		expect(cells[1]).toMatchObject({ index: 1, status: 'ok', value: { svg: true } });
		expect(cells[2]).toMatchObject({ status: 'ok', value: { n: 6, list: [1, 'a', null], when: '2013-07-08T00:00:00.000Z' } });
		expect(cells[3]).toMatchObject({ index: 3, status: 'error', line: 1 });
		expect(cells[3].error).toMatch(/reading 'x'/);
	});

	it('runs the welcome notebook clean', () => {
		const { status, lines } = tape('run', 'notebooks/welcome.md', '--json');
		expect(status).toBe(0);
		expect(lines.map((l) => JSON.parse(l).status).every((s) => s === 'ok')).toBe(true);
	});

	it('reports a malformed notebook with its line and fails', () => {
		const dir = mkdtempSync(join(tmpdir(), 'tape-cli-'));
		const file = join(dir, 'bad.md');
		writeFileSync(file, '# Bad\n\n```ts\nconst a = 1\n');
		const { status, lines } = tape('run', file, '--json');
		expect(status).toBe(1);
		expect(JSON.parse(lines[0])).toMatchObject({ status: 'error' });
		expect(JSON.parse(lines[0]).error).toMatch(/bad\.md:3/);
	});
});
