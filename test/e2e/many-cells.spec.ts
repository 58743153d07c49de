/**
 * A notebook of 10,000 cells opens in the browser, finds a far cell's code, scrolls to its end, and
 * its last cell can be edited and run: only cells within a few screens of the viewport are on the
 * page, in full only the nearest (src/lib/ui/cellWindow.svelte.ts), code editors only nearer still
 * (src/lib/editor/lazyMount.ts), and the notebook's find bar searches the cells off the page,
 * occurrence by occurrence. A cell being typed in stays on the page, caret and all, while the reader
 * scrolls far away and back.
 * How fast the page answers meanwhile is a figure of the reliability suite (browser part), not a
 * pass/fail here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { codeCell, editCell, outputs } from './cells';

const CELLS = 10_000;
// A trace snapshots the whole DOM before each action: with 10,000 cells that is the slow part.
test.use({ trace: 'off' });

const notebook = (count: number, last: string) => {
	const cells = Array.from({ length: count - 1 }, (_, i) => `\`\`\`ts\nconst v${i + 1} = ${i + 1};\n\`\`\`\n`);
	cells.push(`\`\`\`ts\n${last}\n\`\`\`\n`);
	return `---\ntitle: Many cells\n---\n\n${cells.join('\n')}`;
};

test.beforeAll(() => {
	writeFileSync(join(process.env.TAPE_E2E_NOTEBOOKS!, 'many-cells.md'), notebook(CELLS, 'v9999 * 2'));
	writeFileSync(join(process.env.TAPE_E2E_NOTEBOOKS!, 'long-caret.md'), notebook(400, 'v399 * 2'));
});

test('a 10,000-cell notebook opens, scrolls to its last cell, and that cell can be edited and run', async ({ page }) => {
	test.setTimeout(480_000);
	// Messages the page hears (from its frame, nearly all), each a task on its thread: a message per
	// cell state, output height and start (40,000 here) kept it busy for seconds while the cells ran.
	await page.addInitScript(() => {
		const heard = ((window as unknown as { tapeHeard: { count: number } }).tapeHeard = { count: 0 });
		addEventListener('message', () => heard.count++, true);
	});
	await page.goto('/nb/many-cells.md');
	await expect(codeCell(page, 0)).toContainText('const v1 = 1;', { timeout: 240_000 });
	// Editors exist near the viewport only.
	await expect(codeCell(page, 0).locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
	expect(await page.locator('.monaco-editor').count()).toBeLessThan(200);
	// Only cells within a few screens of the viewport are on the page at all, fewer in full (controls, output slot).
	expect(await page.locator('section.cell').count()).toBeLessThan(200);
	expect(await page.locator('section.cell [data-output-slot]').count()).toBeLessThan(200);
	// Every cell has run (■ Stop is there while any runs or waits) on about one message per cell: each
	// start is told before the cell's code runs (the one to blame if the frame goes silent), with the
	// states and heights since the last.
	await expect(page.getByRole('button', { name: '■ Stop' })).toHaveCount(0, { timeout: 240_000 });
	const heard = await page.evaluate(() => (window as unknown as { tapeHeard: { count: number } }).tapeHeard.count);
	expect(heard).toBeGreaterThan(CELLS * 0.9);
	expect(heard).toBeLessThan(CELLS * 1.2);
	await expect(page.getByText('const v5001 = 5001;')).toHaveCount(0);

	// Find (Ctrl/Cmd+F) searches every cell, those off the page too, and goes to the one found.
	await page.keyboard.press('ControlOrMeta+F');
	const find = page.getByRole('search');
	await page.keyboard.type('const v5001 = 5001;');
	await expect(find).toContainText('0 of 1');
	await page.keyboard.press('Enter');
	await expect(find).toContainText('1 of 1');
	const found = page.locator('section.cell[data-kind=code]', { hasText: 'const v5001 = 5001;' });
	await expect(found).toBeInViewport({ timeout: 60_000 });
	await expect(found).toHaveClass(/found/);
	await expect(found.locator('[data-output-slot]')).toHaveCount(1, { timeout: 60_000 });
	// Text no cell holds is said so; Escape closes the bar.
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('const v10001 ');
	await expect(find).toContainText('No cell holds it');
	// Shift+Enter goes back from the first match to the last, Enter on from the last to the first.
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('V999');
	await expect(find).toContainText('0 of 12');
	await page.keyboard.press('Shift+Enter');
	await expect(find).toContainText('12 of 12');
	await expect(page.locator('section.cell[data-kind=code]', { hasText: 'v9999 * 2' })).toBeInViewport({ timeout: 60_000 });
	await page.keyboard.press('Enter');
	await expect(find).toContainText('1 of 12');
	await expect(page.locator('section.cell[data-kind=code]', { hasText: 'const v999 = 999;' })).toBeInViewport({ timeout: 60_000 });
	// Occurrences are counted, not cells: "5001" is twice in one cell; Enter goes to each, selected,
	// and Escape leaves the caret on the selection, so typing replaces it.
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('5001');
	await expect(find).toContainText('0 of 2');
	await page.keyboard.press('Enter');
	await expect(find).toContainText('1 of 2');
	await page.keyboard.press('Enter');
	await expect(find).toContainText('2 of 2');
	const twice = page.locator('section.cell[data-kind=code]', { hasText: 'const v5001 = 5001;' });
	await expect(twice).toBeInViewport({ timeout: 60_000 });
	await expect(twice.locator('.monaco-editor .selected-text')).toHaveCount(1, { timeout: 60_000 });
	await page.keyboard.press('Escape');
	await expect(find).toBeHidden();
	await expect(twice.locator('.monaco-editor.focused')).toBeVisible();
	await page.keyboard.type('X');
	await expect(page.locator('section.cell[data-kind=code]', { hasText: 'const v5001 = X;' })).toBeInViewport();

	// To the end, as a reader would: the End key on the page (clicking the title opens its field;
	// Escape closes it and leaves the focus on the page).
	await page.locator('.notebook-title').click();
	await page.keyboard.press('Escape');
	await page.keyboard.press('End');
	const last = codeCell(page, -1);
	await expect(last).toBeInViewport({ timeout: 60_000 });
	await expect(last).toContainText('v9999 * 2');
	await expect(await outputs(page, -1)).toContainText('19998', { timeout: 120_000 });

	await editCell(page, -1);
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type(' + 1');
	await page.keyboard.press('Escape');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(await outputs(page, -1)).toContainText('19999');
	expect(await page.locator('.monaco-editor').count()).toBeLessThan(200);
});

test('a cell being typed in keeps its caret, text and undo while the reader scrolls far away and back', async ({ page }) => {
	test.setTimeout(240_000);
	await page.goto('/nb/long-caret.md');
	await expect(codeCell(page, 1).locator('.monaco-editor')).toBeVisible({ timeout: 120_000 });
	// The second cell: the notebook's top is on the page whenever this is read.
	const cell = codeCell(page, 1);
	await editCell(page, 1);
	// The caret before the semicolon, then typing.
	await page.keyboard.press('End');
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.type(' + 40');
	await expect(cell).toContainText('const v2 = 2 + 40;');

	// Far away (the notebook's end, some 18,000 px down), a wheel turn at a time, and back.
	await page.mouse.move(640, 400);
	for (let turn = 0; turn < 16; turn++) {
		await page.mouse.wheel(0, 1500);
		await page.waitForTimeout(100);
	}
	await expect(page.locator('section.cell[data-kind=code]', { hasText: 'v399 * 2' })).toBeInViewport({ timeout: 60_000 });
	for (let turn = 0; turn < 16; turn++) {
		await page.mouse.wheel(0, -1500);
		await page.waitForTimeout(100);
	}
	await expect(page.locator('section.cell[data-kind=code]', { hasText: 'const v1 = 1;' })).toBeInViewport({ timeout: 60_000 });

	// Typing goes on where the caret was, in the same editor.
	await page.keyboard.type(' + 2');
	await expect(cell).toContainText('const v2 = 2 + 40 + 2;');
	await expect(page.locator('section.cell[data-kind=code]', { hasText: '+ 2' })).toHaveCount(1);
	// Its undo history is whole: undoing goes back to the text as it was opened.
	for (let undo = 0; undo < 8 && !((await cell.textContent()) ?? '').replace(/\s+/g, ' ').includes('const v2 = 2;'); undo++) await page.keyboard.press('ControlOrMeta+Z');
	await expect(cell).toContainText('const v2 = 2;');
});
