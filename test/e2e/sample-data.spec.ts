/**
 * Where a notebook's data came from is shown to the reader: with no file of their own, the
 * workspace says the series is Tape's sample and the dates it covers, names no server path, and
 * Refresh data says the sample is not live and is never refetched.
 */
import { expect, test } from '@playwright/test';

// The e2e data folder links the real price files when TAPE_DATA_DIR is set; the sample answers otherwise.
const ownData = !!process.env.TAPE_DATA_DIR;

test('the Data line names where IWM came from and its dates, never a server path', async ({ page }) => {
	await page.goto('/nb/welcome.md');
	const line = page.getByLabel("Where this notebook's data came from");
	const iwm = line.locator('[data-symbol=IWM]');
	// The notebook's cells run as it opens, the one loading IWM among them: slow on a loaded machine.
	if (ownData) {
		await expect(iwm).toContainText(/IWM\s+your data folder, \d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}/, { timeout: 60_000 });
	} else {
		await expect(iwm).toContainText("IWM Tape's sample, 2000-05-26 → 2024-09-12", { timeout: 60_000 });
		await expect(line).toContainText('Sample data ships with Tape and is not live');
	}
	// The welcome notebook's chart drew from that data.
	await expect.poll(() => page.frameLocator('iframe').locator('svg').count(), { timeout: 60_000 }).toBeGreaterThan(0);
	await expect(line).not.toContainText(/\/(tmp|work|home|root|Users)\//);
});

test('Refresh data does not pretend to refetch the sample', async ({ page }) => {
	test.skip(ownData, 'IWM comes from the data folder here');
	await page.goto('/nb/welcome.md');
	await expect(page.getByLabel("Where this notebook's data came from")).toContainText("Tape's sample", { timeout: 60_000 });
	await page.getByRole('button', { name: /Refresh data/ }).click();
	await expect(page.getByText("IWM comes from Tape's sample data, which is not live and never refetched")).toBeVisible();
	await expect(page.getByText(/Refreshed IWM from the providers/)).toHaveCount(0);
});
