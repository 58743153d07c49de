/**
 * Events grouped by their forward windows: a cluster is a run of events whose windows overlap;
 * the groups are what the bootstrap draws whole.
 */

/**
 * Cluster number of each of the ascending rows: a row less than `horizon` sessions after the
 * previous one shares its cluster (their forward windows (t, t+h] overlap).
 */
export function overlapClusters(rows: Int32Array, horizon: number): Int32Array {
	const out = new Int32Array(rows.length);
	for (let i = 1; i < rows.length; i++) out[i] = out[i - 1] + (rows[i] - rows[i - 1] < horizon ? 0 : 1);
	return out;
}

/**
 * The groups the bootstrap draws: consecutive runs of events (`start`, length groups + 1), the
 * sum and size of each, and each event's distance in sessions from its group's first event.
 */
export interface Groups {
	count: number;
	start: Int32Array;
	sum: Float64Array;
	size: Float64Array;
	offset: Int32Array;
}

export function groupsOf(values: Float64Array, rows: Int32Array, cluster: Int32Array | null): Groups {
	const n = values.length;
	const count = n === 0 ? 0 : cluster ? cluster[n - 1] + 1 : n;
	const start = new Int32Array(count + 1);
	const sum = new Float64Array(count);
	const size = new Float64Array(count);
	const offset = new Int32Array(n);
	for (let i = 0, g = -1; i < n; i++) {
		const k = cluster ? cluster[i] : i;
		if (k !== g) start[(g = k)] = i;
		sum[k] += values[i];
		size[k]++;
		offset[i] = rows[i] - rows[start[k]];
	}
	start[count] = n;
	return { count, start, sum, size, offset };
}

/** Sessions each cluster keeps from others: its span plus the horizon. */
export function footprints({ count, start }: Groups, rows: Int32Array, horizon: number): Int32Array {
	const out = new Int32Array(count);
	for (let k = 0; k < count; k++) out[k] = rows[start[k + 1] - 1] - rows[start[k]] + horizon;
	return out;
}
