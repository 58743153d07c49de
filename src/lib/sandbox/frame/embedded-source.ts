/** Market data inside an exported HTML file: the CSVs embedded at export time, no network. */
import { DataError, type SeriesSource } from '../../data/index';

export function embeddedSource(data: Record<string, string>): SeriesSource {
	return {
		listSymbols: async () => Object.keys(data).sort(),
		async fetchCsv(symbol) {
			const text = data[symbol];
			if (text === undefined) {
				const kept = Object.keys(data);
				throw new DataError(
					`${symbol} is not in this exported file (it holds ${kept.length ? kept.join(', ') : 'no data'}): export the notebook again after loading ${symbol} in it`
				);
			}
			return { text, origin: `embedded in this file` };
		}
	};
}
