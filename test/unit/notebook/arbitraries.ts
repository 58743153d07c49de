/** fast-check generators for notebooks: valid by construction, and hostile. */
import fc from 'fast-check';
import { newCellId, type Cell, type CellOptions, type Notebook, type NotebookMeta } from '../../../src/lib/notebook/index';

/** Lines that matter to the format: fences of every kind, separators, delimiters, blanks. */
const TRICKY_LINES = [
	'```ts', '```typescript echo', '```', '````', '`````', '  ```', '```js', '``` ts', '~~~', '~~~ts', '~~~~',
	'   ```python', '```ts```', '```sql', '```sql output=x', '``` sql', '---', '--- ', '<!-- cell -->', '<!-- cell -->  ', '# Title', '', '  ', '\t', '...'
];

/** Text of one line: anything well-formed without a line break. */
const plainLine = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ''));
const anyLine = fc.oneof(plainLine, fc.constantFrom(...TRICKY_LINES));
const anyLines = fc.array(anyLine, { maxLength: 8 });

/** Prose lines that can't open a fence, a code cell or separate cells. */
const proseLine = fc.oneof(plainLine, fc.constantFrom(...TRICKY_LINES)).filter((line) => !/^ {0,3}(`{3,}|~{3,})/.test(line) && line.trimEnd() !== '<!-- cell -->');
/** A closed fence in prose whose content may hold any line that can't close it. */
const closedProseFence = fc
	.tuple(fc.constantFrom('```js', '~~~', '````md', '```'), fc.array(anyLine, { maxLength: 4 }))
	.map(([open, content]) => {
		const char = open[0];
		const length = open.match(/^[`~]+/)![0].length;
		const canClose = (line: string) => new RegExp(`^ {0,3}\\${char}{${length},}[ \\t]*$`).test(line);
		// An opening line that cannot close: the fence's own content must not close it early.
		const safe = content.filter((line) => !canClose(line) && !(char === '~' && /^ {0,3}~{3,}/.test(line)));
		return [open, ...safe, char.repeat(length)];
	});

const isBlankLine = (line: string) => /^[ \t]*$/.test(line);
/** Markdown a valid notebook can hold: see the definition in serialize.ts. */
const validMarkdown = fc
	.array(fc.oneof(proseLine.map((line) => [line]), closedProseFence), { minLength: 1, maxLength: 5 })
	.map((chunks) => chunks.flat())
	.map((lines) => {
		let start = 0;
		let end = lines.length;
		while (start < end && isBlankLine(lines[start])) start++;
		while (end > start && isBlankLine(lines[end - 1])) end--;
		return lines.slice(start, end).join('\n');
	})
	.filter((source) => source !== '');

const optionWord = fc.stringMatching(/^[a-z][a-z0-9=_.-]{0,8}$/).filter((w) => !['echo', 'hidden', 'collapsed'].includes(w));
const cellOptions: fc.Arbitrary<CellOptions> = fc.record(
	{ echo: fc.constant(true), hidden: fc.constant(true), collapsed: fc.constant(true), other: fc.array(optionWord, { minLength: 1, maxLength: 2 }) },
	{ requiredKeys: [] }
);

const codeSource = fc.array(anyLine, { maxLength: 8 }).map((lines) => lines.join('\n'));
const tsCell = fc.record({ source: codeSource, options: cellOptions }).map(({ source, options }): Cell => ({ id: newCellId(), kind: 'code', source, options }));
/** SQL lines with `${expr}` parameters, among the lines that matter to the format. */
const sqlLine = fc.oneof(anyLine, fc.constantFrom('SELECT symbol, count(*) AS n', 'FROM prices WHERE symbol = ${sym}', "WHERE d > ${new Date('2020-01-01')} -- `x`", '${{a: 1}.a}'));
const sqlOptions: fc.Arbitrary<CellOptions> = fc
	.tuple(
		cellOptions.map((options) => ({ ...options, ...(options.other ? { other: options.other.filter((w) => !/^(output|database)=/.test(w)) } : {}) })),
		fc.record({ output: fc.stringMatching(/^[A-Za-z_$][\w$]{0,8}$/), database: fc.stringMatching(/^[A-Za-z][\w-]{0,8}$/) }, { requiredKeys: [] })
	)
	.map(([options, sql]) => {
		const { other, ...rest } = options;
		return { ...rest, ...sql, ...(other && other.length > 0 ? { other } : {}) };
	});
const sqlCell = fc
	.record({ source: fc.array(sqlLine, { maxLength: 6 }).map((lines) => lines.join('\n')), options: sqlOptions })
	.map(({ source, options }): Cell => ({ id: newCellId(), kind: 'code', language: 'sql', source, options }));
const codeCell = fc.oneof(tsCell, sqlCell);
const markdownCell = (source: fc.Arbitrary<string>) => source.map((text): Cell => ({ id: newCellId(), kind: 'markdown', source: text, options: {} }));

const yamlText = fc.string({ unit: 'grapheme', maxLength: 30 });
const meta: fc.Arbitrary<NotebookMeta> = fc
	.tuple(
		fc.record({ title: yamlText, description: yamlText, tags: fc.array(yamlText, { maxLength: 4 }) }, { requiredKeys: [] }),
		fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => !['title', 'description', 'tags'].includes(k)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
	)
	.map(([known, other]) => ({ ...other, ...known }));

export const validNotebook: fc.Arbitrary<Notebook> = fc.record({
	meta,
	cells: fc.array(fc.oneof(codeCell, markdownCell(validMarkdown)), { maxLength: 8 })
});

/** Notebooks whose Markdown may hold lines the format can't express. */
export const anyNotebook: fc.Arbitrary<Notebook> = fc.record({
	meta: fc.constant({}),
	cells: fc.array(fc.oneof(codeCell, markdownCell(anyLines.map((lines) => lines.join('\n')))), { maxLength: 6 })
});

/** Text shaped like a notebook file, made of lines that matter to the format, in any order. */
export const notebookLikeText = fc
	.tuple(anyLines, fc.constantFrom('\n', '\r\n', '\r'))
	.map(([lines, eol]) => lines.join(eol));
