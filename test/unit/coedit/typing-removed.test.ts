/**
 * A change on disk (a `git pull`) that removes a cell someone is editing live: the room keeps the
 * live text as a history version and tells the person who edited that cell (their socket), naming
 * the cell and the version; the others in the room are not told.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { cellsOf } from '$lib/coedit/sharedNotebook';
import { MESSAGE_TYPING_REMOVED, readTypingRemoved, type TypingRemoved } from '$lib/coedit/typingRemoved';
import { NotebookHistory } from '$lib/server/history/notebookHistory';
import { socketClass, startCoeditServer, until, type CoeditServer } from './coedit-server';

const NOTEBOOK = '# Pull test\n\n```ts\nconst x = 1;\n```\n\n```ts\nconst other = 2;\n```\n';

let server: CoeditServer;
const open: Array<{ destroy(): void }> = [];

beforeAll(async () => {
	server = await startCoeditServer('tape-typing-removed');
});

afterAll(() => {
	for (const item of open.splice(0)) item.destroy();
	server.close();
});

/** A peer, with the room's notices it received. */
function join(name: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.base, encodeURIComponent(name), doc, { WebSocketPolyfill: socketClass(server.origin), disableBc: true });
	const notices: TypingRemoved[] = [];
	provider.messageHandlers[MESSAGE_TYPING_REMOVED] = (_encoder, decoder) => {
		const notice = readTypingRemoved(decoder);
		if (notice) notices.push(notice);
	};
	open.push(provider, doc);
	const text = (start: string) => cellsOf(doc).find((cell) => String(cell.get('source')).startsWith(start))?.get('source') as Y.Text | undefined;
	return { doc, notices, text };
}

describe('a change on disk removing a cell being edited live', () => {
	it('tells the person typing in it which cell, and the version that holds their text; not the others', async () => {
		const file = path.join(server.notebooks, 'pulled.md');
		writeFileSync(file, NOTEBOOK);
		const ann = join('pulled.md');
		const bob = join('pulled.md');
		await until(() => Boolean(ann.text('const x') && bob.text('const other')), 'both synced');
		ann.text('const x')!.insert('const x = 1;'.length, ' // typed by Ann');
		bob.text('const other')!.insert('const other = 2;'.length, ' // Bob');
		// The room has written both: the file holds them, a kept version need not yet.
		await until(() => readFileSync(file, 'utf8').includes('// typed by Ann') && readFileSync(file, 'utf8').includes('// Bob'), 'the typing on disk');

		// A pull takes Ann's cell out and keeps Bob's.
		writeFileSync(file, '# Pull test\n\n```ts\nconst other = 2; // Bob\n```\n');
		await until(() => ann.notices.length > 0, "Ann's notice");
		await until(() => !ann.text('const x'), "the cell gone from Ann's copy");
		const [notice] = ann.notices;
		expect(notice.cells).toEqual(['const x = 1; // typed by Ann']);
		expect(notice.version).toEqual(expect.any(Number));
		const kept = await new NotebookHistory(server.notebooks).read('pulled.md', notice.version!);
		// The live text as it was (a new version, or the newest when that holds it already).
		expect(kept.text).toBe(NOTEBOOK.replace('const x = 1;', 'const x = 1; // typed by Ann').replace('const other = 2;', 'const other = 2; // Bob'));
		// Bob typed elsewhere: nothing to tell him.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(bob.notices).toEqual([]);
		expect(readFileSync(file, 'utf8')).not.toContain('typed by Ann');
	});
});
