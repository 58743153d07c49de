/** Market data for cells: loading, validating, aligning and resampling daily bars as arquero tables; other CSVs as plain tables. */
export { createLoadSeries, type LoadSeries, type LoadSeriesOptions } from './load-series';
export { createLoadTable, type LoadTable, type LoadTableOptions } from './load-table';
export { checkTableCsv, parseTableCsv, type CheckedTableCsv, type TableCsvOptions } from './parse-table-csv';
export { isTableName, tableFileName } from './table-name';
export type { SeriesSource, FetchCsvOptions, FetchedCsv } from './source';
export { providerLabel, isDataFrom, PROGRESS_MEDIA_TYPE, type DataFrom, type FetchProgress, type SeriesStreamLine } from './progress';
export { readSessionRange, rangeQuery, sessionRange, type SessionRange } from './session-range';
export { seriesToCsv } from './series-csv';
export { csvDateSpan, fromLabel, originLabel, type DateSpan } from './origin-label';
export { createBrowserSource, FROM_HEADER, ORIGIN_HEADER, SPAN_HEADER, WARNINGS_HEADER } from './browser-source';
export { priceHeaderMatch, parsePriceCsv, parsePriceSeries, type PriceLayout } from './parse-price-csv';
export { resample } from './resample';
export { toWide } from './to-wide';
export { DataError } from './errors';
export type { CsvSummary, DataConflictInfo } from './conflict';
export type { Interval } from './interval';
export type { PriceColumn, PriceSeries } from './series';
