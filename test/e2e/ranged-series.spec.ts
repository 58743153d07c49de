/**
 * A cell that asks loadSeries for a range gets exactly the file's rows in that range, and the
 * workspace asks the server for that range only (issue 13: "let a ranged loadSeries ask only for
 * its range"). The expected rows are read from the sample file itself, not through Tape.
 */
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCell, outputs, retype } from './cells';

test('a 2012–2013 IWM cell asks for those sessions only and shows the file’s rows from its first to its last session', async ({ page }) => {
	const lines = readFileSync('sample/IWM.csv', 'utf8').trim().split('\n').slice(1);
	const inRange = lines.filter((line) => line >= '2012-01-01' && line.slice(0, 10) <= '2013-12-31');
	const sum = inRange.reduce((total, line) => total + Number(line.split(',')[4]), 0);
	const expected = `${inRange.length} sessions, ${inRange[0].slice(0, 10)} to ${inRange.at(-1)!.slice(0, 10)}, closes sum ${sum.toFixed(4)}`;

	writeFileSync(
		join(process.env.TAPE_E2E_NOTEBOOKS!, 'ranged.md'),
		'---\ntitle: Ranged\n---\n\n```ts\nconst part = null;\n```\n\n```ts\nconst day = (d: Date) => d.toISOString().slice(0, 10);\npart ? md`${part.numRows()} sessions, ${day(part.get(\'date\', 0))} to ${day(part.get(\'date\', part.numRows() - 1))}, closes sum ${d3.sum(part.array(\'close\') as number[]).toFixed(4)}` : md`no data yet`\n```\n'
	);
	const asked: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/api/data/series/')) asked.push(new URL(request.url()).search);
	});
	await page.goto('/nb/ranged.md');
	await expect(await outputs(page, 1)).toContainText('no data yet');

	await retype(page, 0, ["const part = await loadSeries('IWM', { start: '2012-01-01', end: '2013-12-31' });"]);
	await page.keyboard.press('Shift+Enter');
	await expect(await outputs(page, 1)).toContainText(expected);
	expect(asked).toEqual([expect.stringMatching(/[?&]start=2012-01-01&end=2013-12-31$/)]);
	// The Data line gives the dates the whole file covers, not the range asked for.
	await expect(page.locator('.data-sources')).toContainText(`${lines[0].slice(0, 10)} → ${lines.at(-1)!.slice(0, 10)}`);
});
