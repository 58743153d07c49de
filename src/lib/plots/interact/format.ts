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
