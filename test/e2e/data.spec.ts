import { expect, test, type Page } from '@playwright/test';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputs, retype } from './cells';

const csv = ['Date,Open,High,Low,Close,Adj Close,Volume', '2024-01-02,10,11,9.5,10.5,10.5,1000', '2024-01-03,10.5,12,10,11.8,11.8,1500', ''].join('\n');

test('a price CSV picked on the notebook page lands in the data folder and loads in a cell', async ({ page }) => {
	await page.goto('/nb/data-drop.md');
	await page.locator('input[type=file][accept*=csv]').setInputFiles({ name: 'TESTX.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await expect(page.getByText(/TESTX\.csv.*is in the data folder as/)).toBeVisible();
	await expect(page.getByText("loadSeries('TESTX')")).toBeVisible();

	await retype(page, 0, ["const sessions = (await loadSeries('TESTX')).numRows();", '`sessions: ${sessions}`']);
	await page.keyboard.press('Shift+Enter');
	await expect(await outputs(page, 0)).toContainText('sessions: 2');

});

test('a malformed CSV is refused with its line and column, and nothing is stored', async ({ page }) => {
	await page.goto('/nb/data-drop.md');
	const bad = csv.replace('10.5,12,10,11.8', '10.5,12,10,eleven');
	await page.locator('input[type=file][accept*=csv]').setInputFiles({ name: 'BADX.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
	await expect(page.getByText(/BADX\.csv.*was not added: .*BADX\.csv:3/)).toBeVisible();
	const listed = await page.evaluate(() => fetch('/api/data/symbols').then((r) => r.json()));
	expect(listed.symbols).not.toContain('BADX');
	expect(listed.symbols).toContain('TESTX');
});

/** Drops files on the page the way a browser does: dragover, then drop, with a DataTransfer holding them. */
async function dropFiles(page: Page, files: { name: string; text: string }[]) {
	const dataTransfer = await page.evaluateHandle((files) => {
		const transfer = new DataTransfer();
		for (const { name, text } of files) transfer.items.add(new File([text], name, { type: 'text/csv' }));
		return transfer;
	}, files);
	await page.dispatchEvent('main', 'dragover', { dataTransfer });
	await page.dispatchEvent('main', 'drop', { dataTransfer });
}

const holdings = ['name,sector,weight', '"Apple, Inc.",Tech,0.45', 'Exxon Mobil,Energy,0.35', 'Pfizer,Health,0.2', ''].join('\n');

test('a CSV that is not a price series, dropped on the page, is stored as a table that loadTable reads', async ({ page }) => {
	await page.goto('/nb/data-table.md');
	// Not there yet: the cell says which file is missing.
	await expect(await outputs(page, 0)).toContainText('no table holdings.csv');

	await dropFiles(page, [{ name: 'holdings.csv', text: holdings }]);
	await expect(page.getByText(/holdings\.csv.*is in the data folder as a table: 3 rows, columns name, sector, weight/)).toBeVisible();
	await expect(page.getByText("loadTable('holdings')", { exact: true })).toBeVisible();

	await page.getByRole('button', { name: '▶ Run all' }).click();
	const table = await outputs(page, 1);
	await expect(table).toContainText('Apple, Inc.');
	await expect(table).toContainText('Exxon Mobil');
	await expect(table).toContainText('0.35');

	// The reader's own file: Refresh data re-reads it and says nothing can be refetched.
	await page.getByRole('button', { name: /Refresh data/ }).click();
	await expect(page.getByText(/Nothing to refetch: holdings\.csv is a file of your own in the data folder/)).toBeVisible();
	await expect(table).toContainText('Apple, Inc.');
});

test('a malformed table is refused with its line, and nothing is stored', async ({ page }) => {
	await page.goto('/nb/data-table.md');
	await dropFiles(page, [{ name: 'ragged.csv', text: 'name,sector,weight\nApple,Tech,0.5\nExxon,0.3\n' }]);
	await expect(page.getByText(/ragged\.csv.*was not added: ragged\.csv:3: row has 2 values, the header has 3/)).toBeVisible();
	const response = await page.request.get('/api/data/tables/ragged');
	expect(response.status()).toBe(404);
});

/** A Yahoo chart answer of `n` sessions ending at `last`, as the recorded provider serves it. */
function yahooChart(n: number, last: number): string {
	const start = Date.UTC(2020, 0, 2) / 1000 + 14.5 * 3600;
	const timestamp = Array.from({ length: n }, (_, i) => start + i * 86400);
	const close = timestamp.map((_, i) => (i === n - 1 ? last : 100 + (i % 7)));
	const quote = { open: close, high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, volume: close.map(() => 1000) };
	return JSON.stringify({ chart: { result: [{ meta: { gmtoffset: -18000 }, timestamp, indicators: { quote: [quote], adjclose: [{ adjclose: close }] } }], error: null } });
}

test('a provider download shows its progress; Refresh data fetches it again and re-runs the cells that load it', async ({ page }) => {
	const provider = process.env.TAPE_E2E_PROVIDER!;
	writeFileSync(join(provider, 'yahoo-chart-SLOWX.json'), yahooChart(2000, 111));
	// The recorded provider holds the download after its first chunk while this file is there, so
	// the "Fetching…" state lasts until the test has seen it, however loaded the machine is.
	const hold = join(provider, 'hold-SLOWX');
	writeFileSync(hold, '');
	// Every series request must end well: a progress answer read to its end, not aborted.
	const failed: string[] = [];
	page.on('requestfailed', (request) => {
		if (request.url().includes('/api/data/series/')) failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
	});

	await page.goto('/nb/data-refresh.md');
	const activity = page.locator('.data-activity');
	await expect(activity).toContainText(/Fetching SLOWX from Yahoo… .*(KB|B) of .*KB · \d+\.\d s/);
	rmSync(hold);
	await expect(activity).toContainText(/✓ Loaded SLOWX from Yahoo: 2,000 rows/);
	const last = await outputs(page, 1);
	await expect(last).toContainText('last close: 111');

	// A newer answer from the provider; the cached copy would keep 111 without a refresh.
	writeFileSync(join(provider, 'yahoo-chart-SLOWX.json'), yahooChart(2000, 222));
	writeFileSync(hold, '');
	const runs = page.locator('section.cell[data-kind=code]').first().locator('[data-runs]');
	const runsBefore = Number(await runs.getAttribute('data-runs'));
	await page.getByRole('button', { name: /Refresh data/ }).click();
	await expect(activity).toContainText(/Refreshing SLOWX from Yahoo…/);
	rmSync(hold);
	await expect(activity).toContainText(/✓ Refreshed SLOWX from Yahoo/);
	await expect(page.getByText('Refreshed SLOWX from the providers. Re-ran the cell that loads data.')).toBeVisible();
	await expect(last).toContainText('last close: 222');
	expect(Number(await runs.getAttribute('data-runs'))).toBeGreaterThan(runsBefore);
	expect(failed).toEqual([]);
});

test('notebook code cannot make the workspace refetch: a refresh asked by the frame is ignored', async ({ page }) => {
	const provider = process.env.TAPE_E2E_PROVIDER!;
	writeFileSync(join(provider, 'yahoo-chart-SNEAKY.json'), yahooChart(50, 1));
	const requests: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/api/data/series/')) requests.push(`${request.method()} ${request.url()}`);
	});
	await page.goto('/nb/data-drop.md');
	await retype(page, 0, ["parent.postMessage({ type: 'fetch-series', requestId: 9999, symbol: 'SNEAKY', refresh: true }, '*'); 'asked'"]);
	await page.keyboard.press('Shift+Enter');
	await expect(await outputs(page, 0)).toContainText('asked');
	await expect.poll(() => requests.length).toBeGreaterThan(0);
	// A refetch is a POST; the frame's request must stay a plain GET.
	expect(requests.every((request) => request.startsWith('GET ') && !request.includes('refresh'))).toBe(true);
});
