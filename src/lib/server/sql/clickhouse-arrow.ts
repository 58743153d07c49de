import { dateDay, dictionary, float64, tableFromArrays, tableToIPC, timestamp, utf8, TimeUnit, type DataType } from '@uwdata/flechette';

/** ClickHouse's `JSONCompact` answer: column names and types, then rows of values. */
export interface JsonCompact {
	meta: Array<{ name: string; type: string }>;
	data: unknown[][];
}

/**
 * The rows of a `JSONCompact` answer as an Arrow IPC stream. 18.16 cannot answer in Arrow (its
 * output formats predate it), so the typed text is converted here: numbers of every width become
 * float64 (what the research library computes with; a UInt64 arrives as a quoted string), Date a
 * day, DateTime a millisecond timestamp (read in its column's zone, else the server's), the rest
 * text (arrays and tuples as their JSON). NaN and infinities arrive as JSON null and stay null.
 */
export function jsonCompactToIpc(answer: JsonCompact, rows: number, serverZone: string): Uint8Array {
	const arrays: Record<string, unknown[] | Float64Array> = {};
	const types: Record<string, DataType> = {};
	answer.meta.forEach(({ name, type }, c) => {
		const kind = columnKind(type);
		const key = uniqueName(arrays, name);
		if (kind === 'number') {
			const numbers = numberColumn(answer.data, c, rows);
			if (numbers) {
				// A typed array without a type goes to Arrow as is, without a builder per value.
				arrays[key] = numbers;
				return;
			}
		}
		const values = new Array<unknown>(rows);
		const zone = kind === 'datetime' ? (/DateTime\('([^']+)'\)/.exec(type)?.[1] ?? serverZone) : '';
		// Daily bars repeat each date once per symbol: each distinct text is converted once.
		const seen = new Map<unknown, unknown>();
		for (let r = 0; r < rows; r++) {
			const v = answer.data[r][c];
			if (v === null) values[r] = null;
			else if (kind === 'text') values[r] = typeof v === 'string' ? v : JSON.stringify(v);
			else {
				let converted = seen.get(v);
				if (converted === undefined) seen.set(v, (converted = convert(kind, v, zone)));
				values[r] = converted;
			}
		}
		arrays[key] = values;
		// Text as a dictionary: a symbol column repeats a few names many times (3× faster to build).
		types[key] = kind === 'number' ? float64() : kind === 'date' ? dateDay() : kind === 'datetime' ? timestamp(TimeUnit.MILLISECOND, 'UTC') : dictionary(utf8());
	});
	return tableToIPC(tableFromArrays(arrays, { types }), { format: 'stream' })!;
}

/** A number column without nulls as float64s, else undefined (nulls need the builder's validity). */
function numberColumn(data: unknown[][], c: number, rows: number): Float64Array | undefined {
	const numbers = new Float64Array(rows);
	for (let r = 0; r < rows; r++) {
		const v = data[r][c];
		if (v === null) return undefined;
		numbers[r] = typeof v === 'number' ? v : Number(v);
	}
	return numbers;
}

type Kind = 'number' | 'date' | 'datetime' | 'text';

function columnKind(type: string): Kind {
	const inner = type.replace(/^(?:Nullable|LowCardinality)\((.*)\)$/, '$1').replace(/^(?:Nullable|LowCardinality)\((.*)\)$/, '$1');
	if (/^(?:U?Int\d+|Float\d+|Decimal)/.test(inner)) return 'number';
	if (inner === 'Date') return 'date';
	if (/^DateTime\b/.test(inner)) return 'datetime';
	return 'text';
}

/** A number, date or time value of the answer as what its Arrow column holds. */
function convert(kind: Exclude<Kind, 'text'>, v: unknown, zone: string): unknown {
	switch (kind) {
		case 'number':
			return Number(v);
		case 'date':
			return Date.parse(`${v}T00:00:00Z`);
		default:
			return zonedToUtc(String(v), zone);
	}
}

/** Two columns of a result may share a name (`SELECT a.x, b.x`); Arrow needs them apart. */
function uniqueName(taken: Record<string, unknown>, name: string): string {
	let key = name;
	for (let i = 2; key in taken; i++) key = `${name}_${i}`;
	return key;
}

/** `YYYY-MM-DD hh:mm:ss` read on the clock of an IANA zone, as epoch milliseconds. */
function zonedToUtc(text: string, zone: string): number {
	const asUtc = Date.parse(`${text.replace(' ', 'T')}Z`);
	if (zone === 'UTC' || zone === 'Etc/UTC' || Number.isNaN(asUtc)) return asUtc;
	// The zone's offset at that instant, found by formatting it there; once more for a DST edge.
	let guess = asUtc - offsetMs(asUtc, zone);
	guess = asUtc - offsetMs(guess, zone);
	return guess;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(time: number, zone: string): number {
	let f = formatters.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
		formatters.set(zone, f);
	}
	const p = Object.fromEntries(f.formatToParts(new Date(time)).map((x) => [x.type, x.value]));
	return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(time / 1000) * 1000;
}
