/**
 * Opening a notebook asks for the whole series its code names while the frame that runs the cells
 * is still loading (issue 13: first chart under 1.5 s), once each, and the cells show exactly the
 * files' rows; a symbol the reader then types in is loaded as before. The expected rows are read
 * from the files themselves, not through Tape.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputs, retype } from './cells';

/** The file the server answers a symbol from: the e2e data folder (the real prices when TAPE_DATA_DIR is set), else the sample. */
function fileRows(symbol: string): string {
	const own = join(process.env.TAPE_E2E_DATA!, `${symbol}.csv`);
	const lines = readFileSync(existsSync(own) ? own : `sample/${symbol}.csv`, 'utf8').trim().split(/\r?\n/);
	const close = lines[0].split(',').findIndex((name) => name.trim().toLowerCase() === 'close');
	const closes = lines.slice(1).map((line) => Number(line.split(',')[close])).filter((x) => Number.isFinite(x));
	return `${symbol} ${closes.length} rows, closes sum ${closes.reduce((a, b) => a + b, 0).toFixed(2)}`;
}

function seriesRequests(page: Page): Map<string, number> {
	const asked = new Map<string, number>();
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (!url.pathname.startsWith('/api/data/series/')) return;
		const symbol = decodeURIComponent(url.pathname.split('/').pop()!);
		asked.set(symbol, (asked.get(symbol) ?? 0) + 1);
	});
	return asked;
}

const summary = "md`${symbols.map((s, i) => `${s} ${h[i].numRows()} rows, closes sum ${d3.sum(h[i].array('close') as number[]).toFixed(2)}`).join('; ')}`";

test('the series a notebook names are asked for while its frame loads, once each, and give the files’ rows', async ({ page }) => {
	writeFileSync(
		join(process.env.TAPE_E2E_NOTEBOOKS!, 'prefetch.md'),
		`---\ntitle: Prefetch\n---\n\n\`\`\`ts\nconst symbols = ['IWM', 'QQQ'];\n\`\`\`\n\n\`\`\`ts\nconst h = await Promise.all(symbols.map((s) => loadSeries(s)));\n${summary}\n\`\`\`\n`
	);
	const asked = seriesRequests(page);
	// The frame's script is held until both series have been asked for (at most 30 s): before this
	// change they were asked for only by a cell, which needs that script, so they never were.
	let askedWhileFrameLoaded = false;
	await page.context().route('**/sandbox/frame.js', async (route) => {
		const until = Date.now() + 30_000;
		while (Date.now() < until && !(asked.has('IWM') && asked.has('QQQ'))) await new Promise((done) => setTimeout(done, 50));
		askedWhileFrameLoaded = asked.has('IWM') && asked.has('QQQ');
		await route.continue();
	});
	await page.goto('/nb/prefetch.md');
	await expect(await outputs(page, 1)).toContainText(`${fileRows('IWM')}; ${fileRows('QQQ')}`, { timeout: 60_000 });
	expect(askedWhileFrameLoaded).toBe(true);
	expect(Object.fromEntries(asked)).toEqual({ IWM: 1, QQQ: 1 });
});

test('a symbol the reader types in after opening is loaded and shown, not the one fetched as the notebook opened', async ({ page }) => {
	writeFileSync(
		join(process.env.TAPE_E2E_NOTEBOOKS!, 'prefetch-edit.md'),
		`---\ntitle: Prefetch edit\n---\n\n\`\`\`ts\nconst symbols = ['IWM'];\n\`\`\`\n\n\`\`\`ts\nconst h = await Promise.all(symbols.map((s) => loadSeries(s)));\n${summary}\n\`\`\`\n`
	);
	const asked = seriesRequests(page);
	await page.goto('/nb/prefetch-edit.md');
	await expect(await outputs(page, 1)).toContainText(fileRows('IWM'), { timeout: 60_000 });
	await retype(page, 0, ["const symbols = ['QQQ'];"]);
	await page.keyboard.press('Shift+Enter');
	await expect(await outputs(page, 1)).toContainText(fileRows('QQQ'), { timeout: 60_000 });
	await expect(await outputs(page, 1)).not.toContainText('IWM');
	expect(Object.fromEntries(asked)).toEqual({ IWM: 1, QQQ: 1 });
});
