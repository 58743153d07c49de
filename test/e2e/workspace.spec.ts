import { expect, test, type Response } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCell, outputs, retype } from './cells';

const notebooksDir = process.env.TAPE_E2E_NOTEBOOKS!;
const onDisk = (name: string) => readFileSync(join(notebooksDir, name), 'utf8');

test('list shows notebooks, and a malformed file with its error', async ({ page }) => {
	const scriptBytes: Promise<number>[] = [];
	// Counted while the list loads only: the notebook opened below loads its own scripts, whose
	// bodies may still be arriving when the test ends.
	const countScript = (response: Response) => {
		if (response.request().resourceType() === 'script') scriptBytes.push(response.body().then((body) => body.length));
	};
	page.on('response', countScript);
	await page.goto('/');
	await page.waitForLoadState('networkidle');
	page.off('response', countScript);
	// Monaco alone is megabytes: the list must not load it (nor the runtime and its libraries).
	const loaded = (await Promise.all(scriptBytes)).reduce((sum, n) => sum + n, 0);
	expect(loaded).toBeLessThan(400_000);
	await expect(page.locator('li.row[data-name="edit-me.md"]')).toContainText('Edit me');
	await expect(page.locator('li.row[data-name="edit-me.md"]')).toContainText('A value, a table');
	const broken = page.locator('li.row[data-name="broken.md"]');
	await expect(broken.locator('.file-error')).toContainText(/broken\.md:\d+/);

	await broken.locator('a.main').click();
	await expect(page.locator('.parse-error .message')).toContainText(/broken\.md:\d+:\d+/);
	await expect(page.locator('.parse-error .source')).toContainText('const x = 1;');
});

test('edit a code cell, run it, save, reload: the edit is in the page and on disk', async ({ page }) => {
	await page.goto('/');
	await page.locator('li.row[data-name="edit-me.md"] a.main').click();
	await expect(page).toHaveURL(/\/nb\/edit-me\.md$/);

	// Opening runs the notebook: the value, the table and the chart show.
	await expect(await outputs(page, 0)).toContainText('10');
	await expect((await outputs(page, 1)).locator('.table-view')).toContainText('3 rows × 2 columns');
	await expect((await outputs(page, 2)).locator('svg').first()).toBeVisible();

	await retype(page, 0, ['const base = 6 * 7;', 'base']);
	await page.keyboard.press('Shift+Enter');
	await expect(await outputs(page, 0)).toContainText('42');
	await expect(codeCell(page, 0).locator('[data-status]')).toHaveAttribute('data-status', 'done');
	// The chart still renders after the dependency re-ran.
	await expect((await outputs(page, 2)).locator('svg').first()).toBeVisible();

	await page.keyboard.press('ControlOrMeta+S');
	await expect(page.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'saved');
	expect(onDisk('edit-me.md')).toContain('const base = 6 * 7;\nbase\n');
	// Nothing else in the file changed, the front matter's comment included.
	expect(onDisk('edit-me.md')).toContain('---\n# A comment the author keeps: a save must not drop it.\ntitle: Edit me\n');

	await page.reload();
	await expect(await outputs(page, 0)).toContainText('42');
	await expect(codeCell(page, 0).locator('.monaco-editor .view-lines')).toContainText('6 * 7'.replace(/ /g, '\u00a0'));
});

test('two pages saving the same notebook: the second gets a conflict, not a lost update', async ({ browser }) => {
	// Separate contexts: two people, two browsers' worth of local drafts.
	const first = await (await browser.newContext()).newPage();
	const second = await (await browser.newContext()).newPage();
	await first.goto('/nb/shared.md');
	await second.goto('/nb/shared.md');
	await expect(codeCell(first, 0).locator('.monaco-editor')).toBeVisible();
	await expect(codeCell(second, 0).locator('.monaco-editor')).toBeVisible();

	await retype(first, 0, ['const owner = 111;', 'owner']);
	await first.keyboard.press('ControlOrMeta+S');
	await expect(first.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'saved');

	await retype(second, 0, ['const owner = 222;', 'owner']);
	await second.keyboard.press('ControlOrMeta+S');
	await expect(second.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'conflict');
	await expect(second.getByRole('alert').filter({ hasText: 'Someone else saved' })).toBeVisible();
	expect(onDisk('shared.md')).toContain('const owner = 111;');

	// Keeping mine makes a copy and leaves the other person's file alone.
	await second.getByRole('button', { name: 'Keep mine as a copy' }).click();
	await expect(second).toHaveURL(/\/nb\/shared-mine\.md$/);
	expect(onDisk('shared-mine.md')).toContain('const owner = 222;');
	expect(onDisk('shared.md')).toContain('const owner = 111;');
});

test('a new notebook from the list, with a Markdown cell that renders and saves', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'New notebook' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.locator('input').fill('fresh study');
	await dialog.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/nb\/fresh-study\.md$/);

	await page.locator('header.toolbar').getByRole('button', { name: '+ Text' }).click();
	await page.keyboard.type('# Hello from e2e\n\nSome *prose*.');
	await page.locator('header.toolbar .notebook-title').click();
	await expect(page.locator('section.cell[data-kind=markdown] h1')).toHaveText('Hello from e2e');
	await expect(page.locator('section.cell[data-kind=markdown] em')).toHaveText('prose');
	await expect(page.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'saved');
	expect(onDisk('fresh-study.md')).toContain('# Hello from e2e\n\nSome *prose*.');
});

test('edits that could not be saved are kept in the browser and offered back', async ({ page }) => {
	await page.route('**/api/notebooks/draft.md', (route) =>
		route.request().method() === 'PUT' ? route.abort() : route.continue()
	);
	await page.goto('/nb/draft.md');
	await retype(page, 0, ['const kept = 2;', 'kept']);
	await expect(page.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'error');
	expect(onDisk('draft.md')).toContain('const kept = 1;');

	await page.unroute('**/api/notebooks/draft.md');
	await page.reload();
	await page.getByRole('button', { name: 'Restore' }).click();
	await expect(await outputs(page, 0)).toContainText('2');
	await expect(page.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'saved');
	expect(onDisk('draft.md')).toContain('const kept = 2;');
});
