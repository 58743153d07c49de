/** Server-only market data: the data folder, remote providers with a disk cache, uploads. */
export { createServerSource, DEFAULT_PROVIDERS, CACHE_FOLDER, type ServerSource, type ServerSourceOptions } from './server-source';
export { storeUpload, UPLOAD_LIMIT_BYTES, type StoredUpload } from './upload';
export { readTextLimited, BodyTooLarge } from './read-limited';
export { checkSymbol, candidateFileNames } from './symbols';
export { ProviderUnreachable, type PriceProvider } from './providers/provider';
export { yahooProvider } from './providers/yahoo';
export { stooqProvider } from './providers/stooq';
export { fredProvider } from './providers/fred';
