/**
 * What the data routes tell a page: names inside the data folder, never where the folder is on
 * this machine (TRUST.md: no server paths in answers). The CLI keeps the full paths, which help
 * in a terminal; the server's answers go through this.
 */
import { sep } from 'node:path';
import { DataError } from '../../data/errors';
import type { FetchedCsv, SeriesSource } from '../../data/source';
import type { ServerSource } from './server-source';

/** `/srv/data/.cache/IWM.csv` → `.cache/IWM.csv`; `not in /srv/data` → `not in the data folder`. */
export function withoutDataDir(text: string, dataDir: string): string {
	return text.split(dataDir + sep).join('').split(dataDir).join('the data folder');
}

/** The source, with the folder's path taken out of origins and error messages. */
export function withoutPaths(source: ServerSource): SeriesSource {
	const clean = (fetched: FetchedCsv): FetchedCsv => ({ ...fetched, origin: withoutDataDir(fetched.origin, source.dataDir) });
	const rethrow = (e: unknown): never => {
		if (e instanceof DataError) throw new DataError(withoutDataDir(e.message, source.dataDir), e.symbol === undefined ? undefined : { symbol: e.symbol });
		throw e;
	};
	return {
		listSymbols: source.listSymbols,
		fetchCsv: (symbol, opts) => source.fetchCsv(symbol, opts).then(clean, rethrow),
		fetchTable: source.fetchTable && ((name) => source.fetchTable!(name).then(clean, rethrow))
	};
}
