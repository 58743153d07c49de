import { lstat, readFile, readdir, readlink, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/lib/server/store/errors';
import { NotebookStore } from '../../../src/lib/server/store/notebookStore';
import { revisionOf } from '../../../src/lib/server/store/revision';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const NOTEBOOK = '# Notes\n\n```ts\n1 + 1\n```\n';

// Decision: a symlink inside the folder to a notebook inside it is an alias, as in an editor: a
// save through it writes the target (atomically) and keeps the link. Links out of the folder stay
// refused (notebookStore.test.ts, test/reliability/security.ts).
async function linked() {
	const dir = await tempDir();
	const store = new NotebookStore(dir);
	const { revision } = await store.create('target.md', NOTEBOOK);
	await symlink('target.md', path.join(dir, 'alias.md'));
	return { dir, store, revision };
}

describe('a notebook that is a symlink to another notebook in the folder', () => {
	it('is saved through: the target gets the text, the link stays a link', async () => {
		const { dir, store, revision } = await linked();
		expect(await store.save('alias.md', '# Through the link\n', revision)).toEqual({ name: 'alias.md', revision: revisionOf('# Through the link\n') });
		expect((await lstat(path.join(dir, 'alias.md'))).isSymbolicLink()).toBe(true);
		expect(await readlink(path.join(dir, 'alias.md'))).toBe('target.md');
		expect(await readFile(path.join(dir, 'target.md'), 'utf8')).toBe('# Through the link\n');
		expect((await store.open('target.md')).text).toBe('# Through the link\n');
		expect((await readdir(dir)).sort()).toEqual(['alias.md', 'target.md']);
	});

	it('shares its lock with the target: of saves on one base through both names exactly one wins', async () => {
		const { dir, store, revision } = await linked();
		const texts = Array.from({ length: 20 }, (_, i) => `# Save ${i}\n`);
		const results = await Promise.allSettled(texts.map((text, i) => store.save(i % 2 ? 'alias.md' : 'target.md', text, revision)));
		const winners = texts.filter((_, i) => results[i].status === 'fulfilled');
		expect(winners).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof ConflictError)).toBe(true);
		expect(await readFile(path.join(dir, 'target.md'), 'utf8')).toBe(winners[0]);
		expect((await lstat(path.join(dir, 'alias.md'))).isSymbolicLink()).toBe(true);
	});
});
