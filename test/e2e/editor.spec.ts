/**
 * IntelliSense in a code cell, typed as a person types: completions of the research library and
 * of names other cells define, and type errors, all from Monaco's TypeScript worker (served
 * prebuilt, see vite.monaco.ts).
 */
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCell } from './cells';

async function typeInto(page: import('@playwright/test').Page, index: number, text: string) {
	await codeCell(page, index).locator('.monaco-editor .view-lines').click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('Delete');
	await page.keyboard.type(text);
}

test('completions list library functions and names from other cells; type errors are underlined', async ({ page }) => {
	await page.goto('/nb/editor.md');
	await expect(codeCell(page, 1).locator('.monaco-editor')).toBeVisible();

	await typeInto(page, 1, 'loadSer');
	const suggestions = page.locator('.suggest-widget.visible');
	await expect(suggestions).toContainText('loadSeries', { timeout: 30_000 });
	await page.keyboard.press('Escape');

	await typeInto(page, 1, 'basePr');
	await expect(suggestions).toContainText('basePrice', { timeout: 30_000 });
	await page.keyboard.press('Escape');

	await typeInto(page, 1, "const wrong: number = 'text';");
	await expect(codeCell(page, 1).locator('.squiggly-error')).toHaveCount(1, { timeout: 30_000 });
});

test('Ctrl+Space on an empty line lists the notebook names and the research library before DOM globals; { + Enter indents', async ({ page }) => {
	await page.goto('/nb/completions.md');
	await expect(codeCell(page, 1).locator('.monaco-editor')).toBeVisible();
	// The research library's declarations are in once a name of it completes.
	await typeInto(page, 1, 'comparisonCh');
	const suggestions = page.locator('.suggest-widget.visible');
	await expect(suggestions).toContainText('comparisonChart', { timeout: 30_000 });
	await page.keyboard.press('Escape');

	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('Delete');
	await page.keyboard.press('Control+Space');
	const labels = suggestions.locator('.monaco-list-row .label-name');
	await expect(labels.first()).toHaveText('basePrice', { timeout: 30_000 });
	const shown = await labels.allInnerTexts();
	expect(shown.length).toBeGreaterThan(5);
	// What follows the notebook's own name is the library (the cell globals, alphabetical), not the DOM.
	expect(shown).toEqual(expect.arrayContaining(['Plot', 'aq', 'analogueChart']));
	expect(shown).not.toContain('AbortController');
	expect(shown).not.toContain('addEventListener');
	await page.keyboard.press('Escape');

	// A block typed as a person types it: Monaco closes the brace and indents the line inside.
	await page.keyboard.type('if (basePrice > 0) {');
	await page.keyboard.press('Enter');
	// `(` closes itself; typing `)` steps over the closing one rather than doubling it.
	await page.keyboard.type('display(basePrice);');
	await page.keyboard.press('ControlOrMeta+S');
	await expect
		.poll(() => readFileSync(join(process.env.TAPE_E2E_NOTEBOOKS!, 'completions.md'), 'utf8'))
		.toContain('```ts\nif (basePrice > 0) {\n  display(basePrice);\n}\n```');
});

test('a name another cell declares is no error, off the page or from a SQL cell; a misspelt one is', async ({ page }) => {
	// Past 150 cells only the cells near the viewport are on the page, with a model of their own.
	const filler = Array.from({ length: 198 }, (_, i) => `\`\`\`ts\nconst f${i} = ${i};\n\`\`\`\n`);
	const cells = ['```ts\nconst far = 1;\n```\n', '```sql output=fromSql\nselect 2 as two\n```\n', ...filler, '```ts\nfar + fromSql.numRows()\n```\n'];
	writeFileSync(join(process.env.TAPE_E2E_NOTEBOOKS!, 'names-far.md'), `---\ntitle: Names far away\n---\n\n${cells.join('\n')}`);
	await page.goto('/nb/names-far.md');
	await expect(codeCell(page, 0).locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
	await page.keyboard.press('End');
	const last = codeCell(page, -1);
	await expect(last).toContainText('far + fromSql.numRows()', { timeout: 60_000 });
	// The reader adds a misspelt name: it alone is underlined, once the editor has checked the cell.
	await last.locator('.view-lines').click();
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type(' + farr');
	await expect(last.locator('.squiggly-error')).toHaveCount(1, { timeout: 30_000 });
});
