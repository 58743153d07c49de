/**
 * Long notebooks in the browser (issue 12 item 8): notebooks of 4,000 and 10,000 one-line code
 * cells opened in Debian's Chromium against the built server, then scrolled a wheel turn at a
 * time and sent to the end with the End key. Prints the time to the first editor, the page's
 * round trips while scrolling (a script call that waits for the next frame, every 100 ms, as the
 * reliability suite's browser part samples them), the long tasks the page counted, and the time
 * from End to the last cell shown; then types into a cell there as a reader does, a key every
 * 50 ms, and prints each key's time to the next painted frame and the long tasks meanwhile.
 * Needs a build (`npm run build`).
 *
 *   npm run bench -- many-cells          TAPE_BENCH_CELLS=10000 for one size only (50,10000: a short one to compare)
 *   TAPE_BENCH_TRACE=/tmp/trace.json     also writes Chromium traces of the scrolling and the typing (Perfetto, DevTools)
 *   TAPE_BENCH_PROFILE=1                 also prints where the long tasks' time went (with TAPE_BENCH_TRACE, saves the JS profiles beside the traces)
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startBuiltServer } from './built-server';
import { hotFunctions, sampleRoundTrips, sleep } from './page-figures';

const root = resolve(import.meta.dirname, '..');
const SIZES = process.env.TAPE_BENCH_CELLS ? process.env.TAPE_BENCH_CELLS.split(',').map(Number) : [4000, 10_000];
const TURNS = 40;

function notebook(count: number): string {
	const cells = Array.from({ length: count - 1 }, (_, i) => `\`\`\`ts\nconst v${i + 1} = ${i + 1};\n\`\`\`\n`);
	cells.push(`\`\`\`ts\nv${count - 1} * 2\n\`\`\`\n`);
	return `---\ntitle: Many cells\n---\n\n${cells.join('\n')}`;
}

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { url?: string; functionName?: string } } };

/** Where the time of the trace's long tasks (over 50 ms on the page's main thread) went, by event, self time. */
function longTaskBreakdown(events: TraceEvent[]): string {
	const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
	const main = mains.find((m) => events.some((e) => e.pid === m.pid && e.name === 'FireAnimationFrame')) ?? mains[0];
	if (!main) return '  (no renderer main thread in the trace)';
	const complete = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
	const self = new Map<string, number>();
	let tasks = 0;
	let total = 0;
	// Nested events by a stack: each event's own time is its duration less its direct children's.
	const stack: { event: TraceEvent; own: number }[] = [];
	let inLong = false;
	const close = () => {
		const { event, own } = stack.pop()!;
		if (!inLong) return;
		const data = event.args?.data;
		const label = event.name === 'FunctionCall' && data ? `FunctionCall ${data.functionName || '(anonymous)'} ${(data.url ?? '').split('/').pop()}` : event.name;
		self.set(label, (self.get(label) ?? 0) + own);
	};
	for (const event of complete) {
		while (stack.length && event.ts >= stack.at(-1)!.event.ts + stack.at(-1)!.event.dur!) close();
		if (!stack.length) {
			inLong = event.name === 'RunTask' && event.dur! > 50_000;
			if (inLong) {
				tasks++;
				total += event.dur!;
			}
		} else stack.at(-1)!.own -= event.dur!;
		stack.push({ event, own: event.dur! });
	}
	while (stack.length) close();
	const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 16);
	// Layouts a script asked for (reading a size after a change) rather than the frame's own, in any task.
	// (Only those that laid something out: most reads find the layout clean.)
	const layouts = complete.filter((e) => e.name === 'LocalFrameView::performLayout');
	const forced = complete.filter((e) => e.name === 'Blink.ForcedStyleAndLayout.UpdateTime' && layouts.some((l) => l.ts >= e.ts && l.ts < e.ts + e.dur!));
	const forcedMs = Math.round(forced.reduce((sum, e) => sum + e.dur!, 0) / 1000);
	return [`  trace: ${forced.length} forced layouts (${forcedMs} ms); ${tasks} tasks over 50 ms, ${Math.round(total / 1000)} ms in all; their self time by event:`, ...top.map(([name, us]) => `    ${String(Math.round(us / 1000)).padStart(6)} ms  ${name}`)].join('\n');
}

/**
 * With TAPE_BENCH_TRACE or TAPE_BENCH_PROFILE, traces (and profiles) the page until the returned
 * stop, which prints where the time went and saves the files as `<trace>-<count>[-<step>]`.
 */
async function profileWhile(page: Page, count: number, step: 'scroll' | 'typing'): Promise<() => Promise<void>> {
	const saveAs = (ext: string) => process.env.TAPE_BENCH_TRACE!.replace(/(\.json)?$/, `-${count}${step === 'scroll' ? '' : `-${step}`}.${ext}`);
	const tracing = process.env.TAPE_BENCH_TRACE || process.env.TAPE_BENCH_PROFILE;
	const browser = page.context().browser()!;
	if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc'] });
	const cdp = process.env.TAPE_BENCH_PROFILE ? await page.context().newCDPSession(page) : undefined;
	if (cdp) {
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
		await cdp.send('Profiler.start');
	}
	return async () => {
		if (cdp) {
			const { profile } = await cdp.send('Profiler.stop');
			console.log(hotFunctions(profile));
			if (process.env.TAPE_BENCH_TRACE) writeFileSync(saveAs('cpuprofile'), JSON.stringify(profile));
			await cdp.detach();
		}
		if (tracing) {
			const trace = await browser.stopTracing();
			if (process.env.TAPE_BENCH_TRACE) writeFileSync(saveAs('json'), trace);
			if (process.env.TAPE_BENCH_PROFILE) console.log(longTaskBreakdown(JSON.parse(trace.toString()).traceEvents));
		}
	};
}

/** What a reader types into a cell, a key every 50 ms: a comment, so the cell still runs as it did. */
const TYPED = ' // checked against the close';

/**
 * Clicks at the end of the next-to-last cell's code (on the page after End) and types TYPED.
 * Prints each key's time to the page's next painted frame (from the key's event to a task after
 * that frame's rendering, timed in the page), round trips meanwhile, and the long tasks while it
 * typed and in the second after (the autosave).
 */
async function typeInCell(page: Page, count: number): Promise<void> {
	const cell = page.locator('section.cell[data-kind=code]').filter({ hasText: new RegExp(`const\\sv${count - 1}\\s`) });
	await cell.locator('.monaco-editor').waitFor({ timeout: 120_000 });
	await cell.locator('.monaco-editor .view-lines').click();
	await page.keyboard.press('End');
	await sleep(500);
	await page.evaluate(() => {
		(window as unknown as { tapeLongTasks: number[] }).tapeLongTasks.length = 0;
		const keys: number[] = ((window as unknown as { tapeKeys: number[] }).tapeKeys = []);
		addEventListener(
			'keydown',
			(event) => {
				const at = event.timeStamp;
				requestAnimationFrame(() => {
					const after = new MessageChannel();
					after.port1.onmessage = () => keys.push(performance.now() - at);
					after.port2.postMessage(0);
				});
			},
			true
		);
	});
	const stopProfile = await profileWhile(page, count, 'typing');
	const stop = sampleRoundTrips(page);
	await page.keyboard.type(TYPED, { delay: 50 });
	await sleep(1500);
	const trips = await stop();
	await stopProfile();
	const { keys, longTasks, typed } = await page.evaluate(() => ({
		keys: (window as unknown as { tapeKeys: number[] }).tapeKeys,
		longTasks: (window as unknown as { tapeLongTasks: number[] }).tapeLongTasks,
		typed: document.activeElement?.closest('section.cell')?.textContent?.replace(/\s+/g, ' ') ?? ''
	}));
	if (!typed.includes(TYPED.trim())) throw new Error(`typing: the cell does not show what was typed (${typed.slice(0, 120)})`);
	const sorted = keys.sort((a, b) => a - b);
	const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
	console.log(`  typing: key → next frame med/p95/max ${at(0.5)} / ${at(0.95)} / ${Math.round(sorted.at(-1)!)} ms, ${sorted.filter((t) => t > 100).length} of ${sorted.length} keys over 100 ms`);
	console.log(`  typing: round trips                ${trips}`);
	console.log(`  typing: long tasks (and autosave)  ${longTasks.length}, ${Math.round(longTasks.reduce((a, b) => a + b, 0))} ms in all, longest ${Math.round(Math.max(0, ...longTasks))} ms`);
}

if (!existsSync(join(root, 'build/handler.js')) || !existsSync('/usr/bin/chromium')) {
	console.log('many cells: skipped (needs `npm run build` and /usr/bin/chromium)');
} else {
	const notebooks = mkdtempSync(join(tmpdir(), 'tape-bench-many-'));
	for (const count of SIZES) writeFileSync(join(notebooks, `many-${count}.md`), notebook(count));
	const { port, server } = await startBuiltServer(root, { TAPE_NOTEBOOKS_DIR: notebooks, TAPE_DATA_DIR: join(notebooks, 'no-data'), TAPE_SAMPLE_DIR: join(root, 'sample') });
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	try {
		for (const count of SIZES) {
			console.log(`many cells: ${count.toLocaleString('en-US')} one-line code cells, ${TURNS} wheel turns of 1500 px, then End (load ${loadavg()[0].toFixed(1)}):`);
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			const page = await context.newPage();
			await page.addInitScript(() => {
				const counted = ((window as unknown as { tapeLongTasks: number[] }).tapeLongTasks = []);
				new PerformanceObserver((list) => list.getEntries().forEach((e) => counted.push(e.duration))).observe({ type: 'longtask', buffered: true });
				// Elements put on the page and taken off it (each with its descendants), a count load does not change.
				const nodes = ((window as unknown as { tapeNodes: { added: number; removed: number } }).tapeNodes = { added: 0, removed: 0 });
				const size = (node: Node) => (node instanceof Element ? 1 + node.getElementsByTagName('*').length : 0);
				new MutationObserver((records) => {
					for (const record of records) {
						record.addedNodes.forEach((node) => (nodes.added += size(node)));
						record.removedNodes.forEach((node) => (nodes.removed += size(node)));
					}
				}).observe(document, { childList: true, subtree: true });
			});
			await page.addInitScript(() => {
				// Messages the page hears (from its frame, almost all): each is a task of its own on the page's thread.
				const heard = ((window as unknown as { tapeMessages: { count: number } }).tapeMessages = { count: 0 });
				addEventListener('message', () => heard.count++, true);
				// When ■ Stop (there while any cell runs or waits) was last seen going: the first run's end.
				const run = ((window as unknown as { tapeRun: { seen: boolean; ended: number } }).tapeRun = { seen: false, ended: 0 });
				const watch = setInterval(() => {
					const stop = [...document.querySelectorAll('button.danger')].some((b) => b.textContent?.includes('Stop'));
					if (stop) run.seen = true;
					// A short notebook may have run between two looks: its last cell (`v… * 2`, on the page) shows it is done.
					else if (run.seen || [...document.querySelectorAll('section.cell')].some((cell) => /\*\s2/.test(cell.textContent ?? '') && cell.querySelector('[data-status=done]'))) {
						run.ended = performance.now();
						clearInterval(watch);
					}
				}, 100);
			});
			const started = performance.now();
			await page.goto(`http://127.0.0.1:${port}/nb/many-${count}.md`, { timeout: 300_000 });
			await page.locator('section.cell[data-kind=code]').first().waitFor({ timeout: 300_000 });
			console.log(`  first cells shown                 ${Math.round(performance.now() - started)} ms`);
			// While every cell runs and the editors load: a reader may already scroll or click.
			const stopOpening = sampleRoundTrips(page);
			await page.locator('section.cell[data-kind=code]').first().locator('.monaco-editor').waitFor({ timeout: 300_000 });
			console.log(`  opened (first editor shown)       ${Math.round(performance.now() - started)} ms`);
			const runEnded = await page.waitForFunction(() => (window as unknown as { tapeRun: { ended: number } }).tapeRun.ended, undefined, { timeout: 300_000, polling: 100 });
			console.log(`  every cell run                    ${Math.round(await runEnded.jsonValue())} ms (the page's clock)`);
			const messages = await page.evaluate(() => (window as unknown as { tapeMessages: { count: number } }).tapeMessages.count);
			console.log(`  round trips while it opened       ${await stopOpening()}; ${messages.toLocaleString('en-US')} messages heard`);
			// The background models are made: let that pass before scrolling.
			await sleep(3000);
			await page.evaluate(() => {
				(window as unknown as { tapeLongTasks: number[] }).tapeLongTasks.length = 0;
				Object.assign((window as unknown as { tapeNodes: object }).tapeNodes, { added: 0, removed: 0 });
			});
			const stopProfile = await profileWhile(page, count, 'scroll');
			const stop = sampleRoundTrips(page);
			for (let i = 0; i < TURNS; i++) {
				await page.mouse.move(640, 450);
				await page.mouse.wheel(0, 1500);
				await sleep(50);
			}
			await sleep(1000);
			console.log(`  wheel round trips median/p95/max  ${await stop()}; scrolled to ${Math.round(await page.evaluate(() => scrollY)).toLocaleString('en-US')} px`);
			const longTasks = await page.evaluate(() => (window as unknown as { tapeLongTasks: number[] }).tapeLongTasks);
			console.log(`  long tasks while scrolling        ${longTasks.length}, ${Math.round(longTasks.reduce((a, b) => a + b, 0))} ms in all, longest ${Math.round(Math.max(0, ...longTasks))} ms`);
			const nodes = await page.evaluate(() => (window as unknown as { tapeNodes: { added: number; removed: number } }).tapeNodes);
			console.log(`  elements mounted / removed a turn ${Math.round(nodes.added / TURNS)} / ${Math.round(nodes.removed / TURNS)}`);
			await stopProfile();
			const ended = performance.now();
			const stopEnd = sampleRoundTrips(page);
			await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
			await page.keyboard.press('End');
			await page.waitForFunction(
				(text) => {
					const cells = document.querySelectorAll('section.cell[data-kind=code]');
					const last = cells[cells.length - 1];
					return !!last?.textContent?.replace(/\s+/g, ' ').includes(text) && last.getBoundingClientRect().top < innerHeight;
				},
				`v${count - 1} * 2`,
				{ timeout: 120_000, polling: 50 }
			);
			console.log(`  End → last cell shown             ${Math.round(performance.now() - ended)} ms`);
			await sleep(1000);
			console.log(`  round trips around End            ${await stopEnd()}`);
			await typeInCell(page, count);
			await context.close();
		}
	} finally {
		await browser.close();
		server.kill();
		rmSync(notebooks, { recursive: true, force: true });
	}
}
