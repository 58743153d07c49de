/**
 * A notebook's history, used as a person would: edit and save twice, open History from the
 * toolbar, compare the first and last versions (code and conclusions, both run in sandboxed
 * report frames), restore the first, and find it on disk and recorded as a new version.
 */
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCell, editCell } from './cells';

const FIRST = `---
title: History study
---

\`\`\`ts
const factor = 2
\`\`\`

\`\`\`ts
({ answer: 21 * factor })
\`\`\`
`;

/** One keystroke at the end of the first cell, then Ctrl+S; waits until it is saved. */
async function appendAndSave(page: import('@playwright/test').Page, key: string) {
	await editCell(page, 0);
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type(key);
	await page.keyboard.press('ControlOrMeta+s');
	await expect(page.locator('[data-save-status=saved]')).toBeVisible();
}

test('history: versions with who and when, code and conclusion diffs, restore as a new save', async ({ page }) => {
	const file = join(process.env.TAPE_E2E_NOTEBOOKS!, 'history-study.md');
	writeFileSync(file, FIRST);
	await page.goto('/nb/history-study.md');
	await expect(codeCell(page, 0)).toContainText('const factor = 2');

	await appendAndSave(page, '0');
	await expect.poll(() => readFileSync(file, 'utf8')).toContain('const factor = 20\n');
	await appendAndSave(page, '0');
	await expect.poll(() => readFileSync(file, 'utf8')).toContain('const factor = 200\n');

	await page.getByRole('link', { name: 'History' }).click();
	await expect(page).toHaveURL(/\/nb\/history-study\.md\/history$/);
	const rows = page.getByRole('table', { name: 'Versions' }).locator('tbody tr');
	await expect(rows).toHaveCount(3);
	// Newest first: the two saves by this (signed-out) workspace, then the text from before history.
	await expect(rows.locator('.who')).toHaveText(['local', 'local', 'before history']);
	await expect(rows.nth(0).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

	await page.getByRole('radio', { name: 'Compare from version 1' }).click();
	await page.getByRole('radio', { name: 'Compare to version 3' }).click();
	const code = page.getByRole('region', { name: 'Code changes' });
	await expect(code).toContainText('version 1 → version 3');
	await expect(code.locator('.removed')).toContainText('const factor = 2');
	await expect(code.locator('.added')).toContainText('const factor = 200');
	await expect(code.locator('.cell-diff')).toHaveCount(1);

	// Both versions run in their own sandboxed report frame on the same data; only the answer differs.
	const conclusions = page.getByRole('region', { name: 'Conclusion changes' });
	await expect(conclusions.locator('.conclusion')).toHaveCount(1, { timeout: 60_000 });
	await expect(conclusions.locator('.conclusion .removed')).toContainText('42');
	await expect(conclusions.locator('.conclusion .added')).toContainText('4,200');

	await rows.nth(2).getByRole('button', { name: 'Restore' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'restored' })).toHaveText('Version 1 restored: saved as version 4.');
	expect(readFileSync(file, 'utf8')).toBe(FIRST);
	await expect(rows).toHaveCount(4);
	await expect(rows.nth(0).locator('.who')).toHaveText('local');
});
