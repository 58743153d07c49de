import { expect, test } from '@playwright/test';

test('Copy puts a chart on the clipboard as a PNG', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/nb/reactive.md');
	const id = await page.locator('section.cell[data-kind=code]').nth(2).locator('[data-output-slot]').getAttribute('data-output-slot');
	const area = page.frameLocator('iframe.tape-sandbox').locator(`.output-area[data-cell="${id}"]`);
	await expect(area.locator('svg').first()).toBeVisible();
	await area.getByRole('button', { name: 'Copy' }).click();
	await expect(area.getByRole('button', { name: 'Copied' })).toBeVisible();
	const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((item) => item.types));
	expect(types).toContain('image/png');
});
