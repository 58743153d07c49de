/**
 * A notebook of 10,000 cells opens in the browser, finds a far cell's code, scrolls to its end, and
 * its last cell can be edited and run: only cells within a few screens of the viewport are on the
 * page, in full only the nearest (src/lib/ui/cellWindow.svelte.ts), code editors only nearer still
 * (src/lib/editor/lazyMount.ts), and the notebook's find bar searches the cells off the page.
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
	await expect(codeCell(page, 0)).toContainText('const v1 = 1;', { timeout: 240_000 });
	// Editors exist near the viewport only.
	await expect(codeCell(page, 0).locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
	expect(await page.locator('.monaco-editor').count()).toBeLessThan(200);
	// Only cells within a few screens of the viewport are on the page at all, fewer in full (controls, output slot).
	expect(await page.locator('section.cell').count()).toBeLessThan(200);
	expect(await page.locator('section.cell [data-output-slot]').count()).toBeLessThan(200);
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
	await page.keyboard.press('Escape');
	await expect(find).toBeHidden();

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
