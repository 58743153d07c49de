import { DataError } from './errors';
import { formatIsoDay, parseIsoDay } from './dates';

/**
 * The sessions a `loadSeries` call keeps, as `YYYY-MM-DD` days, both ends included; a side left
 * out is open. A source may answer with only these rows (the workspace server cuts the file) or
 * with more (`loadSeries` clips anyway), never with fewer.
 */
export interface SessionRange {
	start?: string;
	end?: string;
}

/** The range of `start`..`end` (ms at UTC midnight, ±Infinity when open), or undefined when both are open. */
export function sessionRange(start: number, end: number): SessionRange | undefined {
	const range: SessionRange = {};
	const day = (ms: number) => {
		if (!Number.isFinite(ms)) return undefined;
		const text = formatIsoDay(ms);
		// Days outside years 0000–9999 have no YYYY-MM-DD: that side is left open (more rows, never fewer).
		return parseIsoDay(text) === ms ? text : undefined;
	};
	const first = day(start);
	const last = day(end);
	if (first) range.start = first;
	if (last) range.end = last;
	return first || last ? range : undefined;
}

/**
 * A range as a request names it (`?start=2012-01-01&end=2013-12-31`), checked: each given side a
 * real `YYYY-MM-DD` day, start not after end. Undefined when neither is given.
 */
export function readSessionRange(start: string | null, end: string | null): SessionRange | undefined {
	if (start === null && end === null) return undefined;
	const check = (value: string | null, name: string) => {
		if (value === null) return undefined;
		if (Number.isNaN(parseIsoDay(value))) throw new DataError(`${name}=${JSON.stringify(value).slice(0, 40)} is not a date; write YYYY-MM-DD`);
		return value;
	};
	const range = { start: check(start, 'start'), end: check(end, 'end') };
	if (range.start && range.end && range.start > range.end) throw new DataError(`start=${range.start} is after end=${range.end}`);
	return Object.fromEntries(Object.entries(range).filter(([, v]) => v !== undefined)) as SessionRange;
}

/** The query string of a range (`start=…&end=…`), empty when open: part of the request's URL, so of every cache's key. */
export function rangeQuery(range: SessionRange | undefined): string {
	const params = new URLSearchParams();
	if (range?.start) params.set('start', range.start);
	if (range?.end) params.set('end', range.end);
	return params.toString();
}
