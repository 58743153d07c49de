/**
 * IntelliSense in a code cell, typed as a person types: completions of the research library and
 * of names other cells define, and type errors, all from Monaco's TypeScript worker (served
 * prebuilt, see vite.monaco.ts).
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
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
