import { DuckDBTypeId, JSDuckDBValueConverter, type DuckDBDataChunk, type DuckDBDateValue, type DuckDBResult } from '@duckdb/node-api';
import { bool, dateDay, dictionary, float64, int64, tableFromArrays, tableToIPC, timestamp, TimeUnit, utf8, type DataType } from '@uwdata/flechette';

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
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

/**
 * Collects a streamed result chunk by chunk and writes it as one Arrow IPC stream with
 * flechette: numbers as float64, 64-bit integers as float64 when every value is a safe integer
 * (else int64, else text), dates as Arrow dates and timestamps in ms (arquero reads both as
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
		this.numbers = this.names.map((_, i) => (this.plans[i] === 'number' || this.plans[i] === 'date' ? new NumberColumn() : undefined));
	}

	/** Takes the first `count` rows of the chunk. */
	add(chunk: DuckDBDataChunk, count: number): void {
		for (let c = 0; c < this.names.length; c++) {
			const out = this.values[c];
			const plan = this.plans[c];
			const numbers = this.numbers[c];
			if (numbers) {
				const vector = chunk.getColumnVector(c);
				if (plan === 'date') {
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
				return integers(values as (bigint | null)[]);
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

	values(): Float64Array {
		return this.data.subarray(0, this.length);
	}

	withNulls(): (number | null)[] {
		const out: (number | null)[] = Array.from(this.values());
		for (const i of this.nullAt) out[i] = null;
		return out;
	}
}

function integers(values: (bigint | null)[]): { values: unknown[]; type: DataType } {
	const safe = values.every((v) => v === null || (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)));
	if (safe) return { values: values.map((v) => (v === null ? null : Number(v))), type: float64() };
	if (values.every((v) => v === null || (v >= MIN_INT64 && v <= MAX_INT64))) return { values, type: int64() };
	return { values: values.map((v) => (v === null ? null : v.toString())), type: utf8() };
}

function asText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
}
