/** Finding and editing a notebook's cells the way a reader does, shared by the e2e specs. */
import { expect, type Page } from '@playwright/test';

/** The index-th code cell on the page; -1 the last (in a long notebook, only cells near the viewport are on the page). */
export const codeCell = (page: Page, index: number) => page.locator('section.cell[data-kind=code]').nth(index);

/** A code cell's outputs, drawn by the sandboxed frame (src/lib/sandbox) at the cell's slot. */
export async function outputs(page: Page, index: number) {
	const id = await codeCell(page, index).locator('[data-output-slot]').getAttribute('data-output-slot');
	return page.frameLocator('iframe.tape-sandbox').locator(`.output-area[data-cell="${id}"]`);
}

/**
 * Click into a code cell's code, as a person would, and wait for its editor to take the caret
 * (far from the viewport a cell shows its code as text until then: src/lib/editor/lazyMount.ts).
 */
export async function editCell(page: Page, index: number) {
	await codeCell(page, index).locator('[data-cell-editor]').click();
	await expect(codeCell(page, index).locator('.monaco-editor.focused')).toBeVisible();
}

/** Replace a code cell's text the way a person would: click into Monaco, select all, type. */
export async function retype(page: Page, index: number, lines: string[]) {
	await editCell(page, index);
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

/** Opens a saved file with every request but file:// refused; answers the refused URLs. */
export async function openOffline(page: Page, file: string): Promise<string[]> {
	const blocked: string[] = [];
	await page.route('**', (route) => {
		if (route.request().url().startsWith('file://')) return route.continue();
		blocked.push(route.request().url());
		return route.abort();
	});
	await page.goto(`file://${file}`);
	return blocked;
}
