import { expect, test } from '@playwright/test';
import { outputs } from './cells';

test('Copy puts a chart on the clipboard as a PNG', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/nb/reactive.md');
	const area = await outputs(page, 2);
	await expect(area.locator('svg').first()).toBeVisible();
	await area.getByRole('button', { name: 'Copy' }).click();
	await expect(area.getByRole('button', { name: 'Copied' })).toBeVisible();
	const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((item) => item.types));
	expect(types).toContain('image/png');
});
