import { formatIsoDay } from '../../../data/dates';
import { request, type PriceProvider } from './provider';

/** The fields of Yahoo's chart API (v8) that daily bars need. */
interface ChartResponse {
	chart: {
		result: null | {
			meta: { gmtoffset?: number };
			timestamp?: number[];
			indicators: {
				quote: { open: (number | null)[]; high: (number | null)[]; low: (number | null)[]; close: (number | null)[]; volume: (number | null)[] }[];
				adjclose?: { adjclose: (number | null)[] }[];
			};
		}[];
		error: null | { code: string; description: string };
	};
}

/**
 * Yahoo Finance's chart API, full daily history, written out as a Yahoo CSV export
 * (`Date,Open,High,Low,Close,Adj Close,Volume`, `null` where Yahoo has no value).
 */
export const yahooProvider: PriceProvider = {
	name: 'yahoo',
	async fetchCsv(symbol, fetchImpl) {
		const now = Math.floor(Date.now() / 1000);
		const url = `https://query1.finance.yahoo.com/v8/finance/chart/${encodeURIComponent(symbol)}?period1=0&period2=${now}&interval=1d&events=div%2Csplit&includeAdjustedClose=true`;
		// Yahoo refuses requests without a browser-like User-Agent.
		const response = await request(fetchImpl, url, { 'user-agent': 'Mozilla/5.0 (compatible; Tape)' });
		if (response.status === 404) return undefined;
		if (!response.ok) throw new Error(`yahoo answered ${response.status} ${response.statusText}`);
		return chartToCsv((await response.json()) as ChartResponse);
	}
};

export function chartToCsv(body: ChartResponse): string | undefined {
	const result = body.chart?.result?.[0];
	if (!result) {
		if (body.chart?.error?.code === 'Not Found') return undefined;
		throw new Error(`yahoo: ${body.chart?.error?.description ?? 'unexpected answer without a result'}`);
	}
	const times = result.timestamp ?? [];
	const quote = result.indicators.quote[0];
	const adj = result.indicators.adjclose?.[0]?.adjclose;
	// Timestamps are the session's opening instant; shifting by the exchange's UTC offset gives its local day.
	const offset = result.meta.gmtoffset ?? 0;
	const cell = (v: number | null | undefined) => (v === null || v === undefined ? 'null' : String(v));
	const rows: string[] = [];
	let lastDate = '';
	for (let i = 0; i < times.length; i++) {
		const date = formatIsoDay((times[i] + offset) * 1000);
		const values = [quote.open[i], quote.high[i], quote.low[i], quote.close[i], ...(adj ? [adj[i]] : []), quote.volume[i]];
		const row = `${date},${values.map(cell).join(',')}`;
		// During a session Yahoo may append the live bar as a second row for the same day: the later one wins.
		if (date === lastDate) rows[rows.length - 1] = row;
		else rows.push(row);
		lastDate = date;
	}
	const header = adj ? 'Date,Open,High,Low,Close,Adj Close,Volume' : 'Date,Open,High,Low,Close,Volume';
	return `${header}\n${rows.join('\n')}\n`;
}
