/**
 * IntelliSense in a code cell, typed as a person types: completions of the research library and
 * of names other cells define, and type errors, all from Monaco's TypeScript worker (served
 * prebuilt, see vite.monaco.ts).
 */
import { expect, test } from '@playwright/test';
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
