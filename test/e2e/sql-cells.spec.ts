/**
 * SQL cells as a person uses them: added from the toolbar, typed into, run; a parameter from
 * another cell re-runs the query when it changes; a typo is marked at its line and column; the
 * file keeps a ```sql fence; reports and exports show the results offline.
 */
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCell, openOffline, outputs, retype } from './cells';

const notebooksDir = process.env.TAPE_E2E_NOTEBOOKS!;

async function runCell(page: Page, index: number) {
	const runs = Number(await codeCell(page, index).locator('[data-runs]').getAttribute('data-runs'));
	await page.keyboard.press('Shift+Enter');
	await expect.poll(async () => Number(await codeCell(page, index).locator('[data-runs]').getAttribute('data-runs'))).toBeGreaterThan(runs);
}

test('a SQL cell: typed, run with a parameter, re-run when its input changes, errors at line:column, saved as a sql fence, exported offline', async ({ page, context }) => {
	await page.goto('/nb/sql-cells.md');
	await expect(codeCell(page, 0).locator('[data-status]')).toHaveAttribute('data-status', 'done');

	await page.getByRole('button', { name: '+ SQL' }).click();
	await expect(codeCell(page, 1).locator('.monaco-editor.focused')).toBeVisible();
	await page.keyboard.type('SELECT symbol, count(*) AS n FROM prices WHERE symbol = ${sym} GROUP BY symbol');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Shift+Enter');
	const result = await outputs(page, 1);
	await expect(result.locator('table tbody tr')).toHaveCount(1);
	await expect(result.locator('tbody td').nth(1)).toHaveText('QQQ');
	const qqqSessions = Number((await result.locator('tbody td').nth(2).textContent())!.replace(/,/g, ''));
	expect(qqqSessions).toBeGreaterThan(100);
	await expect(result).toContainText('1 rows × 2 columns');
	await expect(result).toContainText(/duckdb · [\d,]+ ms/);

	// The input changes: the query runs again with the new value.
	await retype(page, 0, ["const sym = 'IWM'"]);
	await runCell(page, 0);
	await expect(result.locator('tbody td').nth(1)).toHaveText('IWM');

	// A typo on the query's third line, after a parameter on its second: marked where it is in the cell.
	await retype(page, 1, ['SELECT symbol, count(*) AS n', 'FROM prices WHERE symbol = ${sym}', 'GROUP BY symbl']);
	await runCell(page, 1);
	const error = result.locator('[role=alert]');
	await expect(error).toContainText('symbl');
	await expect(error.locator('.where')).toHaveText('3:10');
	await expect(codeCell(page, 1).locator('.squiggly-error')).toHaveCount(1);

	await retype(page, 1, ['SELECT symbol, count(*) AS n', 'FROM prices WHERE symbol = ${sym}', 'GROUP BY symbol']);
	await runCell(page, 1);
	await expect(result.locator('tbody td').nth(1)).toHaveText('IWM');
	const iwmSessions = (await result.locator('tbody td').nth(2).textContent())!;

	await page.keyboard.press('ControlOrMeta+S');
	await expect.poll(() => readFileSync(join(notebooksDir, 'sql-cells.md'), 'utf8')).toContain(
		"```ts\nconst sym = 'IWM'\n```\n\n```sql\nSELECT symbol, count(*) AS n\nFROM prices WHERE symbol = ${sym}\nGROUP BY symbol\n```\n"
	);

	// The export carries the result the page computed (its query has a parameter): it opens offline.
	await page.locator('summary', { hasText: 'Share' }).click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export HTML (opens offline)' }).click()]);
	const file = join(mkdtempSync(join(tmpdir(), 'tape-sql-export-')), 'sql-cells.html');
	copyFileSync((await download.path())!, file);
	const offline = await context.newPage();
	const blocked = await openOffline(offline, file);
	await expect(offline.locator('table tbody td').nth(1)).toHaveText('IWM');
	await expect(offline.locator('table tbody td').nth(2)).toHaveText(iwmSessions);
	await expect(offline.locator('[role=alert]')).toHaveCount(0);
	expect(blocked).toEqual([]);
});

test('a report carries the result of a SQL cell without parameters, and its readers use it', async ({ page }) => {
	const response = await page.goto('/view/sql-report.md');
	expect(response!.headers()['content-security-policy']).toContain("connect-src 'none'");
	await expect(page.getByText('2 symbols, IWM first: IWM')).toBeVisible();
	await expect(page.locator('[role=alert]')).toHaveCount(0);
});
