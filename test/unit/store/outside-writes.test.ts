import { renameSync, writeFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileOps, type FileOps } from '../../../src/lib/server/store/atomicWrite';
import { ConflictError } from '../../../src/lib/server/store/errors';
import { NotebookStore } from '../../../src/lib/server/store/notebookStore';
import { revisionOf } from '../../../src/lib/server/store/revision';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const NOTEBOOK = '# Notes\n\n```ts\n1 + 1\n```\n';

/**
 * A store whose save runs `outside` (another program writing the file) once, after it has read
 * and compared the file and while it writes its own bytes: the window in which, before, the save
 * went on to replace the other program's text and answered success.
 */
async function storeWithOutsideWrite(outside: (file: string) => void) {
	const dir = await tempDir();
	const file = path.join(dir, 'a.md');
	let pending = true;
	const open: FileOps['open'] = (async (target: string, ...rest: unknown[]) => {
		if (pending && path.basename(String(target)).startsWith('.a.md.')) {
			pending = false;
			outside(file);
		}
		return (nodeFileOps.open as (...args: unknown[]) => ReturnType<FileOps['open']>)(target, ...rest);
	}) as FileOps['open'];
	const store = new NotebookStore(dir, { fileOps: { open } });
	const { revision } = await new NotebookStore(dir).create('a.md', NOTEBOOK);
	return { dir, file, store, revision };
}

describe('another program writing the notebook during a save', () => {
	it('keeps a replacing write (new file renamed over it) and answers the save with a conflict', async () => {
		const theirs = '# Edited elsewhere\n';
		const { dir, file, store, revision } = await storeWithOutsideWrite((target) => {
			writeFileSync(`${target}.theirs`, theirs);
			renameSync(`${target}.theirs`, target);
		});
		const save = store.save('a.md', '# Mine\n', revision);
		await expect(save).rejects.toBeInstanceOf(ConflictError);
		await expect(save).rejects.toMatchObject({ status: 409, text: theirs, revision: revisionOf(theirs) });
		expect(await readFile(file, 'utf8')).toBe(theirs);
		expect(await readdir(dir)).toEqual(['a.md']);
	});

	it('keeps a write in place (same file, new bytes)', async () => {
		const theirs = '# Edited in place, same inode\n';
		const { file, store, revision } = await storeWithOutsideWrite((target) => writeFileSync(target, theirs));
		await expect(store.save('a.md', '# Mine\n', revision)).rejects.toMatchObject({ status: 409, text: theirs });
		expect(await readFile(file, 'utf8')).toBe(theirs);
	});

	it('still saves when the other program rewrote the same bytes (nothing of theirs to lose)', async () => {
		const { file, store, revision } = await storeWithOutsideWrite((target) => {
			writeFileSync(`${target}.same`, NOTEBOOK);
			renameSync(`${target}.same`, target);
		});
		expect(await store.save('a.md', '# Mine\n', revision)).toEqual({ name: 'a.md', revision: revisionOf('# Mine\n') });
		expect(await readFile(file, 'utf8')).toBe('# Mine\n');
	});
});
