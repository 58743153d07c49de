import { table, type ColumnTable } from 'arquero';
import { dateColumn, iso, numberColumn, requireInteger, sessionOnOrBefore, type DateLike } from '../input.js';
import { dotsFromSpectra, realSpectrum } from '../stats/sliding-dot.js';
import { preparedSeries } from './prepared-series.js';
import { mean, median } from '../stats/summary.js';
import { isLong } from '../universe/by-symbol.js';
import { universeAnalogues } from './universe-analogues.js';

export interface AnalogueOptions {
	/** window length in sessions */
	window: number;
	/** how many analogues to return (default 5) */
	top?: number;
	/** forward horizons in sessions after each analogue's end (default [20, 60]) */
	horizons?: number[];
	/** 'shape': correlation of the log-price paths; 'slope': channel slope and R² (default 'shape') */
	method?: 'shape' | 'slope';
	/** the reference window ends on the last session on or before this date (default: the last row) */
	reference?: DateLike;
	/**
	 * Which data the search may see. `'reference'` (default): only sessions up to the reference's
	 * end, as if the table ended there, so matches lie before the reference and their forward
	 * returns stop at its end (NaN past it): what history said then, with no look-ahead.
	 * `'latest'`: the whole table, so a past reference can also match windows that came after it
	 * ("which later episodes looked like this"). The two agree when the reference is the last row.
	 */
	asOf?: 'reference' | 'latest';
	/** long tables only: the symbol whose window is the reference (needed when there are several) */
	symbol?: string;
}

export interface Analogue {
	/** the match's symbol, when searched across a long table */
	symbol?: string;
	start: Date;
	end: Date;
	/** shape: Pearson correlation of the log paths (1 = same shape); slope: 1 / (1 + distance) */
	similarity: number;
	/** close[end + h] / close[end] − 1 per horizon; NaN past the data */
	forward: Record<number, number>;
}

export interface AnalogueSearch {
	reference: { start: Date; end: Date };
	matches: Analogue[];
	/** one row per horizon: n, min, median, mean, max, positive (share > 0) of the matches' forward returns */
	spread: ColumnTable;
	/** long form for charting: label, session (0 = window start), value (100 at the window start) */
	paths: ColumnTable;
	/** for a long table: symbols searched, windows compared, and how to read the best of so many */
	universe?: { symbols: number; windows: number; note: string };
}

/**
 * Finds the past windows most like the reference window (by default the latest `window`
 * sessions). 'shape' scores every window by the Pearson correlation of its log closes with the
 * reference's (z-normalized path distance, d² = 2w(1 − r)), using prefix sums for the window
 * means and variances and an FFT sliding dot product, so a search is O(n log n). 'slope' scores
 * by the log-channel slope and R² of each window (prefix sums, O(n)): distance = √(Δslope² /
 * var(slopes) + ΔR² / var(R²)). Matches overlap neither the reference nor each other (best
 * first, greedily).
 *
 * A reference in the past is searched as of its end by default (`asOf: 'reference'`): for a
 * window ending 2007-10-09, windows and continuations after that day are not used, since the
 * question is what the history then said. Pass `asOf: 'latest'` to search the whole table.
 *
 * @example
 * const found = analogues(iwm, { window: 120, top: 5, horizons: [20, 60] })
 * found.matches   // [{ start, end, similarity, forward: { 20: 0.031, 60: -0.02 } }, …]
 * found.spread    // what followed, per horizon
 *
 * **Across a universe**: given a long table with a `symbol` column, the reference is `symbol`'s
 * window and every symbol's history is searched (shape only), each compared in its own log
 * prices; matches carry their `symbol`. Windows of any symbol overlapping the reference's dates
 * are left out (the same days elsewhere say nothing about what came next), and with
 * `asOf: 'reference'` every symbol is cut at the reference's end. `universe` counts the symbols
 * and windows compared: the best of hundreds of thousands of windows matches closely by chance
 * alone, so read the spread of what followed, not one match's similarity.
 *
 * @example
 * const found = analogues(universe, { symbol: 'IWM', window: 120, top: 20 })
 * found.matches[0].symbol
 * found.universe.note
 */
export function analogues(source: ColumnTable, options: AnalogueOptions): AnalogueSearch {
	if (isLong(source)) return universeAnalogues(source, options);
	const { window, top = 5, horizons = [20, 60], method = 'shape', asOf = 'reference' } = options ?? ({} as AnalogueOptions);
	requireInteger(window, 'window', 'analogues', 3);
	requireInteger(top, 'top', 'analogues');
	horizons.forEach((h) => requireInteger(h, 'each horizon', 'analogues'));
	if (method !== 'shape' && method !== 'slope') throw new Error(`analogues: method must be 'shape' or 'slope', got '${method}'`);
	if (asOf !== 'reference' && asOf !== 'latest') throw new Error(`analogues: asOf must be 'reference' or 'latest', got '${String(asOf)}'`);
	const allCloses = numberColumn(source, 'close', 'analogues');
	const dates = dateColumn(source, 'analogues');
	const refEnd = options.reference === undefined ? allCloses.length - 1 : sessionOnOrBefore(dates, options.reference, 'analogues');
	const refStart = refEnd - window + 1;
	if (refStart < 0) throw new Error(`analogues: the reference window of ${window} sessions starts before the data (${refEnd + 1} sessions up to ${iso(dates[refEnd])})`);
	// As of the reference, the search sees the table cut after the reference's last session.
	const close = asOf === 'reference' ? allCloses.subarray(0, refEnd + 1) : allCloses;
	if (close.length < 2 * window) {
		const seen = asOf === 'reference' && refEnd + 1 < allCloses.length ? ` up to the reference's end ${iso(dates[refEnd])} (asOf: 'latest' searches all ${allCloses.length})` : '';
		throw new Error(`analogues: needs at least ${2 * window} sessions for a window of ${window}, got ${close.length}${seen}`);
	}
	const series = preparedSeries(source, allCloses, close.length);
	const scores = method === 'shape'
		? patternScores(centredPattern(series.logs, refStart, window), series.logs, series.spectrum())
		: slopeScores(series.logs, window, refStart);
	const starts = pickApart(scores, window, refStart, top);
	const forward = (end: number) =>
		Object.fromEntries(horizons.map((h) => [h, end + h < close.length ? close[end + h] / close[end] - 1 : NaN]));
	const at = (row: number) => dates[row];
	const matches = starts.map((i) => ({ start: dates[i], end: dates[i + window - 1], similarity: scores[i], forward: forward(i + window - 1) }));
	return {
		reference: { start: dates[refStart], end: dates[refEnd] },
		matches,
		spread: spreadOf(matches, horizons),
		paths: pathsOf([{ label: 'reference', close, date: at, start: refStart }, ...starts.map((start) => ({ label: iso(dates[start]), close, date: at, start }))], window, Math.max(...horizons))
	};
}

/** The reference window minus its mean, and its sum of squares. */
export function centredPattern(y: Float64Array, refStart: number, w: number): { pattern: Float64Array; refSS: number } {
	let refMean = 0;
	for (let j = 0; j < w; j++) refMean += y[refStart + j];
	refMean /= w;
	const pattern = new Float64Array(w);
	let refSS = 0;
	for (let j = 0; j < w; j++) {
		pattern[j] = y[refStart + j] - refMean;
		refSS += pattern[j] * pattern[j];
	}
	return { pattern, refSS };
}

/**
 * Correlation of each window of `y` with a centred pattern (the reference may come from another
 * series); NaN for flat windows. `spectrum` is y's (realSpectrum at spectrumSize(y.length)); the
 * pattern's may be passed too when one pattern is scored against many series.
 */
export function patternScores({ pattern, refSS }: { pattern: Float64Array; refSS: number }, y: Float64Array, spectrum: Float64Array, patternSpectrum?: Float64Array): Float64Array {
	const w = pattern.length;
	// Σ (x − x̄)·y over a window equals Σ (x − x̄)(y − ȳ), so the centred pattern needs no window mean.
	const dots = dotsFromSpectra(spectrum, patternSpectrum ?? realSpectrum(pattern, spectrum.length - 2, true), y.length, w);
	const spread = rollingSquaredDeviations(y, w);
	for (let i = 0; i < dots.length; i++) dots[i] = spread[i] > 1e-12 * w && refSS > 0 ? dots[i] / Math.sqrt(spread[i] * refSS) : NaN;
	return dots;
}

/**
 * Σ (y − ȳ)² of every window, updated as the window slides (Welford-style). Prefix sums of
 * squares would lose about 7 digits on short, quiet windows of a long series.
 */
function rollingSquaredDeviations(y: Float64Array, w: number): Float64Array {
	const out = new Float64Array(y.length - w + 1);
	let m = 0;
	let m2 = 0;
	for (let j = 0; j < w; j++) {
		const delta = y[j] - m;
		m += delta / (j + 1);
		m2 += delta * (y[j] - m);
	}
	out[0] = m2;
	for (let i = 1; i < out.length; i++) {
		const added = y[i + w - 1];
		const removed = y[i - 1];
		const next = m + (added - removed) / w;
		m2 += (added - removed) * (added - next + removed - m);
		m = next;
		out[i] = Math.max(m2, 0);
	}
	return out;
}

/** 1 / (1 + distance) in (standardised slope, R²) between each window's channel and the reference's. */
function slopeScores(y: Float64Array, w: number, refStart: number): Float64Array {
	const n = y.length;
	const count = n - w + 1;
	const sum = new Float64Array(n + 1);
	const squares = new Float64Array(n + 1);
	const indexed = new Float64Array(n + 1);
	for (let i = 0; i < n; i++) {
		sum[i + 1] = sum[i] + y[i];
		squares[i + 1] = squares[i] + y[i] * y[i];
		indexed[i + 1] = indexed[i] + i * y[i];
	}
	const sxx = (w * (w * w - 1)) / 12;
	const slope = new Float64Array(count);
	const r2 = new Float64Array(count);
	for (let i = 0; i < count; i++) {
		const s = sum[i + w] - sum[i];
		const sxy = indexed[i + w] - indexed[i] - i * s - ((w - 1) / 2) * s;
		const syy = squares[i + w] - squares[i] - (s * s) / w;
		slope[i] = sxy / sxx;
		r2[i] = syy > 0 ? Math.min(1, (sxy * sxy) / (sxx * syy)) : 0;
	}
	const sdSlope = Math.sqrt(variance(slope)) || 1;
	const sdR2 = Math.sqrt(variance(r2)) || 1;
	return slope.map((s, i) => {
		const d = Math.hypot((s - slope[refStart]) / sdSlope, (r2[i] - r2[refStart]) / sdR2);
		return 1 / (1 + d);
	});
}

function variance(values: Float64Array): number {
	const m = mean(values);
	let ss = 0;
	for (const v of values) ss += (v - m) ** 2;
	return ss / values.length;
}

/**
 * Best-scoring window starts, none overlapping the reference or an earlier pick, greedily. The
 * scores are kept as the best start of each block of `w`: a pick looks at the blocks' bests and
 * rescans only the (at most three) blocks it rules out, instead of every score again. Ties go to
 * the earlier window.
 */
export function pickApart(scores: Float64Array, w: number, refStart: number, top: number): number[] {
	const n = scores.length;
	// blocked[i] = 1: a window starting at i would overlap the reference or a pick.
	const blocked = new Uint8Array(n);
	const blocks = Math.ceil(n / w);
	const best = new Int32Array(blocks);
	const rescan = (b: number) => {
		let found = -1;
		let score = -Infinity;
		for (let i = b * w, end = Math.min(n, i + w); i < end; i++) {
			if (scores[i] > score && blocked[i] === 0) {
				found = i;
				score = scores[i];
			}
		}
		best[b] = found;
	};
	const block = (start: number) => {
		const from = Math.max(0, start - w + 1);
		const to = Math.min(n, start + w);
		blocked.fill(1, from, to);
		for (let b = Math.floor(from / w); b * w < to; b++) rescan(b);
	};
	for (let b = 0; b < blocks; b++) rescan(b);
	block(refStart);
	const picked: number[] = [];
	while (picked.length < top) {
		let choice = -1;
		for (let b = 0; b < blocks; b++) {
			const i = best[b];
			if (i >= 0 && (choice < 0 || scores[i] > scores[choice])) choice = i;
		}
		if (choice < 0) break;
		picked.push(choice);
		block(choice);
	}
	return picked;
}

export function spreadOf(matches: Analogue[], horizons: number[]): ColumnTable {
	const rows = horizons.map((h) => {
		const values = matches.map((m) => m.forward[h]).filter((v) => !Number.isNaN(v));
		return {
			horizon: h,
			n: values.length,
			min: values.length ? Math.min(...values) : NaN,
			median: median(values),
			mean: mean(values),
			max: values.length ? Math.max(...values) : NaN,
			positive: values.length ? values.filter((v) => v > 0).length / values.length : NaN
		};
	});
	return table(Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k as keyof typeof r])])));
}

/** A path to chart: its label, the series it is in and its first session. */
export interface PathSpec {
	label: string;
	close: Float64Array;
	date: (row: number) => Date;
	start: number;
}

/** Each path from its start to `ahead` sessions past its window (or the data's end), rebased to 100. */
export function pathsOf(paths: PathSpec[], w: number, ahead: number): ColumnTable {
	const columns = { label: [] as string[], session: [] as number[], value: [] as number[], date: [] as Date[] };
	for (const { label, close, date, start } of paths) {
		const last = Math.min(start + w - 1 + ahead, close.length - 1);
		for (let i = start; i <= last; i++) {
			columns.label.push(label);
			columns.session.push(i - start);
			columns.value.push((close[i] / close[start]) * 100);
			columns.date.push(date(i));
		}
	}
	return table(columns);
}
