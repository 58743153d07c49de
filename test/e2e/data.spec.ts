import { expect, test } from '@playwright/test';

const csv = ['Date,Open,High,Low,Close,Adj Close,Volume', '2024-01-02,10,11,9.5,10.5,10.5,1000', '2024-01-03,10.5,12,10,11.8,11.8,1500', ''].join('\n');

test('a price CSV picked on the notebook page lands in the data folder and loads in a cell', async ({ page }) => {
	await page.goto('/nb/data-drop.md');
	await page.locator('input[type=file][accept*=csv]').setInputFiles({ name: 'TESTX.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await expect(page.getByText(/TESTX\.csv.*is in the data folder as/)).toBeVisible();
	await expect(page.getByText("loadSeries('TESTX')")).toBeVisible();

	const cell = page.locator('section.cell[data-kind=code]').first();
	await cell.locator('.monaco-editor .view-lines').click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('Delete');
	await page.keyboard.type("const sessions = (await loadSeries('TESTX')).numRows();");
	await page.keyboard.press('Enter');
	await page.keyboard.press('Shift+Home');
	await page.keyboard.type('`sessions: ${sessions}`');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Shift+Enter');
	const id = await cell.locator('[data-output-slot]').getAttribute('data-output-slot');
	await expect(page.frameLocator('iframe.tape-sandbox').locator(`.output-area[data-cell="${id}"]`)).toContainText('sessions: 2');
});

test('a malformed CSV is refused with its line and column, and nothing is stored', async ({ page }) => {
	await page.goto('/nb/data-drop.md');
	const bad = csv.replace('10.5,12,10,11.8', '10.5,12,10,eleven');
	await page.locator('input[type=file][accept*=csv]').setInputFiles({ name: 'BADX.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
	await expect(page.getByText(/BADX\.csv.*was not added: .*BADX\.csv:3/)).toBeVisible();
	const listed = await page.evaluate(() => fetch('/api/data/symbols').then((r) => r.json()));
	expect(listed.symbols).not.toContain('BADX');
	expect(listed.symbols).toContain('TESTX');
});
