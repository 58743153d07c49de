import { table, type ColumnTable } from 'arquero';
import { alignCloses } from './align.js';

/**
 * Relative strength a / b on the dates both tables have: a table with `date`, `ratio`
 * (close_a / close_b), `a` and `b` (the two closes). A rising ratio means a outperforms b.
 *
 * @example
 * const rs = ratio(iwm, qqq)                 // IWM/QQQ
 * rebase(rs.rename({ ratio: 'close' }))      // as an index, 100 at the start
 */
export function ratio(a: ColumnTable, b: ColumnTable): ColumnTable {
	const aligned = alignCloses(a, b, 'ratio');
	if (aligned.b.some((v) => v === 0)) throw new Error('ratio: the denominator has a close of 0');
	return table({
		date: aligned.dates,
		ratio: aligned.a.map((v, i) => v / aligned.b[i]),
		a: aligned.a,
		b: aligned.b
	});
}
