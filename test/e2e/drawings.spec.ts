import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputs } from './cells';

const notebooks = process.env.TAPE_E2E_NOTEBOOKS!;
const onDisk = (name = 'drawings.md') => () => readFileSync(join(notebooks, name), 'utf8');
/** The lows of IWM on these sessions, in sample/IWM.csv (the e2e data). */
const LOW: Record<string, number> = { '2010-08-26': 59.86, '2011-04-29': 85.93, '2011-02-18': 83.04 };

test.setTimeout(240_000);

/** Where a bar's low lies on the page: read off the chart's own scales, inside the sandboxed frame. */
async function pointOf(page: Page, figure: ReturnType<FrameLocator['locator']>, day: string): Promise<{ x: number; y: number }> {
	await figure.scrollIntoViewIfNeeded();
	const inFrame = await figure.evaluate(
		(el, [day, price]) => {
			const plot = el as SVGSVGElement & { scale(name: string): { apply(v: unknown): number } };
			const at = new DOMPoint(plot.scale('x').apply(new Date(`${day}T00:00:00Z`)), plot.scale('y').apply(price)).matrixTransform(plot.getScreenCTM()!);
			return { x: at.x, y: at.y };
		},
		[day, LOW[day]] as const
	);
	const frame = (await page.locator('iframe.tape-sandbox').boundingBox())!;
	return { x: frame.x + inFrame.x, y: frame.y + inFrame.y };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
	await page.mouse.move(to.x, to.y, { steps: 4 });
	await page.mouse.up();
}

test('a channel drawn with the mouse is code in the notebook file; it comes back, shows in the report, and moves by dragging', async ({ page, request }) => {
	const file = onDisk();
	const before = file();
	await page.goto('/nb/drawings.md');
	const chart = page.frameLocator('iframe.tape-sandbox');
	const price = chart.locator('.tape-candles > svg').first();
	await expect(price).toBeVisible({ timeout: 120_000 });

	await (await outputs(page, 2)).getByRole('button', { name: 'Channel' }).click();
	await drag(page, await pointOf(page, price, '2010-08-26'), await pointOf(page, price, '2011-04-29'));

	const channel = `candlestickChart(span, { drawings: [{ kind: 'channel', from: '2010-08-26', to: '2011-04-29', anchor: 'low' }] })`;
	await expect.poll(file, { timeout: 30_000 }).toContain(channel);
	// Only that call changed: the rest of the file is as it was.
	expect(file()).toBe(before.replace('candlestickChart(span)', channel));

	await page.reload();
	await expect(chart.locator('[aria-label^="drawing 1: channel from 2010-08-26 low 59.86 to 2011-04-29 low 85.93"]').first()).toBeAttached({ timeout: 120_000 });

	// Drag the second anchor to another low.
	const handle = chart.locator('[aria-label="drawing 1 (channel), second point: drag to move"]');
	await expect(handle).toBeVisible();
	const target = await pointOf(page, price, '2011-02-18');
	// After pointOf, which may scroll the chart into view.
	const box = (await handle.boundingBox())!;
	await drag(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, target);
	await expect.poll(file, { timeout: 30_000 }).toContain(`drawings: [{ kind: 'channel', from: '2010-08-26', to: '2011-02-18', anchor: 'low' }]`);

	// The report draws it from the code, with no tools.
	await page.goto('/view/drawings.md');
	await expect(page.locator('.report-cell [aria-label^="drawing 1: channel from 2010-08-26 low 59.86 to 2011-02-18 low 83.04"]').first()).toBeAttached({ timeout: 120_000 });
	await expect(page.getByRole('toolbar', { name: 'Drawing tools' })).toHaveCount(0);
	// So does the offline HTML export.
	const exported = join(mkdtempSync(join(tmpdir(), 'tape-export-')), 'drawings.html');
	writeFileSync(exported, await (await request.post('/api/export/drawings.md', { data: { as: 'html' } })).text());
	await page.goto(`file://${exported}`);
	await expect(page.locator('.report-cell [aria-label^="drawing 1: channel from 2010-08-26 low 59.86 to 2011-02-18 low 83.04"]').first()).toBeAttached({ timeout: 120_000 });

	// The timeframe switch is code too; the channel stays on its dates, now on weekly bars.
	await page.goto('/nb/drawings.md');
	await (await outputs(page, 2)).getByRole('button', { name: 'W', exact: true }).click({ timeout: 120_000 });
	await expect.poll(file, { timeout: 30_000 }).toContain(`candlestickChart(span, { drawings: [{ kind: 'channel', from: '2010-08-26', to: '2011-02-18', anchor: 'low' }], timeframe: 'week' })`);
	await expect((await outputs(page, 2)).getByRole('button', { name: 'W', exact: true })).toHaveAttribute('aria-pressed', 'true', { timeout: 60_000 });
	await expect(chart.locator('[aria-label^="drawing 1: channel from 2010-08-27 low"]').first()).toBeAttached();
});

test('a message the notebook’s code forges, with no click or drag behind it, changes nothing', async ({ page }) => {
	const file = onDisk('forged-drawing.md');
	const before = file();
	// Passive waits only: Playwright's own evaluations count as a gesture in Chromium.
	const refused = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('chart-edit ignored'), timeout: 180_000 });
	await page.goto('/nb/forged-drawing.md');
	await refused;
	await expect(await outputs(page, 2)).toContainText('forged an edit of the chart');
	expect(file()).toBe(before);
	await expect(page.frameLocator('iframe.tape-sandbox').locator('.tape-drawing')).toHaveCount(0);
});

test('a forged edit posted seconds after the click that opened the notebook is refused too', async ({ page }) => {
	const file = onDisk('forged-drawing.md');
	const before = file();
	const refused = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('chart-edit ignored'), timeout: 180_000 });
	await page.goto('/');
	// The list routes to the notebook within the same page, whose activation from this click lasts
	// seconds: activation alone once let the notebook's forged edit through.
	await page.locator('li.row[data-name="forged-drawing.md"] a.main').click();
	await refused;
	expect(file()).toBe(before);
	await expect(page.frameLocator('iframe.tape-sandbox').locator('.tape-drawing')).toHaveCount(0);
});

test('a level on a line chart offers what happened after breaks of it: an eventStudy cell after the chart', async ({ page }) => {
	const file = onDisk('drawings-study.md');
	await page.goto('/nb/drawings-study.md');
	const chart = page.frameLocator('iframe.tape-sandbox');
	const area = await outputs(page, 2);
	const line = area.locator('svg').first();
	await expect(line).toBeVisible({ timeout: 120_000 });
	await area.getByRole('button', { name: 'Level' }).click();
	const at = await pointOf(page, line, '2011-02-18');
	await page.mouse.click(at.x, at.y);
	const level = `{ kind: 'level', from: '2011-02-18', anchor: 'low' }`;
	await expect.poll(file, { timeout: 30_000 }).toContain(`lineChart(span, { drawings: [${level}] })`);
	const handle = chart.locator('[aria-label="drawing 1 (level), first point: drag to move"]');
	await expect(handle).toBeVisible({ timeout: 60_000 });
	await handle.click();
	await (await outputs(page, 2)).getByRole('button', { name: 'What happened after breaks of this?' }).click();
	await expect.poll(file, { timeout: 30_000 }).toContain(`eventStudy(span, crossAbove((t) => drawingLine(t, ${level})))`);
	await expect(await outputs(page, 3)).toContainText('summary', { timeout: 60_000 });
});
