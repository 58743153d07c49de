/**
 * The notebook being edited (src/lib/ui/notebookDocument.svelte.ts): the file written from it (the
 * save) is the file of its cells as they are now, however they were changed, and so is the draft
 * written on every keystroke, through every edit of the page and of others editing live; finding
 * a cell follows them as they move. A keystroke's share of that work
 * does not copy the whole notebook: in a notebook of thousands of cells each copied string cost
 * the page's thread a structuredClone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotebookSerializeError, serializeNotebook, type Notebook } from '../../../src/lib/notebook';
import { NotebookDocument } from '../../../src/lib/ui/notebookDocument.svelte';

function notebook(count: number): Notebook {
	const cells: Notebook['cells'] = Array.from({ length: count }, (_, i) => ({ id: `c${i}`, kind: 'code', source: `const v${i} = ${i};`, options: {} }));
	cells[1] = { id: 'c1', kind: 'markdown', source: '# Heading\n\nProse.', options: {} };
	return { meta: { title: 'Many', tags: ['a'] }, frontMatterSource: 'title: Many\ntags: [a] # kept\n', cells };
}

/** The file as written from a plain copy of the document's notebook now. */
const fileOf = (doc: NotebookDocument) => serializeNotebook(JSON.parse(JSON.stringify(doc.notebook)) as Notebook);

describe('the notebook being edited', () => {
	afterEach(() => vi.restoreAllMocks());

	it('writes the file of its cells as they are now, however they changed since the last write', () => {
		let edits = 0;
		const doc = new NotebookDocument(notebook(6), () => edits++);
		expect(doc.serialize()).toBe(fileOf(doc));
		doc.setSource('c2', 'const v2 = 20;\nv2');
		doc.setOption('c3', 'echo', true);
		doc.setOption('c4', 'collapsed', true);
		expect(doc.serialize()).toBe(fileOf(doc));
		expect(doc.serialize()).toContain('```ts echo\nconst v3 = 3;\n```');
		// Changed in place, not through the document's edits (as live editing shows others' edits).
		doc.notebook.cells[3].options.echo = false;
		doc.notebook.cells[5].language = 'sql';
		doc.notebook.cells[5].source = 'select 1';
		doc.notebook.cells[0].kind = 'markdown';
		doc.move('c2', -1);
		doc.insert('code', 0);
		doc.remove('c4');
		doc.setTitle('Renamed');
		expect(doc.serialize()).toBe(fileOf(doc));
		expect(doc.serialize()).toContain('```sql\nselect 1\n```');
		expect(edits).toBe(7);
	});

	it("writes the draft as the file, through every edit the page and others' live edits make", () => {
		const doc = new NotebookDocument(notebook(8), () => {});
		const same = () => expect(doc.draft()).toBe(fileOf(doc));
		same();
		doc.setSource('c2', 'const v2 = 20;');
		same();
		doc.setOption('c3', 'echo', true);
		same();
		doc.setOption('c3', 'echo', false);
		same();
		doc.move('c2', 1);
		same();
		const added = doc.insert('markdown', 2);
		same();
		doc.setSource(added, 'Between.');
		same();
		doc.remove('c5');
		same();
		doc.undoRemove();
		same();
		doc.setTitle('Renamed');
		same();
		// Others' edits, shown in place (same cells) or whole (cells added).
		const theirs = JSON.parse(JSON.stringify(doc.notebook)) as Notebook;
		theirs.cells[0].source = 'const v0 = 100;';
		theirs.cells[4].options = { echo: true, other: ['title=x'] };
		theirs.cells[6].kind = 'markdown';
		doc.adopt(theirs);
		same();
		expect(doc.draft()).toContain('const v0 = 100;');
		expect(doc.draft()).toContain('echo title=x');
		doc.adopt({ ...theirs, cells: [...theirs.cells, { id: 'new', kind: 'code', source: 'v0 + 1', options: {} }] });
		same();
		expect(doc.draft()).toContain('v0 + 1');
		// A draft restored, their version reloaded.
		doc.notebook = notebook(3);
		same();
	});

	it('refuses a cell the format cannot write on every write, not only the first', () => {
		const doc = new NotebookDocument(notebook(3), () => {});
		doc.setSource('c1', 'Prose\n<!-- cell -->\nmore');
		expect(() => doc.serialize()).toThrow(NotebookSerializeError);
		expect(() => doc.serialize()).toThrow(/cannot contain the line <!-- cell -->/);
		expect(() => doc.draft()).toThrow(NotebookSerializeError);
		doc.setSource('c1', 'Prose');
		expect(doc.draft()).toBe(fileOf(doc));
		expect(doc.serialize()).toBe(fileOf(doc));
	});

	it('finds a cell wherever it moved', () => {
		const doc = new NotebookDocument(notebook(5), () => {});
		expect(doc.indexOf('c4')).toBe(4);
		doc.move('c4', -1);
		expect(doc.indexOf('c4')).toBe(3);
		const added = doc.insert('code', 0);
		expect([doc.indexOf(added), doc.indexOf('c4')]).toEqual([0, 4]);
		doc.remove('c0');
		expect(doc.indexOf('c0')).toBe(-1);
		expect(doc.indexOf('c4')).toBe(3);
		doc.undoRemove();
		expect(doc.indexOf('c0')).toBe(1);
		doc.notebook = notebook(2);
		expect([doc.indexOf('c1'), doc.indexOf('c4')]).toEqual([1, -1]);
	});

	it('gives a plain copy of the notebook, as it is now', () => {
		const doc = new NotebookDocument(notebook(4), () => {});
		doc.setOption('c2', 'echo', true);
		const copy = doc.plain();
		expect(copy).toEqual(JSON.parse(JSON.stringify(doc.notebook)));
		copy.cells[2].options.echo = false;
		copy.cells[3].source = 'changed in the copy';
		copy.meta.tags!.push('b');
		expect(doc.notebook.cells[2].options.echo).toBe(true);
		expect(doc.notebook.cells[3].source).toBe('const v3 = 3;');
		expect(doc.notebook.meta.tags).toEqual(['a']);
	});

	it('copies no cell through structuredClone to write the file or a copy after a keystroke in a notebook of 2,000 cells', () => {
		const doc = new NotebookDocument(notebook(2000), () => {});
		doc.serialize();
		const cloned = vi.spyOn(globalThis, 'structuredClone');
		doc.setSource('c1000', 'const v1000 = 1000; // typed');
		const file = doc.serialize();
		const draft = doc.draft();
		const copy = doc.plain();
		expect(file).toContain('const v1000 = 1000; // typed');
		expect(draft).toBe(file);
		expect(copy.cells[1000].source).toBe('const v1000 = 1000; // typed');
		// The front matter's few values only.
		expect(cloned.mock.calls.length).toBeLessThan(10);
	});
});
