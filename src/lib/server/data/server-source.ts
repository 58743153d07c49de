import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataError } from '../../data/errors';
import { csvHeader, parsePriceSeries, priceHeaderMatch } from '../../data/parse-price-csv';
import type { FetchProgress } from '../../data/progress';
import type { FetchedCsv, SeriesSource } from '../../data/source';
import { countingFetch } from './counting-fetch';
import { fredProvider } from './providers/fred';
import { ProviderUnreachable, type PriceProvider } from './providers/provider';
import { recordedFetchFromEnv } from './providers/recorded-fetch';
import { stooqProvider } from './providers/stooq';
import { yahooProvider } from './providers/yahoo';
import { candidateFileNames, canonicalSymbol, isSymbol } from './symbols';
import { readTableFile } from './tables';
import { writeDataFile } from './write-atomic';

/** Tried in this order after the data folder, the sample and the cache. */
export const DEFAULT_PROVIDERS: PriceProvider[] = [yahooProvider, stooqProvider, fredProvider];

/** Provider downloads live here, inside the data folder, apart from the user's own files. */
export const CACHE_FOLDER = '.cache';

export interface ServerSourceOptions {
	/** The folder of `SYMBOL.csv` files; default `TAPE_DATA_DIR`, else `./data`. */
	dataDir?: string;
	/**
	 * The sample data set shipped with Tape, read when the data folder lacks a symbol; default
	 * `TAPE_SAMPLE_DIR` (set empty for none), else `./sample`. `null`: no sample.
	 */
	sampleDir?: string | null;
	providers?: PriceProvider[];
	/** How providers reach the network; tests pass recorded answers (and so does TAPE_TEST_PROVIDER_DIR, see recorded-fetch.ts). */
	fetchImpl?: typeof fetch;
}

/** Series files larger than this are refused, not read: 20+ years of daily bars is under 1 MB. */
export const SERIES_LIMIT_BYTES = 50 * 1024 * 1024;

/** A series file of the data folder, the sample or the cache, checked to be a file within the limit. */
export interface LocatedSeries {
	path: string;
	/** The file as the CLI names it (its path; the sample's as `sample/IWM.csv`); routes strip the data folder's path. */
	origin: string;
	from: 'folder' | 'sample' | 'cache';
}

export interface ServerSource extends SeriesSource {
	/** The data folder, resolved to an absolute path. */
	readonly dataDir: string;
	/** The sample folder, resolved, or null when there is none. */
	readonly sampleDir: string | null;
	/**
	 * The file that answers for `symbol` without a download (the folder's own file, the
	 * sample, then the cache unless `refresh`), or undefined; a DataError for a file that is a folder or too large.
	 */
	locate(symbol: string, opts?: { refresh?: boolean }): Promise<LocatedSeries | undefined>;
}

/**
 * The {@link SeriesSource} of the server and the headless CLI. For a symbol it returns the first of:
 * 1. the data folder's own file: `SYMBOL.csv` as written, then upper case, and for an index
 *    also without the caret (`^RUT` → `^RUT.csv`, then `RUT.csv`);
 * 2. the sample data set shipped with Tape (`sample/`, the same file names), so the shipped
 *    notebooks run offline on a fresh machine;
 * 3. unless `refresh`, a provider download cached in `<dataDir>/.cache/SYMBOL.csv`;
 * 4. the providers in order (Yahoo, Stooq, FRED by default); the first valid answer is cached.
 * The user's own files always win, then the sample: `refresh` refetches provider data only. The
 * result's `from` says which of the four answered; `onProgress` hears which provider is asked and
 * the bytes of its answer as they arrive (nothing when a file or the cache answers).
 * `fetchTable(name)` reads any `<name>.csv` of the data folder, for `loadTable`.
 *
 * @example
 * const loadSeries = createLoadSeries(createServerSource({ dataDir: '/data/prices' }));
 */
export function createServerSource(options: ServerSourceOptions = {}): ServerSource {
	const dataDir = resolve(options.dataDir ?? process.env.TAPE_DATA_DIR ?? './data');
	const sampleDir = sampleFolder(options.sampleDir);
	const providers = options.providers ?? DEFAULT_PROVIDERS;
	const fetchImpl = options.fetchImpl ?? recordedFetchFromEnv() ?? fetch;

	async function fromProviders(symbol: string, cachePath: string, cached: boolean, onProgress: (p: FetchProgress) => void): Promise<FetchedCsv> {
		const failures: string[] = [];
		// Offline means no provider that was asked could be reached. A provider that declines a
		// symbol without asking (FRED for `^RUT`) says nothing about the network, so it must not
		// turn the same missing file into another message for an index than for an ETF.
		let unreachable = 0;
		let reached = 0;
		for (const provider of providers) {
			const declined = (reason: string) => {
				failures.push(`${provider.name}: ${reason}`);
				onProgress({ type: 'declined', provider: provider.name, reason });
			};
			onProgress({ type: 'fetching', provider: provider.name });
			let asked = false;
			const asking: typeof fetch = (...args) => {
				asked = true;
				return fetchImpl(...args);
			};
			const counted = countingFetch(asking, (bytes, total) => onProgress({ type: 'received', provider: provider.name, bytes, total }));
			try {
				const text = await provider.fetchCsv(canonicalSymbol(symbol), counted);
				if (asked) reached++;
				if (text === undefined) {
					declined('no such symbol');
					continue;
				}
				// Validate before caching so a bad download never shadows a good provider next time.
				parsePriceSeries(text, `${provider.name} ${symbol}`);
				return await cache(cachePath, text, provider.name, symbol);
			} catch (e) {
				if (e instanceof ProviderUnreachable) unreachable++;
				else if (asked) reached++;
				declined((e as Error).message);
			}
		}
		const drop = `drop ${canonicalSymbol(symbol)}.csv there`;
		if (cached) {
			throw new DataError(`could not refresh ${symbol} (${failures.join('; ')}); the cached copy ${cachePath} is kept: load without refresh to use it`, { symbol });
		}
		if (unreachable > 0 && reached === 0) {
			throw new DataError(`no data for ${symbol}: offline and not in ${dataDir}; ${drop} or connect to the network and retry`, { symbol });
		}
		const tried = failures.length > 0 ? ` (${failures.join('; ')})` : '';
		throw new DataError(`no data for ${symbol}: not in ${dataDir} and no provider has it${tried}; ${drop}`, { symbol });
	}

	async function locate(symbol: string, opts: { refresh?: boolean } = {}): Promise<LocatedSeries | undefined> {
		for (const name of candidateFileNames(symbol)) {
			if (await isSeriesFile(join(dataDir, name), name)) return { path: join(dataDir, name), origin: join(dataDir, name), from: 'folder' };
		}
		if (sampleDir) {
			for (const name of candidateFileNames(symbol)) {
				if (await isSeriesFile(join(sampleDir, name), `sample/${name}`)) return { path: join(sampleDir, name), origin: `sample/${name}`, from: 'sample' };
			}
		}
		const cached = `${canonicalSymbol(symbol)}.csv`;
		const cachePath = join(dataDir, CACHE_FOLDER, cached);
		if (!opts.refresh && (await isSeriesFile(cachePath, `${cached} in the download cache`))) return { path: cachePath, origin: cachePath, from: 'cache' };
		return undefined;
	}

	return {
		dataDir,
		sampleDir,
		locate,
		listSymbols: () => listSymbolFiles([dataDir, join(dataDir, CACHE_FOLDER), ...(sampleDir ? [sampleDir] : [])]),
		async fetchCsv(symbol, opts = {}) {
			const local = await locate(symbol, opts);
			if (local) return { text: await readFile(local.path, 'utf8'), origin: local.origin, from: local.from };
			const cachePath = join(dataDir, CACHE_FOLDER, `${canonicalSymbol(symbol)}.csv`);
			const cached = opts.refresh && (await isSeriesFile(cachePath, cachePath).catch(() => false));
			return fromProviders(symbol, cachePath, !!cached, opts.onProgress ?? (() => {}));
		},
		fetchTable: (name) => readTableFile(dataDir, name)
	};
}

function sampleFolder(option: string | null | undefined): string | null {
	if (option !== undefined) return option === null ? null : resolve(option);
	const env = process.env.TAPE_SAMPLE_DIR;
	if (env !== undefined) return env === '' ? null : resolve(env);
	return resolve('sample');
}

/** Caches a download; a folder we may not write (a read-only share) costs the cache, not the data. */
async function cache(cachePath: string, text: string, provider: string, symbol: string): Promise<FetchedCsv> {
	try {
		await writeDataFile(cachePath, text);
		return { text, origin: cachePath, from: 'provider' };
	} catch (e) {
		return { text, origin: `${provider} ${symbol} (not cached: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, from: 'provider' };
	}
}

/** Whether `path` exists; a DataError naming `label` when it is not a file or is over {@link SERIES_LIMIT_BYTES}. */
async function isSeriesFile(path: string, label: string): Promise<boolean> {
	let info;
	try {
		info = await stat(path);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return false;
		throw e;
	}
	if (!info.isFile()) throw new DataError(`${label} in the data folder is not a file (a folder?): rename it, or put the series in a file of that name`);
	if (info.size > SERIES_LIMIT_BYTES) {
		throw new DataError(`${label} is ${Math.round(info.size / 1024 / 1024)} MB, over the ${SERIES_LIMIT_BYTES / 1024 / 1024} MB a price series may have (20 years of daily bars is under 1 MB): check it is the right file`);
	}
	return true;
}

/** `SYMBOL.csv` files in these folders (data, cache, sample), as symbols, sorted; none from a missing folder. */
async function listSymbolFiles(dirs: string[]): Promise<string[]> {
	const names = new Set<string>();
	for (const dir of dirs) {
		const entries = await readdir(dir).catch(() => [] as string[]);
		for (const entry of entries) {
			if (!entry.toLowerCase().endsWith('.csv')) continue;
			const symbol = entry.slice(0, -4);
			// A folder named DIRX.csv, a dangling link, a file we may not read: left out, never a failure of the list.
			// Tables (holdings, notes…) live in the same folder; the symbol picker offers price series only.
			if (isSymbol(symbol) && (await hasPriceHeader(join(dir, entry)))) names.add(symbol);
		}
	}
	return [...names].sort((a, b) => a.replace(/^\^/, '').localeCompare(b.replace(/^\^/, '')));
}

/** Whether a regular file starts with a price header (read from its first 4 KB); anything else is left out. */
export async function hasPriceHeader(path: string): Promise<boolean> {
	const file = await open(path).catch(() => undefined);
	if (!file) return false;
	try {
		if (!(await file.stat()).isFile()) return false;
		const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(4096), position: 0 });
		return priceHeaderMatch(csvHeader(buffer.subarray(0, bytesRead).toString('utf8'))) !== undefined;
	} catch {
		return false;
	} finally {
		await file.close();
	}
}
