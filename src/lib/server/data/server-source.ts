import { open, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataError } from '../../data/errors';
import { csvHeader, parsePriceSeries, priceHeaderMatch } from '../../data/parse-price-csv';
import type { DataFrom, FetchProgress } from '../../data/progress';
import type { FetchedCsv, SeriesSource } from '../../data/source';
import { countingFetch } from './counting-fetch';
import { fredProvider } from './providers/fred';
import { ProviderUnreachable, type PriceProvider } from './providers/provider';
import { recordedFetchFromEnv } from './providers/recorded-fetch';
import { stooqProvider } from './providers/stooq';
import { yahooProvider } from './providers/yahoo';
import { candidateFileNames, canonicalSymbol, isSymbol } from './symbols';
import { readTableFile } from './tables';
import { writeFileAtomic } from './write-atomic';

/** Tried in this order after the data folder and the cache. */
export const DEFAULT_PROVIDERS: PriceProvider[] = [yahooProvider, stooqProvider, fredProvider];

/** Provider downloads live here, inside the data folder, apart from the user's own files. */
export const CACHE_FOLDER = '.cache';

export interface ServerSourceOptions {
	/** The folder of `SYMBOL.csv` files; default `TAPE_DATA_DIR`, else `./data`. */
	dataDir?: string;
	providers?: PriceProvider[];
	/** How providers reach the network; tests pass recorded answers (and so does TAPE_TEST_PROVIDER_DIR, see recorded-fetch.ts). */
	fetchImpl?: typeof fetch;
}

export interface ServerSource extends SeriesSource {
	/** The data folder, resolved to an absolute path. */
	readonly dataDir: string;
}

/**
 * The {@link SeriesSource} of the server and the headless CLI. For a symbol it returns the first of:
 * 1. the data folder's own file: `SYMBOL.csv` as written, then upper case, and for an index
 *    also without the caret (`^RUT` → `^RUT.csv`, then `RUT.csv`);
 * 2. unless `refresh`, a provider download cached in `<dataDir>/.cache/SYMBOL.csv`;
 * 3. the providers in order (Yahoo, Stooq, FRED by default); the first valid answer is cached.
 * The user's own files always win: `refresh` refetches provider data only. The result's `from`
 * says which of the three answered; `onProgress` hears which provider is asked and the bytes
 * of its answer as they arrive (nothing when the folder or cache answers).
 * `fetchTable(name)` reads any `<name>.csv` of the data folder, for `loadTable`.
 *
 * @example
 * const loadSeries = createLoadSeries(createServerSource({ dataDir: '/data/prices' }));
 */
export function createServerSource(options: ServerSourceOptions = {}): ServerSource {
	const dataDir = resolve(options.dataDir ?? process.env.TAPE_DATA_DIR ?? './data');
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

	return {
		dataDir,
		listSymbols: () => listSymbolFiles(dataDir),
		async fetchCsv(symbol, opts = {}) {
			for (const name of candidateFileNames(symbol)) {
				const local = await readIfExists(join(dataDir, name), 'folder');
				if (local !== undefined) return local;
			}
			const cachePath = join(dataDir, CACHE_FOLDER, `${canonicalSymbol(symbol)}.csv`);
			const cached = await readIfExists(cachePath, 'cache');
			if (cached !== undefined && !opts.refresh) return cached;
			return fromProviders(symbol, cachePath, cached !== undefined, opts.onProgress ?? (() => {}));
		},
		fetchTable: (name) => readTableFile(dataDir, name)
	};
}

/** Caches a download; a folder we may not write (a read-only share) costs the cache, not the data. */
async function cache(cachePath: string, text: string, provider: string, symbol: string): Promise<FetchedCsv> {
	try {
		await writeFileAtomic(cachePath, text);
		return { text, origin: cachePath, from: 'provider' };
	} catch (e) {
		return { text, origin: `${provider} ${symbol} (not cached: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, from: 'provider' };
	}
}

async function readIfExists(path: string, from: DataFrom): Promise<FetchedCsv | undefined> {
	try {
		return { text: await readFile(path, 'utf8'), origin: path, from };
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
		throw e;
	}
}

/** `SYMBOL.csv` files in the data folder and its cache, as symbols, sorted; none when the folder is missing. */
async function listSymbolFiles(dataDir: string): Promise<string[]> {
	const names = new Set<string>();
	for (const dir of [dataDir, join(dataDir, CACHE_FOLDER)]) {
		const entries = await readdir(dir).catch(() => [] as string[]);
		for (const entry of entries) {
			if (!entry.toLowerCase().endsWith('.csv')) continue;
			const symbol = entry.slice(0, -4);
			// Tables (holdings, notes…) live in the same folder; the symbol picker offers price series only.
			if (isSymbol(symbol) && (await hasPriceHeader(join(dir, entry)))) names.add(symbol);
		}
	}
	return [...names].sort((a, b) => a.replace(/^\^/, '').localeCompare(b.replace(/^\^/, '')));
}

/** Whether a file starts with a price header (read from its first 4 KB); unreadable files are left out. */
async function hasPriceHeader(path: string): Promise<boolean> {
	const file = await open(path).catch(() => undefined);
	if (!file) return false;
	try {
		const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(4096), position: 0 });
		return priceHeaderMatch(csvHeader(buffer.subarray(0, bytesRead).toString('utf8'))) !== undefined;
	} finally {
		await file.close();
	}
}
