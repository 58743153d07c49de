import { link, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileOps } from '../../../src/lib/server/store/atomicWrite';
import { NotFoundError } from '../../../src/lib/server/store/errors';
import { NotebookStore } from '../../../src/lib/server/store/notebookStore';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const NOTEBOOK = '# Notes\n\n```ts\n1 + 1\n```\n';

const notebooks = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();

describe('restoring one trash entry many times at once', () => {
	it('restores it once; the others get 404 or 409 with a message, never a second copy', async () => {
		const dir = await tempDir();
		const store = new NotebookStore(dir);
		await store.create('a.md', NOTEBOOK);
		const { trashed } = await store.delete('a.md');
		// Half restore under the old name, half under names of their own.
		const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => store.restore(trashed, i % 2 ? `as-${i}.md` : undefined)));
		const restored = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.name] : []));
		const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
		expect(restored).toHaveLength(1);
		expect(refused.map((error) => error.status).filter((status) => status !== 404 && status !== 409)).toEqual([]);
		for (const error of refused) expect(error.message).toMatch(/no trash entry|already exists/);
		expect(await notebooks(dir)).toEqual(restored);
		expect(await readdir(path.join(dir, '.trash'))).toEqual([]);
	});

	it('gives back its copy when another process took the entry between its link and unlink', async () => {
		const dir = await tempDir();
		const { trashed } = await (async () => {
			const store = new NotebookStore(dir);
			await store.create('a.md', NOTEBOOK);
			return store.delete('a.md');
		})();
		// The other process restores the same entry as b.md right after this one linked it as a.md.
		const racing = new NotebookStore(dir, {
			fileOps: {
				link: async (from, to) => {
					await nodeFileOps.link(from, to);
					await link(from, path.join(dir, 'b.md'));
					await unlink(from);
				}
			}
		});
		await expect(racing.restore(trashed)).rejects.toBeInstanceOf(NotFoundError);
		expect(await notebooks(dir)).toEqual(['b.md']);
	});
});
