import { request, type PriceProvider } from './provider';

/** FRED series ids are upper-case letters and digits (DGS10, FEDFUNDS, T10Y2Y). */
const SERIES_ID = /^[A-Z0-9]{2,30}$/;

/**
 * FRED (St. Louis Fed) series such as DGS10 or FEDFUNDS, written as `date,value` (a series
 * layout: rates may be zero or negative). FRED's empty or `.` observations are holidays
 * without a fixing and are left out.
 */
export const fredProvider: PriceProvider = {
	name: 'fred',
	async fetchCsv(symbol, fetchImpl) {
		const id = symbol.toUpperCase();
		if (!SERIES_ID.test(id)) return undefined;
		const response = await request(fetchImpl, `https://fred.stlouisfed.org/graph/fredgraph.csv?id=${id}`);
		if (response.status === 404 || response.status === 400) return undefined;
		if (!response.ok) throw new Error(`fred answered ${response.status} ${response.statusText}`);
		return fredToCsv(await response.text());
	}
};

export function fredToCsv(text: string): string | undefined {
	const [header, ...lines] = text.trim().split(/\r?\n/);
	// FRED headers are DATE,<ID> (older) or observation_date,<ID>; anything else is not a series.
	if (!/^(date|observation_date),/i.test(header ?? '')) return undefined;
	const rows = lines.filter((line) => {
		const value = line.slice(line.indexOf(',') + 1).trim();
		return value !== '' && value !== '.';
	});
	return `date,value\n${rows.join('\n')}\n`;
}
