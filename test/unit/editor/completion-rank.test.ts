import { describe, expect, it } from 'vitest';
import { cellGlobals } from '../../../src/lib/editor/cellGlobals';
import { cellRank, declaredNames, topLevelNames } from '../../../src/lib/editor/completionRank';

describe('completion ranking in cells', () => {
	it('reads the names a cell declares at top level, plain and destructured, not nested ones', () => {
		const cell = [
			'const iwm = await loadSeries("IWM");',
			'let { start, end: last } = range;',
			'async function rebased(t) {',
			'  const inner = 1;',
			'}',
			'class Window {}',
			'iwm.numRows()'
		].join('\n');
		expect(topLevelNames(cell)).toEqual(['iwm', 'start', 'last', 'rebased', 'Window']);
	});

	it('ranks the notebook names, then the cell globals, before DOM globals and keywords', () => {
		const library = new Set(declaredNames(cellGlobals));
		expect([...library]).toEqual(expect.arrayContaining(['Plot', 'aq', 'display', 'view', 'md', 'symbolPicker']));
		const notebook = new Set(['iwm']);
		const entries = [
			{ name: 'AbortController', sortText: '15' },
			{ name: 'addEventListener', sortText: '15' },
			{ name: 'const', sortText: '15' },
			{ name: 'display', sortText: '15' },
			{ name: 'iwm', sortText: '15' },
			{ name: 'local', sortText: '10' }
		];
		const ordered = entries
			.map((entry) => ({ name: entry.name, key: cellRank(entry, notebook, library) + entry.sortText }))
			.sort((a, b) => a.key.localeCompare(b.key) || a.name.localeCompare(b.name))
			.map((entry) => entry.name);
		expect(ordered).toEqual(['local', 'iwm', 'display', 'AbortController', 'addEventListener', 'const']);
	});
});
