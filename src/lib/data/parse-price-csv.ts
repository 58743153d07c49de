import { csvParseRows } from 'd3';
import type { ColumnTable } from 'arquero';
import { DataError } from './errors';
import { formatIsoDay, parseIsoDay, parseSlashedDay, slashedParts, type DayOrder } from './dates';
import { seriesToTable, type PriceColumn, type PriceSeries } from './series';
import { parseDecimal, parseSuffixedCount } from './parse-decimal';

/**
 * The layouts a price file may have, told apart by its header (case, spaces and punctuation
 * ignored): `yahoo` has Adj Close, `stooq` has OHLC without it (in any column order, so
 * yfinance's `Date,Close,High,Low,Open,Volume` and investing.com's `Date,Price,Open,High,Low,Vol.`
 * are `stooq` too), `close` is `date,close` (or `date,price`), and `series` is a non-price series
 * such as a FRED rate (`date,value`, or FRED's own `observation_date,DGS10`), read into `close`
 * and allowed to be zero or negative.
 */
export type PriceLayout = 'yahoo' | 'stooq' | 'close' | 'series';

export interface ParsedPriceSeries {
	series: PriceSeries;
	layout: PriceLayout;
	warnings: string[];
}

const COLUMN_BY_HEADER: Record<string, PriceColumn | 'date' | 'value'> = {
	date: 'date',
	observationdate: 'date',
	open: 'open',
	high: 'high',
	low: 'low',
	close: 'close',
	// investing.com names the close `Price` and the volume `Vol.`; used only when there is no Close.
	price: 'close',
	adjclose: 'adjClose',
	adjustedclose: 'adjClose',
	volume: 'volume',
	vol: 'volume',
	value: 'value'
};

/** Cells that mean "no value": Yahoo writes `null`, FRED writes `.` or nothing. */
const MISSING_MARKERS = new Set(['null', '', '.']);
const LISTED_LINES = 5;

/**
 * Parses and validates a daily price CSV into an arquero table with `date` (Date at UTC
 * midnight), then `open, high, low, close, volume, adjClose` as far as the file has them.
 *
 * Reads Yahoo (`Date,Open,High,Low,Close,Adj Close,Volume`), Stooq
 * (`Date,Open,High,Low,Close,Volume`), yfinance (`Date,Close,High,Low,Open,Volume`: columns go by
 * name, in any order), investing.com exports (`"Date","Price","Open","High","Low","Vol.","Change %"`:
 * `Price` is the close, volumes such as `8.81M` or `603.30K` are scaled), pandas files whose first
 * column is an unnamed index (`,Date,…,Adjusted_close,…`, the index ignored), `date,close`
 * (or `date,price`), and `date,value` series such as FRED's (daily or monthly). Headers are matched
 * ignoring case, spaces and punctuation; other columns are ignored with a warning. A UTF-8 BOM,
 * quoted fields and CRLF or CR-only line ends are accepted.
 *
 * Dates are `YYYY-MM-DD`, or `MM/DD/YYYY` / `DD/MM/YYYY` for the whole file: which of the two is
 * decided from the file itself, by a date whose first number is above 12 (day first) or whose
 * second is (month first). A file where neither occurs (every day of month ≤ 12, such as a
 * monthly series on the 1st) is refused as ambiguous, and so is one where both occur.
 *
 * Refused with a {@link DataError} naming `origin:line, column`: an unparseable date or number
 * (one too large for a double, such as `1e400`, included), a zero or negative price (except in
 * `date,value` series), negative volume, high below low,
 * a row with some values missing, a duplicate date.
 * Repaired and reported in `warnings`: rows whose values are all missing (Yahoo writes `null`
 * rows on some holidays) are dropped; rows out of date order are sorted; opens or closes
 * outside the day's low–high range are kept as published and counted.
 *
 * @param text The CSV text.
 * @param origin Where the text came from (file path or URL), used in messages.
 * @example
 * const { table, warnings } = parsePriceCsv('Date,Close\n2013-07-08,1009.25\n', 'RUT.csv');
 * table.get('close', 0); // 1009.25
 */
export function parsePriceCsv(text: string, origin: string): { table: ColumnTable; warnings: string[] } {
	const { series, warnings } = parsePriceSeries(text, origin);
	return { table: seriesToTable(series), warnings };
}

/** {@link parsePriceCsv} into typed arrays, for callers that go on computing before building a table. */
export function parsePriceSeries(text: string, origin: string): ParsedPriceSeries {
	const bare = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const plain = bare.includes('"') ? unquote(bare, origin) : bare;
	// Lone CRs (classic Mac line ends) become LFs, one for one, so line numbers stay the file's.
	const lines = plain.includes('\r') && /\r(?!\n)/.test(plain) ? plain.replace(/\r\n?/g, '\n') : plain;
	return new PriceCsvReader(lines, origin).read();
}

/** Rewrites quoted CSV without quotes, refusing cells that would need them in a price file. */
function unquote(text: string, origin: string): string {
	const rows = csvParseRows(text);
	rows.forEach((row, i) => {
		const bad = row.find((cell) => /[,\n\r"]/.test(cell));
		if (bad !== undefined) {
			throw new DataError(`cell "${bad}" holds a comma, quote or line break; not a date or number`, {
				file: origin,
				line: i + 1
			});
		}
	});
	return rows.map((row) => row.join(',')).join('\n');
}

interface HeaderPlan {
	layout: PriceLayout;
	/** For each field of a row, the column it fills (undefined: ignored). */
	targets: (PriceColumn | 'date' | undefined)[];
	names: string[];
	valueColumns: PriceColumn[];
	ignored: string[];
	/** Positions in `valueColumns`, -1 when absent: looked up once, checked on every row. */
	volumeIndex: number;
	highIndex: number;
	lowIndex: number;
	pricesPositive: boolean;
}

class PriceCsvReader {
	private readonly warnings: string[] = [];

	constructor(
		private readonly text: string,
		private readonly origin: string
	) {}

	read(): ParsedPriceSeries {
		const { text } = this;
		let pos = 0;
		let line = 0;
		let header: HeaderPlan | undefined;
		while (header === undefined && pos < text.length) {
			const { start, end, next } = lineAt(text, pos);
			line++;
			pos = next;
			if (end > start) header = planHeader(text.slice(start, end).split(','), line, this.origin);
		}
		if (header === undefined) throw new DataError('empty file: expected a header such as Date,Open,High,Low,Close,Volume', { file: this.origin });
		const dayOrder = this.dayOrder(header, pos, line);
		const expectedDate = dayOrder === undefined ? 'YYYY-MM-DD' : dayOrder === 'month-first' ? 'MM/DD/YYYY as in the rest of the file' : 'DD/MM/YYYY as in the rest of the file';

		const capacity = countLines(text, pos) + 1;
		const dates = new Float64Array(capacity);
		const lines = new Int32Array(capacity);
		const values = header.valueColumns.map(() => new Float64Array(capacity));
		const fieldCount = header.targets.length;
		const starts = new Int32Array(fieldCount);
		const ends = new Int32Array(fieldCount);
		const row = new Float64Array(header.valueColumns.length);
		const valueIndexOfField = fieldValueIndexes(header);
		const droppedLines: number[] = [];
		let n = 0;
		let sorted = true;
		let firstUnsortedLine = 0;

		while (pos < text.length) {
			// lineAt() inlined: this loop runs once per row and its allocation showed in profiles.
			const start = pos;
			let eol = text.indexOf('\n', pos);
			if (eol < 0) eol = text.length;
			const end = eol > start && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
			line++;
			pos = eol + 1;
			if (end === start) continue;
			this.splitFields(start, end, starts, ends, line, header);

			let date = NaN;
			let missing = 0;
			let present = 0;
			let firstMissingField = -1;
			for (let f = 0; f < fieldCount; f++) {
				const target = header.targets[f];
				if (target === undefined) continue;
				if (target === 'date') {
					date = dayOrder === undefined ? parseIsoDay(text, starts[f], ends[f]) : parseSlashedDay(text, starts[f], ends[f], dayOrder);
					if (Number.isNaN(date)) this.fail(`"${text.slice(starts[f], ends[f])}" is not a date; expected ${expectedDate}`, line, header.names[f]);
					continue;
				}
				let v = parseDecimal(text, starts[f], ends[f]);
				if (Number.isNaN(v) && target === 'volume') v = parseSuffixedCount(text, starts[f], ends[f]);
				if (Number.isNaN(v)) {
					const raw = text.slice(starts[f], ends[f]).trim();
					if (!MISSING_MARKERS.has(raw)) this.fail(`"${raw}" is not a number`, line, header.names[f]);
					missing++;
					if (firstMissingField < 0) firstMissingField = f;
				} else present++;
				row[valueIndexOfField[f]] = v;
			}
			if (missing > 0) {
				if (present === 0) {
					droppedLines.push(line);
					continue;
				}
				this.fail('value missing while the rest of the row has values; fix or delete the row', line, header.names[firstMissingField]);
			}
			this.checkRow(header, row, line);

			if (n > 0 && date <= dates[n - 1]) {
				if (date === dates[n - 1]) this.duplicate(date, lines[n - 1], line);
				if (sorted) firstUnsortedLine = line;
				sorted = false;
			}
			dates[n] = date;
			lines[n] = line;
			for (let c = 0; c < row.length; c++) values[c][n] = row[c];
			n++;
		}
		if (n === 0) throw new DataError('no rows of data after the header', { file: this.origin, line });

		this.countStrayWeekends(dates.subarray(0, n), lines.subarray(0, n));
		if (droppedLines.length > 0) {
			this.warn(`dropped ${droppedLines.length} row(s) with no values (${listLines(droppedLines)}); Yahoo writes such null rows on some holidays`);
		}
		let series: PriceSeries = {
			dates: dates.subarray(0, n),
			columns: Object.fromEntries(header.valueColumns.map((name, c) => [name, values[c].subarray(0, n)]))
		};
		if (!sorted) {
			series = this.sortByDate(series, lines.subarray(0, n));
			this.warn(`rows were not in date order (first at line ${firstUnsortedLine}); sorted them by date`);
		}
		if (header.layout === 'yahoo' || header.layout === 'stooq') this.countOutsideRange(series, lines.subarray(0, n), sorted);
		if (header.ignored.length > 0) this.warn(`ignored column(s) ${header.ignored.join(', ')}`);
		return { series, layout: header.layout, warnings: this.warnings };
	}

	/**
	 * Undefined for `YYYY-MM-DD` files; for slashed dates, which number is the month, from the
	 * file's own evidence (see {@link parsePriceCsv}). Reads the date column once before the rows.
	 */
	private dayOrder(header: HeaderPlan, from: number, headerLine: number): DayOrder | undefined {
		const { text } = this;
		const field = header.targets.indexOf('date');
		const column = header.names[field];
		let line = headerLine;
		let firstLine = 0;
		let sample = '';
		let dayFirstAt: { line: number; cell: string } | undefined;
		let monthFirstAt: { line: number; cell: string } | undefined;
		for (let pos = from; pos < text.length; ) {
			const { start, end, next } = lineAt(text, pos);
			pos = next;
			line++;
			if (end === start) continue;
			const cell = text.slice(start, end).split(',')[field]?.trim() ?? '';
			const parts = slashedParts(cell);
			if (firstLine === 0) {
				if (parts === undefined) return undefined;
				firstLine = line;
				sample = cell;
			}
			if (parts === undefined) continue; // the row loop reports it, in order with other errors
			if (parts[0] > 12 && dayFirstAt === undefined) dayFirstAt = { line, cell };
			if (parts[1] > 12 && monthFirstAt === undefined) monthFirstAt = { line, cell };
		}
		if (firstLine === 0) return undefined;
		if (dayFirstAt && monthFirstAt) {
			const [early, late] = dayFirstAt.line < monthFirstAt.line ? [dayFirstAt, monthFirstAt] : [monthFirstAt, dayFirstAt];
			const order = (at: typeof early) => (at === dayFirstAt ? 'DD/MM/YYYY' : 'MM/DD/YYYY');
			this.fail(`"${late.cell}" can only be ${order(late)}, but "${early.cell}" at line ${early.line} can only be ${order(early)}; write dates as YYYY-MM-DD`, late.line, column);
		}
		if (dayFirstAt) return 'day-first';
		if (monthFirstAt) return 'month-first';
		return this.fail(`"${sample}" may be MM/DD/YYYY or DD/MM/YYYY, and no date in the file has a number above 12 to tell which; write dates as YYYY-MM-DD`, firstLine, column);
	}

	private splitFields(start: number, end: number, starts: Int32Array, ends: Int32Array, line: number, header: HeaderPlan): void {
		const { text } = this;
		const last = starts.length - 1;
		let fieldStart = start;
		for (let f = 0; f < last; f++) {
			const comma = text.indexOf(',', fieldStart);
			if (comma < 0 || comma >= end) {
				this.fail(`expected ${starts.length} columns (${header.names.join(',')}), found ${f + 1}`, line);
			}
			starts[f] = fieldStart;
			ends[f] = comma;
			fieldStart = comma + 1;
		}
		starts[last] = fieldStart;
		ends[last] = end;
		const extra = text.indexOf(',', fieldStart);
		if (extra >= 0 && extra < end) {
			const found = text.slice(start, end).split(',').length;
			this.fail(`expected ${starts.length} columns (${header.names.join(',')}), found ${found}`, line);
		}
	}

	private checkRow(header: HeaderPlan, row: Float64Array, line: number): void {
		const { volumeIndex, highIndex, lowIndex, pricesPositive } = header;
		for (let c = 0; c < row.length; c++) {
			if (c === volumeIndex) {
				if (row[c] < 0) this.fail(`volume ${row[c]} is negative`, line, nameOf(header, 'volume'));
			} else if (pricesPositive && !(row[c] > 0)) {
				this.fail(`price ${row[c]} is not positive`, line, nameOf(header, header.valueColumns[c]));
			}
		}
		if (highIndex >= 0 && row[highIndex] < row[lowIndex]) {
			this.fail(`high ${row[highIndex]} is below low ${row[lowIndex]}`, line, nameOf(header, 'high'));
		}
	}

	private countOutsideRange(series: PriceSeries, lines: Int32Array, linesMatchRows: boolean): void {
		const { open, high, low, close } = series.columns as Record<PriceColumn, Float64Array>;
		let count = 0;
		let first = -1;
		for (let i = 0; i < series.dates.length; i++) {
			if (open[i] > high[i] || open[i] < low[i] || close[i] > high[i] || close[i] < low[i]) {
				if (count++ === 0) first = i;
			}
		}
		if (count === 0) return;
		const where = linesMatchRows ? `line ${lines[first]}` : formatIsoDay(series.dates[first]);
		this.warn(`${count} row(s) have open or close outside the low–high range (first at ${where}); kept as published`);
	}

	/**
	 * A few Saturday or Sunday rows in a file that otherwise trades on weekdays are most likely
	 * bad rows (SOXX.csv from investing.com has a Saturday 2016-02-27 at three times the price of
	 * the days around it): reported, kept as published. Crypto (every day) and monthly series
	 * (a 1st is on a weekend 2 times in 7) have far more than the 5% this looks for.
	 */
	private countStrayWeekends(dates: Float64Array, lines: Int32Array): void {
		let count = 0;
		let first = -1;
		for (let i = 0; i < dates.length; i++) {
			const weekday = (((Math.floor(dates[i] / 86_400_000) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
			if (weekday === 0 || weekday === 6) {
				if (count++ === 0) first = i;
			}
		}
		if (count === 0 || count * 20 >= dates.length) return;
		this.warn(`${count} row(s) fall on a Saturday or Sunday while the rest trade on weekdays (first at line ${lines[first]}, ${formatIsoDay(dates[first])}); kept as published, check them`);
	}

	private sortByDate(series: PriceSeries, lines: Int32Array): PriceSeries {
		const order = Array.from(series.dates.keys()).sort((a, b) => series.dates[a] - series.dates[b] || a - b);
		for (let k = 1; k < order.length; k++) {
			if (series.dates[order[k]] === series.dates[order[k - 1]]) {
				const [a, b] = [lines[order[k - 1]], lines[order[k]]].sort((x, y) => x - y);
				this.duplicate(series.dates[order[k]], a, b);
			}
		}
		const permute = (values: Float64Array) => Float64Array.from(order, (i) => values[i]);
		const columns: PriceSeries['columns'] = {};
		for (const [name, values] of Object.entries(series.columns)) columns[name as PriceColumn] = permute(values);
		return { dates: permute(series.dates), columns };
	}

	private duplicate(date: number, firstLine: number, line: number): never {
		this.fail(`duplicate date ${formatIsoDay(date)} (also at line ${firstLine}); keep one row per session`, line);
	}

	private fail(message: string, line: number, column?: string): never {
		throw new DataError(message, { file: this.origin, line, column });
	}

	private warn(message: string): void {
		this.warnings.push(`${this.origin}: ${message}`);
	}
}

/**
 * The column names of a CSV's first non-empty line (quotes read as CSV, a BOM dropped): enough
 * of a file's start to tell with {@link priceHeaderMatch} what it is without parsing it all.
 */
export function csvHeader(text: string): string[] {
	const bare = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const line = bare.split(/\r?\n/, 50).find((l) => l.trim() !== '') ?? '';
	return csvParseRows(line)[0] ?? [];
}

/**
 * Whether a header (its column names, as read from the CSV) is one of the price layouts, so a
 * file with it is a price series rather than some other table: `'named'` when every column is a
 * price column, `'guessed'` for a date and one column of another name (read as a FRED-style
 * series, though it may as well be dates and notes), undefined when it is not a price header.
 *
 * @example
 * priceHeaderMatch(['Date', 'Close']); // 'named'
 * priceHeaderMatch(['observation_date', 'DGS10']); // 'guessed'
 * priceHeaderMatch(['name', 'sector', 'weight']); // undefined
 */
export function priceHeaderMatch(names: string[]): 'named' | 'guessed' | undefined {
	try {
		planHeader(names, 1, 'header');
	} catch (e) {
		if (e instanceof DataError) return undefined;
		throw e;
	}
	const unknown = names.filter((name) => COLUMN_BY_HEADER[name.trim().toLowerCase().replace(/[^a-z0-9]/g, '')] === undefined);
	return names.length === 2 && unknown.length === 1 ? 'guessed' : 'named';
}

/** Which layout a header names and where each field goes; a DataError at the header's line otherwise. */
function planHeader(rawNames: string[], line: number, origin: string): HeaderPlan {
	const fail = (message: string, column?: string): never => {
		throw new DataError(message, { file: origin, line, column });
	};
	const names = rawNames.map((name) => name.trim());
	const keys = names.map((name) => name.toLowerCase().replace(/[^a-z0-9]/g, ''));
	const targets: HeaderPlan['targets'] = [];
	const ignored: string[] = [];
	// pandas writes its row index as a first column with no name: not data, not worth a warning.
	const pandasIndex = names.length > 1 && names[0] === '' ? 1 : 0;
	let hasValue = false;
	keys.forEach((key, f) => {
		if (f < pandasIndex) {
			targets.push(undefined);
			return;
		}
		const column = key === 'price' && keys.includes('close') ? undefined : COLUMN_BY_HEADER[key];
		if (column === 'value') hasValue = true;
		if (column !== undefined && targets.includes(column === 'value' ? 'close' : column)) {
			fail(`column appears twice in the header`, names[f]);
		}
		targets.push(column === 'value' ? 'close' : column);
		if (column === undefined) ignored.push(names[f] === '' ? `${f + 1} (no name)` : names[f]);
	});
	if (!targets.includes('date')) {
		fail(`no date column in header "${names.join(',')}"; expected Date,Open,High,Low,Close[,Adj Close],Volume or date,close`);
	}
	// A raw FRED download names its value column after the series (observation_date,DGS10).
	if (names.length - pandasIndex === 2 && ignored.length === 1) {
		targets[targets.indexOf(undefined, pandasIndex)] = 'close';
		ignored.length = 0;
		hasValue = true;
	}
	const has = (c: PriceColumn) => targets.includes(c);
	if (!has('close')) fail(`no close column in header "${names.join(',')}"`);
	const ohlc = (['open', 'high', 'low'] as const).filter(has);
	if (ohlc.length > 0 && ohlc.length < 3) {
		fail(`header has ${ohlc.join(', ')} but not all of open, high, low`);
	}
	const layout: PriceLayout = hasValue ? 'series' : ohlc.length === 3 ? (has('adjClose') ? 'yahoo' : 'stooq') : 'close';
	const valueColumns = targets.filter((t): t is PriceColumn => t !== undefined && t !== 'date');
	return {
		layout,
		targets,
		names,
		valueColumns,
		ignored,
		volumeIndex: valueColumns.indexOf('volume'),
		highIndex: valueColumns.indexOf('high'),
		lowIndex: valueColumns.indexOf('low'),
		pricesPositive: layout !== 'series'
	};
}

function nameOf(header: HeaderPlan, column: PriceColumn): string {
	return header.names[header.targets.indexOf(column)];
}

function fieldValueIndexes(header: HeaderPlan): Int32Array {
	return Int32Array.from(header.targets, (t) => (t === undefined || t === 'date' ? -1 : header.valueColumns.indexOf(t)));
}

function lineAt(text: string, pos: number): { start: number; end: number; next: number } {
	let eol = text.indexOf('\n', pos);
	if (eol < 0) eol = text.length;
	const end = eol > pos && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
	return { start: pos, end, next: eol + 1 };
}

function countLines(text: string, from: number): number {
	let count = 0;
	for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) count++;
	return count;
}

function listLines(lines: number[]): string {
	const shown = lines.slice(0, LISTED_LINES).join(', ');
	return `line${lines.length > 1 ? 's' : ''} ${shown}${lines.length > LISTED_LINES ? ', …' : ''}`;
}
