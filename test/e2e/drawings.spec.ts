import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputs } from './cells';

const file = join(process.env.TAPE_E2E_NOTEBOOKS!, 'drawings.md');
const onDisk = () => readFileSync(file, 'utf8');
/** The lows of IWM on these sessions, in sample/IWM.csv (the e2e data). */
const LOW: Record<string, number> = { '2010-08-26': 59.86, '2011-04-29': 85.93, '2011-02-18': 83.04 };

/** Where a bar's price lies on the page: read off the chart's own scales, inside the sandboxed frame. */
async function pointOf(page: Page, chart: FrameLocator, day: string): Promise<{ x: number; y: number }> {
	const svg = chart.locator('.tape-candles > svg').first();
	await svg.scrollIntoViewIfNeeded();
	const inFrame = await svg.evaluate((el, [day, price]) => {
		const plot = el as SVGSVGElement & { scale(name: string): { apply(v: unknown): number } };
		const at = new DOMPoint(plot.scale('x').apply(new Date(`${day}T00:00:00Z`)), plot.scale('y').apply(price)).matrixTransform(plot.getScreenCTM()!);
		return { x: at.x, y: at.y };
	}, [day, LOW[day]] as const);
	const frame = (await page.locator('iframe.tape-sandbox').boundingBox())!;
	return { x: frame.x + inFrame.x, y: frame.y + inFrame.y };
}

test('a channel drawn with the mouse is code in the notebook file; it comes back, shows in the report, and moves by dragging', async ({ page }) => {
	const before = onDisk();
	page.on('console', (m) => console.log('CONSOLE', Date.now(), m.text()));
	await page.goto('/nb/drawings.md');
	const chart = page.frameLocator('iframe.tape-sandbox');
	await expect(chart.locator('.tape-candles > svg').first()).toBeVisible();
	// The notebook's own code forges an edit without a gesture: the workspace ignores it.
	await expect(await outputs(page, 3)).toContainText('forged an edit of the chart');

	console.log('CLICK', Date.now(), onDisk().includes('2011-01-03'));
	await (await outputs(page, 2)).getByRole('button', { name: 'Channel' }).click();
	const from = await pointOf(page, chart, '2010-08-26');
	const to = await pointOf(page, chart, '2011-04-29');
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
	await page.mouse.move(to.x, to.y, { steps: 5 });
	await page.mouse.up();

	const channel = `candlestickChart(span, { drawings: [{ kind: 'channel', from: '2010-08-26', to: '2011-04-29', anchor: 'low' }] })`;
	await expect.poll(onDisk, { timeout: 20_000 }).toContain(channel);
	// Only that call changed: the forged level is nowhere, the rest of the file is as it was.
	expect(onDisk()).toBe(before.replace('candlestickChart(span)', channel));

	await page.reload();
	await expect(chart.locator('[aria-label^="drawing 1: channel from 2010-08-26 low 59.86 to 2011-04-29 low 85.93"]').first()).toBeVisible();
	await expect(await outputs(page, 3)).toContainText('forged an edit of the chart');

	// Drag the second anchor to another low.
	const handle = chart.locator('[aria-label="drawing 1 (channel), second point: drag to move"]');
	const box = (await handle.boundingBox())!;
	const target = await pointOf(page, chart, '2011-02-18');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(target.x, target.y, { steps: 8 });
	await page.mouse.up();
	await expect.poll(onDisk, { timeout: 20_000 }).toContain(`drawings: [{ kind: 'channel', from: '2010-08-26', to: '2011-02-18', anchor: 'low' }]`);
	expect(onDisk()).not.toContain('2011-01-03');

	// The report draws it from the code, with no tools.
	await page.goto('/view/drawings.md');
	await expect(page.locator('.report-cell [aria-label^="drawing 1: channel from 2010-08-26 low 59.86 to 2011-02-18 low 83.04"]').first()).toBeAttached();
	await expect(page.getByRole('toolbar', { name: 'Drawing tools' })).toHaveCount(0);
});

test('a drawn level offers what happened after breaks of it: an eventStudy cell after the chart', async ({ page }) => {
	await page.goto('/nb/drawings.md');
	const chart = page.frameLocator('iframe.tape-sandbox');
	await expect(await outputs(page, 3)).toContainText('forged an edit of the chart');
	const area = await outputs(page, 2);
	await area.getByRole('button', { name: 'Level' }).click();
	const at = await pointOf(page, chart, '2011-02-18');
	await page.mouse.click(at.x, at.y);
	await expect.poll(onDisk, { timeout: 20_000 }).toContain(`{ kind: 'level', from: '2011-02-18', anchor: 'low' }`);
	const handle = chart.locator('[aria-label="drawing 2 (level), first point: drag to move"]');
	await handle.click();
	await area.getByRole('button', { name: 'What happened after breaks of this?' }).click();
	await expect
		.poll(onDisk, { timeout: 20_000 })
		.toContain(`eventStudy(span, crossAbove((t) => drawingLine(t, { kind: 'level', from: '2011-02-18', anchor: 'low' })))`);
	await expect(await outputs(page, 3)).toContainText(/events|horizon/i);
});
