import { DataError } from './errors';

const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Milliseconds at UTC midnight of a `YYYY-MM-DD` day written in `text` from `start` to `end`,
 * or NaN when it is not such a day. Reads char codes directly: this runs once per CSV row.
 */
export function parseIsoDay(text: string, start = 0, end = text.length): number {
	if (end - start !== 10) return NaN;
	if (text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return NaN;
	const year = digits(text, start, 4);
	const month = digits(text, start + 5, 2);
	const day = digits(text, start + 8, 2);
	if (!(month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1])) return NaN;
	if (month === 2 && day === 29 && !isLeapYear(year)) return NaN;
	return utcDay(year, month, day);
}

/** Which field of a slashed date is the month: `MM/DD/YYYY` (US, investing.com) or `DD/MM/YYYY`. */
export type DayOrder = 'month-first' | 'day-first';

/** The two leading numbers and the year of `M/D/YYYY`-shaped text (1 or 2 digits each), or undefined. */
export function slashedParts(text: string, start = 0, end = text.length): [number, number, number] | undefined {
	const first = text.indexOf('/', start);
	const second = first < 0 ? -1 : text.indexOf('/', first + 1);
	if (first < 0 || second < 0 || second >= end) return undefined;
	const a = first - start;
	const b = second - first - 1;
	if (a < 1 || a > 2 || b < 1 || b > 2 || end - second - 1 !== 4) return undefined;
	const parts: [number, number, number] = [digits(text, start, a), digits(text, first + 1, b), digits(text, second + 1, 4)];
	return parts.some(Number.isNaN) ? undefined : parts;
}

/** Ms at UTC midnight of a slashed date read in `order`, or NaN when it is not a calendar day. */
export function parseSlashedDay(text: string, start: number, end: number, order: DayOrder): number {
	const parts = slashedParts(text, start, end);
	if (parts === undefined) return NaN;
	const [month, day] = order === 'month-first' ? parts : [parts[1], parts[0]];
	const year = parts[2];
	if (!(month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1])) return NaN;
	if (month === 2 && day === 29 && !isLeapYear(year)) return NaN;
	return utcDay(year, month, day);
}

/** Date.UTC reads years 0–99 as 1900–1999; a file's `0001-01-01` means year 1. */
function utcDay(year: number, month: number, day: number): number {
	const ms = Date.UTC(year, month - 1, day);
	return year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}

function digits(text: string, start: number, count: number): number {
	let value = 0;
	for (let i = start; i < start + count; i++) {
		const d = text.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return NaN;
		value = value * 10 + d;
	}
	return value;
}

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `YYYY-MM-DD` of the UTC day containing `ms`. */
export function formatIsoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A user's day bound as ms at UTC midnight: a `YYYY-MM-DD` string, or a Date taken by its UTC
 * calendar day (so `new Date('2013-07-08')` and the table's own dates work as expected).
 */
export function toUtcDay(value: Date | string, option: string): number {
	if (value instanceof Date) {
		const ms = value.getTime();
		if (Number.isNaN(ms)) throw new DataError(`${option} is an invalid Date`);
		return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
	}
	const ms = parseIsoDay(value);
	if (Number.isNaN(ms)) throw new DataError(`${option} "${value}" is not a date; write YYYY-MM-DD`);
	return ms;
}

/** Whole days since 1970-01-01 for a ms timestamp at UTC midnight. */
export function epochDay(ms: number): number {
	return Math.floor(ms / MS_PER_DAY);
}
