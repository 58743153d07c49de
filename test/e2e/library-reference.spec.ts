/** The in-app library reference, used as a new user would: search a need, insert the example. */
import { expect, test } from '@playwright/test';
import { codeCell } from './cells';

test('Library: searching "rebased" finds comparisonChart, and its example goes into a new cell', async ({ page }) => {
	await page.goto('/nb/library.md');
	await expect(codeCell(page, 0).locator('.monaco-editor')).toBeVisible();
	await page.getByRole('button', { name: 'Library', exact: true }).click();
	const reference = page.getByRole('dialog', { name: 'Library reference' });
	await expect(reference.locator('li[data-entry=rsi]')).toBeVisible();
	await expect(reference.getByRole('searchbox')).toBeFocused();
	await page.keyboard.type('rebased');
	const entry = reference.locator('li[data-entry=comparisonChart]');
	await expect(entry).toContainText('comparisonChart(tables: Record<string, ColumnTable>');
	await expect(entry).toContainText('Several symbols rebased to 100');
	await expect(reference.locator('li[data-entry=rsi]')).toHaveCount(0);

	await entry.getByRole('button', { name: 'Insert example' }).click();
	await expect(reference).toBeHidden();
	await expect(page.locator('section.cell[data-kind=code]')).toHaveCount(2);
	await expect(codeCell(page, 1).locator('.view-lines')).toContainText('comparisonChart({ IWM: iwm, QQQ: qqq }');
	await expect(codeCell(page, 1).locator('.monaco-editor.focused')).toBeVisible();

	await page.getByRole('button', { name: 'Library', exact: true }).click();
	await page.keyboard.type('no such thing');
	await expect(reference).toContainText('Nothing in the library matches');
});
