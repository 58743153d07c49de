/**
 * A shared Tape with sign-in: users are added with the `tape` command (as an owner would), the
 * server is started on its own folders, and two people sign in by typing in the sign-in page:
 * an editor edits and saves; a viewer, in another browser context, reads and runs the notebook,
 * sees no edit controls (nor Restore in the Trash, nor Save on a share link's Import page), and a
 * save forced from the page's console is refused. Each page runs each cell once as it opens, also
 * when its first live join fails and a later try succeeds.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCell, editCell, outputs } from './cells';
import { addUser, signIn, startTeamServer, teamFolders, type TeamServer } from './team';

let server: TeamServer | undefined;
test.afterEach(() => server?.stop());

/**
 * Holds the page's live-room socket until the page shows the last cell's output (or 5 s passed),
 * as a slow network would: a run the page made before joining has then surely finished.
 * `refuseFirst`: the first try is refused before it opens (as by a server restarting), and the
 * page's own retry is let through (held the same way).
 */
function joinLate(page: Page, { refuseFirst = false } = {}): Promise<void> {
	let tries = 0;
	return page.routeWebSocket(/\/api\/coedit\//, async (socket) => {
		if (refuseFirst && tries++ === 0) return socket.close();
		await page
			.frameLocator('iframe.tape-sandbox')
			.getByText('cells ran')
			.waitFor({ timeout: 5_000 })
			.catch(() => {});
		socket.connectToServer();
	});
}

test('an editor signs in and saves; a viewer reads and runs the notebook but cannot change it', async ({ browser }) => {
	// Two sign-ins (scrypt at its real cost), two notebooks opened and run: longer than one page's test.
	test.setTimeout(240_000);
	const { notebooks, data } = teamFolders();
	const file = join(notebooks, 'team.md');
	// The last cell counts its runs in the page's frame (whose globals outlive a run).
	const counter = '`cells ran ${(globalThis.tapeRuns = (globalThis.tapeRuns ?? 0) + 1)} time(s) here`';
	writeFileSync(file, `---\ntitle: Team notebook\n---\n\n# Team notebook\n\n\`\`\`ts\nconst answer = 6 * 7;\n\`\`\`\n\n\`\`\`ts\n\`the answer is \${answer}\`\n\`\`\`\n\n\`\`\`ts\n${counter}\n\`\`\`\n`);
	writeFileSync(join(notebooks, 'old.md'), '# Old notebook\n');
	const editorPassword = addUser(data, 'ed', 'editor');
	const viewerPassword = addUser(data, 'val', 'viewer');
	server = await startTeamServer({ notebooks, data });
	const base = server.base;

	// The editor: sent to the sign-in page, then back to the notebook.
	const editorContext = await browser.newContext();
	const editor = await editorContext.newPage();
	await joinLate(editor);
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
	// On a team server the page joins the notebook's live room as it opens (its cells then come from the shared document).
	await expect(editor.locator('[data-live=on]')).toBeVisible();
	await expect(await outputs(editor, 1)).toContainText('the answer is 42');
	await editCell(editor, 0);
	await editor.keyboard.press('ControlOrMeta+End');
	await editor.keyboard.type(' // checked by ed');
	await editor.keyboard.press('ControlOrMeta+S');
	await expect.poll(() => readFileSync(file, 'utf8')).toContain('const answer = 6 * 7; // checked by ed');
	// Opening ran each cell once: not once as loaded and again as the live room's.
	await expect(await outputs(editor, 2)).toContainText('cells ran 1 time(s) here');
	// The editor moves a notebook to the trash (the viewer finds it there, with nothing to restore it with).
	await editor.getByRole('link', { name: 'All notebooks' }).click();
	editor.once('dialog', (dialog) => void dialog.accept());
	await editor.locator('li.row[data-name="old.md"]').getByRole('button', { name: 'Delete' }).click();
	await expect(editor.locator('li.row[data-name="old.md"]')).toHaveCount(0);

	// The viewer, in a browser of their own.
	const viewerContext = await browser.newContext();
	const viewer = await viewerContext.newPage();
	// The viewer's first join fails; the page joins on its retry, and still runs each cell once.
	await joinLate(viewer, { refuseFirst: true });
	await viewer.goto(`${base}/`);
	await expect(viewer).toHaveURL(/\/login/);
	await signIn(viewer, 'val', viewerPassword);
	await expect(viewer.locator('li.row[data-name="team.md"]')).toBeVisible();
	await expect(viewer.getByRole('button', { name: 'New notebook' })).toHaveCount(0);
	await expect(viewer.getByRole('button', { name: 'Delete' })).toHaveCount(0);
	await viewer.locator('li.row[data-name="team.md"] a.main').click();
	await expect(viewer.locator('[data-live=on]')).toBeVisible();
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
	await expect(await outputs(viewer, 2)).toContainText('cells ran 1 time(s) here');

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

	// The Trash (reached by its address: the list shows no link to it) and a share link's Import
	// page offer a viewer nothing the server would refuse, and say why.
	await viewer.goto(`${base}/trash`);
	await expect(viewer.locator('li.row[data-name="old.md"]')).toBeVisible();
	await expect(viewer.getByRole('button', { name: /Restore/ })).toHaveCount(0);
	await expect(viewer.getByRole('note')).toContainText('viewer');
	const fragment = await viewer.evaluate(async (t) => {
		const stream = new Blob([t]).stream().pipeThrough(new CompressionStream('deflate-raw'));
		const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
		return 'nb=' + btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	}, '# Shared with the team\n');
	await viewer.goto(`${base}/import#${fragment}`);
	await expect(viewer.locator('h1')).toHaveText('Shared with the team');
	await expect(viewer.getByRole('button', { name: 'Save to my workspace' })).toHaveCount(0);
	await expect(viewer.getByRole('note')).toContainText('viewer');
	await viewer.goto(`${base}/nb/team.md`);

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
