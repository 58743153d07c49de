import { describe, expect, it } from 'vitest';
import { buildPresentDocument } from '../../../src/lib/present/document';
import { ImportError, notebookFromFile, saveAsNewNotebook } from '../../../src/lib/present/import';
import { ApiError } from '../../../src/lib/ui/notebooksApi';

describe('import', () => {
	it('reads the notebook back out of an exported HTML file', () => {
		const text = '# Round trip\n\n```ts\nconst a = "</script>";\n```\n';
		const html = buildPresentDocument({ mode: 'report', notebook: { name: 'trip.md', text }, title: 'Round trip', assets: { kind: 'inline', js: '', css: '' }, data: {} });
		expect(notebookFromFile('trip.html', html)).toEqual({ name: 'trip.md', text });
	});

	it('takes .md as is and refuses other files with what to pick', () => {
		expect(notebookFromFile('a.md', '# A')).toEqual({ name: 'a.md', text: '# A' });
		expect(() => notebookFromFile('page.html', '<html></html>')).toThrow(ImportError);
		expect(() => notebookFromFile('data.csv', 'a,b')).toThrow(/pick a notebook/);
	});

	it('never overwrites: takes the next free name', async () => {
		const taken = new Set(['welcome.md', 'welcome-2.md']);
		const created: string[] = [];
		const create = async (name: string) => {
			if (taken.has(name)) throw new ApiError('taken', 409);
			created.push(name);
			return { name, revision: 'r' };
		};
		expect(await saveAsNewNotebook('welcome.md', '# W', create)).toBe('welcome-3.md');
		expect(created).toEqual(['welcome-3.md']);
	});
});
