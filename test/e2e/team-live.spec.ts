/**
 * A team on one Tape, as issue 17's "done" describes it. Users are added with the `tape user`
 * command; the owner signs in with a password, the editor through a one-time sign-in link (and
 * chooses a password there), the viewer with a password, each in a browser context of their own,
 * typing into the sign-in pages. The owner and the editor open the same notebook: both are live at
 * once (no button to press on a team server), see each other's name, type into the same cell at
 * the same time, and both edits end up in both pages and in the file. The viewer follows live but
 * is refused every change the page lets them try. The editor compares two versions in History
 * and restores the first: the file and the owner's live page get it back.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCell, editCell, outputs } from './cells';
import { addUser, signIn, startTeamServer, tapeUser, teamFolders, type TeamServer } from './team';

const FIRST = '---\ntitle: Team live\n---\n\n```ts\nconst base = 10\n```\n\n```ts\n`total ${base * 2}`\n```\n';

let server: TeamServer | undefined;
test.afterEach(() => server?.stop());

const lines = (page: Page) => codeCell(page, 0).locator('.monaco-editor .view-lines');
/** Monaco shows spaces as no-break spaces. */
const shown = (text: string) => text.replaceAll(' ', '\u00a0');

/** The names on the others' carets in the page (drawn as labels: src/lib/editor/liveBinding.ts). */
function peerLabels(page: Page): Promise<string[]> {
	return page.locator('.tape-peer-caret').evaluateAll((carets) => carets.map((caret) => getComputedStyle(caret, '::after').content.replace(/^"|"$/g, '')));
}

async function newPage(browser: Browser): Promise<Page> {
	return (await browser.newContext()).newPage();
}

test('owner and editor co-edit one cell live; a viewer is refused every change; history diff and restore by the editor', async ({ browser }) => {
	// Four sign-ins at scrypt's real cost, three live pages running cells, two report frames.
	test.setTimeout(300_000);
	const { notebooks, data } = teamFolders();
	const file = join(notebooks, 'team-live.md');
	writeFileSync(file, FIRST);
	const ownerPassword = addUser(data, 'olga', 'owner');
	const viewerPassword = addUser(data, 'val', 'viewer');
	const printed = tapeUser(data, 'add', 'ed', '--role', 'editor', '--link');
	const linkPath = /^\s{2}(\/signin\?token=[\w-]{43})$/m.exec(printed)?.[1];
	expect(linkPath, printed).toBeTruthy();
	server = await startTeamServer({ notebooks, data });
	const { base } = server;

	// The owner signs in with the password the command printed, and is live as the notebook opens.
	const owner = await newPage(browser);
	await owner.goto(`${base}/nb/team-live.md`);
	await expect(owner).toHaveURL(/\/login\?next=/);
	await signIn(owner, 'olga', ownerPassword);
	await expect(owner).toHaveURL(`${base}/nb/team-live.md`);
	await expect(owner.locator('[data-live=on]')).toBeVisible();
	await expect(owner.getByRole('button', { name: 'Edit live' })).toHaveCount(0);

	// The editor opens the sign-in link, chooses a password, and is signed in.
	const editor = await newPage(browser);
	await editor.goto(`${base}${linkPath}`);
	await editor.getByLabel('New password').click();
	await editor.keyboard.type('short');
	await editor.getByLabel('Repeat it').click();
	await editor.keyboard.type('short');
	await editor.keyboard.press('Enter');
	await expect(editor.getByRole('alert')).toContainText('at least 10 characters');
	for (const label of ['New password', 'Repeat it']) {
		await editor.getByLabel(label).click();
		await editor.keyboard.press('ControlOrMeta+A');
		await editor.keyboard.type('ed chose this password');
	}
	await editor.keyboard.press('Enter');
	await expect(editor).toHaveURL(`${base}/`);
	await expect(editor.getByText('ed · editor')).toBeVisible();
	await editor.locator('li.row[data-name="team-live.md"] a.main').click();
	await expect(editor.locator('[data-live=on]')).toContainText('Live with olga');
	await expect(owner.locator('[data-live=on]')).toContainText('Live with ed');

	// The same link does not work twice (another browser, someone who saw it).
	const replay = await newPage(browser);
	await replay.goto(`${base}${linkPath}`);
	for (const label of ['New password', 'Repeat it']) {
		await replay.getByLabel(label).click();
		await replay.keyboard.type('someone elses password');
	}
	await replay.keyboard.press('Enter');
	await expect(replay.getByRole('alert')).toContainText('used already');
	await replay.goto(`${base}/nb/team-live.md`);
	await expect(replay).toHaveURL(/\/login\?next=/);
	await replay.context().close();

	// Both type into the same cell at once: the owner at its end, the editor at its start.
	await editCell(owner, 0);
	await owner.keyboard.press('ControlOrMeta+End');
	await editCell(editor, 0);
	await editor.keyboard.press('ControlOrMeta+Home');
	await Promise.all([owner.keyboard.type('0 * 2', { delay: 30 }), editor.keyboard.type('/* ed */ ', { delay: 30 })]);
	const merged = '/* ed */ const base = 100 * 2';
	for (const page of [owner, editor]) await expect(lines(page)).toContainText(shown(merged));
	await expect.poll(() => readFileSync(file, 'utf8')).toContain(`\`\`\`ts\n${merged}\n\`\`\``);
	expect(readFileSync(file, 'utf8')).toContain('title: Team live');
	// Each sees the other's caret, labelled with their name.
	await expect.poll(() => peerLabels(owner)).toEqual(['ed']);
	await expect.poll(() => peerLabels(editor)).toEqual(['olga']);
	// Each runs the merged code in their own frame.
	for (const page of [owner, editor]) {
		await editCell(page, 0);
		await page.keyboard.press('Shift+Enter');
		await expect(await outputs(page, 1)).toContainText('total 400');
	}

	// The viewer follows along live, with nothing to change things with.
	const viewer = await newPage(browser);
	await viewer.goto(`${base}/nb/team-live.md`);
	await signIn(viewer, 'val', viewerPassword);
	await expect(viewer).toHaveURL(`${base}/nb/team-live.md`);
	await expect(viewer.locator('[data-live=on]')).toContainText(/Live with (olga, ed|ed, olga)/);
	await expect(lines(viewer)).toContainText(shown(merged));
	for (const control of ['Save', '+ Code', '+ Text', '+ SQL', 'Delete cell', '⟳ Refresh data', 'Edit live']) {
		await expect(viewer.getByRole('button', { name: control })).toHaveCount(0);
	}
	// Typing and Ctrl+S change nothing, here, for the others, or on disk.
	await editCell(viewer, 0);
	await viewer.keyboard.press('ControlOrMeta+End');
	await viewer.keyboard.type(' // vandal');
	await viewer.keyboard.press('ControlOrMeta+S');
	await editCell(editor, 0);
	await editor.keyboard.press('ControlOrMeta+Home');
	await editor.keyboard.type('/* again */ ');
	await expect(lines(viewer)).toContainText(shown(`/* again */ /* ed */ const base = 100 * 2`));
	await expect.poll(() => readFileSync(file, 'utf8')).toContain('/* again */');
	for (const page of [viewer, owner, editor]) await expect(lines(page)).not.toContainText('vandal');
	expect(readFileSync(file, 'utf8')).not.toContain('vandal');
	// History: the viewer reads it, and has no Restore.
	await viewer.getByRole('link', { name: 'History' }).click();
	await expect(viewer.getByRole('table', { name: 'Versions' }).locator('tbody tr').first()).toBeVisible();
	await expect(viewer.getByRole('button', { name: 'Restore' })).toHaveCount(0);
	// A restore forced from the viewer's page (their own session, same origin) is refused.
	const forced = await viewer.evaluate(async () => {
		const response = await fetch('/api/notebooks/team-live.md/history/1/restore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		return response.status;
	});
	expect(forced).toBe(403);

	// The editor compares the first version with the newest, and restores the first. A live
	// session is kept as checkpoints (a pause in typing keeps one): the editor reloads History
	// until the last edit is there, as a person would.
	await editor.getByRole('link', { name: 'History' }).click();
	// The History page is there before anything reloads it: a reload during the client-side
	// navigation reloads the notebook instead, and every later reload with it.
	await expect(editor.getByRole('table', { name: 'Versions' })).toBeVisible();
	const rows = editor.getByRole('table', { name: 'Versions' }).locator('tbody tr');
	const code = editor.getByRole('region', { name: 'Code changes' });
	let newest = 0;
	await expect(async () => {
		await editor.reload();
		await expect(rows.last().locator('.who')).toHaveText('before history');
		newest = Number(await rows.first().getAttribute('data-version'));
		await editor.getByRole('radio', { name: 'Compare from version 1', exact: true }).click();
		await editor.getByRole('radio', { name: `Compare to version ${newest}`, exact: true }).click();
		await expect(code).toContainText(`version 1 → version ${newest}`, { timeout: 5_000 });
		await expect(code.locator('.added')).toContainText('/* again */ /* ed */ const base = 100 * 2', { timeout: 5_000 });
	}).toPass({ timeout: 60_000 });
	await expect(code.locator('.removed')).toContainText('const base = 10');
	// A few checkpoints, not one version per write; each names who edited.
	expect(newest).toBeLessThan(8);
	const whoSaved = (await rows.locator('.who').allTextContents()).flatMap((who) => who.split(', '));
	expect(whoSaved).toContain('ed');
	expect(whoSaved).toContain('olga');
	expect(whoSaved.filter((who) => !['ed', 'olga', 'before history'].includes(who))).toEqual([]);
	// The conclusions' diff is history.spec's (its report frames are being reworked on another branch).

	await rows.last().getByRole('button', { name: 'Restore' }).click();
	await expect(editor.getByRole('status').filter({ hasText: 'restored' })).toHaveText(`Version 1 restored: saved as version ${newest + 1}.`);
	expect(readFileSync(file, 'utf8')).toBe(FIRST);
	await expect(rows.first().locator('.who')).toHaveText('ed');
	// The owner, still live in the notebook, gets the restored text without reloading.
	await expect(lines(owner)).toContainText(shown('const base = 10'));
	await expect(lines(owner)).not.toContainText('/* ed */');
	await editCell(owner, 0);
	await owner.keyboard.press('Shift+Enter');
	await expect(await outputs(owner, 1)).toContainText('total 20');
	expect(readFileSync(file, 'utf8')).toBe(FIRST);

	for (const page of [owner, editor, viewer]) await page.context().close();
});

test("a viewer's hidden code stays hidden while the others type in other cells", async ({ browser }) => {
	test.setTimeout(180_000);
	const { notebooks, data } = teamFolders();
	writeFileSync(join(notebooks, 'team-fold.md'), FIRST);
	const ownerPassword = addUser(data, 'olga', 'owner');
	const viewerPassword = addUser(data, 'val', 'viewer');
	server = await startTeamServer({ notebooks, data });
	const owner = await newPage(browser);
	await owner.goto(`${server.base}/nb/team-fold.md`);
	await signIn(owner, 'olga', ownerPassword);
	await expect(owner.locator('[data-live=on]')).toBeVisible();
	const viewer = await newPage(browser);
	await viewer.goto(`${server.base}/nb/team-fold.md`);
	await signIn(viewer, 'val', viewerPassword);
	await expect(viewer.locator('[data-live=on]')).toContainText('Live with olga');

	// The viewer hides the second cell's code: a change of their own page only.
	await codeCell(viewer, 1).getByRole('button', { name: 'Hide code' }).click();
	await expect(codeCell(viewer, 1).getByRole('button', { name: 'Show code' })).toBeVisible();
	await editCell(owner, 0);
	await owner.keyboard.press('ControlOrMeta+End');
	await owner.keyboard.type(' // olga typed', { delay: 30 });
	await expect(lines(viewer)).toContainText(shown('const base = 10 // olga typed'));
	await expect(codeCell(viewer, 1).getByRole('button', { name: 'Show code' })).toBeVisible();
	await expect(codeCell(viewer, 1).getByRole('button', { name: /code hidden/ })).toBeVisible();
	await expect(codeCell(owner, 1).getByRole('button', { name: 'Hide code' })).toBeVisible();

	for (const page of [owner, viewer]) await page.context().close();
});
