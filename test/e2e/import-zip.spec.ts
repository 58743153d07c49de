import { expect, test } from '@playwright/test';
import { outputs } from './cells';
import { zip } from '../../src/lib/present/zip';

test('a notebook downloaded with its data imports as a new notebook whose data loads', async ({ page }) => {
	const notebook = ['---', 'title: Zipped', '---', '', '# Zipped', '', '```ts', "const n = (await loadSeries('ZIPX')).numRows();", '`rows: ${n}`', '```', ''].join('\n');
	const csv = 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10.5,10.5,100\n2024-01-03,10.5,12,10,11,11,120\n';
	const bytes = zip([
		{ path: 'zipped.md', content: notebook },
		{ path: 'data/ZIPX.csv', content: csv },
		{ path: 'README.txt', content: 'a Tape notebook' }
	]);
	await page.goto('/');
	const picker = page.locator('input[type=file][accept*=zip]');
	// The list is server-rendered: a click before the page hydrates opens nothing, so click until the panel is there.
	await expect(async () => {
		if (!(await picker.count())) await page.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(picker).toBeAttached({ timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	await picker.setInputFiles({ name: 'zipped.zip', mimeType: 'application/zip', buffer: Buffer.from(bytes) });
	await expect(page).toHaveURL(/\/nb\/zipped(-\d+)?\.md$/);
	await expect(await outputs(page, 0)).toContainText('rows: 2');
});
