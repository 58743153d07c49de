import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { withAuthor } from '../../../src/lib/server/history/author';
import { CorruptVersionError, NotebookHistory } from '../../../src/lib/server/history/notebookHistory';
import { BEFORE_HISTORY, NotebookStore } from '../../../src/lib/server/store/notebookStore';
import { OutsideNotebooksError } from '../../../src/lib/server/store/errors';
import { revisionOf } from '../../../src/lib/server/store/revision';
import { useTempDirs } from '../store/tempDir';

const tempDir = useTempDirs();
const text = (n: number) => `# Study\n\n\`\`\`ts\nconst x = ${n}\n\`\`\`\n`;

let dir: string;
let store: NotebookStore;
beforeEach(async () => {
	dir = await tempDir();
	store = new NotebookStore(dir, { history: new NotebookHistory(dir) });
});

const versions = async (name: string) => (await store.history!.list(name)).versions;
const texts = async (name: string) => Promise.all((await versions(name)).map(async (v) => (await store.history!.read(name, v.id)).text));

describe('every save is kept', () => {
	it('records create and each save, with who, when and the revision, oldest first', async () => {
		await withAuthor('ann', () => store.create('a.md', text(1)));
		await withAuthor('bob', () => store.save('a.md', text(2), revisionOf(text(1))));
		await store.save('a.md', text(3), revisionOf(text(2)));
		const list = await versions('a.md');
		expect(list.map((v) => [v.id, v.who, v.revision])).toEqual([
			[1, 'ann', revisionOf(text(1))],
			[2, 'bob', revisionOf(text(2))],
			[3, 'local', revisionOf(text(3))]
		]);
		expect(list.every((v) => !Number.isNaN(Date.parse(v.at)))).toBe(true);
		expect(await texts('a.md')).toEqual([text(1), text(2), text(3)]);
	});

	it('keeps a notebook saved before history began as its first version', async () => {
		await writeFile(path.join(dir, 'old.md'), text(1));
		await store.save('old.md', text(2), revisionOf(text(1)));
		expect((await versions('old.md')).map((v) => v.who)).toEqual([BEFORE_HISTORY, 'local']);
		expect(await texts('old.md')).toEqual([text(1), text(2)]);
	});

	it('adds nothing for a text the newest version has, and stores each distinct text once', async () => {
		await store.create('a.md', text(1));
		await store.save('a.md', text(2), revisionOf(text(1)));
		await store.history!.record('a.md', text(2), 'x', new Date());
		await store.save('a.md', text(1), revisionOf(text(2)));
		expect((await versions('a.md')).length).toBe(3);
		expect((await readdir(path.join(dir, '.history', 'a.md', 'texts'))).length).toBe(2);
	});

	it('writes versions atomically: no partial or temporary file is ever a version, and none is left', async () => {
		await store.create('a.md', text(1));
		// A crash mid-write leaves a hidden temporary file; it must not count as a version.
		await writeFile(path.join(dir, '.history', 'a.md', 'versions', `.00000002.json.999999.abcdef01.tmp`), '{"who":');
		await store.save('a.md', text(2), revisionOf(text(1)));
		const list = await store.history!.list('a.md');
		expect(list).toMatchObject({ versions: [{ id: 1 }, { id: 2 }], problems: [] });
		const left = (await readdir(path.join(dir, '.history', 'a.md', 'versions'))).filter((f) => !f.startsWith('.00000002.json.999999'));
		expect(left).toEqual(['00000001.json', '00000002.json']);
	});

	it('reports a damaged entry and keeps listing and saving the others', async () => {
		await store.create('a.md', text(1));
		await store.save('a.md', text(2), revisionOf(text(1)));
		await writeFile(path.join(dir, '.history', 'a.md', 'versions', '00000001.json'), '{"who": "ann", "at"');
		const list = await store.history!.list('a.md');
		expect(list.versions.map((v) => v.id)).toEqual([2]);
		expect(list.problems).toEqual([{ entry: '00000001.json', message: expect.stringMatching(/version 1 is not valid JSON/) }]);
		await expect(store.history!.read('a.md', 1)).rejects.toBeInstanceOf(CorruptVersionError);
		await store.save('a.md', text(3), revisionOf(text(2)));
		expect((await versions('a.md')).map((v) => v.id)).toEqual([2, 3]);
	});

	it('reports a version whose text was altered (checksum) instead of showing it', async () => {
		await store.create('a.md', text(1));
		const texts = path.join(dir, '.history', 'a.md', 'texts');
		const [blob] = await readdir(texts);
		await writeFile(path.join(texts, blob), text(9));
		await expect(store.history!.read('a.md', 1)).rejects.toThrow(/version 1 of a.md: its text is damaged/);
	});

	it('carries the history along a rename, and keeps it after a delete', async () => {
		await store.create('a.md', text(1));
		await store.save('a.md', text(2), revisionOf(text(1)));
		await store.rename('a.md', 'b.md');
		expect(await texts('b.md')).toEqual([text(1), text(2)]);
		expect(await versions('a.md')).toEqual([]);
		await store.delete('b.md');
		expect(await texts('b.md')).toEqual([text(1), text(2)]);
	});

	it('follows a notebook restored from the trash under another name, unless the old name is taken again', async () => {
		await store.create('a.md', text(1));
		const { trashed } = await store.delete('a.md');
		await store.restore(trashed, 'c.md');
		expect(await texts('c.md')).toEqual([text(1)]);
		await store.create('d.md', text(4));
		const second = await store.delete('d.md');
		await store.create('d.md', text(5));
		await store.restore(second.trashed, 'e.md');
		expect(await texts('d.md')).toEqual([text(4), text(5)]);
		expect(await texts('e.md')).toEqual([]);
	});

	it('appends to the history a new name already has (a deleted notebook of that name)', async () => {
		await store.create('b.md', text(7));
		await store.delete('b.md');
		await store.create('a.md', text(1));
		await store.rename('a.md', 'b.md');
		expect(await texts('b.md')).toEqual([text(7), text(1)]);
	});

	it('refuses names that would leave the history folder', async () => {
		await expect(store.history!.list('../x.md')).rejects.toThrow(/not allowed/);
		await expect(store.history!.read('.hidden.md', 1)).rejects.toThrow(/not allowed/);
	});

	it('refuses a .history planted as a symlink to a folder outside, and the save still stands', async () => {
		const outside = await tempDir();
		const planted = new NotebookHistory(path.join(outside, 'elsewhere'));
		await mkdir(path.join(outside, 'elsewhere'));
		await planted.record('a.md', text(9), 'mallory', new Date());
		await symlink(path.join(outside, 'elsewhere', '.history'), path.join(dir, '.history'));
		await expect(store.history!.read('a.md', 1)).rejects.toBeInstanceOf(OutsideNotebooksError);
		await expect(store.history!.list('a.md')).rejects.toBeInstanceOf(OutsideNotebooksError);
		await store.create('a.md', text(1));
		expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe(text(1));
		expect(await readdir(path.join(outside, 'elsewhere', '.history', 'a.md', 'versions'))).toEqual(['00000001.json']);
	});

	it('answers a version that does not exist with NotFound', async () => {
		await store.create('a.md', text(1));
		await expect(store.history!.read('a.md', 5)).rejects.toThrow(/a.md has no version 5/);
		expect(JSON.parse(await readFile(path.join(dir, '.history', 'a.md', 'versions', '00000001.json'), 'utf8'))).toMatchObject({ who: 'local' });
	});
});
