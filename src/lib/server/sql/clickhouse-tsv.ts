import { dateDay, dictionary, float64, tableFromArrays, tableToIPC, timestamp, utf8, TimeUnit, type DataType } from '@uwdata/flechette';
import { columnKind, uniqueName, zonedToUtc } from './clickhouse-arrow';

/** The format asked of ClickHouse for results: names and types in two header lines, then a row per line. 18.16 has it. */
export const TSV_FORMAT = 'TabSeparatedWithNamesAndTypes';

/**
 * A `TabSeparatedWithNamesAndTypes` answer as Arrow IPC, read straight from the text into columns
 * (no intermediate rows: `JSON.parse` of the same result as JSONCompact took most of a 1 M-row
 * answer's time). Types as jsonCompactToIpc gives them: every number float64 (NaN and infinities
 * null), Date a day, DateTime a millisecond timestamp read in its column's zone (else the
 * server's), the rest text as ClickHouse writes it (`[1,2]`, `('a',1)`); `\N` is null.
 * Reads at most `maxRows` rows; `truncated` when the answer holds more.
 * @throws Error when the text is not that format (a query with its own FORMAT clause).
 */
export function tsvToIpc(text: string, maxRows: number, serverZone: string): { ipc: Uint8Array; rows: number; truncated: boolean } {
	const namesEnd = text.indexOf('\n');
	const typesEnd = namesEnd < 0 ? -1 : text.indexOf('\n', namesEnd + 1);
	if (typesEnd < 0) throw new Error('the answer has no column names and types');
	const names = text.slice(0, namesEnd).split('\t').map(unescape);
	const types = text.slice(namesEnd + 1, typesEnd).split('\t').map(unescape);
	if (names.length !== types.length || types.some((type) => !/^[A-Z][A-Za-z0-9]*(\(.*\))?$/.test(type))) throw new Error('the answer is not TabSeparatedWithNamesAndTypes');
	const width = names.length;
	const kinds = types.map(columnKind);
	const zones = types.map((type) => /DateTime\('([^']+)'\)/.exec(type)?.[1] ?? serverZone);
	const capacity = Math.min(maxRows, countLines(text, typesEnd + 1));
	const numbers = kinds.map((kind) => (kind === 'number' ? new Float64Array(capacity) : undefined));
	const values = kinds.map((kind) => (kind === 'number' ? undefined : new Array<unknown>(capacity)));
	const nulls = kinds.map(() => false);
	// Daily bars repeat each date once per symbol: each distinct text is converted once.
	const seen = kinds.map(() => new Map<string, unknown>());

	let at = typesEnd + 1;
	let rows = 0;
	while (at < text.length) {
		if (rows === maxRows) return { ipc: toIpc(), rows, truncated: true };
		const eol = lineEnd(text, at);
		for (let c = 0; c < width; c++) {
			const tab = text.indexOf('\t', at);
			const last = c === width - 1;
			if (!last && (tab < 0 || tab > eol)) throw new Error(`row ${rows + 1} has fewer than ${width} fields`);
			if (last && tab >= 0 && tab < eol) throw new Error(`row ${rows + 1} has more than ${width} fields`);
			const end = last ? eol : tab;
			const field = text.slice(at, end);
			at = end + 1;
			if (field === '\\N') {
				nulls[c] = true;
				if (values[c]) values[c]![rows] = null;
				else numbers[c]![rows] = NaN;
				continue;
			}
			const kind = kinds[c];
			if (kind === 'number') {
				const n = Number(field);
				if (!Number.isFinite(n)) nulls[c] = true;
				numbers[c]![rows] = n;
			} else if (kind === 'text') values[c]![rows] = field.includes('\\') ? unescape(field) : field;
			else {
				let converted = seen[c].get(field);
				if (converted === undefined) seen[c].set(field, (converted = kind === 'date' ? Date.parse(`${field}T00:00:00Z`) : zonedToUtc(field, zones[c])));
				values[c]![rows] = converted;
			}
		}
		rows++;
	}
	return { ipc: toIpc(), rows, truncated: false };

	function toIpc(): Uint8Array {
		const arrays: Record<string, unknown[] | Float64Array> = {};
		const arrowTypes: Record<string, DataType> = {};
		names.forEach((name, c) => {
			const key = uniqueName(arrays, name);
			const kind = kinds[c];
			const column = numbers[c];
			if (column) {
				const used = column.subarray(0, rows);
				// A typed array without a type goes to Arrow as is; nulls (and NaN, ±∞) need the builder's validity.
				if (!nulls[c]) {
					arrays[key] = used;
					if (rows === 0) arrowTypes[key] = float64();
				} else {
					arrays[key] = Array.from(used, (n) => (Number.isFinite(n) ? n : null));
					arrowTypes[key] = float64();
				}
				return;
			}
			arrays[key] = values[c]!.length === rows ? values[c]! : values[c]!.slice(0, rows);
			// Text as a dictionary: a symbol column repeats a few names many times (an empty dictionary column does not read back).
			arrowTypes[key] = kind === 'date' ? dateDay() : kind === 'datetime' ? timestamp(TimeUnit.MILLISECOND, 'UTC') : rows === 0 ? utf8() : dictionary(utf8());
		});
		return tableToIPC(tableFromArrays(arrays, { types: arrowTypes }), { format: 'stream' })!;
	}
}

/** Where the line starting at `at` ends (its newline, or the end of the text). */
function lineEnd(text: string, at: number): number {
	const end = text.indexOf('\n', at);
	return end < 0 ? text.length : end;
}

function countLines(text: string, from: number): number {
	let n = 0;
	for (let at = text.indexOf('\n', from); at >= 0; at = text.indexOf('\n', at + 1)) n++;
	return text.length > from && text.charCodeAt(text.length - 1) !== 10 ? n + 1 : n;
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', '0': '\0', "'": "'", '\\': '\\' };

/** ClickHouse's TabSeparated escaping undone: `\t`, `\n`, `\\`, `\'`, `\0`… */
function unescape(field: string): string {
	return field.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}
