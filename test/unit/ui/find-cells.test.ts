/** The find bar's search (src/lib/ui/findCells.ts): every occurrence in every cell's source, whatever its case, in notebook order, and Enter / Shift+Enter through them. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/lib/notebook';
import { occurrencesOf, stepTo } from '../../../src/lib/ui/findCells';

const cell = (id: string, kind: 'code' | 'markdown', source: string) => ({ id, kind, source }) as Cell;
const cells = [cell('a', 'markdown', '# Returns\n\nDaily CLOSE to close.'), cell('b', 'code', 'const close = prices.close;'), cell('c', 'code', 'const open = 1;')];

describe('finding text in the cells', () => {
	it('counts every occurrence, several in one cell counting several, code and Markdown, ignoring case, in order', () => {
		expect(occurrencesOf(cells, 'close')).toEqual([
			{ id: 'a', from: 17, to: 22, nth: 0 },
			{ id: 'a', from: 26, to: 31, nth: 1 },
			{ id: 'b', from: 6, to: 11, nth: 0 },
			{ id: 'b', from: 21, to: 26, nth: 1 }
		]);
		expect(occurrencesOf(cells, 'OPEN = 1')).toEqual([{ id: 'c', from: 6, to: 14, nth: 0 }]);
	});

	it('takes the text literally and counts occurrences that do not overlap, as the browser does', () => {
		expect(occurrencesOf([cell('x', 'code', 'a.b axb (a.b)')], 'a.b').map((o) => o.from)).toEqual([0, 9]);
		expect(occurrencesOf([cell('x', 'code', 'aaaa')], 'aa').map((o) => o.from)).toEqual([0, 2]);
		expect(occurrencesOf([cell('x', 'code', 'x[0] + y')], '[0] +')).toEqual([{ id: 'x', from: 1, to: 6, nth: 0 }]);
	});

	it('finds nothing for no text, or text no cell holds', () => {
		expect(occurrencesOf(cells, '')).toEqual([]);
		expect(occurrencesOf(cells, 'volume')).toEqual([]);
	});
});

describe('stepping through the occurrences', () => {
	it('Enter goes to the first, then on, and from the last round to the first', () => {
		expect(stepTo(-1, 4, 1)).toBe(0);
		expect(stepTo(0, 4, 1)).toBe(1);
		expect(stepTo(3, 4, 1)).toBe(0);
	});

	it('Shift+Enter goes to the last first, then back, and from the first round to the last', () => {
		expect(stepTo(-1, 4, -1)).toBe(3);
		expect(stepTo(2, 4, -1)).toBe(1);
		expect(stepTo(0, 4, -1)).toBe(3);
	});

	it('starts again when the occurrences went fewer (text edited meanwhile), and goes nowhere when there are none', () => {
		expect(stepTo(7, 4, 1)).toBe(0);
		expect(stepTo(7, 4, -1)).toBe(3);
		expect(stepTo(-1, 0, 1)).toBe(-1);
		expect(stepTo(2, 0, -1)).toBe(-1);
	});
});
