/**
 * A notebook of 10,000 cells opens in the browser, scrolls to its end, and its last cell can be
 * edited and run: cells are shown in full only near the viewport (src/lib/ui/cellWindow.svelte.ts)
 * and code editors are made only nearer still (src/lib/editor/lazyMount.ts).
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

test.beforeAll(() => {
	const cells = Array.from({ length: CELLS - 1 }, (_, i) => `\`\`\`ts\nconst v${i + 1} = ${i + 1};\n\`\`\`\n`);
	cells.push('```ts\nv9999 * 2\n```\n');
	writeFileSync(join(process.env.TAPE_E2E_NOTEBOOKS!, 'many-cells.md'), `---\ntitle: Many cells\n---\n\n${cells.join('\n')}`);
});

test('a 10,000-cell notebook opens, scrolls to its last cell, and that cell can be edited and run', async ({ page }) => {
	test.setTimeout(480_000);
	await page.goto('/nb/many-cells.md');
	await expect(page.locator('section.cell[data-kind=code]')).toHaveCount(CELLS, { timeout: 240_000 });
	await expect(codeCell(page, 0)).toContainText('const v1 = 1;');
	// Editors exist near the viewport only.
	await expect(codeCell(page, 0).locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
	expect(await page.locator('.monaco-editor').count()).toBeLessThan(200);
	// Only cells near the viewport are shown in full (controls, output slot); the others stand in
	// with their code as text (src/lib/ui/cellWindow.svelte.ts), so the frame positions tens of slots.
	expect(await page.locator('section.cell [data-output-slot]').count()).toBeLessThan(200);
	await expect(codeCell(page, 5000)).toContainText('const v5001 = 5001;');

	// The browser's find (Ctrl+F is the browser's own window, out of a page's reach; window.find is
	// the same search) finds code far down, and the cell it scrolls to is shown in full.
	// Asked again until the stand-ins' text is laid out: one early find failed in a CI pre-check.
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { find(text: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean }).find('const v5001 = 5001;', true, false, true)), { timeout: 30_000 })
		.toBe(true);
	await expect(codeCell(page, 5000)).toBeInViewport({ timeout: 60_000 });
	await expect(codeCell(page, 5000).locator('[data-output-slot]')).toHaveCount(1, { timeout: 60_000 });

	// To the end, as a reader would: the End key on the page (clicking the title opens its field;
	// Escape closes it and leaves the focus on the page).
	await page.locator('.notebook-title').click();
	await page.keyboard.press('Escape');
	await page.keyboard.press('End');
	const last = codeCell(page, CELLS - 1);
	await expect(last).toBeInViewport({ timeout: 60_000 });
	await expect(last).toContainText('v9999 * 2');
	await expect(await outputs(page, CELLS - 1)).toContainText('19998', { timeout: 120_000 });

	await editCell(page, CELLS - 1);
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type(' + 1');
	await page.keyboard.press('Escape');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(await outputs(page, CELLS - 1)).toContainText('19999');
	expect(await page.locator('.monaco-editor').count()).toBeLessThan(200);
});
