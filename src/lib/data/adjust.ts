import type { PriceSeries } from './series';

/**
 * Rescales open, high, low and close by `adjClose / close` so that the whole bar is on the
 * dividend-adjusted scale of Yahoo's Adj Close (close then equals adjClose). Volume is left as
 * published: Yahoo's Close is already split-adjusted, so the ratio only carries dividends.
 * Returns undefined when the series has no adjClose to adjust by.
 */
export function adjustForDividends(series: PriceSeries): PriceSeries | undefined {
	const { adjClose, close } = series.columns;
	if (!adjClose || !close) return undefined;
	const columns = { ...series.columns };
	for (const name of ['open', 'high', 'low'] as const) {
		const values = series.columns[name];
		if (values) columns[name] = values.map((v, i) => (v * adjClose[i]) / close[i]);
	}
	columns.close = adjClose.slice();
	return { dates: series.dates, columns };
}
