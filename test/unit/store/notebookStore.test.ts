import { copyFile, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/lib/notebook/index';
import { NotebookStore } from '../../../src/lib/server/store/notebookStore';
import { revisionOf } from '../../../src/lib/server/store/revision';
import {
	AlreadyExistsError,
	ConflictError,
	InvalidNotebookError,
	NotFoundError,
	OutsideNotebooksError,
	TooLargeError,
	UnsafeNameError
} from '../../../src/lib/server/store/errors';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const fixtures = new URL('../../fixtures/notebooks/', import.meta.url);
const NOTEBOOK = '# Notes\n\n```ts\n1 + 1\n```\n';

async function storeIn() {
	const dir = await tempDir();
	return { dir, store: new NotebookStore(dir) };
}

const onDisk = (dir: string, name: string) => readFile(path.join(dir, name), 'utf8');

describe('creating, opening, listing', () => {
	it('creates a notebook with a title and one empty code cell', async () => {
		const { dir, store } = await storeIn();
		const { name, revision } = await store.create('small-caps_study.md');
		const text = await onDisk(dir, name);
		expect(parseNotebook(text)).toMatchObject({ meta: { title: 'Small caps study' }, cells: [{ kind: 'code', source: '' }] });
		expect(revision).toBe(revisionOf(text));
	});

	it('creates under the first free numbered name when asked to, never over one', async () => {
		const { dir, store } = await storeIn();
		await store.create('welcome.md', 'A\n');
		await store.create('welcome-2.md', 'B\n');
		expect((await store.createFree('welcome.md', 'C\n')).name).toBe('welcome-3.md');
		expect(await onDisk(dir, 'welcome.md')).toBe('A\n');
		expect(await onDisk(dir, 'welcome-3.md')).toBe('C\n');
		expect((await store.createFree('fresh.md', 'D\n')).name).toBe('fresh.md');
	});

	it('opens what it created, with its revision', async () => {
		const { store } = await storeIn();
		const { revision } = await store.create('a.md', NOTEBOOK);
		expect(await store.open('a.md')).toEqual({ name: 'a.md', text: NOTEBOOK, revision });
	});

	it('refuses to create over an existing notebook', async () => {
		const { dir, store } = await storeIn();
		await store.create('a.md', NOTEBOOK);
		await expect(store.create('a.md')).rejects.toBeInstanceOf(AlreadyExistsError);
		expect(await onDisk(dir, 'a.md')).toBe(NOTEBOOK);
	});

	it('answers 404 for a missing notebook', async () => {
		const { store } = await storeIn();
		await expect(store.open('nope.md')).rejects.toMatchObject({ status: 404 });
	});

	it('lists notebooks with title, tags, size and revision, and a malformed one with its error', async () => {
		const { dir, store } = await storeIn();
		await copyFile(new URL('valid.md', fixtures), path.join(dir, 'valid.md'));
		await copyFile(new URL('unclosed-fence.md', fixtures), path.join(dir, 'broken.md'));
		await writeFile(path.join(dir, 'notes.txt'), 'not a notebook');
		await writeFile(path.join(dir, '.hidden.md'), NOTEBOOK);
		const list = await store.list();
		expect(list.map((item) => item.name)).toEqual(['broken.md', 'valid.md']);
		const [broken, valid] = list;
		expect(valid).toMatchObject({ title: 'Small caps after a breadth thrust', tags: ['breadth', 'small caps'] });
		expect(valid.revision).toBe(revisionOf(await readFile(path.join(dir, 'valid.md'))));
		expect(broken.error).toEqual({ message: expect.stringMatching(/never closed/), line: 7, column: 1 });
		expect(broken.title).toBe('broken');
	});

	it('opens a malformed notebook with its text and error, so it can be fixed', async () => {
		const { dir, store } = await storeIn();
		await copyFile(new URL('unclosed-fence.md', fixtures), path.join(dir, 'broken.md'));
		const opened = await store.open('broken.md');
		expect(opened.text).toContain('const x = 1;');
		expect(opened.error).toMatchObject({ line: 7, column: 1 });
	});

	it('lists an empty list for a folder that does not exist yet', async () => {
		const dir = await tempDir();
		expect(await new NotebookStore(path.join(dir, 'missing')).list()).toEqual([]);
	});
});

describe('saving with revisions', () => {
	it('saves on the current revision and returns the new one', async () => {
		const { dir, store } = await storeIn();
		const { revision } = await store.create('a.md', NOTEBOOK);
		const edited = NOTEBOOK.replace('1 + 1', '2 + 2');
		const saved = await store.save('a.md', edited, revision);
		expect(saved.revision).toBe(revisionOf(edited));
		expect(await onDisk(dir, 'a.md')).toBe(edited);
	});

	it('gives the second of two saves on the same base a conflict, and keeps the first', async () => {
		const { dir, store } = await storeIn();
		const { revision: base } = await store.create('a.md', NOTEBOOK);
		const mine = NOTEBOOK.replace('1 + 1', 'mine');
		const theirs = NOTEBOOK.replace('1 + 1', 'theirs');
		expect(await store.save('a.md', mine, base)).toEqual({ name: 'a.md', revision: revisionOf(mine) });
		const conflict = await store.save('a.md', theirs, base).catch((error) => error);
		expect(conflict).toBeInstanceOf(ConflictError);
		expect(conflict).toMatchObject({ status: 409, text: mine, revision: revisionOf(mine) });
		expect(await onDisk(dir, 'a.md')).toBe(mine);
	});

	it('saves a brand-new file with base revision null, but not over an existing one', async () => {
		const { dir, store } = await storeIn();
		await store.save('new.md', NOTEBOOK, null);
		expect(await onDisk(dir, 'new.md')).toBe(NOTEBOOK);
		await expect(store.save('new.md', 'other\n', null)).rejects.toBeInstanceOf(ConflictError);
		expect(await onDisk(dir, 'new.md')).toBe(NOTEBOOK);
	});

	it('answers 404 when saving a notebook that was deleted meanwhile', async () => {
		const { store } = await storeIn();
		const { revision } = await store.create('a.md', NOTEBOOK);
		await store.delete('a.md');
		await expect(store.save('a.md', NOTEBOOK, revision)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('refuses text that does not parse, naming line and column, and leaves the file alone', async () => {
		const { dir, store } = await storeIn();
		const { revision } = await store.create('a.md', NOTEBOOK);
		const error = await store.save('a.md', 'intro\n\n```ts\nunclosed\n', revision).catch((e) => e);
		expect(error).toBeInstanceOf(InvalidNotebookError);
		expect(error).toMatchObject({ status: 400, line: 3, column: 1 });
		expect(error.message).toMatch(/a\.md:3:1/);
		expect(await onDisk(dir, 'a.md')).toBe(NOTEBOOK);
	});

	it('refuses a notebook over the size limit', async () => {
		const { store } = await storeIn();
		await expect(store.save('big.md', 'x'.repeat(5 * 1024 * 1024 + 1), null)).rejects.toBeInstanceOf(TooLargeError);
	});
});

describe('rename, duplicate, trash', () => {
	it('renames, refusing to overwrite an existing target', async () => {
		const { dir, store } = await storeIn();
		await store.create('a.md', NOTEBOOK);
		await store.create('b.md', 'B\n');
		await expect(store.rename('a.md', 'b.md')).rejects.toBeInstanceOf(AlreadyExistsError);
		expect(await onDisk(dir, 'b.md')).toBe('B\n');
		expect(await store.rename('a.md', 'c.md')).toEqual({ name: 'c.md', revision: revisionOf(NOTEBOOK) });
		expect((await store.list()).map((item) => item.name)).toEqual(['b.md', 'c.md']);
	});

	it('carries a title made from the old name over to the new name, and keeps one the author chose', async () => {
		const { dir, store } = await storeIn();
		await store.create('untitled.md');
		const renamed = await store.rename('untitled.md', 'iwm-vs-qqq-2013.md');
		const text = await onDisk(dir, 'iwm-vs-qqq-2013.md');
		expect(parseNotebook(text).meta.title).toBe('Iwm vs qqq 2013');
		expect(renamed.revision).toBe(revisionOf(text));

		await store.create('mine.md', '---\ntitle: My own title # kept\n---\n\n# Notes\n');
		await store.rename('mine.md', 'other.md');
		expect(await onDisk(dir, 'other.md')).toBe('---\ntitle: My own title # kept\n---\n\n# Notes\n');
	});

	it('duplicates to -copy, then -copy-2', async () => {
		const { dir, store } = await storeIn();
		await store.create('a.md', NOTEBOOK);
		expect((await store.duplicate('a.md')).name).toBe('a-copy.md');
		expect((await store.duplicate('a.md')).name).toBe('a-copy-2.md');
		expect(await onDisk(dir, 'a-copy-2.md')).toBe(NOTEBOOK);
		await expect(store.duplicate('a.md', 'a-copy.md')).rejects.toBeInstanceOf(AlreadyExistsError);
	});

	it('deletes into the trash and restores from it', async () => {
		const times = [new Date('2026-01-02T03:04:05.678Z')];
		const dir = await tempDir();
		const store = new NotebookStore(dir, { now: () => times[0] });
		await store.create('a.md', NOTEBOOK);
		const { trashed } = await store.delete('a.md');
		expect(trashed).toBe('a.md.2026-01-02T03-04-05.678Z');
		expect(await store.list()).toEqual([]);
		expect(await store.listTrash()).toEqual([{ entry: trashed, name: 'a.md', trashedAt: '2026-01-02T03:04:05.678Z', size: NOTEBOOK.length }]);

		await store.create('a.md', 'new\n');
		const second = await store.delete('a.md');
		expect(second.trashed).toBe(`${trashed}-2`);

		await store.create('a.md', 'newest\n');
		await expect(store.restore(trashed)).rejects.toBeInstanceOf(AlreadyExistsError);
		expect(await store.restore(trashed, 'a-restored.md')).toEqual({ name: 'a-restored.md', revision: revisionOf(NOTEBOOK) });
		expect(await onDisk(dir, 'a-restored.md')).toBe(NOTEBOOK);
		expect((await store.listTrash()).map((item) => item.entry)).toEqual([second.trashed]);
	});

	it('refuses trash entries that are not entries or that escape the trash', async () => {
		const { store } = await storeIn();
		await expect(store.restore('../a.md.2026-01-02T03-04-05.678Z')).rejects.toBeInstanceOf(UnsafeNameError);
		await expect(store.restore('passwd')).rejects.toBeInstanceOf(UnsafeNameError);
		await expect(store.restore('a.md.2026-01-02T03-04-05.678Z')).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('path safety', () => {
	const unsafe = ['../x.md', '%2e%2e%2fx.md', '%252e%252e%252fx.md', '/etc/passwd', 'a/b.md', 'a\\b.md', 'x.md\0', '.hidden.md', '..', 'x.txt', '.md', 'C:x.md'];

	it.each(unsafe)('refuses %j in every operation', async (name) => {
		const { store } = await storeIn();
		await store.create('ok.md', NOTEBOOK);
		const operations = [
			() => store.open(name),
			() => store.create(name, NOTEBOOK),
			() => store.save(name, NOTEBOOK, null),
			() => store.rename('ok.md', name),
			() => store.rename(name, 'ok2.md'),
			() => store.duplicate('ok.md', name),
			() => store.duplicate(name),
			() => store.delete(name),
			() => store.restore('ok.md.2026-01-02T03-04-05.678Z', name)
		];
		for (const operation of operations) await expect(operation()).rejects.toBeInstanceOf(UnsafeNameError);
	});

	it('refuses a symlink that points outside the folder (403), and leaves it out of the list', async () => {
		const outside = await tempDir();
		const { dir, store } = await storeIn();
		await writeFile(path.join(outside, 'secret.md'), 'secret\n');
		await symlink(path.join(outside, 'secret.md'), path.join(dir, 'link.md'));
		await expect(store.open('link.md')).rejects.toBeInstanceOf(OutsideNotebooksError);
		await expect(store.save('link.md', NOTEBOOK, revisionOf('secret\n'))).rejects.toMatchObject({ status: 403 });
		expect(await store.list()).toEqual([]);
		expect(await readFile(path.join(outside, 'secret.md'), 'utf8')).toBe('secret\n');
	});

	it('accepts a name that only looks encoded but decodes to a safe name', async () => {
		const { dir, store } = await storeIn();
		await store.create('100%25.md', NOTEBOOK);
		expect(await readdir(dir)).toContain('100%25.md');
	});
});

describe('atomic writes', () => {
	it('leaves no temporary files behind', async () => {
		const { dir, store } = await storeIn();
		const { revision } = await store.create('a.md', NOTEBOOK);
		await store.save('a.md', 'two\n', revision);
		await store.duplicate('a.md');
		await store.delete('a-copy.md');
		expect((await readdir(dir)).sort()).toEqual(['.trash', 'a.md']);
	});

	it('keeps the old file intact when the final rename fails', async () => {
		const dir = await tempDir();
		const failingRename = () => {
			throw Object.assign(new Error('EIO: simulated disk failure'), { code: 'EIO' });
		};
		const good = new NotebookStore(dir);
		const { revision } = await good.create('a.md', NOTEBOOK);
		const failing = new NotebookStore(dir, { fileOps: { renameSync: failingRename } });
		await expect(failing.save('a.md', 'changed\n', revision)).rejects.toThrow(/simulated disk failure/);
		expect(await onDisk(dir, 'a.md')).toBe(NOTEBOOK);
		expect(await readdir(dir)).toEqual(['a.md']);
		expect((await good.open('a.md')).revision).toBe(revision);
	});

	it('serialises check-then-write: of many saves on one base exactly one wins', async () => {
		const { dir, store } = await storeIn();
		const { revision } = await store.create('a.md', NOTEBOOK);
		const texts = Array.from({ length: 20 }, (_, i) => `save ${i}\n`);
		const results = await Promise.allSettled(texts.map((text) => store.save('a.md', text, revision)));
		const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [texts[i]] : []));
		expect(winners).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof ConflictError)).toBe(true);
		expect(await onDisk(dir, 'a.md')).toBe(winners[0]);
	});
});

it('creates the notebooks folder on first write', async () => {
	const dir = path.join(await tempDir(), 'nested');
	await new NotebookStore(dir).create('a.md');
	expect(await readdir(dir)).toEqual(['a.md']);
	await mkdir(path.join(dir, 'sub'));
	expect((await new NotebookStore(dir).list()).map((item) => item.name)).toEqual(['a.md']);
});

describe('after a crash', () => {
	it('removes temporary files of dead writers and keeps those of live ones', async () => {
		const { dir, store } = await storeIn();
		await store.create('a.md', NOTEBOOK);
		const deadPid = 2 ** 22 + 12345; // above Linux's pid_max limit, so no process has it
		const dead = `.a.md.${deadPid}.0123abcd.tmp`;
		const live = `.a.md.${process.pid}.89abcdef.tmp`;
		await writeFile(path.join(dir, dead), 'half a no');
		await writeFile(path.join(dir, live), 'in progress');
		expect(await store.removeAbandonedWrites()).toEqual([dead]);
		expect((await readdir(dir)).sort()).toEqual([live, 'a.md']);
		expect(await onDisk(dir, 'a.md')).toBe(NOTEBOOK);
	});
});
