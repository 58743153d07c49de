import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutsideNotebooksError } from '../../../src/lib/server/store/errors';
import { NotebookStore } from '../../../src/lib/server/store/notebookStore';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const NOTEBOOK = '# Notes\n\n```ts\n1 + 1\n```\n';

// Found by the reliability suite's security part (test/reliability/security.ts): with .trash a
// symlink to a folder outside, delete wrote there and restore took (and removed) files from there.
describe('a .trash that is a symlink out of the folder', () => {
	async function planted() {
		const root = await tempDir();
		const dir = path.join(root, 'notebooks');
		const elsewhere = path.join(root, 'elsewhere');
		await mkdir(dir);
		await mkdir(elsewhere);
		await writeFile(path.join(dir, 'a.md'), NOTEBOOK);
		await writeFile(path.join(elsewhere, 'secret.md.2020-01-01T00-00-00.000Z'), NOTEBOOK);
		await symlink(elsewhere, path.join(dir, '.trash'));
		return { dir, elsewhere, store: new NotebookStore(dir) };
	}

	it('is not used to delete into, list or restore from', async () => {
		const { dir, elsewhere, store } = await planted();
		await expect(store.delete('a.md')).rejects.toBeInstanceOf(OutsideNotebooksError);
		await expect(store.listTrash()).rejects.toBeInstanceOf(OutsideNotebooksError);
		await expect(store.restore('secret.md.2020-01-01T00-00-00.000Z')).rejects.toBeInstanceOf(OutsideNotebooksError);
		expect((await readdir(elsewhere)).sort()).toEqual(['secret.md.2020-01-01T00-00-00.000Z']);
		expect((await readdir(dir)).sort()).toEqual(['.trash', 'a.md']);
	});
});
