import { request, type PriceProvider } from './provider';

/** Yahoo-style index names that Stooq spells differently. */
const STOOQ_INDEX: Record<string, string> = { '^GSPC': '^spx', '^DJI': '^dji', '^NDX': '^ndx' };

/**
 * Stooq's symbol: indices keep their caret (`^spx`), US listings get `.us` (`iwm.us`), and
 * symbols that already name a market (`tsco.uk`) are kept; all lower case.
 */
export function stooqSymbol(symbol: string): string {
	const upper = symbol.toUpperCase();
	if (STOOQ_INDEX[upper]) return STOOQ_INDEX[upper];
	if (upper.startsWith('^') || upper.includes('.')) return upper.toLowerCase();
	return `${upper.toLowerCase()}.us`;
}

/** Stooq's daily CSV download (`Date,Open,High,Low,Close,Volume`), already in a layout the parser reads. */
export const stooqProvider: PriceProvider = {
	name: 'stooq',
	async fetchCsv(symbol, fetchImpl) {
		const response = await request(fetchImpl, `https://stooq.com/q/d/l/?s=${encodeURIComponent(stooqSymbol(symbol))}&i=d`);
		if (response.status === 404) return undefined;
		if (!response.ok) throw new Error(`stooq answered ${response.status} ${response.statusText}`);
		const text = await response.text();
		if (/^\s*no data/i.test(text)) return undefined;
		// Stooq answers some clients with a 200 web page (a browser check) instead of the CSV.
		if (!/^\s*date,/i.test(text)) throw new Error('stooq answered with a web page instead of CSV (it may be asking for a browser check)');
		return text;
	}
};
