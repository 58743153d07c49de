/** Server-only market data: the data folder, remote providers with a disk cache, uploads (price series and tables). */
export { createServerSource, DEFAULT_PROVIDERS, CACHE_FOLDER, type ServerSource, type ServerSourceOptions } from './server-source';
export { storeUpload, storeSeries, UPLOAD_LIMIT_BYTES, type StoredUpload, type StoredSeries } from './upload';
export { storeTable, readTableFile, TABLE_LIMIT_BYTES, type StoredTable } from './tables';
export { seriesProgressResponse } from './progress-response';
export { withoutPaths, withoutDataDir } from './without-paths';
export { readTextLimited, BodyTooLarge } from './read-limited';
export { checkSymbol, candidateFileNames } from './symbols';
export { ProviderUnreachable, type PriceProvider } from './providers/provider';
export { yahooProvider } from './providers/yahoo';
export { stooqProvider } from './providers/stooq';
export { fredProvider } from './providers/fred';
