/**
 * Loading cost of `loadSeries` against a bare CSV parse of the same texts.
 * Run: `npx tsx bench/data.bench.ts` (reads TAPE_DATA_DIR, default ../shared/data/prices).
 * Texts are read into memory first, so both sides time parsing and table building, not disk.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromCSV } from 'arquero';
import { autoType, csvParse } from 'd3';
import { createLoadSeries, DataError, parsePriceSeries } from '../src/lib/data/index';

const SYMBOL_COUNT = 20;
const WARMUP = 3;
const RUNS = 15;

const root = resolve(fileURLToPath(import.meta.url), '../..');
const dataDir = resolve(root, process.env.TAPE_DATA_DIR ?? '../shared/data/prices');

/**
 * Whether a series trades on weekday sessions, like the equities the bench stands for: a monthly
 * FRED series or a crypto file with every calendar day would make the aligned table a few hundred
 * rows and the align figure meaningless.
 */
function isDailySessions(dates: Float64Array): boolean {
	if (dates.length < 2) return false;
	let weekend = 0;
	for (const d of dates) if ([0, 6].includes(new Date(d).getUTCDay())) weekend++;
	const spanDays = (dates[dates.length - 1] - dates[0]) / 86_400_000;
	return weekend / dates.length < 0.01 && spanDays / dates.length < 2;
}

/** The folder's daily price files that load; one that does not is reported and left out, not fatal. */
function readableFiles(): string[] {
	const files = readdirSync(dataDir).filter((f) => f.endsWith('.csv')).sort();
	const readable = files.filter((file) => {
		try {
			const { series } = parsePriceSeries(readFileSync(resolve(dataDir, file), 'utf8'), file);
			if (isDailySessions(series.dates)) return true;
			console.log(`skipped (not daily sessions): ${file}`);
			return false;
		} catch (e) {
			if (!(e instanceof DataError)) throw e;
			console.log(`skipped (unreadable): ${e.message}`);
			return false;
		}
	});
	if (readable.length === 0) throw new Error(`no readable price CSV in ${dataDir}; set TAPE_DATA_DIR`);
	return readable;
}

function readTexts(): Map<string, string> {
	const files = readableFiles();
	const texts = new Map<string, string>();
	// Repeat files under distinct names when the folder has fewer than 20.
	for (let i = 0; texts.size < SYMBOL_COUNT; i++) {
		const file = files[i % files.length];
		const symbol = file.replace(/\.csv$/, '') + (i >= files.length ? `#${Math.floor(i / files.length)}` : '');
		texts.set(symbol, readFileSync(resolve(dataDir, file), 'utf8'));
	}
	return texts;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function time(run: () => unknown): Promise<number> {
	const t0 = performance.now();
	await run();
	return performance.now() - t0;
}

const texts = readTexts();
const symbols = [...texts.keys()];
const loadSeries = createLoadSeries({ fetchCsv: async (s) => ({ text: texts.get(s)!, origin: s }) });
const rows = [...texts.values()].reduce((n, t) => n + t.split('\n').length - 2, 0);

const cases: Record<string, () => unknown> = {
	'loadSeries (parse, validate, align, table)': () => loadSeries(symbols),
	'aq.fromCSV (bare parse, autoType)': () => [...texts.values()].map((t) => fromCSV(t)),
	'd3.csvParse + autoType (bare parse)': () => [...texts.values()].map((t) => csvParse(t, autoType)),
	// A floor, not a fair rival: cells stay strings, nothing is typed or checked.
	'd3.csvParse (strings only)': () => [...texts.values()].map((t) => csvParse(t))
};
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let r = 0; r < WARMUP + RUNS; r++) {
	// Interleaved so drift on a shared machine hits every case alike.
	for (const [name, run] of Object.entries(cases)) {
		const ms = await time(run);
		if (r >= WARMUP) samples[name].push(ms);
	}
}

const aligned = await loadSeries(symbols);
console.log(`${symbols.length} symbols, ${rows} CSV rows in, ${aligned.numRows()} aligned rows out; median of ${RUNS} runs`);
const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
for (const [name, ms] of Object.entries(medians)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
const ours = medians['loadSeries (parse, validate, align, table)'];
console.log(`overhead vs aq.fromCSV: ${(ours / medians['aq.fromCSV (bare parse, autoType)']).toFixed(2)}x (target < 1.3x)`);
console.log(`overhead vs d3.csvParse: ${(ours / medians['d3.csvParse + autoType (bare parse)']).toFixed(2)}x`);
console.log(`vs d3.csvParse strings only: ${(ours / medians['d3.csvParse (strings only)']).toFixed(2)}x`);
console.log(`loadSeries under 150 ms: ${ours < 150 ? 'yes' : 'NO'}`);
