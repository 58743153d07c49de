// @vitest-environment happy-dom
/**
 * The page showing the live document (src/lib/ui/notebookSession.svelte.ts, showShared): an outside
 * change to the front matter's YAML (a `git pull` that reworded a comment) reaches the page too, so
 * the page's next edit, replayed onto the shared document, does not put the old YAML back.
 */
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { parseNotebook, serializeNotebook } from '$lib/notebook';
import { replayChange } from '$lib/coedit/replayChange';
import { readNotebook, writeNotebook } from '$lib/coedit/sharedNotebook';
import { NotebookSession } from '../../../src/lib/ui/notebookSession.svelte';

vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

const FILE = '---\ntitle: Breadth\n# weekly, from the Monday close\ntags: [breadth]\n---\n\n```ts\nconst a = 1;\n```\n';

describe('the page showing the shared notebook', () => {
	it('takes the front matter YAML the others changed, so its own next edit keeps it', () => {
		const session = new NotebookSession({ name: 'b.md', text: FILE, revision: 'r1' }, () => {});
		const doc = new Y.Doc();
		writeNotebook(doc, { ...parseNotebook(FILE), cells: session.current().cells });
		// Someone edits the comment in the file; the room merges it into the shared document.
		const pulled = parseNotebook(FILE.replace('Monday', 'Friday'));
		replayChange(doc, readNotebook(doc), { ...readNotebook(doc), frontMatterSource: pulled.frontMatterSource });
		session.showShared(readNotebook(doc), false);
		// The page's own edit, replayed as the page does (liveNotebook.svelte.ts: changed).
		session.doc.notebook.meta.title = 'Breadth, weekly';
		replayChange(doc, readNotebook(doc), session.current());
		expect(serializeNotebook(readNotebook(doc))).toBe('---\ntitle: Breadth, weekly\n# weekly, from the Friday close\ntags: [breadth]\n---\n\n```ts\nconst a = 1;\n```\n');
		session.close();
	});
});
