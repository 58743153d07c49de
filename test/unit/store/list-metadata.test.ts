import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FRONT_MATTER_BYTES, parseNotebook } from '../../../src/lib/notebook/index';
import { InvalidNotebookError } from '../../../src/lib/server/store/errors';
import { NotebookStore } from '../../../src/lib/server/store/notebookStore';
import { useTempDirs } from './tempDir';

// Counts the parses the store does, to show what the list reads again and what it does not.
vi.mock('../../../src/lib/notebook/index', async (importOriginal) => {
	const original = await importOriginal<typeof import('../../../src/lib/notebook/index')>();
	return { ...original, parseNotebook: vi.fn(original.parseNotebook) };
});
const parses = vi.mocked(parseNotebook);

const tempDir = useTempDirs();
const NOTEBOOK = '---\ntitle: Breadth\ntags: [a]\n---\n\n```ts\n1 + 1\n```\n';

/** A front matter of `keys` keys: 50,000 took the YAML parser 26 s (0.68 MB, under the 5 MB file limit). */
const manyKeys = (keys: number) => `---\n${Array.from({ length: keys }, (_, i) => `key${i}: value ${i}`).join('\n')}\n---\n\n# Body\n`;

beforeEach(() => {
	parses.mockClear();
});

describe('a front matter too large to parse cheaply', () => {
	it('is refused before any YAML is parsed, at the line where it outgrows the limit', () => {
		const text = manyKeys(50_000);
		expect(() => parseNotebook(text, 'keys.md')).toThrow(/^keys\.md:\d+:1: front matter is larger than 8 KB from this line on \(it ends at line 50002\)/);
		// Where the limit is crossed: each `keyN: value N` line is ~17 bytes.
		try {
			parseNotebook(text, 'keys.md');
		} catch (error) {
			const line = (error as { line: number }).line;
			expect(line).toBeGreaterThan(MAX_FRONT_MATTER_BYTES / 24);
			expect(line).toBeLessThan(MAX_FRONT_MATTER_BYTES / 12);
		}
	});

	it('still reads a front matter of exactly the limit, counted in UTF-8 bytes', () => {
		const description = 'é'.repeat((MAX_FRONT_MATTER_BYTES - 'description: '.length - 1) / 2) + 'x';
		expect(parseNotebook(`---\ndescription: ${description}\n---\n`).meta.description).toBe(description);
		expect(() => parseNotebook(`---\ndescription: ${description}x\n---\n`)).toThrow(/:2:1: front matter is larger than 8 KB/);
	});

	it('is listed with its located error, and cannot be saved', async () => {
		const dir = await tempDir();
		const store = new NotebookStore(dir);
		await writeFile(path.join(dir, 'hostile.md'), manyKeys(50_000));
		const [listed] = await store.list();
		expect(listed).toMatchObject({ name: 'hostile.md', title: 'hostile', error: { message: expect.stringMatching(/front matter is larger than 8 KB/), column: 1 } });
		await expect(store.save('copy.md', manyKeys(50_000), null)).rejects.toBeInstanceOf(InvalidNotebookError);
	});
});

describe('the notebook list', () => {
	it('parses a file once, and again only after it changed', async () => {
		const dir = await tempDir();
		const store = new NotebookStore(dir);
		await writeFile(path.join(dir, 'a.md'), NOTEBOOK);
		await writeFile(path.join(dir, 'b.md'), NOTEBOOK);
		const first = await store.list();
		expect(first.map((nb) => nb.title)).toEqual(['Breadth', 'Breadth']);
		expect(parses).toHaveBeenCalledTimes(2);

		expect(await store.list()).toEqual(first);
		expect(parses).toHaveBeenCalledTimes(2);

		// Another program rewrites b.md in place with the same size: still noticed.
		await writeFile(path.join(dir, 'b.md'), NOTEBOOK.replace('Breadth', 'Momenta'));
		const after = await store.list();
		expect(after.map((nb) => nb.title)).toEqual(['Breadth', 'Momenta']);
		expect(parses).toHaveBeenCalledTimes(3);
	});
});
