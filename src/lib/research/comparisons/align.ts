import type { ColumnTable } from 'arquero';
import { dateColumn, numberColumn } from '../input.js';

/** Two tables' closes on the dates both have (a holiday in one market drops that day from both). */
export interface Aligned {
	dates: Date[];
	a: Float64Array;
	b: Float64Array;
}

export function alignCloses(a: ColumnTable, b: ColumnTable, fn: string): Aligned {
	const datesA = dateColumn(a, fn);
	const datesB = dateColumn(b, fn);
	const closeA = numberColumn(a, 'close', fn);
	const closeB = numberColumn(b, 'close', fn);
	const rowOfB = new Map(datesB.map((d, i) => [d.getTime(), i]));
	const dates: Date[] = [];
	const outA: number[] = [];
	const outB: number[] = [];
	datesA.forEach((d, i) => {
		const j = rowOfB.get(d.getTime());
		if (j === undefined) return;
		dates.push(d);
		outA.push(closeA[i]);
		outB.push(closeB[j]);
	});
	if (dates.length === 0) throw new Error(`${fn}: the two tables have no dates in common`);
	return { dates, a: Float64Array.from(outA), b: Float64Array.from(outB) };
}

/** Simple daily returns r[i] = x[i+1]/x[i] − 1 (one shorter than the input). */
export function dailyReturns(values: Float64Array): Float64Array {
	const out = new Float64Array(Math.max(values.length - 1, 0));
	for (let i = 0; i < out.length; i++) out[i] = values[i + 1] / values[i] - 1;
	return out;
}
