import type { ColumnTable } from 'arquero';
import { dateColumn, iso, numberColumn, requireInteger, sessionOnOrBefore } from '../input.js';
import { realSpectrum, spectrumSize } from '../stats/sliding-dot.js';
import { bySymbol } from '../universe/by-symbol.js';
import { logCentred, preparedSeries } from './prepared-series.js';
import { centredPattern, pathsOf, patternScores, pickApart, spreadOf, type Analogue, type AnalogueOptions, type AnalogueSearch } from './analogues.js';

/** A symbol's best windows, before the universe-wide ranking. */
interface Candidate {
	symbol: string;
	close: Float64Array;
	/** dates as epoch milliseconds */
	times: Float64Array;
	start: number;
	score: number;
}

/** `analogues` on a long table (see its TSDoc): one reference window searched in every symbol. */
export function universeAnalogues(source: ColumnTable, options: AnalogueOptions): AnalogueSearch {
	const { window, top = 5, horizons = [20, 60], method = 'shape', asOf = 'reference', symbol } = options ?? ({} as AnalogueOptions);
	requireInteger(window, 'window', 'analogues', 3);
	requireInteger(top, 'top', 'analogues');
	horizons.forEach((h) => requireInteger(h, 'each horizon', 'analogues'));
	if (method !== 'shape') throw new Error(`analogues: across symbols only method 'shape' is supported (a slope distance is scaled per series), got '${method}'`);
	if (asOf !== 'reference' && asOf !== 'latest') throw new Error(`analogues: asOf must be 'reference' or 'latest', got '${String(asOf)}'`);
	const slices = bySymbol(source, 'analogues');
	if (symbol === undefined && slices.length > 1) throw new Error(`analogues: the table has ${slices.length} symbols; say whose window is the reference with { symbol }`);
	const refSlice = symbol === undefined ? slices[0] : slices.find((s) => s.symbol === String(symbol));
	if (!refSlice) throw new Error(`analogues: no symbol '${symbol}' in the table (${slices.slice(0, 5).map((s) => s.symbol).join(', ')}${slices.length > 5 ? ', …' : ''})`);
	const refDates = dateColumn(refSlice.table, 'analogues');
	const refClose = numberColumn(refSlice.table, 'close', 'analogues');
	const refEnd = options.reference === undefined ? refDates.length - 1 : sessionOnOrBefore(refDates, options.reference, 'analogues');
	const refStart = refEnd - window + 1;
	if (refStart < 0) throw new Error(`analogues: the reference window of ${window} sessions starts before ${refSlice.symbol}'s data (${refEnd + 1} sessions up to ${iso(refDates[refEnd])})`);
	const from = refDates[refStart].getTime();
	const to = refDates[refEnd].getTime();
	const pattern = centredPattern(logCentred(refClose.subarray(0, refEnd + 1)), refStart, window);
	const patternSpectra = new Map<number, Float64Array>();
	const candidates: Candidate[] = [];
	let windows = 0;
	for (const slice of slices) {
		let close: Float64Array;
		let times = slice.times;
		try {
			close = numberColumn(slice.table, 'close', 'analogues');
		} catch (error) {
			throw new Error(`${(error as Error).message} (symbol ${slice.symbol})`);
		}
		if (asOf === 'reference') {
			let end = times.length;
			while (end > 0 && times[end - 1] > to) end--;
			close = close.subarray(0, end);
			times = times.subarray(0, end);
		}
		if (close.length < window) continue;
		let series;
		try {
			series = preparedSeries(null, close, close.length);
		} catch (error) {
			throw new Error(`${(error as Error).message} (symbol ${slice.symbol})`);
		}
		// One pattern, many series: its spectrum once per transform size.
		const size = spectrumSize(close.length);
		if (!patternSpectra.has(size)) patternSpectra.set(size, realSpectrum(pattern.pattern, size, true));
		const scores = patternScores(pattern, series.logs, series.spectrum(), patternSpectra.get(size));
		// Windows sharing a day with the reference are not analogues of it.
		for (let i = 0; i < scores.length; i++) if (times[i] <= to && times[i + window - 1] >= from) scores[i] = NaN;
		for (const s of scores) if (!Number.isNaN(s)) windows++;
		// No reference to keep apart from in this series: its window is placed before the start.
		for (const start of pickApart(scores, window, -window, top)) candidates.push({ symbol: slice.symbol, close, times, start, score: scores[start] });
	}
	// Best first; ties keep the symbols' order, then time order.
	const best = candidates.map((c, k) => [c, k] as const).sort((a, b) => b[0].score - a[0].score || a[1] - b[1]).slice(0, top).map(([c]) => c);
	const matches: Analogue[] = best.map(({ symbol, close, times, start, score }) => {
		const end = start + window - 1;
		return {
			symbol,
			start: new Date(times[start]),
			end: new Date(times[end]),
			similarity: score,
			forward: Object.fromEntries(horizons.map((h) => [h, end + h < close.length ? close[end + h] / close[end] - 1 : NaN]))
		};
	});
	const refSeries = asOf === 'reference' ? refClose.subarray(0, refEnd + 1) : refClose;
	return {
		reference: { start: refDates[refStart], end: refDates[refEnd] },
		matches,
		spread: spreadOf(matches, horizons),
		paths: pathsOf(
			[
				{ label: 'reference', close: refSeries, date: (row) => refDates[row], start: refStart },
				...best.map((c) => ({ label: `${c.symbol} ${iso(new Date(c.times[c.start]))}`, close: c.close, date: (row: number) => new Date(c.times[row]), start: c.start }))
			],
			window,
			Math.max(...horizons)
		),
		universe: {
			symbols: slices.length,
			windows,
			note: `${windows} windows of ${window} sessions in ${slices.length} symbols compared with ${refSlice.symbol}'s ${iso(refDates[refStart])}–${iso(refDates[refEnd])}: the best of so many match closely by chance alone; read the spread of what followed, not one similarity.`
		}
	};
}
