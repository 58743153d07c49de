/**
 * Opening a notebook: milliseconds from navigation to the first code editor and to the first chart
 * (an SVG drawn by the sandboxed frame), in Debian's Chromium against the built server (warm: one
 * opening first), each opening in a fresh browser context as a reader's first visit is. Notebooks
 * run on TAPE_DATA_DIR when set, else on the shipped sample. Needs a build (`npm run build`).
 *
 *   npm run bench -- first-chart           TAPE_BENCH_OPEN_RUNS=7 for more openings (default 5)
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startBuiltServer } from './built-server';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.TAPE_BENCH_OPEN_RUNS ?? 5);
const NOTEBOOKS = ['welcome.md', 'small-caps-lead-2013.md'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const range = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;

if (!existsSync(join(root, 'build/handler.js')) || !existsSync('/usr/bin/chromium')) {
	console.log('first chart: skipped (needs `npm run build` and /usr/bin/chromium)');
} else {
	const notebooks = mkdtempSync(join(tmpdir(), 'tape-bench-open-'));
	cpSync(join(root, 'notebooks'), notebooks, { recursive: true });
	const { port, server } = await startBuiltServer(root, { TAPE_NOTEBOOKS_DIR: notebooks, TAPE_DATA_DIR: process.env.TAPE_DATA_DIR ?? join(notebooks, 'no-data'), TAPE_SAMPLE_DIR: join(root, 'sample') });
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	try {
		console.log(`opening a notebook, navigation → first editor / first chart, ${runs} openings after a warm-up (load ${loadavg()[0].toFixed(1)}):`);
		for (const name of NOTEBOOKS) {
			const editor: number[] = [];
			const chart: number[] = [];
			for (let i = 0; i <= runs; i++) {
				const context = await browser.newContext();
				const page = await context.newPage();
				const started = performance.now();
				await page.goto(`http://127.0.0.1:${port}/nb/${name}`);
				const editorShown = page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 }).then(() => performance.now() - started);
				const chartShown = page.frameLocator('iframe.tape-sandbox').locator('.output-area svg').first().waitFor({ timeout: 60_000 }).then(() => performance.now() - started);
				const [e, c] = await Promise.all([editorShown, chartShown]);
				if (i > 0) {
					editor.push(e);
					chart.push(c);
				}
				await context.close();
			}
			console.log(`  ${name.padEnd(26)} editor ${Math.round(median(editor))} ms (${range(editor)}), first chart ${Math.round(median(chart))} ms (${range(chart)})   target: chart < 1500 ms`);
		}
	} finally {
		await browser.close();
		server.kill();
		rmSync(notebooks, { recursive: true, force: true });
	}
}
