/** Numbers in a crosshair readout: two decimals for prices, fewer digits for large values, SI for volumes. */
export function formatValue(value: number | null | undefined, kind: 'number' | 'volume' = 'number'): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	if (kind === 'volume') {
		const units: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
		for (const [size, unit] of units) if (Math.abs(value) >= size) return `${(value / size).toFixed(1)}${unit}`;
		return String(Math.round(value));
	}
	const abs = Math.abs(value);
	return value.toLocaleString('en-US', { maximumFractionDigits: abs >= 1000 ? 0 : abs >= 1 ? 2 : 4, minimumFractionDigits: abs >= 1000 ? 0 : abs >= 1 ? 2 : 0 });
}

/** A day's date for daily data, else the full time. */
export function formatX(value: number, temporal: boolean): string {
	if (!temporal) return String(Math.round(value * 1000) / 1000);
	const iso = new Date(value).toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
