/** Finding and editing a notebook's cells the way a reader does, shared by the e2e specs. */
import type { Page } from '@playwright/test';

export const codeCell = (page: Page, index: number) => page.locator('section.cell[data-kind=code]').nth(index);

/** A code cell's outputs, drawn by the sandboxed frame (src/lib/sandbox) at the cell's slot. */
export async function outputs(page: Page, index: number) {
	const id = await codeCell(page, index).locator('[data-output-slot]').getAttribute('data-output-slot');
	return page.frameLocator('iframe.tape-sandbox').locator(`.output-area[data-cell="${id}"]`);
}

/** Replace a code cell's text the way a person would: click into Monaco, select all, type. */
export async function retype(page: Page, index: number, lines: string[]) {
	const editor = codeCell(page, index).locator('.monaco-editor .view-lines');
	await editor.click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('Delete');
	for (const [i, line] of lines.entries()) {
		if (i > 0) await page.keyboard.press('Enter');
		// Monaco indents after Enter on its own; clear that so the text is exactly what we typed.
		await page.keyboard.press('Shift+Home');
		await page.keyboard.type(line);
	}
	// A completion list may be open after typing a name; Shift+Enter must run, not accept it.
	await page.keyboard.press('Escape');
}
