import { table, type ColumnTable } from 'arquero';
import { seededRandom } from '../../../src/lib/research/stats/random.js';

export interface WalkOptions {
	/** share of each day's variance that is a market move common to every symbol (default 0) */
	market?: number;
	/** each symbol drifts at a uniform random rate in ±this per year (default 0: driftless) */
	driftSpread?: number;
	/** this many symbols drift up `drift` per session for the 21 sessions after each new `lookback`-session high */
	planted?: number;
	drift?: number;
	lookback?: number;
}

/** A long table (symbol, date, close) of seeded log random walks with 1% daily volatility. */
export function randomWalks(seed: number, symbols: number, sessions: number, options: WalkOptions = {}): ColumnTable {
	const { market = 0, driftSpread = 0, planted = 0, drift = 0, lookback = 252 } = options;
	const random = seededRandom(seed);
	const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const common = market > 0 ? Array.from({ length: sessions }, gaussian) : [];
	const columns = { symbol: [] as string[], date: [] as Date[], close: [] as number[] };
	for (let s = 0; s < symbols; s++) {
		const mu = driftSpread > 0 ? (driftSpread * (2 * random() - 1)) / 252 : 0;
		const close: number[] = [];
		let boost = 0;
		for (let t = 0; t < sessions; t++) {
			const shock = market > 0 ? Math.sqrt(1 - market) * gaussian() + Math.sqrt(market) * common[t] : gaussian();
			const step = mu + 0.01 * shock + (boost > 0 ? drift : 0);
			close.push(t === 0 ? 100 : close[t - 1] * Math.exp(step));
			if (boost > 0) boost--;
			if (s < planted && t > 0 && close.slice(Math.max(0, t - lookback), t).every((c) => close[t] > c)) boost = 21;
			columns.symbol.push(`S${s}`);
			columns.date.push(new Date(Date.UTC(2000, 0, 1 + t)));
		}
		columns.close.push(...close);
	}
	return table(columns);
}
