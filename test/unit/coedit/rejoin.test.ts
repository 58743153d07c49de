// @vitest-environment happy-dom
/**
 * A live page whose room reopened: the room closed when the page, alone in it, lost its
 * connection (or the server restarted), and the next room read the file afresh, with new Yjs items
 * and cell ids. The page (a real NotebookSession with its LiveNotebook, on the harness's server)
 * must end with each cell once, in the file too, and keep what it typed while away, and a change
 * made to the file meanwhile.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveNotebook } from '../../../src/lib/ui/liveNotebook.svelte';
import { NotebookSession } from '../../../src/lib/ui/notebookSession.svelte';
import { coeditStats } from '$lib/server/coedit/socket';
import { EPOCH_PARAM, MESSAGE_HEARD } from '$lib/coedit/roomEpoch';
import { notebookStore } from '$lib/server/store';
import { socketClass, startCoeditServer, until, type CoeditServer } from './coedit-server';

vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

const NOTEBOOK = '---\ntitle: Rejoin\n---\n\n```ts\nconst x = 1;\n```\n\nA note.\n\n```ts\nconst y = 2;\n```\n';

let server: CoeditServer;
const open: Array<{ dispose(): void }> = [];

beforeAll(async () => {
	server = await startCoeditServer('tape-rejoin');
});
afterEach(() => {
	for (const item of open.splice(0)) item.dispose();
});
afterAll(() => server.close());

let files = 0;
async function livePage() {
	const name = `rejoin-${++files}.md`;
	const file = path.join(server.notebooks, name);
	writeFileSync(file, NOTEBOOK);
	const session = new NotebookSession({ name, text: NOTEBOOK, revision: 'r0' }, () => {});
	const live = new LiveNotebook(session, 'ann', { url: server.base, WebSocketPolyfill: socketClass(server.origin) });
	session.live = live;
	open.push(live);
	await until(() => live.active, 'the page to join');
	const page = () => session.current().cells.map((cell) => cell.source);
	const disk = () => readFileSync(file, 'utf8');
	/** Typed on the page into the cell that reads `source` (the page's edit path: replayed onto the shared document). */
	const type = (source: string, text: string) => session.doc.setSource(session.current().cells.find((cell) => cell.source === source)!.id, text);
	return { name, file, session, live, page, disk, type };
}

/** The connection lost, and the room closed behind it (the page was alone there). */
async function dropConnection(live: LiveNotebook) {
	live.provider.disconnect();
	await until(() => server.listener.openRooms() === 0, 'the room to close');
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('a live page rejoining a reopened room', () => {
	it('holds each cell once, on the page and in the file', async () => {
		const { live, page, disk, type } = await livePage();
		const refusedBefore = coeditStats.reopenedRooms;
		await dropConnection(live);
		live.provider.connect();
		await until(() => live.provider.synced, 'the page to join the new room');
		await server.listener.flushAll();
		expect(page()).toEqual(['const x = 1;', 'A note.', 'const y = 2;']);
		expect(disk()).toBe(NOTEBOOK);
		expect(coeditStats.reopenedRooms).toBeGreaterThan(refusedBefore);
		// And it is live in the new room: typing reaches the file, in its cell.
		type('A note.', 'A note, rejoined.');
		await until(() => disk().includes('A note, rejoined.'), 'typing after the rejoin to reach the file');
		expect(disk()).toBe(NOTEBOOK.replace('A note.', 'A note, rejoined.'));
	});

	it('keeps what was typed while disconnected, once', async () => {
		const { live, page, disk, type } = await livePage();
		await dropConnection(live);
		type('const x = 1;', 'const x = 10;');
		live.provider.connect();
		await until(() => disk().includes('const x = 10;'), 'the offline typing to reach the file');
		expect(page()).toEqual(['const x = 10;', 'A note.', 'const y = 2;']);
		expect(count(disk(), 'const x')).toBe(1);
		expect(count(disk(), 'const y = 2;')).toBe(1);
	});

	it('keeps both a change to the file meanwhile and typing in another cell', async () => {
		const { file, live, page, disk, type } = await livePage();
		await dropConnection(live);
		writeFileSync(file, NOTEBOOK.replace('const y = 2;', 'const y = 3; // pulled'));
		type('const x = 1;', 'const x = 10;');
		live.provider.connect();
		await until(() => disk().includes('const x = 10;'), 'the offline typing to reach the file');
		expect(disk()).toBe(NOTEBOOK.replace('const y = 2;', 'const y = 3; // pulled').replace('const x = 1;', 'const x = 10;'));
		await until(() => page()[2] === 'const y = 3; // pulled', 'the page to show the pulled cell');
		expect(page()).toEqual(['const x = 10;', 'A note.', 'const y = 3; // pulled']);
	});

	it('keeps the page\'s text where both changed a cell, the room\'s in History, and tells the page which version', async () => {
		const { name, file, live, page, disk, type } = await livePage();
		await dropConnection(live);
		writeFileSync(file, NOTEBOOK.replace('const x = 1;', 'const x = 2; // pulled'));
		type('const x = 1;', 'const x = 10;');
		live.provider.connect();
		await until(() => disk().includes('const x = 10;'), 'the offline typing to reach the file');
		expect(page()).toEqual(['const x = 10;', 'A note.', 'const y = 2;']);
		// The page is told: which cell (as it reads on the page), and the version holding the room's text.
		await until(() => live.notices.length > 0, 'the notice of the conflict');
		expect(live.notices).toEqual([{ kind: 'conflict', cells: ['const x = 10;'], version: expect.any(Number) }]);
		// That version is the room's text, with the pulled line, named for the rejoin.
		const kept = await notebookStore().history!.read(name, live.notices[0].version!);
		expect(kept.text).toBe(NOTEBOOK.replace('const x = 1;', 'const x = 2; // pulled'));
		expect(kept.who).toContain('rejoined with offline edits');
	});

	it('tells nothing when the offline edits met no change to the same cells', async () => {
		const { file, live, disk, type } = await livePage();
		await dropConnection(live);
		writeFileSync(file, NOTEBOOK.replace('const y = 2;', 'const y = 3; // pulled'));
		type('const x = 1;', 'const x = 10;');
		live.provider.connect();
		await until(() => disk().includes('const x = 10;'), 'the offline typing to reach the file');
		expect(live.notices).toEqual([]);
	});

	it('takes a change to the file meanwhile in a cell typed in before the connection dropped (the room had that typing)', async () => {
		const { file, live, page, disk, type } = await livePage();
		// Waits for the room's answer that it has the typing (the page's base for a rejoin).
		let answers = 0;
		const answer = live.provider.messageHandlers[MESSAGE_HEARD];
		live.provider.messageHandlers[MESSAGE_HEARD] = (...args) => (answers++, answer(...args));
		type('const x = 1;', 'const x = 10;');
		await until(() => answers > 0 && disk().includes('const x = 10;'), 'the typing to reach the room and the file');
		await dropConnection(live);
		writeFileSync(file, disk().replace('const x = 10;', 'const x = 11; // pulled'));
		live.provider.connect();
		await until(() => page()[0] === 'const x = 11; // pulled', 'the page to show the pulled text');
		await server.listener.flushAll();
		expect(page()).toEqual(['const x = 11; // pulled', 'A note.', 'const y = 2;']);
		expect(disk()).toBe(NOTEBOOK.replace('const x = 1;', 'const x = 11; // pulled'));
	});

	it('after a server restart, a connected page holds each cell once', async () => {
		const { live, page, disk, type } = await livePage();
		type('const y = 2;', 'const y = 20;');
		await until(() => disk().includes('const y = 20;'), 'the typing to reach the file');
		const before = coeditStats.reopenedRooms;
		await server.restart();
		// Typed as the connection dies: it may never reach the old server.
		type('A note.', 'A note, typed as the server went down.');
		await until(() => disk().includes('typed as the server went down'), 'the page to rejoin the restarted server');
		expect(count(disk(), 'const x = 1;')).toBe(1);
		expect(coeditStats.reopenedRooms).toBeGreaterThan(before);
		type('const x = 1;', 'const x = 1; // after the restart');
		await until(() => disk().includes('after the restart'), 'typing after the restart to reach the file');
		expect(page()).toEqual(['const x = 1; // after the restart', 'A note, typed as the server went down.', 'const y = 20;']);
		expect(disk()).toContain('A note, typed as the server went down.');
		expect(count(disk(), 'const x = 1;')).toBe(1);
		expect(count(disk(), 'A note')).toBe(1);
		expect(count(disk(), 'const y = 20;')).toBe(1);
	});
});

describe('an empty room\'s grace period', () => {
	// The server hears the pages of the tests before leave a moment later: their rooms close without a grace first.
	beforeEach(() => until(() => server.listener.openRooms() === 0, 'the rooms of the tests before to close'));
	// No grace for the pages' leaving here either.
	afterEach(async () => {
		server.options.emptyRoomGraceMs = 0;
		for (const item of open.splice(0)) item.dispose();
		await until(() => server.listener.openRooms() === 0, 'the rooms to close');
	});
	const versions = async (name: string) => (await notebookStore().history!.list(name)).versions;

	it('brings a page back within it to the same room: no rejoin, and a change on disk meanwhile merged as in an open room', async () => {
		server.options.emptyRoomGraceMs = 60_000;
		const { name, file, live, page, disk, type } = await livePage();
		const epoch = live.provider.params[EPOCH_PARAM];
		const doc = live.ydoc;
		const refusedBefore = coeditStats.reopenedRooms;
		live.provider.disconnect();
		await until(() => server.listener.emptyRooms() === 1, 'the room to be empty');
		writeFileSync(file, NOTEBOOK.replace('const y = 2;', 'const y = 3; // pulled'));
		type('const x = 1;', 'const x = 10;');
		live.provider.connect();
		await until(() => disk().includes('const x = 10;'), 'the offline typing to reach the file');
		await until(() => page()[2] === 'const y = 3; // pulled', 'the page to show the pulled cell');
		expect(disk()).toBe(NOTEBOOK.replace('const y = 2;', 'const y = 3; // pulled').replace('const x = 1;', 'const x = 10;'));
		expect(page()).toEqual(['const x = 10;', 'A note.', 'const y = 3; // pulled']);
		// The same room, the same document: Yjs synced what was typed, no fresh join, no merge.
		expect(coeditStats.reopenedRooms).toBe(refusedBefore);
		expect(live.ydoc).toBe(doc);
		expect(live.provider.params[EPOCH_PARAM]).toBe(epoch);
		expect(server.listener.emptyRooms()).toBe(0);
		expect((await versions(name)).filter((version) => version.who.includes('rejoined'))).toEqual([]);
	});

	it('keeps the version at the leaving, once, and after it the page rejoins a new room', async () => {
		server.options.emptyRoomGraceMs = 300;
		const { name, live, page, disk, type } = await livePage();
		type('A note.', 'A note, before leaving.');
		await until(() => disk().includes('before leaving'), 'the typing to reach the file');
		const doc = live.ydoc;
		const refusedBefore = coeditStats.reopenedRooms;
		const history = notebookStore().history!;
		live.provider.disconnect();
		let kept = 0;
		await until(() => {
			void versions(name).then(async (all) => {
				const texts = await Promise.all(all.map((version) => history.read(name, version.id)));
				kept = texts.filter((version) => version.text.includes('before leaving')).length;
			});
			return kept > 0;
		}, 'the version kept as the last person left');
		const kepts = (await versions(name)).length;
		await until(() => server.listener.openRooms() === 0, 'the room to close after its grace period');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect((await versions(name)).length).toBe(kepts);
		type('const x = 1;', 'const x = 10;');
		live.provider.connect();
		await until(() => disk().includes('const x = 10;'), 'the offline typing to reach the file');
		expect(coeditStats.reopenedRooms).toBeGreaterThan(refusedBefore);
		expect(live.ydoc).not.toBe(doc);
		expect(page()).toEqual(['const x = 10;', 'A note, before leaving.', 'const y = 2;']);
		expect(count(disk(), 'const x')).toBe(1);
	});
});
