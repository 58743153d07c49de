/**
 * Says where a series came from in words a reader checks at a glance ("IWM: Tape's sample,
 * 2000-05-26 → 2024-09-12"), so sample or cached data is never taken for live data. Shared by
 * the workspace (a line under the toolbar) and `tape run` (its readable log).
 */
import { csvHeader } from './parse-price-csv';
import { parseIsoDay } from './dates';
import type { DataFrom } from './progress';

export interface DateSpan {
	first: string;
	last: string;
}

const WHERE: Record<DataFrom, string> = {
	folder: 'your data folder',
	sample: "Tape's sample",
	cache: 'downloaded earlier',
	provider: 'downloaded now'
};

/** Where a series came from, in words; undefined when the source did not say. */
export function fromLabel(from: DataFrom | undefined): string | undefined {
	return from && WHERE[from];
}

/**
 * The first and last `YYYY-MM-DD` dates of a price CSV, read from its first and last rows only
 * (either order: some exports are newest first); undefined when there is no date column or those
 * rows do not hold ISO dates. Cheap on a whole file: it never splits the rows in between.
 */
export function csvDateSpan(text: string): DateSpan | undefined {
	const names = csvHeader(text).map((n) => n.trim().toLowerCase().replace(/[^a-z0-9]/g, ''));
	const column = names.findIndex((n) => n === 'date' || n === 'observationdate');
	if (column < 0) return undefined;
	const lines = nonEmptyEnds(text);
	if (!lines) return undefined;
	const a = dateField(lines.second, column);
	const b = dateField(lines.last, column);
	if (a === undefined || b === undefined) return undefined;
	return a <= b ? { first: a, last: b } : { first: b, last: a };
}

/** "IWM: Tape's sample, 2000-05-26 → 2024-09-12" (the parts it knows). */
export function originLabel(symbol: string, from: DataFrom | undefined, span: DateSpan | undefined): string {
	const parts = [fromLabel(from), span && `${span.first} → ${span.last}`].filter(Boolean);
	return parts.length ? `${symbol}: ${parts.join(', ')}` : symbol;
}

/** The second non-empty line (the first row after the header) and the last one. */
function nonEmptyEnds(text: string): { second: string; last: string } | undefined {
	const head = text.split(/\r?\n/, 50).filter((l) => l.trim() !== '');
	if (head.length < 2) return undefined;
	let end = text.length;
	for (;;) {
		const start = text.lastIndexOf('\n', end - 1) + 1;
		const line = text.slice(start, end).replace(/\r$/, '');
		if (line.trim() !== '') return { second: head[1], last: line };
		if (start === 0) return undefined;
		end = start - 1;
	}
}

function dateField(line: string, column: number): string | undefined {
	const field = line.split(',')[column]?.trim().replace(/^"(.*)"$/, '$1');
	return field !== undefined && !Number.isNaN(parseIsoDay(field)) ? field : undefined;
}
