/**
 * The history routes as the app serves them: through the request hook (sign-in on), so who saved
 * comes from the session, and a viewer's restore is refused before it reaches the store.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handle } from '../../../src/hooks.server';
import { createSession } from '../../../src/lib/server/auth/sessions.js';
import { addUser } from '../../../src/lib/server/auth/users.js';
import * as notebook from '../../../src/routes/api/notebooks/[name]/+server';
import * as history from '../../../src/routes/api/notebooks/[name]/history/+server';
import * as version from '../../../src/routes/api/notebooks/[name]/history/[id]/+server';
import * as restore from '../../../src/routes/api/notebooks/[name]/history/[id]/restore/+server';
import { useTempDirs } from '../store/tempDir';

type HandleInput = Parameters<typeof handle>[0];
type Handler = (event: never) => Response | Promise<Response>;

const tempDir = useTempDirs();
let tokens: Record<string, string>;
let notebooks: string;
const saved = { data: process.env.TAPE_DATA_DIR, notebooks: process.env.TAPE_NOTEBOOKS_DIR };

/** A request through the hook to `route`'s handler, as `who` (a session token), with params. */
async function send(who: string, method: string, url: string, handler: Handler, params: Record<string, string>, body?: unknown) {
	const full = `http://127.0.0.1:5173${url}`;
	const headers: Record<string, string> = { host: '127.0.0.1:5173', origin: 'http://127.0.0.1:5173', cookie: `tape_session=${tokens[who]}` };
	if (body !== undefined) headers['content-type'] = 'application/json';
	const request = new Request(full, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
	const event = { request, url: new URL(full), locals: {}, params };
	const response = await handle({ event, resolve: () => handler(event as never) } as unknown as HandleInput);
	return { status: response.status, body: await response.json() };
}

const text = (n: number) => `# Study\n\n\`\`\`ts\nconst x = ${n}\n\`\`\`\n`;

beforeAll(async () => {
	const data = mkdtempSync(path.join(tmpdir(), 'tape-history-'));
	process.env.TAPE_DATA_DIR = data;
	const cheap = { logN: 10, r: 8, p: 1 };
	for (const [name, role] of [['ed', 'editor'], ['val', 'viewer']]) await addUser(data, name, role, cheap);
	tokens = { editor: createSession(data, 'ed'), viewer: createSession(data, 'val') };
});
beforeEach(async () => {
	notebooks = await tempDir();
	process.env.TAPE_NOTEBOOKS_DIR = notebooks;
});
afterAll(() => {
	for (const [key, value] of [['TAPE_DATA_DIR', saved.data], ['TAPE_NOTEBOOKS_DIR', saved.notebooks]] as const) {
		if (value === undefined) delete process.env[key];
		else process.env[key] = value;
	}
});

async function twoSaves() {
	const first = await send('editor', 'PUT', '/api/notebooks/a.md', notebook.PUT, { name: 'a.md' }, { text: text(1), baseRevision: null });
	await send('editor', 'PUT', '/api/notebooks/a.md', notebook.PUT, { name: 'a.md' }, { text: text(2), baseRevision: first.body.revision });
}

describe('history routes', () => {
	it('list versions with the signed-in author, and read one with its text', async () => {
		await twoSaves();
		const list = await send('viewer', 'GET', '/api/notebooks/a.md/history', history.GET, { name: 'a.md' });
		expect(list).toMatchObject({ status: 200, body: { versions: [{ id: 1, who: 'ed' }, { id: 2, who: 'ed' }], problems: [] } });
		const one = await send('viewer', 'GET', '/api/notebooks/a.md/history/1', version.GET, { name: 'a.md', id: '1' });
		expect(one).toMatchObject({ status: 200, body: { id: 1, who: 'ed', text: text(1) } });
		expect(JSON.stringify([list.body, one.body])).not.toContain(notebooks);
	});

	it('restore saves the old text anew as a new version, by the editor who asked', async () => {
		await twoSaves();
		const restored = await send('editor', 'POST', '/api/notebooks/a.md/history/1/restore', restore.POST, { name: 'a.md', id: '1' }, {});
		expect(restored).toMatchObject({ status: 200, body: { restored: 1, version: 3 } });
		expect(await readFile(path.join(notebooks, 'a.md'), 'utf8')).toBe(text(1));
		const list = await send('editor', 'GET', '/api/notebooks/a.md/history', history.GET, { name: 'a.md' });
		expect(list.body.versions.map((v: { id: number; who: string }) => [v.id, v.who])).toEqual([[1, 'ed'], [2, 'ed'], [3, 'ed']]);
		// Restoring what is saved already adds nothing, and says so.
		const again = await send('editor', 'POST', '/api/notebooks/a.md/history/3/restore', restore.POST, { name: 'a.md', id: '3' }, {});
		expect(again).toMatchObject({ status: 200, body: { restored: 3, version: null } });
	});

	it('a viewer restoring gets 403 and nothing changes', async () => {
		await twoSaves();
		const refused = await send('viewer', 'POST', '/api/notebooks/a.md/history/1/restore', restore.POST, { name: 'a.md', id: '1' }, {});
		expect(refused.status).toBe(403);
		expect(await readFile(path.join(notebooks, 'a.md'), 'utf8')).toBe(text(2));
		expect((await send('editor', 'GET', '/api/notebooks/a.md/history', history.GET, { name: 'a.md' })).body.versions).toHaveLength(2);
	});

	it('refuses a restore that is not JSON (415), bad ids (400), unknown versions (404) and escaping names (400)', async () => {
		await twoSaves();
		const form = await handle({
			event: {
				request: new Request('http://127.0.0.1:5173/api/notebooks/a.md/history/1/restore', { method: 'POST', headers: { host: '127.0.0.1:5173', cookie: `tape_session=${tokens.editor}`, 'content-type': 'text/plain' }, body: '{}' }),
				url: new URL('http://127.0.0.1:5173/api/notebooks/a.md/history/1/restore'),
				locals: {},
				params: { name: 'a.md', id: '1' }
			},
			resolve: (event: unknown) => restore.POST(event as never)
		} as unknown as HandleInput);
		expect(form.status).toBe(415);
		expect((await send('editor', 'GET', '/x', version.GET, { name: 'a.md', id: '../1' })).status).toBe(400);
		expect((await send('editor', 'GET', '/x', version.GET, { name: 'a.md', id: '9' })).status).toBe(404);
		expect((await send('editor', 'GET', '/x', history.GET, { name: '../etc.md' })).status).toBe(400);
		expect((await send('editor', 'POST', '/x', restore.POST, { name: 'a.md', id: '9' }, {})).status).toBe(404);
	});

	it('refuses a restore from another origin (403)', async () => {
		await twoSaves();
		const url = 'http://127.0.0.1:5173/api/notebooks/a.md/history/1/restore';
		const response = await handle({
			event: {
				request: new Request(url, { method: 'POST', headers: { host: '127.0.0.1:5173', origin: 'http://evil.example', cookie: `tape_session=${tokens.editor}`, 'content-type': 'application/json' }, body: '{}' }),
				url: new URL(url),
				locals: {},
				params: { name: 'a.md', id: '1' }
			},
			resolve: (event: unknown) => restore.POST(event as never)
		} as unknown as HandleInput);
		expect(response.status).toBe(403);
		expect(await readFile(path.join(notebooks, 'a.md'), 'utf8')).toBe(text(2));
	});
});
