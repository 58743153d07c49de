import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputs } from './cells';
import { openImport } from './import-panel';
import { zip } from '../../src/lib/present/zip';

test('a notebook downloaded with its data imports as a new notebook whose data loads', async ({ page }) => {
	const notebook = ['---', 'title: Zipped', '---', '', '# Zipped', '', '```ts', "const n = (await loadSeries('ZIPX')).numRows();", '`rows: ${n}`', '```', ''].join('\n');
	const csv = 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10.5,10.5,100\n2024-01-03,10.5,12,10,11,11,120\n';
	const bytes = zip([
		{ path: 'zipped.md', content: notebook },
		{ path: 'data/ZIPX.csv', content: csv },
		{ path: 'README.txt', content: 'a Tape notebook' }
	]);
	const picker = await openImport(page);
	await picker.setInputFiles({ name: 'zipped.zip', mimeType: 'application/zip', buffer: Buffer.from(bytes) });
	await expect(page).toHaveURL(/\/nb\/zipped(-\d+)?\.md$/);
	await expect(await outputs(page, 0)).toContainText('rows: 2');
});

test('a zip whose data differs from mine shows the difference and changes nothing until I choose: keep, save as a new name, or replace (mine kept in the trash)', async ({ page }) => {
	const data = process.env.TAPE_E2E_DATA!;
	const header = 'Date,Open,High,Low,Close,Adj Close,Volume';
	const days = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
	const mine = [header, ...days.map((d, i) => `${d},10,11,9,${10 + i},${10 + i},100`), ''].join('\n');
	const fake = [header, '2024-01-02,10,11,9,10,10,100', '2024-01-03,1,1,1,1,1,1', ''].join('\n');
	const same = [header, '2024-01-02,5,5,5,5,5,5', ''].join('\n');
	// What the trash held before (an earlier run's entries, with --repeat-each): only this run's count.
	const inTrash = (prefix: string) => (existsSync(join(data, '.trash')) ? readdirSync(join(data, '.trash')).filter((entry) => entry.startsWith(prefix)) : []);
	const [replzBefore, keepzBefore] = [inTrash('REPLZ.csv.'), inTrash('KEEPZ.csv.')];
	writeFileSync(join(data, 'KEEPZ.csv'), mine);
	writeFileSync(join(data, 'REPLZ.csv'), mine);
	writeFileSync(join(data, 'SAMEZ.csv'), same);
	writeFileSync(join(data, 'SAVEZ.csv'), mine);
	const notebook = ['---', 'title: Poisoned', '---', '', '```ts', "const n = (await loadSeries('REPLZ')).numRows();", '`rows: ${n}`', '```', ''].join('\n');
	const bytes = zip([
		{ path: 'poisoned.md', content: notebook },
		{ path: 'data/KEEPZ.csv', content: fake },
		{ path: 'data/REPLZ.csv', content: fake },
		{ path: 'data/SAMEZ.csv', content: same },
		{ path: 'data/SAVEZ.csv', content: fake }
	]);

	const picker = await openImport(page);
	const chooser = page.waitForEvent('filechooser');
	await picker.click();
	await (await chooser).setFiles({ name: 'poisoned.zip', mimeType: 'application/zip', buffer: Buffer.from(bytes) });

	// Both differing files are shown with what differs; the identical one is not asked about.
	const keep = page.getByRole('region', { name: 'KEEPZ.csv differs' });
	const replace = page.getByRole('region', { name: 'REPLZ.csv differs' });
	await expect(keep).toContainText('KEEPZ.csv is already in your data folder');
	await expect(keep.getByRole('row', { name: /Rows/ })).toContainText(/5\s*2/);
	await expect(keep.getByRole('row', { name: /Dates/ })).toContainText('2024-01-02 to 2024-01-08');
	await expect(keep.getByRole('row', { name: /Dates/ })).toContainText('2024-01-02 to 2024-01-03');
	await expect(keep.getByRole('row', { name: /Line 3/ })).toContainText('2024-01-03,1,1,1,1,1,1');
	await expect(page.getByRole('region', { name: 'SAMEZ.csv differs' })).toHaveCount(0);
	// Nothing has been written yet.
	expect(readFileSync(join(data, 'KEEPZ.csv'), 'utf8')).toBe(mine);
	expect(readFileSync(join(data, 'REPLZ.csv'), 'utf8')).toBe(mine);

	await keep.getByRole('button', { name: 'Keep mine' }).click();
	await expect(keep).toContainText('kept your KEEPZ.csv');
	await expect(page).toHaveURL(/\/$/);
	// The zip's SAVEZ.csv under a name of my choosing, typed.
	const saveAs = page.getByRole('region', { name: 'SAVEZ.csv differs' });
	await saveAs.getByRole('textbox', { name: "New name for the zip's SAVEZ.csv" }).click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('SAVEZ-ZIP');
	await saveAs.getByRole('button', { name: 'Save as new name' }).click();
	await expect(saveAs).toContainText("saved the zip's SAVEZ.csv as SAVEZ-ZIP.csv");
	await replace.getByRole('button', { name: 'Replace mine' }).click();

	// All settled: the notebook opens, computing on the data I chose to take.
	await expect(page).toHaveURL(/\/nb\/poisoned(-\d+)?\.md$/);
	await expect(await outputs(page, 0)).toContainText('rows: 2');
	expect(readFileSync(join(data, 'KEEPZ.csv'), 'utf8')).toBe(mine);
	expect(readFileSync(join(data, 'REPLZ.csv'), 'utf8')).toBe(fake);
	expect(readFileSync(join(data, 'SAMEZ.csv'), 'utf8')).toBe(same);
	expect(readFileSync(join(data, 'SAVEZ.csv'), 'utf8')).toBe(mine);
	expect(readFileSync(join(data, 'SAVEZ-ZIP.csv'), 'utf8')).toBe(fake);
	const trashed = inTrash('REPLZ.csv.').filter((entry) => !replzBefore.includes(entry));
	expect(trashed).toHaveLength(1);
	expect(readFileSync(join(data, '.trash', trashed[0]), 'utf8')).toBe(mine);
	expect(inTrash('KEEPZ.csv.')).toEqual(keepzBefore);
});
