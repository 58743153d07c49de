/**
 * `tape edit <folder>`: the workspace over a researcher's own folder, not Tape's notebooks/. The
 * command is started as a user would (the package's bin, in another folder), then the folder's
 * notebook is opened and run in the browser on the folder's own data/.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codeCell, outputs } from './cells';

const bin = resolve('src/cli/bin.js');
let server: ChildProcess | undefined;
test.afterEach(() => void server?.kill());

function freePort(): Promise<number> {
	return new Promise((done) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => done(port));
		});
	});
}

test('tape edit serves a folder of notebooks with its data/, and saves back into that folder', async ({ page }) => {
	const folder = mkdtempSync(join(tmpdir(), 'tape-edit-'));
	mkdirSync(join(folder, 'data'));
	writeFileSync(join(folder, 'data', 'ZZZ.csv'), 'Date,Close\n2020-01-02,5\n2020-01-03,6\n2020-01-06,7\n');
	writeFileSync(join(folder, 'mine.md'), '---\ntitle: My research\n---\n\n# My research\n\n```ts\nconst zzz = await loadSeries("ZZZ");\n```\n\n```ts\n`${zzz.numRows()} sessions of ZZZ`\n```\n');
	const port = await freePort();
	// The user's shell has none of the test server's settings: the folder alone decides.
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
	for (const name of ['TAPE_DATA_DIR', 'TAPE_NOTEBOOKS_DIR', 'TAPE_SAMPLE_DIR', 'HOST']) delete env[name];
	server = spawn(process.execPath, [bin, 'edit', folder], { cwd: tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	server.stdout!.on('data', (chunk) => (log += chunk));
	server.stderr!.on('data', (chunk) => (log += chunk));
	await expect.poll(() => log, { timeout: 60_000 }).toContain('Listening on');

	await page.goto(`http://127.0.0.1:${port}/`);
	// Only the folder's notebook is listed: none of Tape's own.
	await expect(page.locator('li.row')).toHaveCount(1);
	await page.locator('li.row[data-name="mine.md"] a.main').click();
	await expect(await outputs(page, 1)).toContainText('3 sessions of ZZZ');

	await codeCell(page, 1).locator('.monaco-editor .view-lines').click();
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type(' // checked');
	await page.keyboard.press('ControlOrMeta+S');
	await expect.poll(() => readFileSync(join(folder, 'mine.md'), 'utf8')).toContain('// checked');
});
