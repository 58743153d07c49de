import { expect, test } from '@playwright/test';
import { codeCell, editCell, outputs } from './cells';

// Tracing snapshots every frame before each action, and a frame stuck in `while (true)` never
// answers, so the trace (not the page) would hang the click.
test.use({ trace: 'off' });

test('a runaway cell is stopped from the toolbar, and the notebook works again', async ({ page }) => {
	await page.goto('/nb/runaway.md');
	await expect(codeCell(page, 1).locator('[data-status]')).toHaveAttribute('data-status', 'running');
	// The workspace stays responsive while the cell spins: notebook code is in another process.
	const stop = page.getByRole('button', { name: /Stop/ });
	await expect(stop).toBeVisible();
	// How long Stop takes is a figure of the reliability suite (browser part), not a pass/fail here.
	await stop.click();
	await expect(codeCell(page, 1).locator('[data-status]')).toHaveAttribute('data-status', 'error');
	await expect(await outputs(page, 1)).toContainText('interrupted');
	// The cells that had run come back in the new frame, and the notebook runs again.
	await expect(await outputs(page, 0)).toContainText('still here');
	await editCell(page, 0);
	await page.keyboard.press('Shift+Enter');
	await expect(codeCell(page, 0).locator('[data-status]')).toHaveAttribute('data-status', 'done');
});
