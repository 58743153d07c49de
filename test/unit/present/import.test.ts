import { describe, expect, it } from 'vitest';
import { buildPresentDocument } from '../../../src/lib/present/document';
import { ImportError, notebookFromFile, saveAsNewNotebook } from '../../../src/lib/present/import';

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

	it('asks the server for a free name, so a clash is no failed request', async () => {
		const asked: [string, boolean][] = [];
		const create = async (name: string, _text?: string, free = false) => {
			asked.push([name, free]);
			return { name: 'welcome-3.md', revision: 'r' };
		};
		expect(await saveAsNewNotebook('Welcome', '# W', create)).toBe('welcome-3.md');
		expect(asked).toEqual([['Welcome.md', true]]);
	});
});
