import { dateValue, timestampValue, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { SqlError, type SqlParam } from './types';

const DAY_MS = 86_400_000;
const INT32_MAX = 2 ** 31 - 1;

/**
 * Binds `params` to the statement's `$1…$n` as values: a string that looks like SQL is a string.
 * Integers bind as INTEGER (so `LIMIT $1` works), other numbers as DOUBLE, `{ date: 'YYYY-MM-DD' }`
 * as DATE and `{ date: <ISO date-time> }` as TIMESTAMP.
 */
export function bindParams(prepared: DuckDBPreparedStatement, params: SqlParam[]): void {
	const expected = prepared.parameterCount;
	if (params.length !== expected) {
		throw new SqlError(`the query has ${expected} parameter${expected === 1 ? '' : 's'} but ${params.length} value${params.length === 1 ? ' was' : 's were'} given`, 'syntax');
	}
	params.forEach((value, i) => {
		const index = i + 1;
		if (value === null) prepared.bindNull(index);
		else if (typeof value === 'string') prepared.bindVarchar(index, value);
		else if (typeof value === 'boolean') prepared.bindBoolean(index, value);
		else if (typeof value === 'number') {
			if (Number.isInteger(value) && Math.abs(value) <= INT32_MAX) prepared.bindInteger(index, value);
			else prepared.bindDouble(index, value);
		} else if (typeof value === 'object' && typeof value.date === 'string') bindDate(prepared, index, value.date);
		else throw new SqlError(`parameter $${index} is not a string, number, boolean, null or { date }`, 'syntax');
	});
}

function bindDate(prepared: DuckDBPreparedStatement, index: number, text: string): void {
	const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
	if (!Number.isFinite(ms)) throw new SqlError(`parameter $${index}: ${JSON.stringify(text)} is not a date (use YYYY-MM-DD)`, 'syntax');
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) prepared.bindDate(index, dateValue(Math.round(ms / DAY_MS)));
	else prepared.bindTimestamp(index, timestampValue(BigInt(ms) * 1000n));
}
