/**
 * Charts a researcher works in (issue 16, part 1): Ctrl+wheel zooms (a plain wheel scrolls the
 * page past a chart that has not been clicked), a drag pans, double-click
 * resets, Shift+drag brushes a range that re-runs the cells reading it, keys work once the chart
 * has focus, and the report view and the offline export zoom too. Acted out with the mouse and keyboard.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputs } from './cells';

const span = async (chart: Locator) => [await chart.getAttribute('data-x-from'), await chart.getAttribute('data-x-to')];

/** The middle of the chart's plot, in page pixels (the overlay lies over the figures). */
async function middle(chart: Locator) {
	const box = (await chart.locator('.tape-interactive-overlay').boundingBox())!;
	return { x: box.x + box.width / 2, y: box.y + box.height / 3, box };
}

/** Ctrl+wheel, as a person zooms a chart they have not clicked (a trackpad pinch arrives so too). */
async function wheelIn(page: Page, chart: Locator) {
	const { x, y } = await middle(chart);
	await page.mouse.move(x, y);
	await page.keyboard.down('Control');
	for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
	await page.keyboard.up('Control');
}

/** Two frames of the chart's page: a view change the wheel made would be drawn by then. */
const frames = (chart: Locator) => chart.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

test('wheel zoom, drag pan, double-click reset, a brush that re-runs its reader, and keys', async ({ page }) => {
	await page.goto('/nb/chart-interact.md');
	const chart = (await outputs(page, 1)).locator('.tape-interactive');
	const reader = await outputs(page, 2);
	await expect(chart).toHaveAttribute('data-settled', 'true');
	const all = await span(chart);
	expect(all[0]).toMatch(/^2010-01-0/);
	expect(all[1]).toMatch(/^2013-12-3/);
	await expect(reader).toContainText(`selected ${all[0]} to ${all[1]}`);

	// A plain wheel over a chart not clicked yet scrolls on past it: the chart does not zoom.
	const { x: x0, y: y0 } = await middle(chart);
	await page.mouse.move(x0, y0);
	await page.mouse.wheel(0, -200);
	await frames(chart);
	expect(await span(chart)).toEqual(all);

	// Ctrl+wheel zoom narrows the visible dates about the pointer, and the axis follows.
	const ticksBefore = await chart.locator('[aria-label="x-axis tick label"] text').allTextContents();
	await wheelIn(page, chart);
	await expect.poll(async () => (await span(chart))[0]! > all[0]!).toBe(true);
	await expect.poll(async () => (await span(chart))[1]! < all[1]!).toBe(true);
	await expect(chart).toHaveAttribute('data-settled', 'true');
	expect(await chart.locator('[aria-label="x-axis tick label"] text').allTextContents()).not.toEqual(ticksBefore);

	// A drag to the right shows earlier dates.
	const zoomed = await span(chart);
	const { x, y } = await middle(chart);
	await page.mouse.move(x, y);
	await page.mouse.down();
	await page.mouse.move(x + 120, y, { steps: 6 });
	await page.mouse.up();
	await expect.poll(async () => (await span(chart))[0]! < zoomed[0]!).toBe(true);

	// Double-click shows everything again.
	await page.mouse.dblclick(x, y);
	await expect.poll(() => span(chart)).toEqual(all);

	// Shift+drag selects a range: the reading cell re-runs on it.
	const { box } = await middle(chart);
	await page.keyboard.down('Shift');
	await page.mouse.move(box.x + box.width * 0.3, y);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
	await page.mouse.up();
	await page.keyboard.up('Shift');
	await expect(reader).not.toContainText(`selected ${all[0]} to ${all[1]}`);
	await expect(reader).toContainText(/selected 201[01]-\d\d-\d\d to 201[12]-\d\d-\d\d/);

	// The chart takes focus on a click (outside the selection); then + zooms, arrows pan, Escape clears the selection.
	await page.mouse.click(box.x + box.width * 0.15, y);
	await expect(chart).toBeFocused();
	await page.keyboard.press('+');
	await expect.poll(async () => (await span(chart))[0]! > all[0]!).toBe(true);
	const keyed = await span(chart);
	await page.keyboard.press('ArrowLeft');
	await expect.poll(async () => (await span(chart))[0]! < keyed[0]!).toBe(true);
	await page.keyboard.press('Escape');
	await expect(reader).toContainText(`selected ${all[0]} to ${all[1]}`);

	// The log button switches the price scale.
	await chart.getByRole('button', { name: 'log' }).click();
	await expect(chart).toHaveAttribute('data-scale', 'log');
	await expect(chart.getByRole('button', { name: 'log' })).toHaveAttribute('aria-pressed', 'true');
});

test('the report view zooms too, and shows the readout under the pointer', async ({ page }) => {
	await page.goto('/view/chart-interact.md');
	const chart = page.locator('.tape-interactive');
	await expect(chart).toHaveAttribute('data-settled', 'true');
	const all = await span(chart);
	await wheelIn(page, chart);
	await expect.poll(async () => (await span(chart))[0]! > all[0]!).toBe(true);
	const { x, y } = await middle(chart);
	await page.mouse.move(x + 10, y);
	await expect(chart.locator('.tape-readout')).toContainText(/^201\d-\d\d-\d\d {2}O [\d.]+ {2}H /);
});

test('a chart on a slide zooms under the pointer (slides scale their content)', async ({ page }) => {
	await page.goto('/slides/chart-interact.md');
	const chart = page.locator('.slide:visible .tape-interactive');
	await expect(chart).toHaveAttribute('data-settled', 'true');
	const all = await span(chart);
	await wheelIn(page, chart);
	await expect.poll(async () => (await span(chart))[0]! > all[0]!).toBe(true);
	await page.mouse.dblclick((await middle(chart)).x, (await middle(chart)).y);
	await expect.poll(() => span(chart)).toEqual(all);
});

test('the exported HTML, opened offline, zooms and its brush re-runs the reader', async ({ page, request }) => {
	const response = await request.post('/api/export/chart-interact.md', { data: { as: 'html' } });
	const file = join(mkdtempSync(join(tmpdir(), 'tape-export-')), 'chart-interact.html');
	writeFileSync(file, await response.text());
	await page.route('**', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
	await page.goto(`file://${file}`);
	const chart = page.locator('.tape-interactive');
	await expect(chart).toHaveAttribute('data-settled', 'true');
	const all = await span(chart);
	await expect(page.getByText(`selected ${all[0]} to ${all[1]}`)).toBeVisible();
	await wheelIn(page, chart);
	await expect.poll(async () => (await span(chart))[0]! > all[0]!).toBe(true);
	await chart.getByRole('button', { name: 'select' }).click();
	const { box, y } = await middle(chart);
	await page.mouse.move(box.x + box.width * 0.3, y);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.5, y, { steps: 4 });
	await page.mouse.up();
	await expect(page.getByText(`selected ${all[0]} to ${all[1]}`)).toHaveCount(0);
	await expect(page.getByText(/selected 20\d\d-\d\d-\d\d to 20\d\d-\d\d-\d\d/)).toBeVisible();
});
