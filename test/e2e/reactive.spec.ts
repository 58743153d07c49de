import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCell, outputs } from './cells';

const notebooksDir = process.env.TAPE_E2E_NOTEBOOKS!;

test('moving a slider re-runs only its readers: the chart updates, an unrelated cell does not run again', async ({ page }) => {
	await page.goto('/nb/reactive.md');
	await expect(await outputs(page, 1)).toContainText('doubled: 40');
	const runs = (i: number) => codeCell(page, i).locator('[data-runs]').getAttribute('data-runs');
	await expect(codeCell(page, 3).locator('[data-status]')).toHaveAttribute('data-status', 'done');
	const unrelatedRuns = await runs(3);
	const chartRuns = Number(await runs(2));
	const pathBefore = await (await outputs(page, 2)).locator('svg path').last().getAttribute('d');

	const slider = (await outputs(page, 0)).locator('input[type=number]');
	await slider.fill('55');
	await slider.press('Enter');
	await slider.dispatchEvent('input');

	await expect(await outputs(page, 1)).toContainText('doubled: 110');
	await expect.poll(async () => Number(await runs(2))).toBeGreaterThan(chartRuns);
	const pathAfter = await (await outputs(page, 2)).locator('svg path').last().getAttribute('d');
	expect(pathAfter).not.toBe(pathBefore);
	expect(await runs(3)).toBe(unrelatedRuns);
});

test('a hostile notebook achieves nothing: no writes, no parent DOM, no storage, no cookies, no script injection', async ({ page }) => {
	await page.goto('/');
	await page.evaluate(() => localStorage.setItem('workspace-canary', 'kept'));
	const titleBefore = 'Hostile';
	await page.goto('/nb/hostile.md');
	await expect(await outputs(page, 5)).toContainText(/blocked|tried/);

	await expect(await outputs(page, 0)).toContainText('blocked');
	await expect(await outputs(page, 1)).toContainText('blocked: SecurityError');
	await expect(await outputs(page, 2)).toContainText('blocked: SecurityError');
	await expect(await outputs(page, 3)).toContainText('blocked: SecurityError');
	await expect(await outputs(page, 4)).toContainText('blocked');

	expect(existsSync(join(notebooksDir, 'victim.md'))).toBe(true);
	expect(readFileSync(join(notebooksDir, 'victim.md'), 'utf8')).toContain('# Victim');
	expect(await page.title()).toContain(titleBefore);
	expect(page.url()).toMatch(/\/nb\/hostile\.md$/);
	expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
	expect(await page.evaluate(() => localStorage.getItem('tape-pwned'))).toBeNull();
	expect(await page.evaluate(() => localStorage.getItem('workspace-canary'))).toBe('kept');
	expect(await page.evaluate(() => document.cookie)).not.toContain('tape-pwned');
	// The Markdown cell is rendered without its script or handler.
	const markdown = page.locator('section.cell[data-kind=markdown]').first();
	await expect(markdown.locator('img')).toHaveCount(1);
	expect(await markdown.locator('img').getAttribute('onerror')).toBeNull();
	await expect(markdown.locator('script')).toHaveCount(0);
});

test('the value a reader leaves in an input can be saved as its default in the notebook file', async ({ page }) => {
	await page.goto('/nb/reactive.md');
	await expect(await outputs(page, 1)).toContainText('doubled: 40');
	const number = (await outputs(page, 0)).locator('input[type=number]');
	await number.fill('35');
	await number.dispatchEvent('input');
	await expect(await outputs(page, 1)).toContainText('doubled: 70');
	await codeCell(page, 0).getByRole('button', { name: 'Save as default' }).click();
	await page.keyboard.press('ControlOrMeta+S');
	await expect(page.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'saved');
	const saved = readFileSync(join(notebooksDir, 'reactive.md'), 'utf8');
	expect(saved).toContain("view(Inputs.range([10, 100], { value: 35, step: 1, label: 'Lookback' }))");
	await page.reload();
	await expect(await outputs(page, 1)).toContainText('doubled: 70');
});
