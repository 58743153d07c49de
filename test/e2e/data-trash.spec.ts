/**
 * The data folder's trash, used as a person would: a zip import replaces my IWM.csv with its own
 * (after I say so), the notebook computes on the zip's rows; I open the Trash, restore my IWM.csv
 * by clicking, and the notebook's numbers are mine again, while the zip's file waits in the trash.
 */
import { expect, test } from '@playwright/test';
import { existsSync, lstatSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputs } from './cells';
import { openImport } from './import-panel';
import { zip } from '../../src/lib/present/zip';

const header = 'Date,Open,High,Low,Close,Adj Close,Volume';
const days = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
const mine = [header, ...days.map((d, i) => `${d},10,11,9,${10 + i},${10 + i},100`), ''].join('\n');
const fake = [header, '2024-01-02,10,11,9,10,10,100', '2024-01-03,1,1,1,1,1,1', ''].join('\n');

test('a data file an import replaced is restored from the Trash by a click, and the notebook computes on it again', async ({ page }) => {
	const data = process.env.TAPE_E2E_DATA!;
	const file = join(data, 'IWM.csv');
	// With real data the folder holds a link to the real IWM.csv: it is set aside, never written through.
	const link = existsSync(file) && lstatSync(file).isSymbolicLink() ? readlinkSync(file) : undefined;
	rmSync(file, { force: true });
	writeFileSync(file, mine);
	try {
		const notebook = ['---', 'title: Restored data', '---', '', '```ts', "const iwm = await loadSeries('IWM');", '`rows: ${iwm.numRows()}, last close: ${iwm.get("close", iwm.numRows() - 1)}`', '```', ''].join('\n');
		const bytes = zip([
			{ path: 'restored-data.md', content: notebook },
			{ path: 'data/IWM.csv', content: fake }
		]);
		const picker = await openImport(page);
		await picker.setInputFiles({ name: 'restored-data.zip', mimeType: 'application/zip', buffer: Buffer.from(bytes) });
		await page.getByRole('region', { name: 'IWM.csv differs' }).getByRole('button', { name: 'Replace mine' }).click();
		await expect(page).toHaveURL(/\/nb\/restored-data(-\d+)?\.md$/);
		const notebookUrl = page.url();
		await expect(await outputs(page, 0)).toContainText('rows: 2, last close: 1');

		// Home → Trash: my IWM.csv is listed with what it held.
		await page.goto('/');
		await page.getByRole('link', { name: 'Trash' }).click();
		await expect(page).toHaveURL(/\/trash$/);
		const replaced = page.getByRole('table', { name: 'Replaced data files' }).locator('tbody tr');
		const myRow = replaced.filter({ hasText: 'IWM.csv' }).filter({ hasText: '2024-01-02 to 2024-01-08' });
		await expect(myRow).toHaveCount(1);
		await expect(myRow.locator('.rows')).toHaveText('5');
		await myRow.getByRole('button', { name: /^Restore IWM\.csv/ }).click();
		const notice = page.getByRole('status').filter({ hasText: 'IWM.csv from' });
		await expect(notice).toContainText('is back in the data folder; the file it replaced is in the trash below');
		expect(readFileSync(file, 'utf8')).toBe(mine);
		// The restore can be undone: the zip's file is now the newest in the trash, and mine is not there.
		await expect(replaced.first()).toContainText('IWM.csv');
		await expect(replaced.first().locator('.dates')).toHaveText('2024-01-02 to 2024-01-03');
		await expect(myRow).toHaveCount(0);

		await page.goto(notebookUrl);
		await expect(await outputs(page, 0)).toContainText('rows: 5, last close: 14');
	} finally {
		if (link) {
			rmSync(file, { force: true });
			symlinkSync(link, file);
		}
	}
});
