import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notebooksEqual, parseNotebook, serializeNotebook } from '$lib/notebook';
import { cellsOf, readNotebook, writeNotebook } from '$lib/coedit/sharedNotebook';
import { mergeOutsideChange } from '$lib/coedit/replayChange';

// The sample notebooks: every kind of cell, option and front matter Tape writes.
const dir = new URL('../../../notebooks/', import.meta.url);
const samples = readdirSync(dir).filter((name) => name.endsWith('.md'));

const NOTEBOOK = `---
title: Shared
# a comment the author keeps
---

Intro text.

\`\`\`ts echo
const a = 1;
\`\`\`

\`\`\`sql output=highs
select 1
\`\`\`
`;

function docOf(text: string): Y.Doc {
	const doc = new Y.Doc();
	writeNotebook(doc, parseNotebook(text));
	return doc;
}

function sourceText(doc: Y.Doc, index: number): Y.Text {
	return cellsOf(doc)[index].get('source') as Y.Text;
}

/** Two peers that exchange every update, like two browsers through the server. */
function peers(text: string): [Y.Doc, Y.Doc] {
	const a = docOf(text);
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	return [a, b];
}

function exchange(a: Y.Doc, b: Y.Doc): void {
	const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, forB);
	Y.applyUpdate(a, forA);
}

describe('the notebook as a shared document', () => {
	it.each([...samples, 'inline'])('round-trips %s: file → Y.Doc → file is the same file', (name) => {
		const text = name === 'inline' ? NOTEBOOK : readFileSync(new URL(name, dir), 'utf8');
		const parsed = parseNotebook(text);
		const doc = docOf(text);
		const back = readNotebook(doc);
		expect(notebooksEqual(back, parsed)).toBe(true);
		expect(serializeNotebook(back)).toBe(serializeNotebook(parsed));
		// And through a peer that only saw the document's updates.
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
		expect(serializeNotebook(readNotebook(peer))).toBe(serializeNotebook(parsed));
	});

	it('keeps the front matter as written and the cell options', () => {
		const text = serializeNotebook(readNotebook(docOf(NOTEBOOK)));
		expect(text).toContain('# a comment the author keeps');
		expect(text).toContain('```ts echo');
		expect(text).toContain('```sql output=highs');
	});
});

describe('two people typing in the same cell', () => {
	it('converge with both edits, whatever order the updates arrive in', () => {
		const [a, b] = peers(NOTEBOOK);
		sourceText(a, 1).insert(0, '// from Ann\n');
		sourceText(b, 1).insert(sourceText(b, 1).length, '\nconst b = 2;');
		sourceText(b, 1).insert(0, '// Bob too\n');
		exchange(a, b);
		const final = serializeNotebook(readNotebook(a));
		expect(serializeNotebook(readNotebook(b))).toBe(final);
		expect(final).toContain('// from Ann\n');
		expect(final).toContain('// Bob too\n');
		expect(final).toContain('const a = 1;\nconst b = 2;');
	});

	it('loses no keystroke over many interleaved rounds at the same spot', () => {
		const [a, b] = peers(NOTEBOOK);
		for (let i = 0; i < 200; i++) {
			sourceText(a, 1).insert(0, 'a');
			sourceText(b, 1).insert(0, 'b');
			if (i % 7 === 0) exchange(a, b);
		}
		exchange(a, b);
		const text = sourceText(a, 1).toString();
		expect(sourceText(b, 1).toString()).toBe(text);
		expect(text.match(/a/g)?.length).toBe(200 + 1); // + the "a" of "const a"
		expect(text.match(/b/g)?.length).toBe(200);
	});
});

describe('a change to the file from outside (git pull)', () => {
	it('merges into the live document with the edits typed since the last write', () => {
		const live = docOf(NOTEBOOK);
		const base = Y.encodeStateAsUpdate(live);
		const before = parseNotebook(NOTEBOOK);
		// Someone types in the live document, not yet written…
		sourceText(live, 1).insert(sourceText(live, 1).length, '\nconst typed = 3;');
		// …while a pull changes the same cell's first line and the intro.
		const pulled = NOTEBOOK.replace('const a = 1;', 'const a = 10;').replace('Intro text.', 'Intro text, updated.');
		const newBase = mergeOutsideChange(live, base, before, parseNotebook(pulled))?.base;
		expect(newBase).toBeDefined();
		const merged = serializeNotebook(readNotebook(live));
		expect(merged).toContain('const a = 10;\nconst typed = 3;');
		expect(merged).toContain('Intro text, updated.');
		// The new base reads as the pulled file, ready for the next outside change.
		const check = new Y.Doc();
		Y.applyUpdate(check, newBase!);
		expect(serializeNotebook(readNotebook(check))).toBe(serializeNotebook(parseNotebook(pulled)));
	});

	it('adds and removes cells the pull added or removed, keeping live edits in the others', () => {
		const live = docOf(NOTEBOOK);
		const base = Y.encodeStateAsUpdate(live);
		sourceText(live, 0).insert(0, 'Live. ');
		const pulled = NOTEBOOK.replace('```sql output=highs\nselect 1\n```\n', '```ts\nconst added = 1;\n```\n\n```ts\nconst more = 2;\n```\n');
		mergeOutsideChange(live, base, parseNotebook(NOTEBOOK), parseNotebook(pulled));
		const merged = readNotebook(live);
		expect(merged.cells.map((cell) => cell.source)).toEqual(['Live. Intro text.', 'const a = 1;', 'const added = 1;', 'const more = 2;']);
	});

	it('refuses a base that does not read as the file it claims to be', () => {
		const live = docOf(NOTEBOOK);
		const base = Y.encodeStateAsUpdate(docOf(NOTEBOOK.replace('select 1', 'select 2')));
		expect(mergeOutsideChange(live, base, parseNotebook(NOTEBOOK), parseNotebook(NOTEBOOK))).toBeNull();
	});
});
