/** Server-only market data: the data folder, remote providers with a disk cache, uploads (price series and tables). */
export { createServerSource, DEFAULT_PROVIDERS, CACHE_FOLDER, SERIES_LIMIT_BYTES, type ServerSource, type ServerSourceOptions, type LocatedSeries } from './server-source';
export { csvFileResponse } from './file-response';
export { rangedCsvResponse } from './range-response';
export { storeUpload, storeSeries, UPLOAD_LIMIT_BYTES, type StoredUpload, type StoredSeries } from './upload';
export { storeTable, readTableFile, locateTableFile, TABLE_LIMIT_BYTES, type StoredTable } from './tables';
export { seriesProgressResponse } from './progress-response';
export { withoutPaths, withoutDataDir } from './without-paths';
export { readTextLimited, BodyTooLarge } from './read-limited';
export { checkSymbol, candidateFileNames } from './symbols';
export { ProviderUnreachable, type PriceProvider } from './providers/provider';
export { yahooProvider } from './providers/yahoo';
export { stooqProvider } from './providers/stooq';
export { fredProvider } from './providers/fred';
export { DataConflict, describeDifference, type ExistingPolicy } from './replace';
export { keepInTrash, DATA_TRASH_FOLDER } from './trash';
export { listDataTrash, restoreDataFile } from './trash-restore';
export { removeAbandonedDataWrites } from './write-atomic';
