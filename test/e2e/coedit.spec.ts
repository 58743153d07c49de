/**
 * Live co-editing: two people (two browser contexts) join "Edit live" on the same notebook and
 * type into the same cell at once; both see both edits, with the other's caret, and the file on
 * disk gets both (written by the server from the shared document).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCell, editCell } from './cells';

const notebooksDir = process.env.TAPE_E2E_NOTEBOOKS!;
const onDisk = (name: string) => readFileSync(join(notebooksDir, name), 'utf8');

async function joinLive(browser: Browser, name: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await page.goto(`/nb/${name}`);
	await expect(codeCell(page, 0).locator('[data-cell-editor]')).toBeVisible();
	await page.getByRole('button', { name: 'Edit live' }).click();
	return page;
}

const lines = (page: Page) => codeCell(page, 0).locator('.monaco-editor .view-lines');

test('two people typing in the same cell at once both see both edits, and the file has them', async ({ browser }) => {
	writeFileSync(join(notebooksDir, 'together.md'), '---\ntitle: Together\n---\n\n```ts\nconst shared = 1;\n```\n');
	const ann = await joinLive(browser, 'together.md');
	const bob = await joinLive(browser, 'together.md');
	await expect(ann.locator('[data-live=on]')).toContainText(/Live with Guest \d+/);
	await expect(bob.locator('[data-live=on]')).toContainText(/Live with Guest \d+/);

	// Ann at the end of the cell, Bob at its start, typing at the same time.
	await editCell(ann, 0);
	await ann.keyboard.press('ControlOrMeta+End');
	await editCell(bob, 0);
	await bob.keyboard.press('ControlOrMeta+Home');
	await Promise.all([ann.keyboard.type(' // ann typed this', { delay: 20 }), bob.keyboard.type('let bob = 2; ', { delay: 20 })]);

	for (const page of [ann, bob]) {
		await expect(lines(page)).toContainText('let\u00a0bob\u00a0=\u00a02;\u00a0const\u00a0shared\u00a0=\u00a01;\u00a0//\u00a0ann\u00a0typed\u00a0this');
	}
	// Each sees where the other is typing.
	await expect(ann.locator('.tape-peer-caret')).toHaveCount(1);
	await expect(bob.locator('.tape-peer-caret')).toHaveCount(1);

	await expect.poll(() => onDisk('together.md')).toContain('let bob = 2; const shared = 1; // ann typed this');
	expect(onDisk('together.md')).toContain('title: Together');

	await ann.context().close();
	await bob.context().close();
});

test('someone who joins later sees the text typed live before they came', async ({ browser }) => {
	writeFileSync(join(notebooksDir, 'later.md'), '```ts\nconst x = 1;\n```\n');
	const ann = await joinLive(browser, 'later.md');
	await expect(ann.locator('[data-live=on]')).toBeVisible();
	await editCell(ann, 0);
	await ann.keyboard.press('ControlOrMeta+End');
	await ann.keyboard.type(' // live');
	await expect.poll(() => onDisk('later.md')).toContain('const x = 1; // live');

	const bob = await joinLive(browser, 'later.md');
	await expect(bob.locator('[data-live=on]')).toBeVisible();
	await expect(lines(bob)).toContainText('const\u00a0x\u00a0=\u00a01;\u00a0//\u00a0live');
	await ann.context().close();
	await bob.context().close();
});
