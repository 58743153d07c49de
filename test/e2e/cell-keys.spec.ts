/** The cell keys people bring from Jupyter: Alt+Enter, Shift+Enter on the last cell, Escape then A/B; and stale outputs. */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCell, editCell, outputs, retype } from './cells';

const notebooksDir = process.env.TAPE_E2E_NOTEBOOKS!;
const onDisk = (name: string) => readFileSync(join(notebooksDir, name), 'utf8');
const cells = (page: Page) => page.locator('section.cell[data-kind=code]');

/** The new cell has the caret: what is typed now lands in it. */
async function typeInto(page: Page, index: number, code: string) {
	await expect(codeCell(page, index).locator('.monaco-editor.focused')).toBeVisible();
	await page.keyboard.type(code, { delay: 20 });
}

test('Alt+Enter, Shift+Enter on the last cell, and Escape then B / A insert code cells where the caret can type', async ({ page }) => {
	await page.goto('/nb/cell-keys.md');
	await expect(await outputs(page, 0)).toContainText('20');
	await expect(cells(page)).toHaveCount(2);

	// Alt+Enter in the first cell: it runs, and a new cell below takes the caret.
	await editCell(page, 0);
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.press('Alt+Enter');
	await expect(cells(page)).toHaveCount(3);
	await typeInto(page, 1, 'a * 3');
	// Shift+Enter runs it and moves the caret to the next (existing) cell.
	await page.keyboard.press('Shift+Enter');
	await expect(await outputs(page, 1)).toContainText('6');
	await expect(codeCell(page, 2).locator('.view-lines')).toContainText('b: ${a + 1}');
	await expect(codeCell(page, 2).locator('.monaco-editor.focused')).toBeVisible();

	// Shift+Enter on the last cell makes a new one at the end, as Jupyter does.
	await page.keyboard.press('Shift+Enter');
	await expect(await outputs(page, 2)).toContainText('b: 3');
	await expect(cells(page)).toHaveCount(4);
	await typeInto(page, 3, 'a - 1');
	// Ctrl/Cmd+Enter runs in place: the caret stays.
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(await outputs(page, 3)).toContainText('1');
	await expect(cells(page)).toHaveCount(4);
	await expect(codeCell(page, 3).locator('.monaco-editor.focused')).toBeVisible();

	// Escape leaves the editor for its cell; B inserts below it.
	await page.keyboard.press('Escape');
	await expect(codeCell(page, 3)).toBeFocused();
	await page.keyboard.press('b');
	await expect(cells(page)).toHaveCount(5);
	await typeInto(page, 4, '40 + 2');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(await outputs(page, 4)).toContainText('42');

	// Escape then A inserts above the cell just written, which moves down one.
	await page.keyboard.press('Escape');
	await expect(codeCell(page, 4)).toBeFocused();
	await page.keyboard.press('a');
	await expect(cells(page)).toHaveCount(6);
	await typeInto(page, 4, 'a + 100');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(await outputs(page, 4)).toContainText('102');
	await expect(await outputs(page, 5)).toContainText('42');
	// The letters were commands, not text: no cell got an `a` or a `b`.
	await expect(codeCell(page, 3).locator('.view-lines')).toHaveText('a - 1');
	await expect(codeCell(page, 5).locator('.view-lines')).toHaveText('40 + 2');

	await page.keyboard.press('ControlOrMeta+S');
	await expect
		.poll(() => onDisk('cell-keys.md').replace(/\s+/g, ' '))
		.toContain('a * 10 ``` ```ts a * 3 ``` ```ts `b: ${a + 1}` ``` ```ts a - 1 ``` ```ts a + 100 ``` ```ts 40 + 2 ```');
});

test('outputs of a cell edited since it ran show as stale until it runs again', async ({ page }) => {
	await page.goto('/nb/cell-stale.md');
	await expect(await outputs(page, 0)).toContainText('20');
	const note = codeCell(page, 0).getByText('Edited since run');
	await expect(note).toHaveCount(0);

	await retype(page, 0, ['const a = 5;', 'a * 10']);
	await expect(note).toBeVisible();
	await expect(codeCell(page, 0).locator('[data-output-slot]')).toHaveClass(/stale/);
	// Not run: the output is still the old one, and says so.
	await expect(await outputs(page, 0)).toContainText('20');
	// The cell reading `a` was not edited, but its output is out of date too, and says why.
	await expect(codeCell(page, 1).locator('.stale-note')).toHaveText(/^Reads `a` from cell 1/);

	await editCell(page, 0);
	await page.keyboard.press('Shift+Enter');
	await expect(await outputs(page, 0)).toContainText('50');
	await expect(note).toHaveCount(0);
	await expect(codeCell(page, 0).locator('[data-output-slot]')).not.toHaveClass(/stale/);

	// The cell toolbar's button inserts above too, with the caret in the new cell.
	await codeCell(page, 1).locator('[data-cell-editor]').hover();
	await codeCell(page, 1).getByRole('button', { name: 'Insert code cell above' }).click();
	await expect(cells(page)).toHaveCount(3);
	await typeInto(page, 1, '7 * 6');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(await outputs(page, 1)).toContainText('42');
	await expect(await outputs(page, 2)).toContainText('b: 6');
});

test('cells reading a name from an edited cell show as stale too, until the edited cell runs', async ({ page }) => {
	await page.goto('/nb/cell-upstream.md');
	await expect(await outputs(page, 2)).toContainText('300');
	await expect(page.locator('.stale-note')).toHaveCount(0);

	await retype(page, 0, ['const a = 5;', 'a * 10']);
	await expect(codeCell(page, 0).getByText('Edited since run')).toBeVisible();
	// Its readers, directly and through cell 2, say which edited cell they wait on.
	await expect(codeCell(page, 1).locator('.stale-note')).toHaveText(/Reads `a` from cell 1, edited since run/);
	await expect(codeCell(page, 2).locator('.stale-note')).toHaveText(/Reads `b` from cell 2, out of date since cell 1 was edited/);
	await expect(codeCell(page, 2).locator('[data-output-slot]')).toHaveClass(/stale/);
	// A cell that reads nothing from it is current.
	await expect(codeCell(page, 3).locator('.stale-note')).toHaveCount(0);
	await expect(codeCell(page, 3).locator('[data-output-slot]')).not.toHaveClass(/stale/);
	await expect(await outputs(page, 2)).toContainText('300');

	// Running the edited cell re-runs its readers: nothing is stale any more.
	await editCell(page, 0);
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(await outputs(page, 2)).toContainText('600');
	await expect(page.locator('.stale-note')).toHaveCount(0);
	await expect(codeCell(page, 1).locator('[data-output-slot]')).not.toHaveClass(/stale/);
});

test('Escape out of a Markdown cell, then B / A insert code cells below / above it', async ({ page }) => {
	await page.goto('/nb/cell-markdown-keys.md');
	await expect(await outputs(page, 0)).toContainText('42');
	const kinds = () => page.locator('section.cell').evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.kind));
	const markdown = page.locator('section.cell[data-kind=markdown]');

	await markdown.getByRole('textbox').click();
	await expect(markdown.locator('textarea')).toBeFocused();
	await page.keyboard.press('End');
	await page.keyboard.type(' to self');
	await page.keyboard.press('Escape');
	await expect(markdown).toBeFocused();
	await page.keyboard.press('b');
	await expect.poll(kinds).toEqual(['markdown', 'code', 'code']);
	await typeInto(page, 0, '6 * 7');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(await outputs(page, 0)).toContainText('42');

	await markdown.getByRole('textbox').click();
	await page.keyboard.press('Escape');
	await expect(markdown).toBeFocused();
	await page.keyboard.press('a');
	await expect.poll(kinds).toEqual(['code', 'markdown', 'code', 'code']);
	await typeInto(page, 0, '3 * 3');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(await outputs(page, 0)).toContainText('9');
	// The letters were commands, not text.
	await expect(markdown.locator('h1')).toHaveText('Notes to self');
});
