import { expect, test } from '@playwright/test';
import { outputs } from './cells';

test('a 10-million-row table is paged, a 100 MB string is cut, deep recursion fails alone, the page stays responsive', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/nb/limits.md');

	const table = await outputs(page, 0);
	await expect(table.locator('.table-view')).toContainText(/10,?000,?000 rows/, { timeout: 60_000 });
	expect(await table.locator('tbody tr').count()).toBeLessThanOrEqual(50);

	const text = await outputs(page, 1);
	await expect(text).toContainText('xxxx', { timeout: 60_000 });
	const shown = await text.evaluate((node) => (node.textContent ?? '').length);
	expect(shown).toBeLessThan(10_000);

	await expect(await outputs(page, 2)).toContainText(/RangeError|call stack/i);
	await expect(await outputs(page, 3)).toContainText('still runs');

	// The workspace itself answered throughout: its own controls still work.
	await page.getByRole('button', { name: '+ Text' }).first().click();
	await expect(page.locator('section.cell[data-kind=markdown]')).toHaveCount(2);
});
