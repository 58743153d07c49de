/** The notebook list's Import panel, as the import specs open it. */
import { expect, type Page } from '@playwright/test';

/** Opens the list's Import panel and returns its file picker. The list is server-rendered: a click before the page hydrates opens nothing, so click until the panel is there. */
export async function openImport(page: Page) {
	await page.goto('/');
	const picker = page.locator('input[type=file][accept*=zip]');
	await expect(async () => {
		if (!(await picker.count())) await page.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(picker).toBeAttached({ timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	return picker;
}
