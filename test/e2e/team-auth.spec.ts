/**
 * A shared Tape with sign-in: users are added with the `tape` command (as an owner would), the
 * server is started on its own folders, and two people sign in by typing in the sign-in page:
 * an editor edits and saves; a viewer, in another browser context, reads and runs the notebook,
 * sees no edit controls, and a save forced from the page's console is refused.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../reliability/server';
import { codeCell, editCell, outputs } from './cells';

const bin = resolve('src/cli/bin.js');
let server: ChildProcess | undefined;
test.afterEach(() => void server?.kill());

/** `tape user add`, as the owner types it; the password is read from what it prints. */
function addUser(data: string, name: string, role: string): string {
	const run = spawnSync(process.execPath, [bin, 'user', 'add', name, '--role', role, '--data', data], { encoding: 'utf8' });
	expect(run.status, run.stderr).toBe(0);
	const password = /^\s{2}(\S{20})$/m.exec(run.stdout)?.[1];
	expect(password, run.stdout).toBeTruthy();
	return password!;
}

async function signIn(page: Page, name: string, password: string) {
	await page.getByLabel('Name').click();
	await page.keyboard.type(name);
	await page.getByLabel('Password').click();
	await page.keyboard.type(password);
	await page.keyboard.press('Enter');
}

test('an editor signs in and saves; a viewer reads and runs the notebook but cannot change it', async ({ browser }) => {
	// Two sign-ins (scrypt at its real cost), two notebooks opened and run: longer than one page's test.
	test.setTimeout(240_000);
	const notebooks = mkdtempSync(join(tmpdir(), 'tape-team-nb-'));
	const data = mkdtempSync(join(tmpdir(), 'tape-team-data-'));
	const file = join(notebooks, 'team.md');
	writeFileSync(file, '---\ntitle: Team notebook\n---\n\n# Team notebook\n\n```ts\nconst answer = 6 * 7;\n```\n\n```ts\n`the answer is ${answer}`\n```\n');
	const editorPassword = addUser(data, 'ed', 'editor');
	const viewerPassword = addUser(data, 'val', 'viewer');

	const port = await freePort();
	const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), TAPE_NOTEBOOKS_DIR: notebooks, TAPE_DATA_DIR: data };
	server = spawn(process.execPath, ['src/cli/serve.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	server.stdout!.on('data', (chunk) => (log += chunk));
	server.stderr!.on('data', (chunk) => (log += chunk));
	await expect.poll(() => log, { timeout: 60_000 }).toContain('Listening on');
	const base = `http://127.0.0.1:${port}`;

	// The editor: sent to the sign-in page, then back to the notebook.
	const editorContext = await browser.newContext();
	const editor = await editorContext.newPage();
	await editor.goto(`${base}/nb/team.md`);
	await expect(editor).toHaveURL(/\/login\?next=%2Fnb%2Fteam\.md$/);
	await signIn(editor, 'ed', 'not-the-password');
	await expect(editor.getByRole('alert')).toHaveText('wrong name or password');
	await editor.getByLabel('Password').click();
	await editor.keyboard.press('ControlOrMeta+A');
	await editor.keyboard.type(editorPassword);
	await editor.keyboard.press('Enter');
	await expect(editor).toHaveURL(`${base}/nb/team.md`);
	await expect(editor.getByText('ed · editor')).toBeVisible();
	await expect(await outputs(editor, 1)).toContainText('the answer is 42');
	await editCell(editor, 0);
	await editor.keyboard.press('ControlOrMeta+End');
	await editor.keyboard.type(' // checked by ed');
	await editor.keyboard.press('ControlOrMeta+S');
	await expect.poll(() => readFileSync(file, 'utf8')).toContain('const answer = 6 * 7; // checked by ed');

	// The viewer, in a browser of their own.
	const viewerContext = await browser.newContext();
	const viewer = await viewerContext.newPage();
	await viewer.goto(`${base}/`);
	await expect(viewer).toHaveURL(/\/login/);
	await signIn(viewer, 'val', viewerPassword);
	await expect(viewer.locator('li.row[data-name="team.md"]')).toBeVisible();
	await expect(viewer.getByRole('button', { name: 'New notebook' })).toHaveCount(0);
	await expect(viewer.getByRole('button', { name: 'Delete' })).toHaveCount(0);
	await viewer.locator('li.row[data-name="team.md"] a.main').click();
	await expect(await outputs(viewer, 1)).toContainText('the answer is 42');
	await expect(viewer.getByText('val · viewer')).toBeVisible();
	for (const control of ['Save', '+ Code', '+ Text', 'Delete cell', '⟳ Refresh data']) await expect(viewer.getByRole('button', { name: control })).toHaveCount(0);
	await expect(viewer.getByRole('link', { name: 'Report' })).toBeVisible();

	// Typing into the code does nothing: the editor is read-only, and nothing is saved.
	await editCell(viewer, 0);
	await viewer.keyboard.press('ControlOrMeta+End');
	await viewer.keyboard.type(' // vandal');
	await viewer.keyboard.press('ControlOrMeta+S');
	await expect(codeCell(viewer, 0)).toContainText('checked by ed');
	await expect(codeCell(viewer, 0)).not.toContainText('vandal');

	// A save forced from the page (its own session cookie, same origin) is refused.
	const forced = await viewer.evaluate(async () => {
		const response = await fetch('/api/notebooks/team.md', {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text: '# vandalised\n' })
		});
		return { status: response.status, body: await response.text() };
	});
	expect(forced.status).toBe(403);
	expect(forced.body).toContain('val is a viewer');
	expect(readFileSync(file, 'utf8')).not.toContain('vandal');

	// The report opens for the viewer; signing out ends the editor's session.
	await viewer.getByRole('link', { name: 'Report' }).click();
	await expect(viewer).toHaveURL(`${base}/view/team.md`);
	await expect(viewer).toHaveTitle('Team notebook');
	await editor.getByRole('button', { name: 'Sign out' }).click();
	await expect(editor).toHaveURL(/\/login$/);
	await editor.goto(`${base}/nb/team.md`);
	await expect(editor).toHaveURL(/\/login\?next=/);
	await editorContext.close();
	await viewerContext.close();
});
