import type { ColumnTable } from 'arquero';

/** Plot reads arrays of row objects; arquero tables become them here, once. */
export function rowsOf(data: ColumnTable | object[], fn: string): Record<string, unknown>[] {
	if (Array.isArray(data)) return data as Record<string, unknown>[];
	if (typeof (data as ColumnTable)?.objects === 'function') return (data as ColumnTable).objects() as Record<string, unknown>[];
	throw new Error(`${fn}: expected an arquero table or an array of rows`);
}
