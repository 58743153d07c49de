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
	return Date.UTC(year, month - 1, day);
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
