/**
 * Live co-editing: two people (two browser contexts) join "Edit live" on the same notebook and
 * type into the same cell at once, or change the cells (insert, move) while the other types; both
 * see both edits, with the other's caret (in code and Markdown cells), and the file on disk gets
 * both (written by the server from the shared document). A page whose connection dropped past
 * the empty room's grace period, and whose typing met a change to the same cell, says so.
 */
import { expect, test, type Browser, type Page, type WebSocketRoute } from '@playwright/test';
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

/** Ann and Bob in the same notebook, each seeing the other is there. */
async function bothLive(browser: Browser, name: string): Promise<[Page, Page]> {
	const ann = await joinLive(browser, name);
	const bob = await joinLive(browser, name);
	for (const page of [ann, bob]) await expect(page.locator('[data-live=on]')).toContainText(/Live with Guest \d+/);
	return [ann, bob];
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

test('a cell moved by one while the other types in it, and a cell inserted meanwhile: all kept, in both pages and on disk', async ({ browser }) => {
	writeFileSync(join(notebooksDir, 'structure.md'), '```ts\nconst one = 1;\n```\n\n```ts\nconst two = 2;\n```\n\n```ts\nconst three = 3;\n```\n');
	const [ann, bob] = await bothLive(browser, 'structure.md');

	// Bob types at the end of the first cell while Ann moves that cell to the end, then inserts a cell at the top.
	await editCell(bob, 0);
	await bob.keyboard.press('ControlOrMeta+End');
	const bobTyping = bob.keyboard.type(' // bob was here', { delay: 60 });
	await codeCell(ann, 0).hover();
	await codeCell(ann, 0).getByRole('button', { name: 'Move cell down' }).click();
	await codeCell(ann, 1).hover();
	await codeCell(ann, 1).getByRole('button', { name: 'Move cell down' }).click();
	await codeCell(ann, 0).hover();
	await codeCell(ann, 0).getByRole('button', { name: 'Insert code cell above' }).click();
	await editCell(ann, 0);
	await ann.keyboard.type('const inserted = 0;');
	await bobTyping;

	const expected = ['const inserted = 0;', 'const two = 2;', 'const three = 3;', 'const one = 1; // bob was here'];
	for (const page of [ann, bob]) {
		await expect(page.locator('section.cell[data-kind=code]')).toHaveCount(4);
		for (const [i, text] of expected.entries()) await expect(codeCell(page, i)).toContainText(text.replaceAll(' ', '\u00a0'));
	}
	await expect.poll(() => onDisk('structure.md')).toBe(expected.map((code) => `\`\`\`ts\n${code}\n\`\`\``).join('\n\n') + '\n');
	await ann.context().close();
	await bob.context().close();
});

test('in a Markdown cell each sees the other typing, with their caret and name, and keeps their own caret', async ({ browser }) => {
	writeFileSync(join(notebooksDir, 'prose.md'), 'Intro text.\n\n```ts\nconst x = 1;\n```\n');
	const [ann, bob] = await bothLive(browser, 'prose.md');
	const bobName = (await ann.locator('[data-live=on]').textContent())!.match(/Guest \d+/)![0];
	const prose = (page: Page) => page.locator('section.cell[data-kind=markdown]').first();

	// Ann writes at the start, Bob at the end, at the same time: Bob's text must not move Ann's caret.
	await prose(ann).getByRole('textbox').click();
	await ann.keyboard.press('ControlOrMeta+Home');
	await prose(bob).getByRole('textbox').click();
	await bob.keyboard.press('ControlOrMeta+End');
	await Promise.all([ann.keyboard.type('Ann: ', { delay: 40 }), bob.keyboard.type(' Bob was here.', { delay: 40 })]);

	for (const page of [ann, bob]) await expect(prose(page).locator('textarea')).toHaveValue('Ann: Intro text. Bob was here.');
	// Bob's caret, with his name, in Ann's editor (and Ann's in Bob's).
	await expect(prose(ann).locator('.tape-peer-caret')).toHaveCount(1);
	await expect(prose(ann).locator('.tape-peer-caret')).toContainText(bobName);
	await expect(prose(bob).locator('.tape-peer-caret')).toHaveCount(1);
	await expect.poll(() => onDisk('prose.md')).toContain('Ann: Intro text. Bob was here.');
	// Once Ann leaves the cell, her caret leaves Bob's editor.
	await ann.keyboard.press('Escape');
	await expect(prose(bob).locator('.tape-peer-caret')).toHaveCount(0);
	await ann.context().close();
	await bob.context().close();
});

test('a change on disk that removes the cell someone is typing in tells them, and History has their text', async ({ browser }) => {
	const cell = (source: string) => `\`\`\`ts\n${source}\n\`\`\``;
	const start = ['# Pulled', cell('const keep = 1;'), cell('const first = 2;'), cell('const second = 3;')];
	writeFileSync(join(notebooksDir, 'pulled.md'), start.join('\n\n') + '\n');
	const ann = await joinLive(browser, 'pulled.md');
	await expect(ann.locator('[data-live=on]')).toBeVisible();
	const notice = ann.getByRole('alert').filter({ hasText: 'A change on disk removed' });

	// Ann types in the second code cell; a pull (the test, writing the file) takes that cell out.
	await editCell(ann, 1);
	await ann.keyboard.press('ControlOrMeta+End');
	await ann.keyboard.type(' // first thoughts', { delay: 30 });
	await expect.poll(() => onDisk('pulled.md')).toContain('const first = 2; // first thoughts');
	writeFileSync(join(notebooksDir, 'pulled.md'), [start[0], start[1], start[3]].join('\n\n') + '\n');
	await expect(notice).toContainText('“const first = 2; // first thoughts”');
	await expect(ann.locator('section.cell[data-kind=code]')).toHaveCount(2);
	// It sits clear of the toolbar, and goes when dismissed.
	const [bar, box] = [await ann.locator('header.toolbar').boundingBox(), await notice.boundingBox()];
	expect(box!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
	await notice.getByRole('button', { name: 'Dismiss' }).click();
	await expect(notice).toHaveCount(0);

	// Again, in the other cell: this time Ann follows the link to the version that keeps her text.
	await editCell(ann, 1);
	await ann.keyboard.press('ControlOrMeta+End');
	await ann.keyboard.type(' // second thoughts', { delay: 30 });
	await expect.poll(() => onDisk('pulled.md')).toContain('const second = 3; // second thoughts');
	writeFileSync(join(notebooksDir, 'pulled.md'), [start[0], start[1]].join('\n\n') + '\n');
	await expect(notice).toContainText('“const second = 3; // second thoughts”');
	const link = notice.getByRole('link', { name: /History, version \d+/ });
	const version = (await link.textContent())!.match(/\d+/)![0];
	await link.click();
	await expect(ann).toHaveURL(new RegExp(`/nb/pulled\\.md/history\\?version=${version}$`));
	await expect(ann.locator(`tr[data-version="${version}"]`)).toHaveAttribute('aria-current', 'true');
	await expect(ann.getByRole('radio', { name: `Compare to version ${version}`, exact: true })).toBeChecked();
	await expect(ann.getByRole('region', { name: 'Code changes' }).locator('.added')).toContainText('const second = 3; // second thoughts');
	expect(onDisk('pulled.md')).not.toContain('second thoughts');
	await ann.context().close();
});

test('a page back from a disconnection whose typing met a change to the same cell says so, and History has the other text', async ({ browser }) => {
	const cell = (source: string) => `\`\`\`ts\n${source}\n\`\`\``;
	const start = ['# Offline', cell('const x = 1;'), cell('const y = 2;')];
	writeFileSync(join(notebooksDir, 'offline.md'), start.join('\n\n') + '\n');
	const ann = await (await browser.newContext()).newPage();
	// The network, as the page sees it: while `offline`, each try to reconnect fails.
	let offline = false;
	const connections: WebSocketRoute[][] = [];
	await ann.routeWebSocket(/\/api\/coedit\//, (socket) => {
		if (offline) return socket.close();
		connections.push([socket, socket.connectToServer()]);
	});
	await ann.goto('/nb/offline.md');
	await expect(codeCell(ann, 0).locator('[data-cell-editor]')).toBeVisible();
	await ann.getByRole('button', { name: 'Edit live' }).click();
	await expect(ann.locator('[data-live=on]')).toBeVisible();

	// Ann's connection drops; she types on; a pull changes the same cell; her room, empty, closes.
	offline = true;
	for (const [page, server] of connections) await Promise.all([server.close(), page.close()]);
	await editCell(ann, 0);
	await ann.keyboard.press('ControlOrMeta+End');
	await ann.keyboard.type(' // typed offline', { delay: 30 });
	writeFileSync(join(notebooksDir, 'offline.md'), [start[0], cell('const x = 2; // pulled'), start[2]].join('\n\n') + '\n');
	// Past the empty room's grace period (2 s on the e2e server, TAPE_TEST_EMPTY_ROOM_GRACE_MS), with
	// room to spare on a loaded machine.
	await ann.waitForTimeout(12_000);
	offline = false;

	const notice = ann.getByRole('alert').filter({ hasText: 'While you were disconnected' });
	await expect(notice).toContainText('“const x = 1; // typed offline”', { timeout: 20_000 });
	await expect.poll(() => onDisk('offline.md')).toContain('const x = 1; // typed offline');
	expect(onDisk('offline.md')).not.toContain('pulled');
	const link = notice.getByRole('link', { name: /History, version \d+/ });
	const version = (await link.textContent())!.match(/\d+/)![0];
	await link.click();
	await expect(ann).toHaveURL(new RegExp(`/nb/offline\\.md/history\\?version=${version}$`));
	await expect(ann.getByRole('region', { name: 'Code changes' }).locator('.added')).toContainText('const x = 2; // pulled');
	await ann.context().close();
});
