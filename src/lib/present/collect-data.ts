/**
 * The CSVs a report or export carries, read by name from a data source. Which names: those the
 * workspace saw the notebook load, plus what reading its code finds (reachable-data.ts); nothing
 * here runs the notebook.
 */
import { csvDateSpan, originLabel, type DataFrom, type SeriesSource } from '../data/index';
import type { ReachableData } from './reachable-data';

export interface CollectedData {
	/** Symbol → CSV text. */
	series: Record<string, string>;
	/** Symbol → where its file came from (the reader's folder, the sample, a download), when the source said. */
	from: Record<string, DataFrom>;
	/** Table file name (holdings.csv) → CSV text. */
	tables: Record<string, string>;
}

export interface DataSources {
	/** Reads what the notebook names for sure (may ask a provider, for an export the user asked for). */
	named: SeriesSource;
	/** Reads guesses: only files the data folder or its cache already have, never a provider. */
	local: SeriesSource;
}

/** `seen`: what the workspace saw the notebook load in the browser (read like direct names). Names that fail to load are left out. */
export async function collectData(reachable: ReachableData, sources: DataSources, seen: { symbols?: string[]; tables?: string[] } = {}): Promise<CollectedData> {
	const series = new Map<string, string>();
	const tables = new Map<string, string>();
	const from = new Map<string, DataFrom>();
	const read = async (into: Map<string, string>, key: string, load: () => Promise<{ text: string; from?: DataFrom }> | undefined) => {
		if (into.has(key)) return;
		const result = await load()?.catch(() => undefined);
		if (!result) return;
		into.set(key, result.text);
		if (into === series && result.from) from.set(key, result.from);
	};
	for (const symbol of unique([...reachable.series.direct, ...(seen.symbols ?? [])])) await read(series, symbol, () => sources.named.fetchCsv(symbol));
	for (const symbol of unique(reachable.series.indirect)) await read(series, symbol, () => sources.local.fetchCsv(symbol));
	const tableNames = unique([...reachable.tables.direct, ...reachable.tables.indirect, ...(seen.tables ?? [])].map(tableFile));
	for (const file of tableNames) await read(tables, file, () => sources.local.fetchTable?.(file));
	const sorted = (map: Map<string, string>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
	return { series: sorted(series), tables: sorted(tables), from: Object.fromEntries([...from].sort(([a], [b]) => a.localeCompare(b))) };
}

/** "IWM: Tape's sample, 2000-05-26 → 2024-09-12" for each series: where it came from and its dates, never a path. */
export function dataLines(data: Pick<CollectedData, 'series' | 'from'>): string[] {
	return Object.entries(data.series).map(([symbol, csv]) => originLabel(symbol, data.from[symbol], csvDateSpan(csv)));
}

/** loadTable('holdings') reads holdings.csv: one key per file. */
function tableFile(name: string): string {
	return name.replace(/\.csv$/i, '') + '.csv';
}

function unique(names: string[]): string[] {
	return [...new Set(names)];
}
