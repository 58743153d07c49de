/** The `?` sheet, as a person meets it: it names what the toolbar offers, Outline and Library included. */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

test('? lists the keys and the toolbar’s Outline and Library, which are there to click', async ({ page }) => {
	writeFileSync(join(process.env.TAPE_E2E_NOTEBOOKS!, 'sheet.md'), '---\ntitle: Sheet\n---\n\n# Findings\n\n```ts\nconst x = 1;\n```\n');
	await page.goto('/nb/sheet.md');
	await expect(page.getByRole('heading', { name: 'Findings' })).toBeVisible();
	// Outside any editor, as the sheet says: a click on the page's title bar, then the key.
	await page.locator('header.toolbar .notebook-file').click();
	await page.keyboard.press('?');
	const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(sheet).toBeVisible();
	await expect(sheet).toContainText('Shift+Enter');
	await expect(sheet.getByRole('row', { name: /^Outline/ })).toContainText('headings');
	await expect(sheet.getByRole('row', { name: /^Library/ })).toContainText('research library');
	await page.keyboard.press('Escape');
	await expect(sheet).toBeHidden();

	// What the sheet names is in the toolbar.
	await page.locator('summary', { hasText: 'Outline' }).click();
	await expect(page.getByRole('navigation', { name: 'Outline' }).getByRole('button')).toHaveText(['Findings']);
	await page.getByRole('button', { name: 'Library', exact: true }).click();
	await expect(page.getByRole('dialog', { name: 'Library reference' })).toBeVisible();
});
