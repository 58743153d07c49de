/** What the table viewer needs from an arquero table, and the column types it shows. */

import type { TableLike } from '../runtime/summarize';

export { isTable, type TableLike } from '../runtime/summarize';

const sampleSize = 200;

/** A column's type as seen in its first rows: arquero columns are untyped arrays. */
export function columnTypes(table: TableLike): Record<string, string> {
	const sample = table.objects({ limit: sampleSize });
	return Object.fromEntries(
		table.columnNames().map((name) => {
			const kinds = new Set(sample.map((row) => typeOfCell(row[name])).filter((kind) => kind !== 'null'));
			return [name, kinds.size === 0 ? 'null' : kinds.size === 1 ? [...kinds][0] : 'mixed'];
		})
	);
}

function typeOfCell(value: unknown): string {
	if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return 'null';
	if (value instanceof Date) return 'date';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });

export function formatCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : numberFormat.format(value);
	if (value instanceof Date) {
		const iso = value.toISOString();
		// Daily market data: midnight UTC dates read better without a time.
		return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$/, 'Z');
	}
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}
