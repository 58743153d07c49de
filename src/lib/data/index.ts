/** Market data for cells: loading, validating, aligning and resampling daily bars as arquero tables. */
export { createLoadSeries, type LoadSeries, type LoadSeriesOptions } from './load-series';
export type { SeriesSource } from './source';
export { createBrowserSource, ORIGIN_HEADER } from './browser-source';
export { parsePriceCsv, parsePriceSeries, type PriceLayout } from './parse-price-csv';
export { resample } from './resample';
export { toWide } from './to-wide';
export { DataError } from './errors';
export type { Interval } from './interval';
export type { PriceColumn, PriceSeries } from './series';
