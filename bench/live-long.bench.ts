/**
 * Long notebooks edited live (issue 12 item 8 with "Edit live"): two pages (two browser contexts)
 * join the live room of a notebook of 4,000 and 10,000 one-line code cells; one types 30
 * characters into the first cell as a person does (50 ms apart), the other is idle. Prints the
 * time from each keystroke to its text shown on the other page, both pages' round trips
 * (sampled every 100 ms) and long tasks while typing, and the server's CPU time per keystroke.
 * Needs a build (`npm run build`).
 *
 *   npm run bench -- live-long       TAPE_BENCH_CELLS=10000 for one size only
 *   TAPE_BENCH_PROFILE=1             also prints where each page's JS time went while typing
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { startBuiltServer } from './built-server';
import { hotFunctions, sampleRoundTrips, sleep } from './page-figures';

const root = resolve(import.meta.dirname, '..');
const SIZES = process.env.TAPE_BENCH_CELLS ? [Number(process.env.TAPE_BENCH_CELLS)] : [4000, 10_000];
const TYPED = ' // ann types this live, slowly';

function notebook(count: number): string {
	const cells = Array.from({ length: count }, (_, i) => `\`\`\`ts\nconst v${i + 1} = ${i + 1};\n\`\`\`\n`);
	return `---\ntitle: Live and long\n---\n\n${cells.join('\n')}`;
}

/** The server's CPU time so far (user and system), in ms. */
function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

type Watched = Window & { tapeLongTasks: number[]; tapeKeys: number[]; tapeShown: { at: number; text: string }[] };

async function joinLive(browser: Browser, url: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	await context.addInitScript(() => {
		const w = window as unknown as Watched;
		w.tapeLongTasks = [];
		new PerformanceObserver((list) => list.getEntries().forEach((e) => w.tapeLongTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
		// Both pages run in one browser: Date.now() is one clock for both.
		w.tapeKeys = [];
		addEventListener('keydown', () => w.tapeKeys.push(Date.now()), true);
		w.tapeShown = [];
	});
	const page = await context.newPage();
	await page.goto(url, { timeout: 300_000 });
	await page.locator('section.cell[data-kind=code] .monaco-editor').first().waitFor({ timeout: 300_000 });
	await page.getByRole('button', { name: 'Edit live' }).click();
	return page;
}

async function profiled(page: Page): Promise<CDPSession | undefined> {
	if (!process.env.TAPE_BENCH_PROFILE) return undefined;
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
	await cdp.send('Profiler.start');
	return cdp;
}

const longTasks = async (page: Page) => {
	const tasks = await page.evaluate(() => (window as unknown as Watched).tapeLongTasks);
	return `${tasks.length}, ${Math.round(tasks.reduce((a, b) => a + b, 0))} ms in all, longest ${Math.round(Math.max(0, ...tasks))} ms`;
};

if (!existsSync(join(root, 'build/handler.js')) || !existsSync('/usr/bin/chromium')) {
	console.log('live long: skipped (needs `npm run build` and /usr/bin/chromium)');
} else {
	const notebooks = mkdtempSync(join(tmpdir(), 'tape-bench-live-long-'));
	for (const count of SIZES) writeFileSync(join(notebooks, `live-${count}.md`), notebook(count));
	const { port, server } = await startBuiltServer(root, { TAPE_NOTEBOOKS_DIR: notebooks, TAPE_DATA_DIR: join(notebooks, 'no-data'), TAPE_SAMPLE_DIR: join(root, 'sample') });
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	try {
		for (const count of SIZES) {
			const url = `http://127.0.0.1:${port}/nb/live-${count}.md`;
			const ann = await joinLive(browser, url);
			const bob = await joinLive(browser, url);
			for (const page of [ann, bob]) await page.locator('[data-live=on]').filter({ hasText: /Live with/ }).waitFor({ timeout: 300_000 });
			// Every cell has run and the background editor models are made: let that pass first.
			await sleep(count / 400 * 1000);
			console.log(`live long: ${count.toLocaleString('en-US')} one-line code cells, one page types ${TYPED.length} characters into the first (50 ms apart), the other shows them (load ${loadavg()[0].toFixed(1)}):`);
			await ann.locator('section.cell[data-kind=code] [data-cell-editor]').first().click();
			await ann.locator('section.cell[data-kind=code] .monaco-editor.focused').first().waitFor();
			await ann.keyboard.press('End');
			// What the other page shows of the first cell, each time it changes.
			await bob.evaluate(() => {
				const w = window as unknown as Watched;
				const lines = document.querySelector('section.cell[data-kind=code] .monaco-editor .view-lines')!;
				new MutationObserver(() => w.tapeShown.push({ at: Date.now(), text: lines.textContent!.replace(/\u00a0/g, ' ') })).observe(lines, { childList: true, subtree: true, characterData: true });
			});
			for (const page of [ann, bob]) await page.evaluate(() => ((window as unknown as Watched).tapeLongTasks.length = 0));
			await ann.evaluate(() => ((window as unknown as Watched).tapeKeys.length = 0));
			const profiles = [await profiled(ann), await profiled(bob)];
			const trips = [sampleRoundTrips(ann), sampleRoundTrips(bob)];
			const cpu = cpuMs(server.pid!);
			await ann.keyboard.type(TYPED, { delay: 50 });
			await bob.waitForFunction((text) => (window as unknown as Watched).tapeShown.some((shown) => shown.text.includes(text)), `const v1 = 1;${TYPED}`, { timeout: 120_000, polling: 50 });
			await sleep(1000);
			const serverMs = cpuMs(server.pid!) - cpu;
			const keys = await ann.evaluate(() => (window as unknown as Watched).tapeKeys);
			const shown = await bob.evaluate(() => (window as unknown as Watched).tapeShown);
			const lags = keys.map((at, k) => {
				const seen = shown.find((s) => s.text.includes(`const v1 = 1;${TYPED.slice(0, k + 1)}`));
				return seen ? seen.at - at : Infinity;
			});
			const sorted = [...lags].sort((a, b) => a - b);
			const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
			console.log(`  keystroke → shown on the other    median ${at(0.5)} / p95 ${at(0.95)} / max ${sorted.at(-1)} ms (${keys.length} keys)`);
			console.log(`  typing page round trips            ${await trips[0]()}`);
			console.log(`  other page round trips             ${await trips[1]()}`);
			console.log(`  long tasks, typing page            ${await longTasks(ann)}`);
			console.log(`  long tasks, other page             ${await longTasks(bob)}`);
			console.log(`  server CPU                         ${serverMs} ms, ${(serverMs / keys.length).toFixed(1)} ms a keystroke`);
			for (const [k, cdp] of profiles.entries()) {
				if (!cdp) continue;
				const { profile } = await cdp.send('Profiler.stop');
				console.log(`  ${k ? 'other' : 'typing'} page:\n${hotFunctions(profile)}`);
			}
			await ann.context().close();
			await bob.context().close();
		}
	} finally {
		await browser.close();
		server.kill();
		rmSync(notebooks, { recursive: true, force: true });
	}
}
