import type { SqlLimits } from './types';

/**
 * The limits of a query from a notebook: 1 M rows (a long daily history of a few thousand
 * symbols), 30 s, 1 GB. `TAPE_SQL_MAX_ROWS`, `TAPE_SQL_TIMEOUT_MS` and `TAPE_SQL_MEMORY_MB`
 * change them for a server (the reliability suite runs with short ones).
 */
export function sqlLimits(env: Record<string, string | undefined> = process.env): SqlLimits {
	return {
		maxRows: positive(env.TAPE_SQL_MAX_ROWS) ?? 1_000_000,
		timeoutMs: positive(env.TAPE_SQL_TIMEOUT_MS) ?? 30_000,
		memoryBytes: (positive(env.TAPE_SQL_MEMORY_MB) ?? 1024) * 1024 * 1024
	};
}

function positive(text: string | undefined): number | undefined {
	const value = Number(text);
	return text && Number.isFinite(value) && value > 0 ? value : undefined;
}
