import { DuckDBTypeId, JSDuckDBValueConverter, type DuckDBDataChunk, type DuckDBDateValue, type DuckDBResult, type DuckDBVector } from '@duckdb/node-api';
import { bool, dateDay, dictionary, float64, tableFromArrays, tableToIPC, timestamp, TimeUnit, utf8, type DataType } from '@uwdata/flechette';

/** How a DuckDB column travels: the Arrow type arquero reads back as the value a notebook expects. */
type ColumnPlan = 'number' | 'integer' | 'boolean' | 'date' | 'timestamp' | 'string' | 'text';

const NUMBER_TYPES = new Set([
	DuckDBTypeId.DOUBLE,
	DuckDBTypeId.FLOAT,
	DuckDBTypeId.INTEGER,
	DuckDBTypeId.SMALLINT,
	DuckDBTypeId.TINYINT,
	DuckDBTypeId.UINTEGER,
	DuckDBTypeId.USMALLINT,
	DuckDBTypeId.UTINYINT,
	DuckDBTypeId.DECIMAL
]);
const INTEGER_TYPES = new Set([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);
const TIMESTAMP_TYPES = new Set([
	DuckDBTypeId.TIMESTAMP,
	DuckDBTypeId.TIMESTAMP_S,
	DuckDBTypeId.TIMESTAMP_MS,
	DuckDBTypeId.TIMESTAMP_NS,
	DuckDBTypeId.TIMESTAMP_TZ
]);

function planOf(typeId: DuckDBTypeId): ColumnPlan {
	if (NUMBER_TYPES.has(typeId)) return 'number';
	if (INTEGER_TYPES.has(typeId)) return 'integer';
	if (typeId === DuckDBTypeId.BOOLEAN) return 'boolean';
	if (typeId === DuckDBTypeId.DATE) return 'date';
	if (TIMESTAMP_TYPES.has(typeId)) return 'timestamp';
	if (typeId === DuckDBTypeId.VARCHAR || typeId === DuckDBTypeId.ENUM) return 'string';
	return 'text';
}

const DAY_MS = 86_400_000;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * Collects a streamed result chunk by chunk and writes it as one Arrow IPC stream with
 * flechette: numbers as float64, 64-bit integers as float64 when every value is a safe integer
 * (else as text, exact), dates as Arrow dates and timestamps in ms (arquero reads both as
 * Date), strings dictionary-encoded (a symbol column repeats a few names a million times), and
 * anything else (lists, structs, intervals…) as its text.
 */
export class ArrowCollector {
	private readonly names: string[];
	private readonly plans: ColumnPlan[];
	private readonly values: unknown[][];
	/** Numbers and dates (as ms) of a million rows would be a million boxed values: typed arrays instead. */
	private readonly numbers: (NumberColumn | undefined)[];
	rows = 0;

	constructor(result: DuckDBResult) {
		this.names = result.deduplicatedColumnNames();
		this.plans = this.names.map((_, i) => planOf(result.columnTypeId(i)));
		this.values = this.names.map(() => []);
		this.numbers = this.names.map((_, i) => (['number', 'integer', 'date'].includes(this.plans[i]) ? new NumberColumn() : undefined));
	}

	/** Takes the first `count` rows of the chunk. */
	add(chunk: DuckDBDataChunk, count: number): void {
		for (let c = 0; c < this.names.length; c++) {
			const out = this.values[c];
			const plan = this.plans[c];
			const numbers = this.numbers[c];
			if (numbers) {
				const vector = chunk.getColumnVector(c);
				// A DECIMAL's buffer holds scaled integers: it goes through the converter below.
				const raw = vector.type.typeId === DuckDBTypeId.DECIMAL ? undefined : rawItems(vector);
				if (raw && !(raw.items instanceof BigInt64Array)) {
					numbers.pushAll(raw.items, raw.valid, count, plan === 'date' ? DAY_MS : 1);
				} else if (raw && raw.items instanceof BigInt64Array && numbers.exact === undefined) {
					const { items, valid } = raw;
					for (let r = 0; r < count; r++) {
						if (valid && !valid(r)) {
							numbers.push(undefined, 1);
							continue;
						}
						const item = items[r];
						if (item > MAX_SAFE || item < MIN_SAFE) {
							numbers.keepExact();
							for (let rest = r; rest < count; rest++) numbers.exact!.push(valid && !valid(rest) ? null : items[rest]);
							break;
						}
						numbers.push(Number(item), 1);
					}
				} else if (plan === 'integer') {
					for (let r = 0; r < count; r++) {
						const item = vector.getItem(r) as bigint | null;
						// Most 64-bit integers (counts, volumes) are safe as doubles; the first that is not keeps them all as bigints.
						if (numbers.exact === undefined && item !== null && (item > MAX_SAFE || item < MIN_SAFE)) numbers.keepExact();
						numbers.exact?.push(item);
						numbers.push(item === null ? undefined : Number(item), 1);
					}
				} else if (plan === 'date') {
					for (let r = 0; r < count; r++) numbers.push((vector.getItem(r) as DuckDBDateValue | null)?.days, DAY_MS);
				} else if (vector.type.typeId === DuckDBTypeId.DECIMAL) {
					// DECIMAL items are objects; the converter turns them into doubles.
					const converted = chunk.convertColumnValues(c, JSDuckDBValueConverter) as (number | null)[];
					for (let r = 0; r < count; r++) numbers.push(converted[r] ?? undefined, 1);
				} else {
					for (let r = 0; r < count; r++) numbers.push((vector.getItem(r) as number | null) ?? undefined, 1);
				}
				continue;
			}
			const converted = chunk.convertColumnValues(c, JSDuckDBValueConverter);
			if (plan === 'text') {
				for (let r = 0; r < count; r++) out.push(asText(converted[r]));
			} else {
				for (let r = 0; r < count; r++) out.push(converted[r]);
			}
		}
		this.rows += count;
	}

	toIPC(): Uint8Array {
		const data: Record<string, unknown[] | Float64Array> = {};
		const types: Record<string, DataType> = {};
		this.names.forEach((name, c) => {
			const { values, type } = this.column(c);
			data[name] = values;
			// A Float64Array without a type goes into Arrow as it is, without a per-value builder.
			if (type) types[name] = type;
		});
		const table = tableFromArrays(data, { types });
		return tableToIPC(table, { format: 'stream' }) as Uint8Array;
	}

	private column(c: number): { values: unknown[] | Float64Array; type?: DataType } {
		const values = this.values[c];
		const numbers = this.numbers[c];
		switch (this.plans[c]) {
			case 'number':
				return numbers!.nulls ? { values: numbers!.withNulls(), type: float64() } : { values: numbers!.values() };
			case 'integer':
				if (numbers!.exact) return integers(numbers!.exact);
				return numbers!.nulls ? { values: numbers!.withNulls(), type: float64() } : { values: numbers!.values() };
			case 'boolean':
				return { values, type: bool() };
			case 'date':
				return { values: numbers!.nulls ? numbers!.withNulls() : Array.from(numbers!.values()), type: dateDay() };
			case 'timestamp':
				return { values, type: timestamp(TimeUnit.MILLISECOND) };
			case 'string':
				// flechette cannot read back a dictionary column of no rows (no dictionary batch is written).
				return { values, type: values.length > 0 ? dictionary(utf8()) : utf8() };
			default:
				return { values, type: utf8() };
		}
	}
}

/** A growing Float64Array; a null is stored as NaN and remembered, so the column can say which were null. */
class NumberColumn {
	private data = new Float64Array(2048);
	private length = 0;
	private nullAt: number[] = [];
	/** For 64-bit integers: every value as a bigint, once one is beyond a double's exact range. */
	exact?: (bigint | null)[];

	get nulls(): boolean {
		return this.nullAt.length > 0;
	}

	push(value: number | undefined, scale: number): void {
		if (this.length === this.data.length) {
			const grown = new Float64Array(this.data.length * 2);
			grown.set(this.data);
			this.data = grown;
		}
		if (value === undefined) this.nullAt.push(this.length);
		this.data[this.length++] = value === undefined ? NaN : value * scale;
	}

	/** The first `count` items of a vector's buffer; `valid(i)` false marks a null. */
	pushAll(items: Float64Array | Int32Array | Int16Array | Int8Array | Uint32Array | Uint16Array | Uint8Array, valid: ((i: number) => boolean) | null, count: number, scale: number): void {
		while (this.length + count > this.data.length) {
			const grown = new Float64Array(this.data.length * 2);
			grown.set(this.data);
			this.data = grown;
		}
		const start = this.length;
		if (scale === 1) this.data.set(items.subarray(0, count), start);
		else for (let i = 0; i < count; i++) this.data[start + i] = items[i] * scale;
		if (valid) {
			for (let i = 0; i < count; i++) {
				if (!valid(i)) {
					this.data[start + i] = NaN;
					this.nullAt.push(start + i);
				}
			}
		}
		this.length += count;
	}

	/** From now on also keeps bigints; those so far were safe, so they convert back exactly. */
	keepExact(): void {
		const nulls = new Set(this.nullAt);
		this.exact = Array.from(this.values(), (v, i) => (nulls.has(i) ? null : BigInt(v)));
	}

	values(): Float64Array {
		return this.data.subarray(0, this.length);
	}

	withNulls(): (number | null)[] {
		const out: (number | null)[] = Array.from(this.values());
		for (const i of this.nullAt) out[i] = null;
		return out;
	}
}

/** arquero reads Arrow int64 beyond 2^53 as an error, not a bigint: such columns travel as their exact digits. */
function integers(values: (bigint | null)[]): { values: unknown[]; type: DataType } {
	return { values: values.map((v) => (v === null ? null : v.toString())), type: utf8() };
}

type RawArray = Float64Array | Int32Array | Int16Array | Int8Array | Uint32Array | Uint16Array | Uint8Array | BigInt64Array;

/**
 * The typed array behind a fixed-width vector (doubles, integers, dates as days) and its nulls.
 * `getItem` checks validity with BigInt arithmetic and boxes dates one by one, which was most of
 * the time of a million rows; node-api keeps these arrays as (TypeScript-)private fields, so they
 * are looked for and the caller falls back to `getItem` when they are not there.
 */
function rawItems(vector: DuckDBVector): { items: RawArray; valid: ((i: number) => boolean) | null } | undefined {
	const fields = vector as unknown as { items?: unknown; validity?: { data?: unknown; offset?: unknown } };
	const items = fields.items;
	const known = [Float64Array, Int32Array, Int16Array, Int8Array, Uint32Array, Uint16Array, Uint8Array, BigInt64Array];
	if (!known.some((kind) => items instanceof kind)) return undefined;
	const validity = fields.validity;
	if (!validity || validity.offset !== 0) return undefined;
	if (validity.data === null) return { items: items as RawArray, valid: null };
	if (!(validity.data instanceof BigUint64Array)) return undefined;
	const bits = new Uint8Array(validity.data.buffer, validity.data.byteOffset, validity.data.byteLength);
	return { items: items as RawArray, valid: (i) => (bits[i >> 3] & (1 << (i & 7))) !== 0 };
}

function asText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
}
