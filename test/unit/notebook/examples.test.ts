import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	NotebookParseError,
	NotebookSerializeError,
	newCellId,
	notebooksEqual,
	parseNotebook,
	serializeNotebook,
	titleOf,
	type Notebook
} from '../../../src/lib/notebook/index';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/notebooks/${name}`, import.meta.url), 'utf8');

function parseError(text: string, file?: string): NotebookParseError {
	try {
		parseNotebook(text, file);
	} catch (error) {
		if (error instanceof NotebookParseError) return error;
		throw error;
	}
	throw new Error('expected a NotebookParseError');
}

const code = (source: string, options = {}) => ({ id: newCellId(), kind: 'code' as const, source, options });
const markdown = (source: string) => ({ id: newCellId(), kind: 'markdown' as const, source, options: {} });

describe('reading the sample notebook', () => {
	const text = fixture('valid.md');
	const nb = parseNotebook(text, 'valid.md');

	it('reads front matter, keeping keys Tape does not know', () => {
		expect(nb.meta).toEqual({
			title: 'Small caps after a breadth thrust',
			description: 'How IWM behaved in the month after a thrust.',
			tags: ['breadth', 'small caps'],
			owner: 'research'
		});
	});

	it('splits code cells, Markdown cells and the cell separator', () => {
		expect(nb.cells.map((cell) => cell.kind)).toEqual(['markdown', 'code', 'code', 'markdown', 'markdown', 'code']);
		expect(nb.cells[0].source).toBe('# Small caps after a breadth thrust\n\nDaily closes, a tiny inline sample.');
		expect(nb.cells[1].source).toBe('const closes = [100, 101.5, 99.8, 102.2];');
	});

	it('reads fence options', () => {
		expect(nb.cells[2].options).toEqual({ echo: true });
		expect(nb.cells[5].options).toEqual({ collapsed: true });
	});

	it('keeps other fences inside prose as Markdown', () => {
		expect(nb.cells[3].source).toContain("```js\nconsole.log('prose, not a cell');\n```");
	});

	it('reads a code cell holding ``` lines inside a longer fence', () => {
		expect(nb.cells[5].source).toBe('const doc = `\n```\n`;');
	});

	it('writes the file back byte for byte', () => {
		expect(serializeNotebook(nb)).toBe(text);
	});

	it('gives every cell a distinct id', () => {
		expect(new Set(nb.cells.map((cell) => cell.id)).size).toBe(nb.cells.length);
	});

	it('is titled by its front matter', () => {
		expect(titleOf(nb, 'valid.md')).toBe('Small caps after a breadth thrust');
	});
});

describe('line endings and edge files', () => {
	it('reads CRLF files like LF files', () => {
		const lf = fixture('valid.md');
		const crlf = lf.replace(/\n/g, '\r\n');
		expect(notebooksEqual(parseNotebook(crlf), parseNotebook(lf))).toBe(true);
		expect(serializeNotebook(parseNotebook(crlf))).toBe(lf);
	});

	it('reads an empty file as an empty notebook and writes it back empty', () => {
		expect(parseNotebook('')).toMatchObject({ meta: {}, cells: [] });
		expect(serializeNotebook({ meta: {}, cells: [] })).toBe('');
	});

	it('reads a file with only front matter', () => {
		const text = '---\ntitle: Only meta\n---\n';
		const nb = parseNotebook(text);
		expect(nb).toMatchObject({ meta: { title: 'Only meta' }, cells: [] });
		expect(serializeNotebook(nb)).toBe(text);
	});

	it('ignores a byte order mark before the front matter', () => {
		expect(parseNotebook('\uFEFF---\ntitle: T\n---\n').meta).toEqual({ title: 'T' });
	});

	it('accepts ```typescript and writes it as ```ts', () => {
		const nb = parseNotebook('```typescript hidden\n1\n```\n');
		expect(nb.cells).toMatchObject([{ kind: 'code', source: '1', options: { hidden: true } }]);
		expect(serializeNotebook(nb)).toBe('```ts hidden\n1\n```\n');
	});

	it('keeps unknown fence words so a save does not drop them', () => {
		const text = '```ts echo title=chart\n1\n```\n';
		expect(parseNotebook(text).cells[0].options).toEqual({ echo: true, other: ['title=chart'] });
		expect(serializeNotebook(parseNotebook(text))).toBe(text);
	});

	it('treats indented or tilde ts fences as Markdown, as a code host shows them', () => {
		const nb = parseNotebook('  ```ts\n  x\n  ```\n\n~~~ts\ny\n~~~\n');
		expect(nb.cells.map((cell) => cell.kind)).toEqual(['markdown']);
	});

	it('does not take a line of inline code for a fence', () => {
		const nb = parseNotebook('```ts```\n');
		expect(nb.cells).toMatchObject([{ kind: 'markdown', source: '```ts```' }]);
	});
});

describe('errors name the file, line and column', () => {
	it('reports an unclosed code fence where it opens', () => {
		const error = parseError(fixture('unclosed-fence.md'), 'unclosed-fence.md');
		expect(error).toMatchObject({ file: 'unclosed-fence.md', line: 7, column: 1 });
		expect(error.message).toBe("unclosed-fence.md:7:1: code fence opened here is never closed (add a line ``` after the cell's code)");
	});

	it('reports an unclosed fence inside prose', () => {
		expect(parseError('Intro\n\n  ~~~~py\nx = 1\n')).toMatchObject({ line: 3, column: 3 });
	});

	it('reports unclosed front matter', () => {
		expect(parseError('---\ntitle: x\n\n# Body\n', 'a.md').message).toMatch(/^a\.md:1:1: front matter opened here is never closed/);
	});

	it('maps a YAML error to its line in the file', () => {
		const error = parseError('---\ntitle: ok\ntags: [a, b\nother: 1\n---\n');
		expect(error.message).toMatch(/invalid YAML/);
		expect(error.line).toBeGreaterThanOrEqual(3);
		expect(error.line).toBeLessThanOrEqual(5);
	});

	it('points at a duplicate key', () => {
		expect(parseError('---\ntitle: a\ntitle: b\n---\n')).toMatchObject({ line: 3, column: 1 });
	});

	it('refuses front matter that is not a mapping', () => {
		expect(parseError('---\n- a\n- b\n---\n').message).toMatch(/:2:1: front matter must be a mapping/);
	});

	it('refuses tags that are not a list of strings, at the tags key', () => {
		const error = parseError(fixture('bad-front-matter.md'), 'bad-front-matter.md');
		expect(error).toMatchObject({ line: 3, column: 1 });
		expect(error.message).toMatch(/"tags" must be a list of strings/);
		expect(parseError('---\ntags: [a, 1]\n---\n').line).toBe(2);
	});

	it('refuses a non-string title', () => {
		expect(parseError('---\ndescription: ok\ntitle: [x]\n---\n')).toMatchObject({ line: 3 });
	});
});

describe('writing', () => {
	it('writes the canonical layout', () => {
		const nb: Notebook = {
			meta: { title: 'T' },
			cells: [markdown('\n\n# A\n\n'), markdown('B'), code('x', { echo: true, hidden: false }), markdown('C')]
		};
		expect(serializeNotebook(nb)).toBe('---\ntitle: T\n---\n\n# A\n\n<!-- cell -->\n\nB\n\n```ts echo\nx\n```\n\nC\n');
	});

	it('writes an empty code cell as an empty fence', () => {
		const text = serializeNotebook({ meta: {}, cells: [code('')] });
		expect(text).toBe('```ts\n```\n');
		expect(parseNotebook(text).cells[0].source).toBe('');
	});

	it('uses a fence longer than any backtick line in the code', () => {
		const source = 'const s = `\n````\n  ```\n`;';
		const text = serializeNotebook({ meta: {}, cells: [code(source)] });
		expect(text.startsWith('`````ts\n')).toBe(true);
		expect(parseNotebook(text).cells[0].source).toBe(source);
	});

	it('drops blank Markdown cells', () => {
		expect(serializeNotebook({ meta: {}, cells: [markdown('  \n'), code('1')] })).toBe('```ts\n1\n```\n');
	});

	it('protects a first Markdown cell that starts like front matter', () => {
		const nb: Notebook = { meta: {}, cells: [markdown('---\ntitle: not meta\n---')] };
		const text = serializeNotebook(nb);
		expect(notebooksEqual(parseNotebook(text), nb)).toBe(true);
	});

	it.each([
		['a ```ts line', 'Example:\n```ts\nx', 2],
		['a cell separator', 'A\n<!-- cell -->\nB', 2],
		['an unclosed prose fence', 'A\n\n```py\nx = 1', 3]
	])('refuses Markdown holding %s, naming cell and line', (_, source, line) => {
		const nb: Notebook = { meta: {}, cells: [code('1'), markdown(source)] };
		expect(() => serializeNotebook(nb)).toThrow(NotebookSerializeError);
		expect(() => serializeNotebook(nb)).toThrow(new RegExp(`^cell 2, line ${line}: `));
	});

	it('allows those lines inside a closed prose fence', () => {
		const nb: Notebook = { meta: {}, cells: [markdown('How cells look:\n\n````md\n```ts\nx\n```\n<!-- cell -->\n````')] };
		expect(notebooksEqual(parseNotebook(serializeNotebook(nb)), nb)).toBe(true);
	});

	it('refuses fence words it could not read back', () => {
		expect(() => serializeNotebook({ meta: {}, cells: [code('1', { other: ['two words'] })] })).toThrow(NotebookSerializeError);
	});
});

describe('titleOf', () => {
	it('falls back to the first heading, then the file name', () => {
		expect(titleOf({ meta: {}, cells: [code('1'), markdown('Intro\n\n# Heading #')] }, 'x.md')).toBe('Heading');
		expect(titleOf({ meta: { title: '  ' }, cells: [] }, 'my-notes.md')).toBe('my-notes');
	});
});

describe('front matter written back', () => {
	const FILE = [
		'---',
		'# Where the numbers come from: ^RUT closes, Yahoo.',
		"title: 'Small caps lead'   # the headline's claim",
		'tags:',
		'  - small caps',
		'  - breadth',
		'owner: research-desk',
		'---',
		'',
		'Some prose.',
		''
	].join('\n');

	it('keeps the author’s comments and layout byte for byte when nothing in it changed', () => {
		const nb = parseNotebook(FILE);
		expect(nb.meta).toEqual({ title: 'Small caps lead', tags: ['small caps', 'breadth'], owner: 'research-desk' });
		expect(serializeNotebook(nb)).toBe(FILE);
		// An edited cell leaves the front matter alone too.
		nb.cells[0].source = 'Other prose.';
		expect(serializeNotebook(nb)).toBe(FILE.replace('Some prose.', 'Other prose.'));
	});

	it('rewrites only the keys whose values changed, keeping the comments', () => {
		const nb = parseNotebook(FILE);
		nb.meta = { ...nb.meta, title: 'Small caps lead, again', owner: undefined, description: 'Checked on 2013-07-08.' };
		const text = serializeNotebook(nb);
		expect(text).toContain('# Where the numbers come from: ^RUT closes, Yahoo.');
		expect(text).toContain('title: Small caps lead, again');
		expect(text).toContain('  - small caps\n  - breadth');
		expect(text).not.toContain('owner');
		expect(text).toContain('description: Checked on 2013-07-08.');
		expect(parseNotebook(text).meta).toEqual({ title: 'Small caps lead, again', tags: ['small caps', 'breadth'], description: 'Checked on 2013-07-08.' });
	});

	it('writes new lists on one line, as people write them', () => {
		const nb = parseNotebook('---\n# keep me\ntitle: T\n---\n\nx\n');
		nb.meta = { ...nb.meta, tags: ['a', 'b c'] };
		const text = serializeNotebook(nb);
		expect(text).toBe('---\n# keep me\ntitle: T\ntags: [a, b c]\n---\n\nx\n');
	});
});
