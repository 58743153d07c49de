import type { ColumnTable } from 'arquero';
import { resample } from '../../data/resample.js';
import { TIMEFRAMES, type Timeframe } from './types.js';

/** A candle chart's bars at a timeframe: the table as given for 'day', else resampled (see `resample`). */
export function atTimeframe(table: ColumnTable, timeframe: Timeframe | undefined, fn: string): ColumnTable {
	if (timeframe === undefined || timeframe === 'day') return table;
	if (!TIMEFRAMES.includes(timeframe)) throw new Error(`${fn}: timeframe ${JSON.stringify(timeframe)} is not one of ${TIMEFRAMES.map((t) => `'${t}'`).join(', ')}`);
	return resample(table, timeframe === '3-day' ? { days: 3 } : timeframe);
}
