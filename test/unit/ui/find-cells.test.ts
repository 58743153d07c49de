/** The find bar's search (src/lib/ui/findCells.ts): every cell's source, whatever its case, in notebook order. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/lib/notebook';
import { cellsHolding } from '../../../src/lib/ui/findCells';

const cell = (id: string, kind: 'code' | 'markdown', source: string) => ({ id, kind, source }) as Cell;
const cells = [cell('a', 'markdown', '# Returns\n\nDaily CLOSE to close.'), cell('b', 'code', 'const close = prices.close;'), cell('c', 'code', 'const open = 1;')];

describe('finding text in the cells', () => {
	it('finds the cells, code and Markdown, whose source holds the text, ignoring case, in order', () => {
		expect(cellsHolding(cells, 'close')).toEqual(['a', 'b']);
		expect(cellsHolding(cells, 'OPEN = 1')).toEqual(['c']);
	});

	it('finds nothing for no text, or text no cell holds', () => {
		expect(cellsHolding(cells, '')).toEqual([]);
		expect(cellsHolding(cells, 'volume')).toEqual([]);
	});
});
