/**
 * A live room keeps checkpoints in the history, not each write: while people type, at most one
 * version per interval; a pause and the last person leaving each keep the text as written;
 * a version names everyone who edited since the one before. Live typing that a change on disk
 * removes with its cell is kept as a version of its own.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cellsOf } from '$lib/coedit/sharedNotebook';
import { Room } from '$lib/server/coedit/room';
import { NotebookHistory } from '$lib/server/history/notebookHistory';
import { NotebookStore } from '$lib/server/store/notebookStore';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function roomOn(timing: { everyMs: number; pauseMs: number }, text = '```ts\nconst x = 1;\n```\n') {
	const dir = mkdtempSync(path.join(tmpdir(), 'tape-room-versions-'));
	await writeFile(path.join(dir, 'live.md'), text);
	const store = new NotebookStore(dir, { history: new NotebookHistory(dir) });
	const room = await Room.open(store, 'live.md', timing);
	const code = () => cellsOf(room.doc).find((cell) => cell.get('kind') === 'code')!.get('source') as Y.Text;
	const versions = async () => (await store.history!.list('live.md')).versions;
	const newestText = async () => (await store.history!.read('live.md', (await versions()).at(-1)!.id)).text;
	return { dir, store, room, code, versions, newestText };
}

describe('history of a live room', () => {
	it('keeps a handful of versions for a burst of typing, not one per write, and the pause keeps the last text', async () => {
		const { dir, room, code, versions, newestText } = await roomOn({ everyMs: 60_000, pauseMs: 400 });
		for (let i = 0; i < 40; i++) {
			room.edited(i % 2 ? 'ann' : 'bob');
			code().insert(code().length, ` ${i}`);
			await sleep(25); // ~1 s of typing: several writes of the file
		}
		await sleep(1000);
		const file = readFileSync(path.join(dir, 'live.md'), 'utf8');
		expect(file).toContain(' 39');
		const kept = await versions();
		// The first write, then the pause: not one version per write.
		expect(kept.length).toBeLessThanOrEqual(3);
		expect(await newestText()).toBe(file);
		expect(kept.at(-1)!.who.split(', ').sort()).toEqual(['ann', 'bob']);
		await room.close();
	});

	it('keeps a version at least every interval while the typing goes on', async () => {
		const { room, code, versions } = await roomOn({ everyMs: 300, pauseMs: 60_000 });
		const startedAt = Date.now();
		while (Date.now() - startedAt < 1500) {
			room.edited('ann');
			code().insert(0, 'x');
			await sleep(20);
		}
		await room.flush();
		const count = (await versions()).length;
		expect(count).toBeGreaterThanOrEqual(3);
		expect(count).toBeLessThan(15);
		await room.close();
	});

	it('keeps the text as written when the last person leaves', async () => {
		const { dir, room, code, newestText } = await roomOn({ everyMs: 60_000, pauseMs: 60_000 });
		room.edited('ann');
		code().insert(0, '// first\n');
		await room.flush();
		room.edited('ann');
		code().insert(0, '// second\n');
		await room.close();
		const file = readFileSync(path.join(dir, 'live.md'), 'utf8');
		expect(file).toContain('// second');
		expect(await newestText()).toBe(file);
	});

	it('keeps the live typing of a cell that a change on disk moved and rewrote (so removed) as a version', async () => {
		const { dir, room, code, versions, store } = await roomOn({ everyMs: 60_000, pauseMs: 60_000 }, 'Notes.\n\n```ts\nconst x = 1;\n```\n\nEnd.\n');
		const file = path.join(dir, 'live.md');
		// A git pull moves the code cell to the top and rewrites it beyond likeness…
		const pulled = '```ts\nlet total = sumOf(prices);\n```\n\nNotes.\n\nEnd.\n';
		await writeFile(file, pulled);
		// …while Ann types in it, before the room has written her typing.
		room.edited('ann');
		code().insert(code().length, ' // typed by Ann');
		await room.flush();
		expect(readFileSync(file, 'utf8')).toBe(pulled);
		const kept = (await versions()).find((version) => version.who.includes('before a change on disk'));
		expect(kept, 'a version of the live text').toBeDefined();
		expect(kept!.who).toContain('ann');
		expect((await store.history!.read('live.md', kept!.id)).text).toContain('const x = 1; // typed by Ann');
		await room.close();
	});
});
