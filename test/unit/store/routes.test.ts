import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import * as notebooks from '../../../src/routes/api/notebooks/+server';
import * as notebook from '../../../src/routes/api/notebooks/[name]/+server';
import * as rename from '../../../src/routes/api/notebooks/[name]/rename/+server';
import * as duplicate from '../../../src/routes/api/notebooks/[name]/duplicate/+server';
import * as trash from '../../../src/routes/api/trash/+server';
import * as restore from '../../../src/routes/api/trash/restore/+server';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
let dir: string;
beforeEach(async () => {
	dir = await tempDir();
	process.env.TAPE_NOTEBOOKS_DIR = dir;
});

type Handler = (event: never) => Response | Promise<Response>;

/** Calls a route handler the way SvelteKit does, with just the parts our handlers read. */
async function call(handler: Handler | undefined, params: Record<string, string> = {}, body?: unknown, init: RequestInit = {}) {
	const request = new Request('http://127.0.0.1/api', {
		method: body === undefined ? 'GET' : 'POST',
		...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
		...init
	});
	const response = await handler!({ params, request } as never);
	return { status: response.status, body: await response.json(), type: response.headers.get('content-type') };
}

const TEXT = '# Hello\n\n```ts\n1\n```\n';

describe('/api/notebooks', () => {
	it('creates (201), lists and opens a notebook', async () => {
		const created = await call(notebooks.POST, {}, { name: 'a.md', text: TEXT });
		expect(created).toMatchObject({ status: 201, body: { name: 'a.md', revision: expect.any(String) } });
		const list = await call(notebooks.GET);
		expect(list.body.notebooks).toMatchObject([{ name: 'a.md', title: 'Hello', revision: created.body.revision }]);
		expect(await call(notebook.GET, { name: 'a.md' })).toMatchObject({ status: 200, body: { name: 'a.md', text: TEXT, revision: created.body.revision } });
	});

	it('answers 409 when creating an existing name, 404 for a missing one', async () => {
		await call(notebooks.POST, {}, { name: 'a.md' });
		expect(await call(notebooks.POST, {}, { name: 'a.md' })).toMatchObject({ status: 409, body: { error: expect.stringMatching(/already exists/) } });
		expect((await call(notebook.GET, { name: 'b.md' })).status).toBe(404);
	});

	it('answers 400 with a message for bad bodies', async () => {
		expect(await call(notebooks.POST, {}, '{not json')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not valid JSON/) } });
		expect(await call(notebooks.POST, {}, { name: 42 })).toMatchObject({ status: 400, body: { error: '"name" must be a string' } });
	});

	it('refuses bodies over the limit with 413', async () => {
		const huge = JSON.stringify({ name: 'big.md', text: 'x'.repeat(9 * 1024 * 1024) });
		expect(await call(notebooks.POST, {}, huge)).toMatchObject({ status: 413, body: { error: expect.stringMatching(/limit of 8 MB/) } });
	});
});

describe('/api/notebooks/[name]', () => {
	it('saves on the current revision and answers a stale save with 409 and what is on disk', async () => {
		const { body: created } = await call(notebooks.POST, {}, { name: 'a.md', text: TEXT });
		const mine = TEXT.replace('1', 'mine');
		const saved = await call(notebook.PUT, { name: 'a.md' }, { text: mine, baseRevision: created.revision }, { method: 'PUT' });
		expect(saved).toMatchObject({ status: 200, body: { revision: expect.any(String) } });
		const stale = await call(notebook.PUT, { name: 'a.md' }, { text: 'theirs\n', baseRevision: created.revision }, { method: 'PUT' });
		expect(stale).toMatchObject({ status: 409, body: { error: expect.any(String), revision: saved.body.revision, text: mine } });
		expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe(mine);
		// A form on a page of this origin can post text/plain that parses as JSON: refused, file untouched.
		const form = await call(notebook.PUT, { name: 'a.md' }, { text: 'planted\n', baseRevision: saved.body.revision }, { method: 'PUT', headers: { 'content-type': 'text/plain' } });
		expect(form.status).toBe(415);
		expect(form.body.error).toMatch(/application\/json, not text\/plain/);
		expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe(mine);
	});

	it('refuses to save text that does not parse, with its location', async () => {
		const { body: created } = await call(notebooks.POST, {}, { name: 'a.md', text: TEXT });
		const bad = await call(notebook.PUT, { name: 'a.md' }, { text: '```ts\nopen', baseRevision: created.revision }, { method: 'PUT' });
		expect(bad).toMatchObject({ status: 400, body: { line: 1, column: 1, error: expect.stringMatching(/never closed/) } });
	});

	it('opens a malformed file with its error', async () => {
		await writeFile(path.join(dir, 'bad.md'), '---\ntitle: x\n');
		expect(await call(notebook.GET, { name: 'bad.md' })).toMatchObject({ status: 200, body: { error: { line: 1, column: 1 } } });
	});

	it('deletes to the trash, lists the trash, and restores', async () => {
		await call(notebooks.POST, {}, { name: 'a.md', text: TEXT });
		const deleted = await call(notebook.DELETE, { name: 'a.md' }, undefined, { method: 'DELETE' });
		expect(deleted).toMatchObject({ status: 200, body: { trashed: expect.stringMatching(/^a\.md\./) } });
		expect((await call(trash.GET)).body.trash).toMatchObject([{ entry: deleted.body.trashed, name: 'a.md' }]);
		expect(await call(restore.POST, {}, { entry: deleted.body.trashed })).toMatchObject({ status: 200, body: { name: 'a.md' } });
		expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe(TEXT);
	});

	it('renames and duplicates', async () => {
		await call(notebooks.POST, {}, { name: 'a.md', text: TEXT });
		expect(await call(rename.POST, { name: 'a.md' }, { to: 'b.md' })).toMatchObject({ status: 200, body: { name: 'b.md' } });
		expect(await call(duplicate.POST, { name: 'b.md' }, {})).toMatchObject({ status: 201, body: { name: 'b-copy.md' } });
		expect(await call(rename.POST, { name: 'b.md' }, { to: 'b-copy.md' })).toMatchObject({ status: 409 });
	});

	it.each(['../x.md', '%2e%2e%2fx.md', '/etc/passwd', 'a/b.md', 'x.md\0'])('refuses the name %j with 400 on every route', async (name) => {
		await writeFile(path.join(dir, 'ok.md'), TEXT);
		const results = [
			await call(notebook.GET, { name }),
			await call(notebook.PUT, { name }, { text: TEXT, baseRevision: null }, { method: 'PUT' }),
			await call(notebook.DELETE, { name }, undefined, { method: 'DELETE' }),
			await call(notebooks.POST, {}, { name }),
			await call(rename.POST, { name }, { to: 'x.md' }),
			await call(rename.POST, { name: 'ok.md' }, { to: name }),
			await call(duplicate.POST, { name }, {}),
			await call(duplicate.POST, { name: 'ok.md' }, { to: name }),
			await call(restore.POST, {}, { entry: name })
		];
		for (const result of results) expect(result).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not allowed/) }, type: 'application/json' });
	});
});
