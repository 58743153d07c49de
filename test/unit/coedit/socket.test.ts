/**
 * The co-editing WebSocket end to end in one process: a real HTTP server with the upgrade
 * listener, y-websocket providers as the browsers use them, and the notebook file on disk.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { parseNotebook, type Cell } from '$lib/notebook';
import { replayChange } from '$lib/coedit/replayChange';
import { cellOrderOf, cellsOf, readNotebook } from '$lib/coedit/sharedNotebook';
import { coeditStats } from '$lib/server/coedit/socket';
import { firstCellText as code, socketClass, startCoeditServer, until, type CoeditServer } from './coedit-server';
import { addUser } from '../../../src/lib/server/auth/users.js';
import { createSession } from '../../../src/lib/server/auth/sessions.js';

const NOTEBOOK = '---\ntitle: Together\n---\n\n```ts\nconst x = 1;\n```\n';
const CHEAP = { logN: 10, r: 8, p: 1 };

let server: CoeditServer;
const open: Array<{ destroy(): void }> = [];

beforeAll(async () => {
	server = await startCoeditServer('tape-coedit');
	writeFileSync(path.join(server.notebooks, 'shared.md'), NOTEBOOK);
});

afterEach(() => {
	for (const item of open.splice(0)) item.destroy();
	delete process.env.TAPE_AUTH;
});

afterAll(() => server.close());

function join(name: string, origin: string | null = server.origin, cookie?: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.base, encodeURIComponent(name), doc, { WebSocketPolyfill: socketClass(origin, cookie), disableBc: true });
	open.push(provider, doc);
	return { doc, provider };
}

/** Status of a refused upgrade, or 101 when it was accepted. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
		ws.on('open', () => {
			ws.close();
			resolve(101);
		});
		ws.on('error', () => undefined);
	});
}

describe('co-editing a notebook', () => {
	it('two people typing in the same cell see both edits, and the file gets both', async () => {
		const ann = join('shared.md');
		const bob = join('shared.md');
		await until(() => code(ann.doc) !== null && code(bob.doc) !== null, 'both synced');
		code(ann.doc)!.insert(0, '// Ann\n');
		code(bob.doc)!.insert(code(bob.doc)!.length, '\nconst y = 2;');
		const both = (doc: Y.Doc) => code(doc)!.toString() === '// Ann\nconst x = 1;\nconst y = 2;';
		await until(() => both(ann.doc) && both(bob.doc), 'both edits in both documents');
		await server.listener.flushAll();
		const onDisk = readFileSync(path.join(server.notebooks, 'shared.md'), 'utf8');
		expect(parseNotebook(onDisk).cells[0].source).toBe('// Ann\nconst x = 1;\nconst y = 2;');
		expect(onDisk).toContain('title: Together');
	});

	it('keeps writing the file while people keep typing, not only once they pause', async () => {
		const ann = join('shared.md');
		await until(() => code(ann.doc) !== null, 'synced');
		const file = path.join(server.notebooks, 'shared.md');
		const startedAt = Date.now();
		let n = 0;
		// Typing without a pause for well over the write delay.
		while (Date.now() - startedAt < 1500) {
			code(ann.doc)!.insert(0, `<${n++}>`);
			await new Promise((resolve) => setTimeout(resolve, 10));
			if (readFileSync(file, 'utf8').includes('<0>')) break;
		}
		expect(readFileSync(file, 'utf8')).toContain('<0>');
	});

	it('merges a change made to the file meanwhile (git pull) instead of overwriting it', async () => {
		const ann = join('shared.md');
		await until(() => code(ann.doc) !== null, 'synced');
		await server.listener.flushAll();
		const file = path.join(server.notebooks, 'shared.md');
		writeFileSync(file, readFileSync(file, 'utf8').replace('title: Together', 'title: Pulled'));
		code(ann.doc)!.insert(0, '// typed during the pull\n');
		await until(() => readFileSync(file, 'utf8').includes('// typed during the pull'), 'the live edit written');
		const onDisk = readFileSync(file, 'utf8');
		expect(onDisk).toContain('title: Pulled');
	});

	it('takes out of the cell order the id a delete racing a move left there, for everyone', async () => {
		writeFileSync(path.join(server.notebooks, 'tidy.md'), 'Cell one.\n\n```ts\nconst two = 2;\n```\n\nCell three.\n');
		const ann = join('tidy.md');
		const bob = join('tidy.md');
		await until(() => cellsOf(ann.doc).length === 3 && cellsOf(bob.doc).length === 3, 'both synced');
		// Bob is offline for a moment: he deletes cell one while Ann moves it to the end.
		bob.provider.disconnect();
		edit(bob.doc, (cells) => cells.splice(0, 1));
		edit(ann.doc, (cells) => cells.push(cells.shift()!));
		bob.provider.connect();
		const order = (doc: Y.Doc) => cellOrderOf(doc).toArray();
		const live = (doc: Y.Doc) => cellsOf(doc).map((cell) => String(cell.get('id')));
		await until(() => [ann.doc, bob.doc].every((doc) => live(doc).length === 2 && JSON.stringify(order(doc)) === JSON.stringify(live(doc))), 'both orders hold just the two cells left');
		expect(readNotebook(ann.doc).cells.map((cell) => cell.source)).toEqual(['const two = 2;', 'Cell three.']);
	});
});

/** The page's own edit of the cell list, replayed as the page does. */
function edit(doc: Y.Doc, change: (cells: Cell[]) => void): void {
	const before = readNotebook(doc);
	const after = structuredClone(before);
	change(after.cells);
	replayChange(doc, before, after);
}

describe('who may join', () => {
	it('refuses another origin, a missing origin, a foreign Host and unsafe names', async () => {
		const origin = server.origin;
		expect(await upgradeStatus(`${server.base}/shared.md`, { origin })).toBe(101);
		expect(await upgradeStatus(`${server.base}/shared.md`, { origin: 'http://evil.example' })).toBe(403);
		expect(await upgradeStatus(`${server.base}/shared.md`, {})).toBe(403);
		expect(await upgradeStatus(`${server.base}/shared.md`, { origin: 'http://evil.example', host: 'evil.example' })).toBe(403);
		expect(await upgradeStatus(`${server.base}/..%2F..%2Fetc%2Fpasswd`, { origin })).toBe(400);
		expect(await upgradeStatus(`${server.base}/%2e%2e%2fx.md`, { origin })).toBe(400);
		expect(await upgradeStatus(`${server.base}/missing.md`, { origin })).toBe(404);
	});

	it('with sign-in on: no session is refused, a viewer follows along but cannot change anything', async () => {
		const data = process.env.TAPE_DATA_DIR!;
		await addUser(data, 'ed', 'editor', CHEAP);
		await addUser(data, 'vic', 'viewer', CHEAP);
		const origin = server.origin;
		expect(await upgradeStatus(`${server.base}/shared.md`, { origin })).toBe(401);
		expect(await upgradeStatus(`${server.base}/shared.md`, { origin, cookie: 'tape_session=forged' })).toBe(401);

		const editor = join('shared.md', origin, createSession(data, 'ed'));
		const viewer = join('shared.md', origin, createSession(data, 'vic'));
		await until(() => code(editor.doc) !== null && code(viewer.doc) !== null, 'both synced');
		const dropped = coeditStats.droppedViewerUpdates;
		code(viewer.doc)!.insert(0, '// viewer was here\n');
		code(editor.doc)!.insert(0, '// editor\n');
		await until(() => code(viewer.doc)!.toString().includes('// editor'), 'the editor’s edit reaches the viewer');
		await until(() => coeditStats.droppedViewerUpdates > dropped, 'the viewer’s update dropped');
		await server.listener.flushAll();
		const onDisk = readFileSync(path.join(server.notebooks, 'shared.md'), 'utf8');
		expect(onDisk).toContain('// editor');
		expect(onDisk).not.toContain('viewer was here');
		expect(code(editor.doc)!.toString()).not.toContain('viewer was here');
	});
});
