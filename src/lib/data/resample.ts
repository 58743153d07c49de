import type { ColumnTable } from 'arquero';
import { longTable } from './align';
import { seriesFromTable } from './from-table';
import { checkInterval, type Interval } from './interval';
import { resampleSeries } from './resample-series';
import { seriesToTable } from './series';

/**
 * Resamples a daily price table into weekly, monthly or n-session bars: open = first,
 * high = max, low = min, close = last, volume = sum, adjClose = last.
 *
 * - Each bar is dated by its **last** session (a weekly bar carries its Friday, or Thursday in a
 *   holiday week): its close is known on that date, so joins with daily data never look ahead.
 * - `'week'`: Monday–Sunday calendar weeks. `'month'`: calendar months.
 * - `{ days: n }`: bars of n sessions counted from the table's first row; the last bar may be
 *   shorter. Filtering the table first moves the anchor.
 * - A week or month cut by the table's first or last row gives a partial bar (e.g. a weekly bar
 *   dated Wednesday when the data ends on a Wednesday).
 * - A long table (with `symbol`) is resampled per symbol. Only `date`, `symbol` and the price
 *   columns are kept; derived columns would be meaningless on bars, so recompute them after.
 *
 * @example
 * const daily = await loadSeries('^RUT');
 * const weekly = resample(daily, 'week');
 * const threeDay = resample(daily, { days: 3 });
 */
export function resample(table: ColumnTable, interval: Interval): ColumnTable {
	const checked = checkInterval(interval);
	const { items, long } = seriesFromTable(table, 'resample');
	const bars = items.map(({ symbol, series }) => ({ symbol, series: resampleSeries(series, checked) }));
	return long ? longTable(bars) : seriesToTable(bars[0]?.series ?? { dates: new Float64Array(0), columns: {} });
}
