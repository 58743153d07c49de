import { expect, test } from '@playwright/test';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOffline, outputs } from './cells';

test('report view: code hidden, chart shown, an input updates its reader, sandboxed', async ({ page }) => {
	const response = await page.goto('/view/present.md');
	expect(response!.headers()['content-security-policy']).toMatch(/^sandbox allow-scripts/);
	await expect(page.locator('h1')).toHaveText('Present me');
	await expect(page.locator('.report-cell svg').first()).toBeVisible();
	// Code is hidden unless the cell says `echo`; hidden cells are left out entirely.
	await expect(page.locator('pre.code-block')).toHaveCount(1);
	await expect(page.locator('pre.code-block')).toContainText('scaled:');
	await expect(page.getByText('secretHelper')).toHaveCount(0);
	await page.locator('.code-toggle').first().click();
	await expect(page.locator('pre.code-block')).toHaveCount(2);

	await expect(page.getByText('scaled: 200')).toBeVisible();
	const slider = page.locator('input[type=number]').first();
	await slider.fill('5');
	await slider.press('Enter');
	await expect(page.getByText('scaled: 500')).toBeVisible();
	// The document's origin is opaque: its code cannot reach the workspace's storage.
	expect(await page.evaluate(() => self.origin)).toBe('null');
	// Its sandbox allows no downloads: a chart can be copied, not saved, from a report.
	await expect(page.locator('.chart-actions').first().getByRole('button', { name: 'Copy' })).toBeVisible();
	await expect(page.locator('.chart-actions').getByRole('button', { name: 'SVG' })).toHaveCount(0);
});

test('slides: arrow keys and space move between slides, N shows the notes', async ({ page }) => {
	await page.goto('/slides/present.md');
	const number = page.locator('.slide-number');
	await expect(number).toHaveText('1 / 4');
	await expect(page.locator('.slide:visible h1')).toHaveText('Present me');
	await page.keyboard.press('ArrowRight');
	await expect(number).toHaveText('2 / 4');
	await expect(page.locator('.slide:visible h2')).toHaveText('The data');
	await page.keyboard.press('Space');
	await page.keyboard.press('PageDown');
	await expect(number).toHaveText('4 / 4');
	await expect(page.locator('.slide:visible svg').first()).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(number).toHaveText('3 / 4');
	// The slide is in the URL: a reload (or the link sent to a colleague) opens on it.
	await expect(page).toHaveURL(/\/slides\/present\.md#3$/);
	await page.reload();
	await expect(number).toHaveText('3 / 4');
	await page.goto('/slides/present.md#2');
	await expect(number).toHaveText('2 / 4');
	await page.keyboard.press('Home');
	await page.keyboard.press('n');
	await expect(page.locator('.notes')).toContainText('Speaker note for the title slide.');
	await expect(page.locator('.slide:visible')).not.toContainText('Speaker note');
});

test('a report of a missing or malformed notebook is a readable page naming the problem', async ({ page }) => {
	const missing = await page.goto('/view/no-such-notebook.md');
	expect(missing!.status()).toBe(404);
	await expect(page.locator('h1')).toHaveText('This notebook cannot be shown');
	await expect(page.locator('body')).toContainText('no-such-notebook.md');
	const broken = await page.goto('/slides/broken.md');
	expect(broken!.status()).toBe(400);
	await expect(page.locator('code')).toContainText(/broken\.md:\d+:\d+: /);
});

test('exported HTML opens from file:// with the network blocked and stays interactive', async ({ page, request }) => {
	const response = await request.post('/api/export/present.md', { data: { as: 'html' } });
	expect(response.headers()['content-disposition']).toContain('present.html');
	const html = await response.text();
	const file = join(mkdtempSync(join(tmpdir(), 'tape-export-')), 'present.html');
	writeFileSync(file, html);
	console.log(`exported present.md: ${(html.length / 1024).toFixed(0)} KB`);

	const blocked = await openOffline(page, file);
	await expect(page.locator('h1')).toHaveText('Present me');
	await expect(page.locator('.report-cell svg').first()).toBeVisible();
	const slider = page.locator('input[type=number]').first();
	await slider.fill('3');
	await slider.press('Enter');
	await expect(page.getByText('scaled: 300')).toBeVisible();
	expect(blocked).toEqual([]);
});

test('exports are POSTs: a link or an image (GET) gets none', async ({ request }) => {
	expect((await request.get('/api/export/present.md?as=html')).status()).toBe(405);
});

test('Share → Export HTML saves a file that opens offline with every series its symbol select offers', async ({ page, context }) => {
	writeFileSync(join(process.env.TAPE_E2E_DATA!, 'EXPA.csv'), 'Date,Close\n2024-01-02,10\n2024-01-03,11\n');
	writeFileSync(join(process.env.TAPE_E2E_DATA!, 'EXPB.csv'), 'Date,Close\n2024-01-02,20\n2024-01-03,27\n');
	await page.goto('/nb/export-select.md');
	await expect(await outputs(page, 1)).toContainText('EXPA last close: 11');
	// Only EXPA was loaded on the page; EXPB is reachable through the select, so it is embedded too.
	await page.locator('summary', { hasText: 'Share' }).click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export HTML (opens offline)' }).click()]);
	expect(download.suggestedFilename()).toBe('export-select.html');
	await expect(page.locator('.share-menu [role=status]')).toContainText(/export-select\.html: [\d.]+ (KB|MB), data: EXPA, EXPB\./);
	const file = join(mkdtempSync(join(tmpdir(), 'tape-export-')), 'export-select.html');
	copyFileSync((await download.path())!, file);

	const offline = await context.newPage();
	const blocked = await openOffline(offline, file);
	await expect(offline.getByText('EXPA last close: 11')).toBeVisible();
	// The file says where its data came from and what dates it covers, as the workspace does.
	await expect(offline.locator('.data-sources')).toContainText(/EXPA\s+your data folder, 2024-01-02 → 2024-01-03/);
	await expect(offline.locator('.data-sources')).toContainText(/EXPB\s+your data folder, 2024-01-02 → 2024-01-03/);
	await offline.getByLabel('Symbol').selectOption('EXPB');
	await expect(offline.getByText('EXPB last close: 27')).toBeVisible();
	await expect(offline.locator('[role=alert]')).toHaveCount(0);
	expect(blocked).toEqual([]);
});

test('share link round trip: the link opens read-only, saving makes a new notebook', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const text = readFileSync(join(process.env.TAPE_E2E_NOTEBOOKS!, 'present.md'), 'utf8');
	// Encode in the page, as the Share menu does.
	await page.goto('/');
	const fragment = await page.evaluate(async (t) => {
		const stream = new Blob([t]).stream().pipeThrough(new CompressionStream('deflate-raw'));
		const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
		return 'nb=' + btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	}, text);
	await page.goto(`/import#${fragment}`);
	await expect(page.getByRole('note')).toContainText('comes from a link');
	await expect(page.locator('h1')).toHaveText('Present me');
	await page.getByRole('button', { name: 'Save to my workspace' }).click();
	await expect(page).toHaveURL(/\/nb\/Present-me\.md$/);
	expect(readFileSync(join(process.env.TAPE_E2E_NOTEBOOKS!, 'Present-me.md'), 'utf8')).toBe(text);
});

test('in the workspace, a chart downloads as SVG and PNG with the notebook and cell in its name', async ({ page }) => {
	await page.goto('/nb/present.md');
	// The frame may not download: the workspace saves the file the reader's click asked for.
	const actions = (await outputs(page, 4)).locator('.chart-actions');
	const [svgDownload] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: 'SVG' }).click()]);
	expect(svgDownload.suggestedFilename()).toBe('present-cell-5.svg');
	const svg = readFileSync((await svgDownload.path())!, 'utf8');
	expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	expect(svg).toContain('<path');
	const [pngDownload] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: 'PNG' }).click()]);
	expect(pngDownload.suggestedFilename()).toBe('present-cell-5.png');
	const png = readFileSync((await pngDownload.path())!);
	expect(png.subarray(1, 4).toString()).toBe('PNG');
	// 2×: twice the chart's width.
	expect(png.readUInt32BE(16)).toBe(2 * Number(await (await outputs(page, 4)).locator('svg').first().getAttribute('width')));
});

test('the served report and slides say where each series came from and its dates, never a server path', async ({ page }) => {
	writeFileSync(join(process.env.TAPE_E2E_DATA!, 'EXPA.csv'), 'Date,Close\n2024-01-02,10\n2024-01-03,11\n');
	writeFileSync(join(process.env.TAPE_E2E_DATA!, 'EXPB.csv'), 'Date,Close\n2024-01-02,20\n2024-01-05,27\n');
	await page.goto('/view/export-select.md');
	await expect(page.getByText('EXPA last close: 11')).toBeVisible();
	const line = page.locator('.data-sources');
	await expect(line).toContainText(/EXPA\s+your data folder, 2024-01-02 → 2024-01-03/);
	await expect(line).toContainText(/EXPB\s+your data folder, 2024-01-02 → 2024-01-05/);
	await expect(line).not.toContainText(process.env.TAPE_E2E_DATA!);

	await page.goto('/slides/export-select.md');
	await expect(page.locator('section.slide').first().locator('.data-sources')).toContainText(/EXPA\s+your data folder, 2024-01-02 → 2024-01-03/);
});
