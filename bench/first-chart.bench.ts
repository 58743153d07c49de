/**
 * Opening a notebook: milliseconds from navigation to the first code editor and to the first chart
 * (an SVG drawn by the sandboxed frame), in Debian's Chromium against the built server (warm: one
 * opening first), each opening in a fresh browser context as a reader's first visit is. Notebooks
 * run on TAPE_DATA_DIR when set, else on the shipped sample. Needs a build (`npm run build`).
 *
 *   npm run bench -- first-chart           TAPE_BENCH_OPEN_RUNS=7 for more openings (default 5)
 *
 * TAPE_BENCH_SIGNIN=1: a team server (one editor added, signed in once), where every opening also
 * joins the notebook's live room; the time to "● Live" is printed too. Its data folder is a new
 * one (users are kept there), so the notebooks run on the sample.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContextOptions } from 'playwright-core';
import { startBuiltServer } from './built-server';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.TAPE_BENCH_OPEN_RUNS ?? 5);
const NOTEBOOKS = ['welcome.md', 'small-caps-lead-2013.md'];
const signIn = process.env.TAPE_BENCH_SIGNIN === '1';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const range = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;

if (!existsSync(join(root, 'build/handler.js')) || !existsSync('/usr/bin/chromium')) {
	console.log('first chart: skipped (needs `npm run build` and /usr/bin/chromium)');
} else {
	const notebooks = mkdtempSync(join(tmpdir(), 'tape-bench-open-'));
	cpSync(join(root, 'notebooks'), notebooks, { recursive: true });
	const data = signIn ? mkdtempSync(join(tmpdir(), 'tape-bench-team-')) : (process.env.TAPE_DATA_DIR ?? join(notebooks, 'no-data'));
	const password = signIn ? addEditor(data) : undefined;
	const { port, server } = await startBuiltServer(root, { TAPE_NOTEBOOKS_DIR: notebooks, TAPE_DATA_DIR: data, TAPE_SAMPLE_DIR: join(root, 'sample') });
	const base = `http://127.0.0.1:${port}`;
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	try {
		// Signed in once (scrypt is slow on purpose); every opening's fresh context carries the session cookie.
		let storageState: BrowserContextOptions['storageState'];
		if (password) {
			const context = await browser.newContext();
			const answer = await context.request.post(`${base}/api/auth/login`, { data: { name: 'bench', password }, headers: { origin: base } });
			if (!answer.ok()) throw new Error(`sign-in failed: ${answer.status()} ${await answer.text()}`);
			storageState = await context.storageState();
			await context.close();
		}
		console.log(`opening a notebook${signIn ? ' on a team server (sign-in on, live join)' : ''}, navigation → first editor / first chart${signIn ? ' / live' : ''}, ${runs} openings after a warm-up (load ${loadavg()[0].toFixed(1)}):`);
		for (const name of NOTEBOOKS) {
			const editor: number[] = [];
			const chart: number[] = [];
			const live: number[] = [];
			for (let i = 0; i <= runs; i++) {
				const context = await browser.newContext({ storageState });
				const page = await context.newPage();
				const started = performance.now();
				await page.goto(`${base}/nb/${name}`);
				const editorShown = page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 }).then(() => performance.now() - started);
				const chartShown = page.frameLocator('iframe.tape-sandbox').locator('.output-area svg').first().waitFor({ timeout: 60_000 }).then(() => performance.now() - started);
				const joined = signIn ? page.locator('[data-live=on]').waitFor({ timeout: 60_000 }).then(() => performance.now() - started) : Promise.resolve(0);
				const [e, c, l] = await Promise.all([editorShown, chartShown, joined]);
				if (i > 0) {
					editor.push(e);
					chart.push(c);
					live.push(l);
				}
				await context.close();
			}
			// Load-proof: a page that waits for its join before running never draws a chart before "● Live".
			const early = live.filter((l, k) => chart[k] < l).length;
			const joinedFigure = signIn ? `, live ${Math.round(median(live))} ms (${range(live)}), chart before live in ${early} of ${live.length}` : '';
			console.log(`  ${name.padEnd(26)} editor ${Math.round(median(editor))} ms (${range(editor)}), first chart ${Math.round(median(chart))} ms (${range(chart)})${joinedFigure}   target: chart < 1500 ms`);
		}
	} finally {
		await browser.close();
		server.kill();
		rmSync(notebooks, { recursive: true, force: true });
		if (signIn) rmSync(data, { recursive: true, force: true });
	}
}

/** `tape user add bench --role editor` on `data`; the password it prints once. */
function addEditor(data: string): string {
	const run = spawnSync(process.execPath, [join(root, 'src/cli/bin.js'), 'user', 'add', 'bench', '--role', 'editor', '--data', data], { encoding: 'utf8' });
	const password = /^\s{2}(\S{20})$/m.exec(run.stdout)?.[1];
	if (run.status !== 0 || !password) throw new Error(`tape user add failed: ${run.stderr || run.stdout}`);
	return password;
}
