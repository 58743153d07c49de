/**
 * Whatever a notebook does, the workspace stays alive: a cell that was stopped (■ Stop, or the
 * watch on the frame) is never run again by a Stop or by reopening the notebook, until the
 * reader runs it; a cell eating memory is stopped while the page keeps answering.
 */
import { expect, test, type Page } from '@playwright/test';
import { codeCell, editCell, outputs } from './cells';

// Tracing snapshots every frame before each action, and a frame stuck in a loop never answers.
test.use({ trace: 'off' });

const status = (page: Page, index: number) => codeCell(page, index).locator('[data-status]');

async function runCell(page: Page, index: number) {
	await codeCell(page, index).locator('[data-cell-editor]').hover();
	await codeCell(page, index).getByRole('button', { name: 'Run cell' }).click();
}

test('Stop never re-runs a cell interrupted before, and reopening runs neither', async ({ page }) => {
	await page.goto('/nb/two-runaways.md');
	const stop = page.getByRole('button', { name: /Stop/ });
	await expect(status(page, 1)).toHaveAttribute('data-status', 'running');
	await stop.click();
	await expect(status(page, 1)).toHaveAttribute('data-status', 'error');

	// A is interrupted; now B runs (the new frame starts it, as it never ran; or the reader does) and is
	// stopped. (The frame's own DOM cannot be read while B spins in it.)
	await expect(status(page, 2)).toHaveAttribute('data-status', /running|idle|error/);
	if ((await status(page, 2).getAttribute('data-status')) !== 'running') await runCell(page, 2);
	await expect(status(page, 2)).toHaveAttribute('data-status', 'running');
	await stop.click();
	await expect(await outputs(page, 2)).toContainText('interrupted');
	await expect(await outputs(page, 1)).toContainText('interrupted');

	// The new frame brings back the cells that had run, and not A: nothing spins, nothing waits.
	await expect(await outputs(page, 3)).toContainText('still here, and after');
	await expect(stop).toBeHidden();
	await expect(status(page, 1)).toHaveAttribute('data-status', 'error');
	await expect(await outputs(page, 1)).toContainText('Run to try again');
	// The frame kept its height: the last cell's output is drawn, where its slot is.
	const frame = await page.locator('iframe.tape-sandbox').boundingBox();
	const slot = await codeCell(page, 3).locator('[data-output-slot]').boundingBox();
	expect(frame!.y + frame!.height).toBeGreaterThanOrEqual(slot!.y + slot!.height);
	await expect(await outputs(page, 3)).toBeVisible();

	// Reopened: the two interrupted cells wait for the reader; the others run.
	await page.reload();
	await expect(await outputs(page, 3)).toContainText('still here, and after');
	await expect(await outputs(page, 1)).toContainText('interrupted last time');
	await expect(await outputs(page, 2)).toContainText('interrupted last time');
	await expect(stop).toBeHidden();

	// ▶ Run on one of them is the reader's choice: it runs (and spins) again, and Stop still works.
	await runCell(page, 1);
	await expect(status(page, 1)).toHaveAttribute('data-status', 'running');
	await stop.click();
	await expect(status(page, 1)).toHaveAttribute('data-status', 'error');
	await expect(stop).toBeHidden();
});

test('a cell that eats memory is stopped, the page answers throughout, and it is not run on reopening', async ({ page }) => {
	test.setTimeout(150_000);
	await page.goto('/nb/memory-hog.md');
	await expect(status(page, 1)).toHaveAttribute('data-status', 'running');
	// The workspace answers while the frame eats memory: typing into another cell works.
	await editCell(page, 0);
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type(' // typed while it ran');
	await expect(codeCell(page, 0).locator('.monaco-editor .view-lines')).toContainText('typed while it ran');
	// No click on Stop: the watch on the frame stops it.
	await expect(status(page, 1)).toHaveAttribute('data-status', 'error', { timeout: 100_000 });
	await expect(await outputs(page, 1)).toContainText(/ran out of memory|did not answer/);
	await expect(await outputs(page, 0)).toContainText('still here');
	await expect(await outputs(page, 2)).toContainText('still here, and after');

	await page.reload();
	await expect(await outputs(page, 2)).toContainText('still here, and after');
	await expect(await outputs(page, 1)).toContainText('interrupted last time');
	await expect(page.getByRole('button', { name: /Stop/ })).toBeHidden();
});

test('Shift+Enter runs the cell while the suggestion list is open, with the code as typed', async ({ page }) => {
	await page.goto('/nb/suggest.md');
	await expect(status(page, 1)).toHaveAttribute('data-status', 'done');
	const editor = codeCell(page, 1).locator('.monaco-editor .view-lines');
	await editCell(page, 1);
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('word.len');
	const suggestions = page.locator('.suggest-widget.visible');
	if (!(await suggestions.isVisible())) await page.keyboard.press('Control+Space');
	await expect(suggestions).toContainText('length');
	await page.keyboard.press('Shift+Enter');
	// It ran what was typed (word.len is undefined), and the list closed without inserting.
	await expect(status(page, 1)).toHaveAttribute('data-runs', '2');
	await expect(suggestions).toBeHidden();
	await expect(editor).toHaveText('word.len');

	// Ctrl/Cmd+Enter too.
	await editor.click();
	await page.keyboard.press('End');
	await page.keyboard.type('gth');
	if (!(await suggestions.isVisible())) await page.keyboard.press('Control+Space');
	await expect(suggestions).toContainText('length');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(status(page, 1)).toHaveAttribute('data-runs', '3');
	await expect(await outputs(page, 1)).toContainText('5');
	await expect(editor).toHaveText('word.length');
});
